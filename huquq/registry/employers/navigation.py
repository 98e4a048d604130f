from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    found = [NavItem(reverse("registry:warnings"), _("Employer warnings"),
                     _("Check whether a firm or recruiter is on the warnings list."), home_card=True)]
    if request.user.is_authenticated:
        found.append(NavItem(reverse("registry:employers"), _("Employer register")))
    return found
