from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem

from . import access


def items(request):
    user = request.user
    if not access.can_use_casework(user):
        return []
    out = [NavItem(reverse("cases:list"), _("Cases"), _("Document violations and the help given"), home_card=True)]
    if user.is_superuser or user.role in access.MANAGER_ROLES or user.role == "intake":
        out.append(NavItem(reverse("cases:deadlines"), _("Deadlines this week")))
    if user.is_superuser or user.role in access.SHARED_ROLES:
        out.append(NavItem(reverse("cases:referrals"), _("Referrals")))
    return out
