"""Each organisation works in its own time zone (docs/architecture.md, "Time zones").

Dates stored without a time (deadlines, consent validity) are calendar dates of the organisation's place;
"today" for them is today in the organisation's zone, not in UTC: at 01:30 in Bishkek it is still
yesterday in UTC, so a deadline due today would otherwise look a day away, and a consent that ended
yesterday would still look valid. `OrganisationTimeZoneMiddleware` activates the zone for every request
of a staff member, so `timezone.localdate()` and the templates' times use it; work outside a request
(the daily reminder e-mails) asks `local_today(organisation)`.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT = "Europe/Moscow"

# The zones of the countries Huquq's organisations work in (IANA names), west to east.
TIME_ZONES = [
    ("Europe/Kaliningrad", _("Kaliningrad")),
    ("Europe/Moscow", _("Moscow")),
    ("Europe/Samara", _("Samara")),
    ("Asia/Yekaterinburg", _("Yekaterinburg")),
    ("Asia/Tashkent", _("Tashkent")),
    ("Asia/Dushanbe", _("Dushanbe")),
    ("Asia/Almaty", _("Almaty")),
    ("Asia/Bishkek", _("Bishkek")),
    ("Asia/Omsk", _("Omsk")),
    ("Asia/Novosibirsk", _("Novosibirsk")),
    ("Asia/Krasnoyarsk", _("Krasnoyarsk")),
    ("Asia/Irkutsk", _("Irkutsk")),
    ("Asia/Yakutsk", _("Yakutsk")),
    ("Asia/Vladivostok", _("Vladivostok")),
    ("UTC", "UTC"),
]
ZONE_NAMES = {name for name, _label in TIME_ZONES}

# The zone an organisation gets from its country when none was chosen (the capital's zone).
BY_COUNTRY = {"RU": "Europe/Moscow", "KG": "Asia/Bishkek", "TJ": "Asia/Dushanbe", "UZ": "Asia/Tashkent",
              "KZ": "Asia/Almaty"}


def zone_for_country(country: str) -> str:
    return BY_COUNTRY.get((country or "").upper(), DEFAULT)


def zone_of(organisation) -> ZoneInfo:
    name = getattr(organisation, "time_zone", "") or DEFAULT
    return ZoneInfo(name if name in ZONE_NAMES else DEFAULT)


def local_today(organisation, now: dt.datetime | None = None) -> dt.date:
    """Today's date at the organisation's place."""
    return timezone.localtime(now or timezone.now(), zone_of(organisation)).date()


class OrganisationTimeZoneMiddleware:
    """For a logged-in member of an organisation, dates and times of the request are in its zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        organisation_id = getattr(user, "organisation_id", None) if getattr(user, "is_authenticated", False) else None
        if organisation_id is not None:
            timezone.activate(zone_of(user.organisation))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
