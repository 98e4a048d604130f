"""Compensation for late payment of wages under Russian Labour Code Art. 236, from a dated, sourced table of
the Bank of Russia's key rate (``data/key_rates.yaml``).

Art. 236, part 1 (edition of Federal Law of 30 January 2024 No. 3-FZ, text as published by Garant,
https://base.garant.ru/12125268/0d0e07f3f4a3036c7471a8ad6bcc9535/): the employer must pay the sums "с уплатой
процентов (денежной компенсации) в размере не ниже одной сто пятидесятой действующей в это время ключевой
ставки Центрального банка Российской Федерации от начисленных, но не выплаченных в срок сумм ... за каждый
день задержки начиная со следующего дня после установленного срока выплаты по день фактического расчета
включительно".

So the minimum is: sum over each day of delay (from the day after the due date to the day of payment,
inclusive) of amount × key rate in force that day / 150. The collective or employment contract may set more;
this computes the legal minimum only. Partial payments during the delay are not modelled: the amount is what
stayed unpaid for the whole period.

Plain Python (no Django import). A day the table does not cover is never guessed: the calculation is
refused with the span the table covers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import yaml

TABLE = Path(__file__).parent / "data" / "key_rates.yaml"
ARTICLE_236 = ("в размере не ниже одной сто пятидесятой действующей в это время ключевой ставки Центрального "
               "банка Российской Федерации от начисленных, но не выплаченных в срок сумм ... за каждый день "
               "задержки начиная со следующего дня после установленного срока выплаты по день фактического "
               "расчета включительно")
ARTICLE_236_SOURCE = "https://base.garant.ru/12125268/0d0e07f3f4a3036c7471a8ad6bcc9535/"
CENT = Decimal("0.01")
DIVISOR = Decimal(150)


class NotCovered(ValueError):
    """Some day of the delay lies outside the span the key-rate table covers."""

    def __init__(self, first: datetime.date, last: datetime.date, covered_from: datetime.date,
                 covered_until: datetime.date):
        self.first, self.last = first, last
        self.covered_from, self.covered_until = covered_from, covered_until
        super().__init__(f"the key-rate table covers {covered_from}..{covered_until}, not {first}..{last}")


@dataclass(frozen=True)
class Decision:
    decided_on: datetime.date
    effective_from: datetime.date
    rate: Decimal
    url: str
    title: str
    quote: str


@dataclass(frozen=True)
class Table:
    covered_from: datetime.date
    covered_until: datetime.date
    decisions: tuple[Decision, ...]

    def rate_on(self, day: datetime.date) -> Decision:
        if not self.covered_from <= day <= self.covered_until:
            raise NotCovered(day, day, self.covered_from, self.covered_until)
        current = None
        for decision in self.decisions:
            if decision.effective_from <= day:
                current = decision
        if current is None:  # validated on load: the first decision takes effect on covered_from
            raise NotCovered(day, day, self.covered_from, self.covered_until)
        return current


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def parse(data: dict) -> Table:
    """Validate and build the table: every decision dated, with a rate, an address and a quote; in date
    order; the first one in force on the first covered day."""
    decisions = []
    for row in data["decisions"]:
        source = row.get("source") or {}
        if not (source.get("url", "").startswith(("https://", "http://")) and source.get("quote")
                and source.get("title")):
            raise ValueError(f"key rate decision of {row.get('decided_on')} has no cited source")
        decision = Decision(_date(row["decided_on"]), _date(row["effective_from"]), Decimal(str(row["rate"])),
                            source["url"], source["title"], source["quote"])
        if decision.effective_from < decision.decided_on or not Decimal(0) <= decision.rate < Decimal(100):
            raise ValueError(f"key rate decision of {decision.decided_on} is inconsistent")
        decisions.append(decision)
    if [d.effective_from for d in decisions] != sorted({d.effective_from for d in decisions}):
        raise ValueError("key rate decisions must be in date order, one per effective date")
    table = Table(_date(data["covered_from"]), _date(data["covered_until"]), tuple(decisions))
    if not decisions or decisions[0].effective_from > table.covered_from:
        raise ValueError("the first key rate decision must be in force on covered_from")
    if decisions[-1].effective_from > table.covered_until:
        raise ValueError("covered_until is before the last decision takes effect")
    return table


@lru_cache(maxsize=1)
def table() -> Table:
    with TABLE.open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    days: int
    rate: Decimal
    amount: Decimal  # unrounded
    decision: Decision


@dataclass(frozen=True)
class Compensation:
    principal: Decimal
    first_day: datetime.date
    last_day: datetime.date
    days: int
    periods: tuple[Period, ...]
    amount: Decimal  # rounded to kopecks


def compensation(principal, due_on: datetime.date, paid_on: datetime.date, rates: Table | None = None
                 ) -> Compensation:
    """The Art. 236 minimum for `principal` due on `due_on` and paid (or counted) on `paid_on`: delay days run
    from the day after `due_on` to `paid_on` inclusive. Raises NotCovered if any of those days is outside
    the table; ValueError for a negative amount. No delay gives zero."""
    rates = rates or table()
    principal = Decimal(str(principal))
    if principal < 0:
        raise ValueError("the amount cannot be negative")
    first, last = due_on + datetime.timedelta(days=1), paid_on
    if last < first:
        return Compensation(principal, first, last, 0, (), Decimal("0.00"))
    if first < rates.covered_from or last > rates.covered_until:
        raise NotCovered(first, last, rates.covered_from, rates.covered_until)
    periods: list[Period] = []
    day = first
    while day <= last:
        decision = rates.rate_on(day)
        later = [d.effective_from for d in rates.decisions if d.effective_from > day]
        end = min(last, later[0] - datetime.timedelta(days=1)) if later else last
        days = (end - day).days + 1
        if periods and periods[-1].rate == decision.rate:  # a decision that kept the rate: one period
            prev = periods.pop()
            day, days = prev.start, days + prev.days
            decision = prev.decision
        amount = principal * decision.rate / Decimal(100) / DIVISOR * days
        periods.append(Period(day, end, days, decision.rate, amount, decision))
        day = end + datetime.timedelta(days=1)
    total = sum((p.amount for p in periods), Decimal(0)).quantize(CENT, ROUND_HALF_UP)
    return Compensation(principal, first, last, (last - first).days + 1, tuple(periods), total)
