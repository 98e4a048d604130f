from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    user = request.user
    if user.is_authenticated and (user.is_superuser or user.is_org_admin):
        return [NavItem(reverse("accounts:audit_log"), _("Audit log"))]
    return []
