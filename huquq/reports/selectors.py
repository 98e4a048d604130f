"""Reads of the reports app: reference statistics as tables and as side-by-side comparisons."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from .models import Indicator, Observation, ReferenceTable


def reference_tables():
    return ReferenceTable.objects.all()


@dataclass
class Grid:
    columns: list[str]
    rows: list[tuple[str, list[Observation | None]]]


def table_grid(table: ReferenceTable) -> Grid | None:
    """The table as printed (rows × columns), or None for a list of headline figures."""
    observations = list(table.observations.select_related("indicator"))
    if not observations or not all(o.row_label for o in observations):
        return None
    columns = list(OrderedDict.fromkeys(o.column_label for o in observations))
    rows: OrderedDict[str, list] = OrderedDict()
    for o in observations:
        rows.setdefault(o.row_label, [None] * len(columns))[columns.index(o.column_label)] = o
    return Grid(columns, list(rows.items()))


@dataclass
class Comparison:
    """All published estimates of one quantity (same indicator, period, geography and breakdown)."""

    key: str
    observations: list[Observation]

    @property
    def first(self) -> Observation:
        return self.observations[0]

    @property
    def disagrees(self) -> bool:
        return len({(o.value, o.value_high) for o in self.observations}) > 1


def comparisons(indicator: Indicator | None = None, only_conflicts: bool = False) -> list[Comparison]:
    qs = Observation.objects.select_related("indicator", "table").order_by(
        "indicator__code", "geography", "period_start", "comparable_key", "table__position", "position")
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    groups: OrderedDict[str, list[Observation]] = OrderedDict()
    for o in qs:
        groups.setdefault(o.comparable_key, []).append(o)
    result = [Comparison(key, obs) for key, obs in groups.items()]
    if only_conflicts:
        result = [c for c in result if c.disagrees]
    return result


def indicators_with_counts():
    from django.db.models import Count

    return Indicator.objects.annotate(n=Count("observations")).order_by("code")
