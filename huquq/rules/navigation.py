from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    out = [NavItem(reverse("rules:status"), _("Know your status"),
                   _("What you must do and by when, your rights and risks — each with its source and date."),
                   home_card=True)]
    user = request.user
    if user.is_authenticated and (user.is_superuser or user.has_role("lawyer", "org_admin")):
        out.append(NavItem(reverse("rules:changes"), _("Rule changes")))
    return out
