"""Reads of the reports app: reference statistics as tables and as side-by-side comparisons."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Observation, ReferenceTable


def reference_tables() -> QuerySet[ReferenceTable]:
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


def indicators_with_counts() -> QuerySet[Indicator]:
    from django.db.models import Count

    return Indicator.objects.annotate(n=Count("observations")).order_by("code")


def format_value(value) -> str:
    """A stored Decimal without trailing zeros or exponent: 124.9000 → '124.9', 1755781.0000 → '1755781'."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def observation_label(o: Observation) -> str:
    parts = [o.indicator.name]
    details = [place_label(str(v)) for v in o.breakdown.values()]
    if details:
        parts.append(", ".join(details))
    return f"{' — '.join(parts)} ({place_label(o.geography)}, {period_years(o)})"


EXPORT_HEADER = ["table", "indicator", "value", "value_high", "qualifier", "unit", "period", "period_start",
                 "period_end", "geography", "breakdown", "row", "column", "seed_file", "quote", "publisher",
                 "reliability"]


def observation_export_rows(observations) -> list[list]:
    import json

    rows = [EXPORT_HEADER]
    for o in observations:
        rows.append([
            o.table.code, o.indicator.code, o.value.normalize() if o.value is not None else "",
            o.value_high.normalize() if o.value_high is not None else "", o.qualifier, o.unit, o.period_label,
            o.period_start.isoformat(), o.period_end.isoformat(), o.geography,
            json.dumps(o.breakdown, ensure_ascii=False, sort_keys=True), o.row_label, o.column_label, o.seed_file,
            o.quote, o.publisher, o.reliability,
        ])
    return rows


def reference_chart_svg(table: ReferenceTable) -> str:
    """A chart of the table: lines over years for a year-by-year table, bars otherwise."""
    from collections import Counter

    from . import charts

    grid = table_grid(table)
    if grid is not None:
        body = [(label, cells) for label, cells in grid.rows if label.lower() != "total"]
        first = next(c for _label, cells in grid.rows for c in cells if c is not None)
        same = [j for j in range(len(grid.columns))
                if any(cells[j] is not None and cells[j].unit == first.unit  # type: ignore[union-attr]  # not None
                       for _l, cells in body)]
        years = [j for j in same if grid.columns[j].isdigit() and len(grid.columns[j]) == 4]
        if len(years) >= 3:
            ranked = sorted(body, key=lambda item: -float(item[1][years[-1]].value  # type: ignore[union-attr]
                                                          if item[1][years[-1]] else 0))[:8]  # (tested: not None)
            series = {label: [float(cells[j].value) if cells[j] else None  # type: ignore[union-attr]  # tested
                              for j in years] for label, cells in ranked}
            return charts.line_chart_svg([grid.columns[j] for j in years], series, table.title, unit_label(first.unit))
        series = {grid.columns[j]: [float(cells[j].value) if cells[j] else None  # type: ignore[union-attr]  # tested
                                    for _l, cells in body] for j in same}
        return charts.bar_chart_svg([label for label, _c in body], series, table.title, unit_label(first.unit))
    observations = list(table.observations.select_related("indicator"))
    if not observations:
        return ""
    unit = Counter(o.unit for o in observations).most_common(1)[0][0]
    chosen = [o for o in observations if o.unit == unit]
    return charts.bar_chart_svg([observation_label(o) for o in chosen],
                                {unit_label(unit): [float(o.value) for o in chosen]}, table.title, unit_label(unit))


_UNITS = {
    "persons": _("persons"),
    "thousand persons": _("thousand persons"),
    "million persons": _("million persons"),
    "%": "%",
    # xgettext:no-python-format
    "% of respondents": _("% of respondents"),
    # xgettext:no-python-format
    "% of GDP": _("% of GDP"),
    # xgettext:no-python-format
    "% of migrant workers": _("% of migrant workers"),
    # xgettext:no-python-format
    "% of households": _("% of households"),
    # xgettext:no-python-format
    "% of migrants": _("% of migrants"),
    # xgettext:no-python-format
    "% of population": _("% of population"),
    "million USD": _("million USD"),
    "respondents": _("respondents"),
    "thousand crimes": _("thousand crimes"),
    "million RUB": _("million RUB"),
    "USD": _("USD"),
    "meetings": _("meetings"),
    "permits": _("permits"),
    "patents": _("patents"),
    "items": _("items"),
    "RUB": _("RUB"),
    # xgettext:no-python-format
    "% of remittances": _("% of remittances"),
    # xgettext:no-python-format
    "% of complaints": _("% of complaints"),
    # xgettext:no-python-format
    "% of children": _("% of children"),
    # xgettext:no-python-format
    "% of prisoners": _("% of prisoners"),
}
_QUALIFIERS = {
    "about": _("about"), "almost": _("almost"), "approximately": _("approximately"), "more than": _("more than"),
    "up to": _("up to"), "nearly": _("nearly"), "around": _("around"), "at least": _("at least"), "roughly": _("roughly"),
}


_BREAKDOWN_KEYS = {
    "sex": _("sex"), "citizenship": _("citizenship"), "works_in": _("works in"), "destination": _("destination"),
    "origin": _("origin"), "channel": _("how work was found"), "problem": _("problem"), "sector": _("sector"),
    "receives": _("receives"), "members_abroad": _("household members abroad"), "occupation": _("occupation"),
    "provider": _("help from"), "group": _("group"), "assistance": _("assistance"),
}
_BREAKDOWN_VALUES = {
    "all": _("all"), "female": _("women"), "male": _("men"), "no": _("no"),
    "formal_recruitment": _("formal recruitment"), "friends_or_acquaintances": _("friends or acquaintances"),
    "own_job_placements": _("on their own, through job placements"), "relatives": _("relatives"),
    "no_salary": _("no salary at all"), "no_written_agreement": _("no written work agreement"),
    "passport_taken": _("passport taken away"), "prohibited_from_leaving_workplace": _("not allowed to leave the workplace"),
    "wage_delays": _("wage delays"), "education": _("education"), "health": _("health care"),
    "construction": _("construction"), "craftsmen": _("craftsmen"), "drivers": _("drivers"), "laborers": _("labourers"),
    "shop_or_office": _("shop or office"), "diaspora_organisations": _("diaspora organisations"),
    "networks_or_diaspora": _("informal networks or diaspora"), "children": _("children"), "women": _("women"),
    "central_asia": _("Central Asia"), "central_asian_neighbours": _("neighbouring Central Asian countries"),
    "CIS": _("CIS countries"), "abroad": _("abroad"), "KG+KZ+TJ+UZ": _("Kyrgyzstan, Kazakhstan, Tajikistan, Uzbekistan"),
}


def place_label(code: str) -> str:
    """A country code as its name in the page's language (CLDR), a named area translated, else as given."""
    from babel import Locale

    from huquq.languages.formatting import babel_locale

    if code in _BREAKDOWN_VALUES:
        return str(_BREAKDOWN_VALUES[code])
    if isinstance(code, str) and len(code) == 2 and code.isupper():
        return Locale.parse(babel_locale()).territories.get(code, code)
    return str(code)


def breakdown_label(breakdown: dict) -> str:
    """{"sex": "male", "citizenship": "KG"} → «пол: мужчины, гражданство: Киргизия» on /ru/."""
    return ", ".join(f"{_BREAKDOWN_KEYS.get(k, k)}: {place_label(str(v))}" for k, v in (breakdown or {}).items())


def period_years(o: Observation) -> str:
    """The period as years only ("2016", "2005–2007"): the same in every language; the source's own
    description of the period is in `period_label`."""
    first, last = o.period_start.year, o.period_end.year
    return str(first) if first == last else f"{first}–{last}"


def unit_label(unit: str) -> str:
    return str(_UNITS.get(unit, unit))


def qualifier_label(qualifier: str) -> str:
    return str(_QUALIFIERS.get(qualifier, qualifier))
