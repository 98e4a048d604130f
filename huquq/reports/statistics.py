"""The one query layer for case statistics: the pages, the CSV/XLSX exports and the shadow report all
call these functions, so they show the same numbers.

Input is any Django queryset whose rows have the violation-fact fields (counting runs in the database as
one GROUP BY with COUNT) or a plain list of dicts (counted in Python, for tests). Output is a
`CaseTable` whose cells are already suppressed (see suppression.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .suppression import THRESHOLD, SuppressedTable, suppress


def _field_names(qs: QuerySet) -> set[str]:
    """The columns a (values) queryset of facts offers."""
    names = {f.attname for f in qs.model._meta.concrete_fields} | {f.name for f in qs.model._meta.concrete_fields}
    names |= set(qs.query.annotations)
    if qs.query.values_select:
        names |= set(qs.query.values_select)
    return names


DIMENSIONS = {
    "violation_type": _("Violation type"),
    "sex": _("Sex"),
    "age_group": _("Age group"),
    "citizenship": _("Citizenship"),
    "host_country": _("Country of work"),
    "host_region": _("Region of work"),
    "year": _("Year"),
    "perpetrator_kind": _("Perpetrator"),
}
CUBE_DIMENSIONS = ["violation_type", "sex", "age_group", "citizenship", "host_region", "year", "perpetrator_kind"]

# The categories the GCM shadow report (seed 002) asks states to count: "wage theft (and other nonpayment or
# underpayment of wages issues), lack of occupational safety and health provisions, discrimination, forced
# overtime, gender based violence and harassment, lack of grievance mechanisms".
SHADOW_CATEGORIES = {
    "wage_theft": _("Wage theft (non-payment or underpayment of wages)"),
    "osh": _("Lack of occupational safety and health provisions"),
    "discrimination": _("Discrimination"),
    "forced_overtime": _("Forced overtime"),
    "gbv_harassment": _("Gender-based violence and harassment"),
    "no_grievance_mechanism": _("Lack of grievance mechanisms"),
    "other": _("Other violations"),
}

SEX_LABELS = {"female": pgettext_lazy("statistics", "Women"), "male": pgettext_lazy("statistics", "Men"),
              "other": pgettext_lazy("statistics", "Other"), "unknown": pgettext_lazy("statistics", "Not recorded")}
COUNTRY_LABELS = {"KG": _("Kyrgyzstan"), "TJ": _("Tajikistan"), "UZ": _("Uzbekistan"), "KZ": _("Kazakhstan"),
                  "RU": _("Russia"), "TM": _("Turkmenistan")}
NOT_RECORDED = pgettext_lazy("statistics", "Not recorded")
SEX_ORDER = ["female", "male", "other", "unknown"]
# The employer register's kinds (registry.employers.models.Employer.Kind) and the state actors, as perpetrators.
PERPETRATOR_LABELS = {"employer": _("Employer"), "intermediary": _("Intermediary"),
                      "recruitment_agency": _("Recruitment agency")}
# GCM Objective 6, "Facilitate fair and ethical recruitment" (seed 002): the violation types of recruitment.
RECRUITMENT_TYPES = ("recruitment_fee", "contract_substitution", "document_confiscation", "no_written_contract")
REMEDY_LABELS = {"wages_recovered": _("Wages recovered"), "ban_lifted": _("Entry ban lifted")}
EXTRA_DIMENSIONS = {"remedy": _("Remedy obtained"), "shadow_category": _("Category of violation")}


@lru_cache(maxsize=1)
def _vocabulary_shadow_map() -> dict[str, str]:
    try:
        from huquq.cases.vocab import shadow_category_map
    except ImportError:
        return {}
    return shadow_category_map()


def _vocabulary_label(violation_type: str) -> str:
    """The casework vocabulary's label in the active language, when the casework app is installed."""
    try:
        from huquq.cases.vocab import violation_types
    except ImportError:
        return ""
    term = violation_types().get(violation_type)
    return term.label if term else ""


def _perpetrator_label(value: str) -> str:
    """The casework label of a kind of employer or of a state actor, in the active language."""
    try:
        from huquq.cases.models import StateActor
        from huquq.registry.employers.models import Employer
    except ImportError:
        return ""
    for choices in (Employer.Kind, StateActor):
        if value in choices.values:
            return str(choices(value).label)
    return ""


def shadow_category(violation_type: str | None) -> str:
    """Map a casework violation type to a shadow-report category: settings.REPORTS_SHADOW_CATEGORY_MAP first,
    then the casework vocabulary's own `shadow_category` for the term."""
    configured = getattr(settings, "REPORTS_SHADOW_CATEGORY_MAP", {})
    if violation_type in configured:
        return configured[violation_type]
    vocabulary = _vocabulary_shadow_map()
    if violation_type in vocabulary:
        return vocabulary[violation_type]
    return violation_type if violation_type in SHADOW_CATEGORIES else "other"


def label(dimension: str, value) -> str:
    if value is None or value == "":
        return str(NOT_RECORDED)
    if dimension == "sex":
        return str(SEX_LABELS.get(value, value))
    if dimension in ("citizenship", "host_country"):
        return str(COUNTRY_LABELS.get(value, value))
    if dimension in ("violation_type", "shadow_category") and value in SHADOW_CATEGORIES:
        return str(SHADOW_CATEGORIES[value])
    if dimension == "violation_type":
        vocabulary_label = _vocabulary_label(value)
        if vocabulary_label:
            return vocabulary_label
    if dimension == "perpetrator_kind" and _perpetrator_label(value):
        return _perpetrator_label(value)
    if dimension == "remedy":
        return str(REMEDY_LABELS.get(value, value))
    if dimension == "perpetrator_kind" and value in PERPETRATOR_LABELS:
        return str(PERPETRATOR_LABELS[value])
    return str(value).replace("_", " ").capitalize() if isinstance(value, str) else str(value)


def _sort_key(dimension: str, value):
    if value is None or value == "":
        return (2, "")
    if dimension == "sex" and value in SEX_ORDER:
        return (0, SEX_ORDER.index(value))
    if dimension == "shadow_category" and value in SHADOW_CATEGORIES:
        return (0, list(SHADOW_CATEGORIES).index(value))
    return (1, str(value))


# ------------------------------------------------------------------------------------------- filtering

@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    verified_only: bool = False

    def apply(self, facts):
        if isinstance(facts, QuerySet):
            if self.year_from is not None:
                facts = facts.filter(year__gte=self.year_from)
            if self.year_to is not None:
                facts = facts.filter(year__lte=self.year_to)
            if self.verified_only:
                facts = facts.filter(verified=True)
            return facts
        return [row for row in facts
                if (self.year_from is None or (row.get("year") is not None and row["year"] >= self.year_from))
                and (self.year_to is None or (row.get("year") is not None and row["year"] <= self.year_to))
                and (not self.verified_only or row.get("verified"))]


def count_by(facts, dimensions: list[str], filters: Filters | None = None) -> dict[tuple, int]:
    """Number of facts for every combination of `dimensions` that occurs (one GROUP BY for a queryset)."""
    unknown = [d for d in dimensions if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown dimension(s): {', '.join(unknown)}")
    facts = (filters or Filters()).apply(facts)
    if isinstance(facts, QuerySet):
        if not dimensions:
            return {(): facts.count()}
        rows = facts.values_list(*dimensions).annotate(n=Count("*")).order_by()
        connection = connections[facts.db]
        if connection.vendor != "postgresql":
            return {row[:-1]: row[-1] for row in rows}
        sql, params = rows.query.sql_with_params()
        with transaction.atomic(using=facts.db), connection.cursor() as cursor:
            # Enough memory for an in-memory hash aggregate instead of an external sort on disk; the rows
            # (text, integer and boolean dimensions and a count) need no conversion, so fetch them directly.
            cursor.execute("SET LOCAL work_mem = '128MB'")
            cursor.execute("SET LOCAL jit = off")  # compiling costs more than it saves on these scans
            ordered = getattr(facts.model, "GROUP_BY_INDEX", ())
            if len(dimensions) >= 3 and tuple(dimensions) == tuple(ordered[:len(dimensions)]):
                # The table has a covering index in this order (cases.ViolationFact): for a GROUP BY with
                # many cells, reading the index in order and counting each run of equal keys (one process)
                # beats building a hash table of every cell, and beats a parallel sort (2x on the cube).
                for setting in ("enable_hashagg", "enable_sort", "max_parallel_workers_per_gather"):
                    cursor.execute(f"SET LOCAL {setting} = 0")
            raw = cursor.cursor
            if hasattr(raw, "stream"):
                # psycopg 3: receive the rows in chunks while the server is still producing them, so that
                # building the dict here overlaps the aggregation there (0.84 s -> 0.49 s on the cube).
                return {row[:-1]: row[-1] for row in raw.stream(sql, params, size=10_000)}
            cursor.execute(sql, params)
            return {row[:-1]: row[-1] for row in cursor.fetchall()}
    counter = Counter(tuple(row.get(d) for d in dimensions) for row in facts)
    return dict(counter)


# ------------------------------------------------------------------------------------------- tables

@dataclass
class CaseTable:
    """A suppressed count table: rows are combinations of `row_dimensions`, columns values of `column`."""

    row_dimensions: list[str]
    column: str | None
    row_keys: list[tuple]
    column_keys: list
    cells: SuppressedTable
    title: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def column_labels(self) -> list[str]:
        if self.column is None:
            return [str(pgettext_lazy("statistics", "Number"))]
        return [label(self.column, v) for v in self.column_keys]

    @property
    def row_headers(self) -> list[str]:
        return [str(DIMENSIONS.get(d) or EXTRA_DIMENSIONS.get(d, d)) for d in self.row_dimensions]

    @property
    def column_header(self) -> str:
        return str(DIMENSIONS.get(self.column) or EXTRA_DIMENSIONS.get(self.column, self.column)) if self.column else ""

    @property
    def shows_row_totals(self) -> bool:
        return self.cells.publish_row_totals

    @property
    def shows_column_totals(self) -> bool:
        return self.cells.publish_col_totals

    def rows(self) -> list[dict]:
        """Display rows: labels, cell strings ("<5", "x" or the number) and the row total."""
        out = []
        for i, key in enumerate(self.row_keys):
            out.append({
                "labels": [label(d, v) for d, v in zip(self.row_dimensions, key, strict=True)],
                "keys": key,
                "cells": [self.cells.display(("c", i, j)) for j in range(len(self.column_keys))],
                "total": self.cells.display(("r", i)) if self.shows_row_totals else None,
            })
        return out

    def column_totals(self) -> list[str] | None:
        if not self.shows_column_totals:
            return None
        return [self.cells.display(("k", j)) for j in range(len(self.column_keys))]

    def grand_total(self) -> str:
        return self.cells.display(("g",))

    @property
    def shows_total_row(self) -> bool:
        return self.shows_column_totals or self.cells.publish_grand_total

    def matrix(self) -> list[list[str]]:
        """The whole table as strings, header first: what the CSV and XLSX files contain."""
        header = [*self.row_headers, *self.column_labels]
        if self.shows_row_totals:
            header.append(str(_("Total")))
        body = [header]
        for row in self.rows():
            body.append([*row["labels"], *row["cells"], *([row["total"]] if row["total"] is not None else [])])
        total_row = [str(_("Total")), *[""] * (len(self.row_dimensions) - 1)]
        column_totals = self.column_totals()
        total_row += column_totals if column_totals is not None else [""] * len(self.column_keys)
        if self.shows_row_totals:
            total_row.append(self.grand_total())
        elif column_totals is None:
            total_row[-1] = self.grand_total()
        if self.shows_total_row:
            body.append(total_row)
        return body

    @property
    def is_empty(self) -> bool:
        return not self.row_keys


def _keys(counts: dict[tuple, int], position: int, dimension: str) -> list:
    return sorted({key[position] for key in counts}, key=lambda v: _sort_key(dimension, v))


def build_table(counts: dict[tuple, int], row_dimensions: list[str], column: str | None, title: str = "",
                publish_row_totals: bool | None = None, publish_col_totals: bool | None = None,
                all_columns: list | None = None, publish_grand_total: bool = True, exact: bool = False) -> CaseTable:
    """Lay `counts` (keyed by row dimensions + column) out as a table and suppress small cells (unless
    `exact`: see suppression.suppress)."""
    width = len(row_dimensions)
    row_keys = sorted({key[:width] for key in counts},
                      key=lambda k: tuple(_sort_key(d, v) for d, v in zip(row_dimensions, k, strict=True)))
    if column is None:
        column_keys = [None]
        values = [[counts.get(key, 0)] for key in row_keys]
    else:
        column_keys = all_columns if all_columns is not None else _keys(counts, width, column)
        values = [[counts.get((*key, c), 0) for c in column_keys] for key in row_keys]
    cells = suppress(values or [[0]], publish_row_totals, publish_col_totals, publish_grand_total, exact=exact)
    return CaseTable(row_dimensions, column, row_keys, column_keys, cells, title)


def case_table(facts, dimensions: list[str], filters: Filters | None = None, title: str = "",
               exact: bool = False) -> CaseTable:
    """Counts of violations by any subset of DIMENSIONS; the last dimension becomes the columns."""
    if not dimensions:
        raise ValueError("choose at least one dimension")
    counts = count_by(facts, dimensions, filters)
    if len(dimensions) == 1:
        return build_table(counts, dimensions, None, title, exact=exact)
    return build_table(counts, dimensions[:-1], dimensions[-1], title, exact=exact)


def shadow_category_table(facts, filters: Filters | None = None, by: str = "sex", exact: bool = False) -> CaseTable:
    """Violations of labour rights by the shadow report's categories × `by` (sex by default).

    Every category is listed, even with no case, so that a reader sees what was looked for.
    """
    raw = count_by(facts, ["violation_type", by], filters)
    counts: Counter = Counter()
    for (violation_type, other), n in raw.items():
        counts[(shadow_category(violation_type), other)] += n
    columns = sorted({key[1] for key in counts} | ({"female", "male"} if by == "sex" else set()),
                     key=lambda v: _sort_key(by, v))
    for category in SHADOW_CATEGORIES:
        for column in columns:
            counts[(category, column)] += 0
    return build_table(dict(counts), ["shadow_category"], by, all_columns=columns, exact=exact)


def recruitment_table(facts, filters: Filters | None = None) -> CaseTable:
    """GCM Objective 6 (fair and ethical recruitment): the recruitment violation types by the kind of
    perpetrator (employer, intermediary, recruitment agency, or not recorded), suppressed like every table."""
    if isinstance(facts, QuerySet):
        facts = facts.filter(violation_type__in=RECRUITMENT_TYPES)
    else:
        facts = [row for row in facts if row.get("violation_type") in RECRUITMENT_TYPES]
    return case_table(facts, ["violation_type", "perpetrator_kind"], filters)


def cube(facts, filters: Filters | None = None) -> dict[tuple, int]:
    """The full statistics cube: counts by every dimension at once (one GROUP BY over all of them)."""
    return count_by(facts, CUBE_DIMENSIONS, filters)


def marginal(cube_counts: dict[tuple, int], dimensions: list[str]) -> dict[tuple, int]:
    """Any sub-table of the cube, summed in Python: the same counts a direct GROUP BY gives."""
    positions = [CUBE_DIMENSIONS.index(d) for d in dimensions]
    out: dict[tuple, int] = {}
    get = out.get
    for key, n in cube_counts.items():
        sub = tuple([key[p] for p in positions])
        out[sub] = get(sub, 0) + n
    return out


# ------------------------------------------------------------------------------------------- outcomes

@dataclass
class WageLine:
    currency: str
    cases: int
    amount: Decimal | None  # None when the number of cases is below the threshold
    exact: bool = False

    @property
    def cases_display(self) -> str:
        return "<5" if 0 < self.cases < THRESHOLD and not self.exact else str(self.cases)

    @property
    def amount_display(self) -> str:
        return "x" if self.amount is None else f"{self.amount:,.2f}".replace(",", "\u202f")


@dataclass
class Outcomes:
    wages: list[WageLine]
    remedies: CaseTable  # outcome kind × sex, suppressed


def _outcome_filter(facts, filters: Filters | None):
    if filters is None:
        return facts
    if isinstance(facts, QuerySet):
        return Filters(filters.year_from, filters.year_to).apply(facts) if "year" in _field_names(facts) else facts
    if facts and all("year" in row for row in facts):
        return Filters(filters.year_from, filters.year_to).apply(facts)
    return facts


def outcome_summary(facts, filters: Filters | None = None, exact: bool = False) -> Outcomes:
    """Wages recovered by currency (sum shown only from 5 cases, unless `exact`) and remedies obtained, by sex."""
    if not isinstance(facts, QuerySet):
        facts = list(facts)
    facts = _outcome_filter(facts, filters)
    wages: dict[str, list] = {}
    remedy_counts: Counter = Counter()
    if isinstance(facts, QuerySet):
        for row in facts.filter(wages_recovered__gt=0).values("currency").annotate(n=Count("*"), s=Sum("wages_recovered")).order_by():
            wages[row["currency"] or ""] = [row["n"], row["s"]]
        group = ["sex"] if "sex" in _field_names(facts) else []
        for row in facts.filter(wages_recovered__gt=0).values(*group).annotate(n=Count("*")).order_by():
            remedy_counts[("wages_recovered", row.get("sex"))] += row["n"]
        for row in facts.filter(ban_lifted=True).values(*group).annotate(n=Count("*")).order_by():
            remedy_counts[("ban_lifted", row.get("sex"))] += row["n"]
    else:
        for row in facts:
            amount = Decimal(str(row.get("wages_recovered") or 0))
            if amount > 0:
                line = wages.setdefault(row.get("currency") or "", [0, Decimal(0)])
                line[0] += 1
                line[1] += amount
                remedy_counts[("wages_recovered", row.get("sex"))] += 1
            if row.get("ban_lifted"):
                remedy_counts[("ban_lifted", row.get("sex"))] += 1
    wage_lines = [WageLine(currency, n, Decimal(s) if n >= THRESHOLD or exact else None, exact)
                  for currency, (n, s) in sorted(wages.items())]
    columns = sorted({key[1] for key in remedy_counts} | {"female", "male"}, key=lambda v: _sort_key("sex", v))
    for remedy in REMEDY_LABELS:
        for column in columns:
            remedy_counts[(remedy, column)] += 0
    # Rows are not exclusive (one case may both recover wages and lift a ban): no column totals.
    remedies = build_table(dict(remedy_counts), ["remedy"], "sex", publish_col_totals=False, all_columns=columns,
                           publish_grand_total=False, exact=exact)
    return Outcomes(wage_lines, remedies)
