from django.urls import reverse
from django.utils.translation import gettext as _

from huquq.navigation import NavItem

from . import access


def items(request):
    user = request.user
    if not access.can_see_scorecards(user):
        return []
    return [NavItem(reverse("monitoring:index"), _("Monitoring"),
                    _("Visits to consulates and migration offices, questionnaires and office scorecards"),
                    home_card=True)]
