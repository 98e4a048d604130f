"""Reading and checking the reference-statistics YAML files (`huquq/reports/reference/*.yaml`).

A file is one seed table or one seed's headline figures. It has either a `grid` (rows × columns, as the
table is printed) or a list of `observations`, or both. Values are written as strings exactly as printed
in the seed, so that a test can find each grid row in the seed text.

Checks (`checks`, `total`, `rows_sum_to`, `columns_sum_to`, `count_share_pairs`) compare parts with the
totals the source itself gives. A difference within rounding of the printed figures is noted as such; a
larger one is flagged as "the source does not add up". Figures are never corrected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from huquq.text.quotes import QuoteError, SeedNotFound, find_quote, normalise

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
TRANSLATIONS_FILE = Path(__file__).resolve().parent / "reference_i18n.yaml"
TRANSLATED_LANGUAGES = ("ky", "tg", "uz")


class ReferenceDataError(ValueError):
    """A reference file is malformed; the message names the file and the entry."""


@dataclass
class ObservationRow:
    indicator: str
    value: Decimal
    unit: str
    period: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    geography: str
    breakdown: dict
    quotes: list[str]
    publisher: str
    reliability: str
    qualifier: str = ""
    as_written: str = ""
    value_high: Decimal | None = None
    ident: str = ""
    row_label: str = ""
    column_label: str = ""

    @property
    def quote(self) -> str:
        return " … ".join(self.quotes)


@dataclass
class CheckResult:
    description: str
    computed: Decimal
    stated: Decimal
    tolerance: Decimal
    note: str = ""

    @property
    def difference(self) -> Decimal:
        return self.computed - self.stated

    @property
    def status(self) -> str:
        if self.difference == 0:
            return "ok"
        if abs(self.difference) <= self.tolerance:
            return "rounding"
        return "mismatch"

    def message(self) -> str:
        text = f"{self.description}: computed {self.computed}, source says {self.stated}"
        if self.status == "rounding":
            text += f" (difference {self.difference} is within rounding, ±{self.tolerance})"
        elif self.status == "mismatch":
            text += f" — the source does not add up (difference {self.difference}, rounding allows ±{self.tolerance})"
        if self.note:
            text += f". {self.note}"
        return text


@dataclass
class TableData:
    path: Path
    code: str
    title_en: str
    title_ru: str
    seed_file: str
    publisher: str
    reliability: str
    position: int
    indicators: dict[str, dict]
    observations: list[ObservationRow]
    checks: list[CheckResult]
    table_quotes: list[str] = field(default_factory=list)
    grid_columns: list[str] = field(default_factory=list)
    grid_rows: list[str] = field(default_factory=list)
    skipped_rows: list[dict] = field(default_factory=list)

    @property
    def flags(self) -> list[CheckResult]:
        return [check for check in self.checks if check.status != "ok"]


# ---------------------------------------------------------------------------------------------- periods

_PERIOD_PATTERNS = [
    (re.compile(r"^(\d{4})$"), lambda m: (dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31))),
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: (
        dt.date(int(m[1]), int(m[2]), 1),
        dt.date(int(m[1]), int(m[2]), calendar.monthrange(int(m[1]), int(m[2]))[1]))),
    (re.compile(r"^(\d{4})-H([12])$"), lambda m: (
        dt.date(int(m[1]), 1 if m[2] == "1" else 7, 1),
        dt.date(int(m[1]), 6, 30) if m[2] == "1" else dt.date(int(m[1]), 12, 31))),
    (re.compile(r"^(\d{4})/(\d{4})$"), lambda m: (dt.date(int(m[1]), 1, 1), dt.date(int(m[2]), 12, 31))),
]


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'2016' → the year; '2016-04' → April; '2016-H1' → first half; '2005/2007' → the span of years."""
    for pattern, build in _PERIOD_PATTERNS:
        match = pattern.match(str(text).strip())
        if match:
            return build(match)
    raise ReferenceDataError(f"period {text!r} is not YYYY, YYYY-MM, YYYY-H1/H2 or YYYY/YYYY")


# ---------------------------------------------------------------------------------------------- numbers

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def number_as_written(as_written: str, unit: str, scale: Decimal | int = 1) -> Decimal:
    """The number that `as_written` states, expressed in `unit` ('1.3 million' in persons → 1300000)."""
    text = as_written.lower()
    match = _NUMBER.search(text)
    if match:
        number = Decimal(match.group().replace(",", ""))
    elif "half" in text:
        number = Decimal(50)
    else:
        words = {"one": 1, "two": 2, "three": 3, "five": 5, "six": 6, "seven": 7, "ten": 10, "twenty": 20}
        first = next((value for word, value in words.items() if re.search(rf"\b{word}\b", text)), None)
        if first is None:
            raise ReferenceDataError(f"no number in {as_written!r}")
        number = Decimal(first)
    for word, factor in (("billion", 10**9), ("million", 10**6), ("thousand", 10**3)):
        if word in text:
            number *= factor
    unit_lower = unit.lower()
    for word, factor in (("million", 10**6), ("thousand", 10**3)):
        if unit_lower.startswith(word):
            number /= factor
    return number * Decimal(scale)


def _decimal(text, where: str) -> Decimal:
    try:
        return Decimal(str(text).replace(",", ""))
    except InvalidOperation as exc:
        raise ReferenceDataError(f"{where}: {text!r} is not a number") from exc


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def rounding_tolerance(printed: list[str]) -> Decimal:
    """The largest difference rounding of the printed figures can explain: half a unit of the last digit each."""
    places = max((_decimals(text) for text in printed), default=0)
    return Decimal(len(printed)) * Decimal(5) * Decimal(10) ** (-(places + 1))


# ---------------------------------------------------------------------------------------------- reading

def _merge(*parts: dict) -> dict:
    merged: dict = {}
    for part in parts:
        for key, value in (part or {}).items():
            if key == "breakdown":
                merged["breakdown"] = {**merged.get("breakdown", {}), **(value or {})}
            else:
                merged[key] = value
    return merged


def _observation(spec: dict, table: dict, where: str) -> ObservationRow:
    for key in ("indicator", "unit", "period", "geography"):
        if not spec.get(key):
            raise ReferenceDataError(f"{where}: missing {key}")
    if spec["indicator"] not in table["indicators"]:
        raise ReferenceDataError(f"{where}: indicator {spec['indicator']!r} is not declared under indicators")
    quotes = spec.get("quote") or []
    quotes = [quotes] if isinstance(quotes, str) else list(quotes)
    if not quotes:
        raise ReferenceDataError(f"{where}: every figure needs a quoted passage")
    start, end = parse_period(spec["period"])
    value = _decimal(spec["value"], where)
    row = ObservationRow(
        indicator=spec["indicator"], value=value, unit=spec["unit"], period=str(spec["period"]),
        period_label=str(spec.get("period_label") or spec["period"]), period_start=start, period_end=end,
        geography=str(spec["geography"]), breakdown={k: str(v) for k, v in (spec.get("breakdown") or {}).items()},
        quotes=quotes, publisher=spec.get("publisher") or table.get("publisher", ""),
        reliability=spec.get("reliability") or "", qualifier=spec.get("qualifier") or "",
        as_written=str(spec.get("as_written") or ""),
        value_high=_decimal(spec["value_high"], where) if spec.get("value_high") else None,
        ident=str(spec.get("id") or ""), row_label=spec.get("row_label", ""), column_label=spec.get("column_label", ""),
    )
    if row.as_written:
        stated = number_as_written(row.as_written, row.unit, _decimal(spec.get("scale", 1), where))
        if abs(stated) != abs(value):
            raise ReferenceDataError(f"{where}: value {value} does not match {row.as_written!r} ({stated})")
        if not any(row.as_written in quote for quote in quotes):
            raise ReferenceDataError(f"{where}: {row.as_written!r} is not inside its quote")
    return row


def _grid(table: dict, where: str) -> tuple[list[ObservationRow], list[CheckResult]]:
    """A table printed as rows × columns: a figure per cell, and the checks its totals and sums allow."""
    observations = _grid_observations(table, where)
    grid = table["grid"]
    rows = list(grid["rows"])
    checked_columns = [i for i, column in enumerate(grid["columns"]) if not column.get("exclude_from_checks")]
    checks = [*_total_row_checks(grid, rows, checked_columns), *_rows_sum_checks(grid, rows, checked_columns),
              *_columns_sum_checks(grid, rows, checked_columns), *_count_share_checks(grid, rows)]
    return observations, checks


def _grid_observations(table: dict, where: str) -> list[ObservationRow]:
    """One observation per non-empty cell (the Total row's too), quoted by its row as printed."""
    grid = table["grid"]
    base = {key: grid[key] for key in ("indicator", "unit", "period", "period_label", "geography", "breakdown")
            if key in grid}
    columns = grid["columns"]
    observations: list[ObservationRow] = []
    total = grid.get("total")
    for row_index, row in enumerate(list(grid["rows"]) + ([total] if total else [])):
        if len(row["values"]) != len(columns):
            raise ReferenceDataError(
                f"{where}: row {row['label']!r} has {len(row['values'])} values for {len(columns)} columns")
        quote = normalise(" ".join([row["label"], *[v for v in row["values"] if v != ""]]))
        for col_index, (column, text) in enumerate(zip(columns, row["values"], strict=True)):
            if text == "":
                continue  # the source leaves the cell empty
            spec = _merge(base, {k: v for k, v in column.items() if k not in ("label", "exclude_from_checks")},
                          {k: v for k, v in row.items() if k not in ("label", "values")})
            spec["value"] = text
            spec["quote"] = [quote]
            spec["row_label"] = row["label"]
            spec["column_label"] = column.get("label") or str(column.get("period", ""))
            observation = _observation(spec, table, f"{where} row {row_index + 1} column {col_index + 1}")
            observation.as_written = text  # shown as printed: "40.0", not "40"
            observations.append(observation)
    return observations


def _column_values(rows: list[dict], col_index: int) -> list[str]:
    return [row["values"][col_index] for row in rows if row["values"][col_index] != ""]


def _column_label(grid: dict, col_index: int) -> object:
    """The column's label, else its period (a year may be written as a number)."""
    return grid["columns"][col_index].get("label") or grid["columns"][col_index].get("period")


def _printed_sum(printed: list[str]) -> Decimal:
    return sum((Decimal(v) for v in printed), Decimal(0))


def _total_row_checks(grid: dict, rows: list[dict], checked_columns: list[int]) -> list[CheckResult]:
    """Each checked column's rows added up against the grid's Total row."""
    total = grid.get("total")
    if not total:
        return []
    checks = []
    for i in checked_columns:
        printed = _column_values(rows, i)
        checks.append(CheckResult(f"column {_column_label(grid, i)}: rows added up vs the Total row",
                                  _printed_sum(printed), Decimal(total["values"][i]), rounding_tolerance(printed)))
    return checks


def _rows_sum_checks(grid: dict, rows: list[dict], checked_columns: list[int]) -> list[CheckResult]:
    """`rows_sum_to`: each row's checked columns add up to the stated figure (shares to 100, say)."""
    if not grid.get("rows_sum_to"):
        return []
    stated = Decimal(str(grid["rows_sum_to"]))
    checks = []
    for row in rows:
        printed = [row["values"][i] for i in checked_columns if row["values"][i] != ""]
        checks.append(CheckResult(f"row {row['label']!r} adds up to {stated}",
                                  _printed_sum(printed), stated, rounding_tolerance(printed)))
    return checks


def _columns_sum_checks(grid: dict, rows: list[dict], checked_columns: list[int]) -> list[CheckResult]:
    """`columns_sum_to`: each checked column adds up to the stated figure."""
    if not grid.get("columns_sum_to"):
        return []
    stated = Decimal(str(grid["columns_sum_to"]))
    checks = []
    for i in checked_columns:
        printed = _column_values(rows, i)
        checks.append(CheckResult(f"column {_column_label(grid, i)!r} adds up to {stated}",
                                  _printed_sum(printed), stated, rounding_tolerance(printed)))
    return checks


def _count_share_checks(grid: dict, rows: list[dict]) -> list[CheckResult]:
    """`count_share_pairs`: each row's share recomputed from its count."""
    checks = []
    for count_col, share_col in grid.get("count_share_pairs", []):
        # The share is count / N; estimate N from the largest count and check every row against it.
        pairs = [(Decimal(r["values"][count_col]), r["values"][share_col], r["label"]) for r in rows
                 if r["values"][count_col] not in ("", "0")]
        count, share, _label = max(pairs, key=lambda p: p[0])
        base_n = (count * 100 / Decimal(share)).quantize(Decimal(1))
        for count, share, label in pairs:
            recomputed = (count * 100 / base_n).quantize(Decimal(10) ** -_decimals(share))
            checks.append(CheckResult(f"{label!r}: {count} respondents as a share of about {base_n}",
                                      recomputed, Decimal(share), Decimal(10) ** -_decimals(share)))
    return checks


def _explicit_checks(table: dict, observations: list[ObservationRow], where: str) -> list[CheckResult]:
    by_id = {row.ident: row for row in observations if row.ident}
    results = []
    for spec in table.get("checks", []):
        note = spec.get("note", "")
        try:
            if "share" in spec:
                share, part, total = by_id[spec["share"]], by_id[spec["part"]], by_id[spec["total"]]
                places = _decimals(_NUMBER.search(share.as_written).group()) if share.as_written else 0
                computed = (part.value * 100 / total.value).quantize(Decimal("0.01"))
                results.append(CheckResult(f"{share.ident} = {part.ident} / {total.ident}", computed, share.value,
                                           Decimal(5) * Decimal(10) ** (-(places + 1)), note))
            else:
                parts = [by_id[name] for name in spec["parts"]]
                stated = by_id[spec["total"]].value if "total" in spec else Decimal(str(spec["total_value"]))
                name = spec.get("total", spec.get("total_value"))
                results.append(CheckResult(f"{' + '.join(spec['parts'])} vs {name}",
                                           sum((p.value for p in parts), Decimal(0)), stated, Decimal(0), note))
        except KeyError as exc:
            raise ReferenceDataError(f"{where}: check refers to unknown id {exc}") from exc
    return results


def read_table(path: Path) -> TableData:
    where = path.name
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"{where}: not valid YAML: {exc}") from exc
    for key in ("code", "title", "seed", "indicators"):
        if not table.get(key):
            raise ReferenceDataError(f"{where}: missing {key}")
    observations: list[ObservationRow] = []
    checks: list[CheckResult] = []
    if table.get("grid"):
        grid_obs, grid_checks = _grid(table, where)
        observations += grid_obs
        checks += grid_checks
    defaults = table.get("defaults") or {}
    default_breakdown = defaults.get("breakdown") or {}
    for index, spec in enumerate(table.get("observations") or []):
        at = f"{where} observation {index + 1}"
        own = spec.get("breakdown") if isinstance(spec, dict) else None
        if default_breakdown and own is not None and set(default_breakdown) - set(own):
            # a default silently merged into an explicit breakdown changes what the figure counts
            # (USD 20.9 billion from all migrants once loaded as Tajik migrants' remittances)
            raise ReferenceDataError(f"{at}: sets its own breakdown but leaves out "
                                     f"{sorted(set(default_breakdown) - set(own))} given in defaults; write them out")
        observations.append(_observation(_merge(defaults, spec), table, at))
    checks += _explicit_checks(table, observations, where)
    quotes = [table["quote"]] if table.get("quote") else []
    quotes += (table.get("grid") or {}).get("extra_quotes", [])
    grid = table.get("grid") or {}
    return TableData(
        path=path, code=table["code"], title_en=table["title"]["en"], title_ru=table["title"].get("ru", ""),
        seed_file=table["seed"], publisher=table.get("publisher", ""), reliability=table.get("reliability", ""),
        position=int(table.get("position", 0)), indicators=table["indicators"], observations=observations,
        checks=checks, table_quotes=quotes,
        grid_columns=[c.get("label") or str(c.get("period")) for c in grid.get("columns", [])],
        grid_rows=[r["label"] for r in grid.get("rows", [])] + ([grid["total"]["label"]] if grid.get("total") else []),
        skipped_rows=grid.get("skipped_rows", []),
    )


def read_all(directory: Path | None = None) -> list[TableData]:
    directory = Path(directory or REFERENCE_DIR)
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise ReferenceDataError(f"no reference files (*.yaml) in {directory}")
    tables = [read_table(path) for path in paths]
    codes = [t.code for t in tables]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ReferenceDataError(f"duplicate table codes: {', '.join(sorted(duplicates))}")
    units: dict[str, tuple[str, str]] = {}
    for t in tables:
        for code, spec in t.indicators.items():
            if code in units and units[code][0] != spec["unit"]:
                raise ReferenceDataError(f"{t.path.name}: indicator {code!r} has unit {spec['unit']!r}, "
                                         f"but {units[code][1]} gives {units[code][0]!r}")
            units.setdefault(code, (spec["unit"], t.path.name))
    return tables


def check_sources(seeds_dir: Path, tables: list[TableData] | None = None) -> list[str]:
    """Every table quote and figure quote that is not found in the seed its table cites (empty = all found)."""
    problems: list[str] = []
    for table in read_all() if tables is None else tables:
        quotes = [*table.table_quotes, *(quote for o in table.observations for quote in o.quotes)]
        for quote in quotes:
            try:
                find_quote(seeds_dir, table.seed_file, quote)
            except SeedNotFound as error:
                problems.append(f"{table.code}: {error}")
                break
            except QuoteError as error:
                problems.append(f"{table.code}: {error}")
    return problems


def read_translations(path: Path | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """{"tables": {code: {lang: title}}, "indicators": {code: {lang: name}}} for ky, tg and uz."""
    path = Path(path or TRANSLATIONS_FILE)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    translations = {}
    for part in ("tables", "indicators"):
        entries = data.get(part) or {}
        for code, texts in entries.items():
            unknown = set(texts) - set(TRANSLATED_LANGUAGES)
            if unknown:
                raise ReferenceDataError(f"{path.name}: {part} {code!r}: unknown languages {sorted(unknown)}")
        translations[part] = {code: {lang: str(text).strip() for lang, text in texts.items()}
                              for code, texts in entries.items()}
    return translations
