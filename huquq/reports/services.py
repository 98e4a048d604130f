"""Writes of the reports app: loading the reference statistics."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Indicator, Observation, ReferenceTable
from .reference_data import ReferenceDataError, TableData, read_all, read_translations


@dataclass
class LoadReport:
    tables: list[TableData] = field(default_factory=list)

    @property
    def observations(self) -> int:
        return sum(len(t.observations) for t in self.tables)

    def lines(self) -> list[str]:
        out = []
        for t in self.tables:
            checks = len(t.checks)
            flags = [c for c in t.checks if c.status == "mismatch"]
            rounding = [c for c in t.checks if c.status == "rounding"]
            out.append(f"{t.code}: {len(t.observations)} figures; {checks} checks, "
                       f"{checks - len(flags) - len(rounding)} exact, {len(rounding)} within rounding, "
                       f"{len(flags)} where the source does not add up")
            out += [f"  ! {c.message()}" for c in flags]
            out += [f"  ~ {c.message()}" for c in rounding]
            out += [f"  - skipped row {s['label']!r}: {s['reason']}" for s in t.skipped_rows]
        return out


def comparable_key(indicator: str, period: str, geography: str, breakdown: dict) -> str:
    """Rival estimates of one quantity share this key; the pages show them side by side."""
    return f"{indicator}|{period}|{geography}|{json.dumps(breakdown, sort_keys=True, ensure_ascii=False)}"


@transaction.atomic
def load_reference(directory: Path | None = None) -> LoadReport:
    """Replace the reference statistics with the content of the YAML files (idempotent)."""
    tables = read_all(directory)
    translations = read_translations()
    ReferenceTable.objects.all().delete()
    for t in tables:
        for code, spec in t.indicators.items():
            Indicator.objects.update_or_create(
                code=code, defaults={"name_en": spec["en"], "name_ru": spec.get("ru", ""), "unit": spec["unit"],
                                     "name_i18n": translations["indicators"].get(code, {})})
    indicators = {i.code: i for i in Indicator.objects.all()}
    for t in tables:
        table = ReferenceTable.objects.create(
            code=t.code, title_en=t.title_en, title_ru=t.title_ru, title_i18n=translations["tables"].get(t.code, {}),
            seed_file=t.seed_file, publisher=t.publisher,
            reliability=t.reliability, position=t.position,
            check_notes=[{"status": c.status, "message": c.message()} for c in t.checks if c.status != "ok"]
            + [{"status": "skipped", "message": f"Row {s['label']!r} not loaded: {s['reason']}"} for s in t.skipped_rows],
        )
        observations = [
            Observation(
                table=table, indicator=indicators[o.indicator], value=o.value, value_high=o.value_high,
                qualifier=o.qualifier, as_written=o.as_written, unit=o.unit, period_start=o.period_start,
                period_end=o.period_end, period_label=o.period_label, geography=o.geography, breakdown=o.breakdown,
                comparable_key=comparable_key(o.indicator, o.period, o.geography, o.breakdown),
                seed_file=t.seed_file, quote=o.quote, publisher=o.publisher, reliability=o.reliability or t.reliability,
                row_label=o.row_label, column_label=o.column_label, position=index,
            )
            for index, o in enumerate(t.observations)
        ]
        for o in observations:  # field lengths are checked here, not only by PostgreSQL
            try:
                o.clean_fields(exclude=["table", "indicator"])
            except ValidationError as exc:
                raise ReferenceDataError(f"{t.path.name}: {o.row_label or o.quote[:60]!r}: {exc.message_dict}") from exc
        Observation.objects.bulk_create(observations)
    Indicator.objects.filter(observations__isnull=True).delete()
    return LoadReport(tables)
