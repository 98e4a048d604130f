"""The stay calculator against a day-by-day count (hypothesis), and the worked examples of the issue."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.rules.engine.stay import PER_ENTRY, PER_YEAR, Regime, brute_last_legal_day, last_legal_day

BASE = date(2024, 1, 1).toordinal()
FOREVER = ((1, date(9000, 1, 1).toordinal()),)


def _regime(days, per, intervals=FOREVER):
    return Regime(days=days, per=per, intervals=intervals)


@st.composite
def histories(draw):
    """An entry day, earlier stays before it, and 1-3 limits, each in force in a random interval."""
    cursor = BASE
    past = []
    for _ in range(draw(st.integers(0, 4))):
        start = cursor + draw(st.integers(1, 120))
        end = start + draw(st.integers(0, 100))
        past.append((start, end))
        cursor = end
    entry = cursor + draw(st.integers(1, 60))
    regimes = []
    for _ in range(draw(st.integers(1, 3))):
        per = draw(st.sampled_from([180, PER_YEAR, PER_ENTRY, 60]))
        days = draw(st.integers(5, 120))
        if draw(st.booleans()):
            a = BASE + draw(st.integers(0, 900))
            intervals = ((a, a + draw(st.integers(0, 500))),)
        else:
            intervals = FOREVER
        regimes.append(Regime(days=days, per=per, intervals=intervals))
    return entry, tuple(past), regimes


@settings(max_examples=400, deadline=None)
@given(histories())
def test_matches_day_by_day_count(case):
    entry, past, regimes = case
    horizon = entry + 500
    assert last_legal_day(entry, past, regimes, horizon) == brute_last_legal_day(entry, past, regimes, horizon)


def test_90_in_180_without_earlier_stays():
    entry = date(2024, 3, 1).toordinal()
    assert date.fromordinal(last_legal_day(entry, (), [_regime(90, 180)])) == date(2024, 5, 29)


def test_90_in_180_counts_an_earlier_stay():
    entry = date(2024, 6, 1).toordinal()
    past = ((date(2024, 3, 1).toordinal(), date(2024, 3, 30).toordinal()),)  # 30 days
    # 30 days used in March: 60 left from 1 June, so 30 July is the last day (March is still in the window)
    got = date.fromordinal(last_legal_day(entry, past, [_regime(90, 180)]))
    assert got == date.fromordinal(brute_last_legal_day(entry, past, [_regime(90, 180)]))
    assert got == date(2024, 7, 30)


def test_calendar_year_limit_and_the_issue_example():
    """An Uzbek without work who entered on 2026-01-10 may stay 90 days: the last legal day is 9 April."""
    entry = date(2026, 1, 10).toordinal()
    assert date.fromordinal(last_legal_day(entry, (), [_regime(90, PER_YEAR)])) == date(2026, 4, 9)


def test_30_per_entry():
    entry = date(2023, 3, 1).toordinal()
    assert date.fromordinal(last_legal_day(entry, (), [_regime(30, PER_ENTRY), _regime(90, 180)])) == \
        date(2023, 3, 30)


def test_regime_change_mid_stay():
    """90 in 180 until 2024-12-31, then 90 per calendar year: days of 2024 do not count in 2025."""
    old = _regime(90, 180, ((1, date(2024, 12, 31).toordinal()),))
    new = _regime(90, PER_YEAR, ((date(2025, 1, 1).toordinal(), FOREVER[0][1]),))
    entry = date(2024, 11, 1).toordinal()
    got = last_legal_day(entry, (), [old, new])
    assert got == brute_last_legal_day(entry, (), [old, new])
    assert date.fromordinal(got) == date(2025, 3, 31)  # the 61 days of 2024 do not count in 2025


def test_no_limit_in_force_gives_none():
    assert last_legal_day(BASE, (), [_regime(90, 180, ((1, 2),))]) is None
