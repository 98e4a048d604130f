"""How long a person may still stay: days present counted under the stay limit in force on each day.

A stay limit is a rule with `limit: {days: N, per: W}` where W is a number of days (a rolling window: "90 in
any 180"), `calendar_year` ("90 per calendar year") or `entry` ("30 days per entry", counted from the last
entry). A person is present on every day of each earlier stay (entry and exit days included) and on every
day from the current entry on. The last legal day is the day before the first day on which any limit in
force that day is exceeded.

Days are day ordinals (`date.toordinal()`) throughout, so the functions are plain integer arithmetic. The
search jumps over days that cannot break a limit (each limit's count rises by at most one a day), so a
normal stay takes a handful of steps; tests compare it with a day-by-day count.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

PER_YEAR = "calendar_year"
PER_ENTRY = "entry"
HORIZON_DAYS = 3 * 366  # look no further ahead than this for the day a limit bites


@dataclass(frozen=True)
class Regime:
    """One limit and the day-ordinal intervals in which it is in force (for this person)."""

    days: int
    per: int | str  # window length in days, PER_YEAR or PER_ENTRY
    intervals: tuple[tuple[int, int], ...]

    def in_force(self, day: int) -> bool:
        for a, b in self.intervals:
            if a <= day <= b:
                return True
        return False


def _overlap(past: tuple[tuple[int, int], ...], lo: int, hi: int) -> int:
    n = 0
    for a, b in past:
        if b < lo or a > hi:
            continue
        n += min(b, hi) - max(a, lo) + 1
    return n


def _jan1(day: int) -> int:
    return date(date.fromordinal(day).year, 1, 1).toordinal()


def count(regime: Regime, day: int, entry: int, past: tuple[tuple[int, int], ...]) -> int:
    """Days present that the limit counts on `day` (the person is present from `entry` on)."""
    if regime.per == PER_ENTRY:
        return day - entry + 1
    lo = _jan1(day) if regime.per == PER_YEAR else day - int(regime.per) + 1
    return _overlap(past, lo, min(day, entry - 1)) + (day - max(entry, lo) + 1 if day >= max(entry, lo) else 0)


def _slack(regime: Regime, day: int, used: int, past: tuple[tuple[int, int], ...], entry: int) -> int:
    """Days after `day` that surely keep this limit (while it stays in force)."""
    spare = regime.days - used
    if isinstance(regime.per, int):
        start = day - regime.per + 1  # days leaving the window first; a run of present ones lets us go further
        if start >= entry:
            return spare
        for a, b in past:
            if a <= start <= b:
                return spare + (b - start + 1)
    return spare


def last_legal_day(entry: int, past: tuple[tuple[int, int], ...], regimes: list[Regime],
                   horizon: int | None = None) -> int | None:
    """Ordinal of the last day of lawful stay from `entry`, or None when no limit bites before `horizon`.

    `past` holds earlier stays (first day, last day), sorted, each ending before `entry`."""
    horizon = horizon if horizon is not None else entry + HORIZON_DAYS
    changes = sorted({p for r in regimes for a, b in r.intervals for p in (a, b + 1)})
    day = entry
    while day <= horizon:
        active = [r for r in regimes if r.in_force(day)]
        nxt = changes[bisect_right(changes, day)] if bisect_right(changes, day) < len(changes) else None
        if not active:
            if nxt is None:
                return None
            day = nxt
            continue
        step = HORIZON_DAYS
        for r in active:
            used = count(r, day, entry, past)
            if used > r.days:
                return day - 1
            step = min(step, _slack(r, day, used, past, entry))
        day = day + step + 1 if nxt is None else min(day + step + 1, nxt)
    return None


def brute_last_legal_day(entry: int, past: tuple[tuple[int, int], ...], regimes: list[Regime],
                         horizon: int | None = None) -> int | None:
    """The same answer, counted day by day from a set of days present (for tests)."""
    horizon = horizon if horizon is not None else entry + HORIZON_DAYS
    present = {d for a, b in past for d in range(a, b + 1)}
    for day in range(entry, horizon + 1):
        present.add(day)
        for r in regimes:
            if not r.in_force(day):
                continue
            if r.per == PER_ENTRY:
                used = day - entry + 1
            else:
                lo = _jan1(day) if r.per == PER_YEAR else day - int(r.per) + 1
                used = sum(1 for d in range(lo, day + 1) if d in present)
            if used > r.days:
                return day - 1
    return None
