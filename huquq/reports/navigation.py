from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    return [NavItem(reverse("reports:index"), _("Statistics"),
                    _("Sourced figures on labour migration and, for staff, case statistics."), home_card=True)]
