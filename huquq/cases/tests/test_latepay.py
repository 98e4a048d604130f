"""Compensation for late payment (Russian Labour Code Art. 236): 1/150 of the key rate per day of delay,
from the day after the due date to the day of payment inclusive. Expected values computed by hand."""

import datetime
from decimal import Decimal

import pytest

from huquq.cases import latepay

D = datetime.date


def test_two_rates_in_one_delay():
    # 30 000 due 20 Oct 2025, paid 31 Oct: 21-26 Oct (6 days) at 17 %, 27-31 Oct (5 days) at 16.5 %
    # 30000 × (6 × 0.17 + 5 × 0.165) / 150 = 200 × 1.845 = 369.00
    result = latepay.compensation(30000, D(2025, 10, 20), D(2025, 10, 31))
    assert result.amount == Decimal("369.00")
    assert result.days == 11
    assert [(p.start, p.end, p.days, p.rate) for p in result.periods] == [
        (D(2025, 10, 21), D(2025, 10, 26), 6, Decimal("17.00")),
        (D(2025, 10, 27), D(2025, 10, 31), 5, Decimal("16.50"))]
    assert result.periods[1].decision.decided_on == D(2025, 10, 24)


def test_rounding_to_kopecks():
    # 50 000 due 15 Dec 2025, paid 31 Dec: 16-21 Dec (6 days) at 16.5 %, 22-31 Dec (10 days) at 16 %
    # 50000 × (0.99 + 1.6) / 150 = 863.333… -> 863.33
    assert latepay.compensation(Decimal("50000"), D(2025, 12, 15), D(2025, 12, 31)).amount == Decimal("863.33")


def test_a_decision_that_kept_the_rate_does_not_split_the_period():
    # 10 000 due 20 Apr 2025, paid 30 Apr: 10 days at 21 % (kept on 25 Apr) = 10000 × 0.21 × 10 / 150 = 140.00
    result = latepay.compensation(10000, D(2025, 4, 20), D(2025, 4, 30))
    assert result.amount == Decimal("140.00")
    assert len(result.periods) == 1 and result.periods[0].days == 10


def test_paid_on_time_gives_nothing():
    assert latepay.compensation(10000, D(2025, 4, 20), D(2025, 4, 20)).amount == Decimal("0.00")


@pytest.mark.parametrize(("due", "paid"), [(D(2024, 10, 1), D(2024, 11, 1)), (D(2026, 2, 10), D(2026, 3, 1))])
def test_refuses_days_the_table_does_not_cover(due, paid):
    with pytest.raises(latepay.NotCovered) as exc:
        latepay.compensation(10000, due, paid)
    assert exc.value.covered_from == D(2024, 10, 28) and exc.value.covered_until == D(2026, 2, 16)


def test_every_decision_in_the_table_is_dated_and_cited():
    table = latepay.table()
    assert table.decisions and table.decisions[0].effective_from == table.covered_from
    for d in table.decisions:
        assert d.url.startswith(("https://", "http://")) and d.quote and d.title
        assert d.effective_from > d.decided_on  # a decision applies from the next working day
        assert d.effective_from.weekday() == 0  # every decision here was on a Friday


def test_a_decision_without_a_source_is_refused():
    data = {"covered_from": "2025-01-01", "covered_until": "2025-02-01",
            "decisions": [{"decided_on": "2024-12-20", "effective_from": "2024-12-23", "rate": "21", "source": {}}]}
    with pytest.raises(ValueError, match="no cited source"):
        latepay.parse(data)


def test_coverage_must_start_with_a_decision_in_force():
    source = {"url": "https://example.org/x", "title": "t", "quote": "q"}
    data = {"covered_from": "2025-01-01", "covered_until": "2025-02-01",
            "decisions": [{"decided_on": "2025-01-10", "effective_from": "2025-01-13", "rate": "21",
                           "source": source}]}
    with pytest.raises(ValueError, match="covered_from"):
        latepay.parse(data)
