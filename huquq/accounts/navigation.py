from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    user = request.user
    found = []
    if user.is_authenticated and user.is_org_admin and user.organisation_id:
        found.append(NavItem(reverse("accounts:staff"), _("Staff")))
    if user.is_authenticated and (user.is_superuser or user.is_org_admin):
        found.append(NavItem(reverse("accounts:audit_log"), _("Audit log")))
    return found
