from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    found = [NavItem(reverse("registry:help"), _("Find help"),
                     _("Organisations that help migrants: where, with what, in which language."), home_card=True)]
    user = request.user
    if user.is_authenticated and getattr(user, "is_org_admin", False):
        found.append(NavItem(reverse("registry:help_mine"), _("Our directory entry")))
    return found
