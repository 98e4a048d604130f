from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem


def items(request):
    user = request.user
    if not (user.is_authenticated and user.organisation_id):
        return []
    return [NavItem(reverse("channels:calendar"), _("My deadline calendar"))]
