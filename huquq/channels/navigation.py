from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    out = [NavItem(reverse("channels:contract_check"), _("Check a contract"),
                   _("Before you sign, pay or leave: what your labour contract must say, and whether the "
                     "recruiter is on the warnings list."), home_card=True)]
    user = request.user
    if user.is_authenticated and user.organisation_id:
        out.append(NavItem(reverse("channels:calendar"), _("My deadline calendar")))
    return out
