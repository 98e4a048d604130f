"""Load the controlled service list and the seed entries into the database (idempotent).

Called by `huquq directory load` and by `registry/demo.py`. An entry an organisation has edited here
(`edited_locally`) or that a moderator verified keeps its local content: the loader only refreshes its
citations. Entries are matched by slug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from huquq.registry.directory.models import DirectoryEntry, HelpService, ServedArea

from .places import DATA_DIR

SERVICES_FILE = DATA_DIR / "services.yaml"
ENTRIES_FILE = DATA_DIR / "entries.yaml"
SEEDED_FIELDS = ("name", "other_names", "kind", "description", "phone", "email", "website", "telegram",
                 "address", "opening_hours", "notes")


@dataclass
class LoadReport:
    services: int = 0
    created: int = 0
    updated: int = 0
    kept: int = 0

    def __str__(self):
        return (f"{self.services} services; directory entries: {self.created} created, {self.updated} updated, "
                f"{self.kept} kept as edited locally")


def read_yaml(path: Path):
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_services(path: Path = SERVICES_FILE) -> int:
    terms = read_yaml(path)
    for position, term in enumerate(terms):
        HelpService.objects.update_or_create(
            code=term["code"],
            defaults={"names": term["names"], "descriptions": term.get("descriptions", {}), "position": position},
        )
    return len(terms)


@transaction.atomic
def load(entries_path: Path = ENTRIES_FILE, services_path: Path = SERVICES_FILE, progress=None) -> LoadReport:
    report = LoadReport(services=load_services(services_path))
    services = {service.code: service for service in HelpService.objects.all()}
    data = read_yaml(entries_path)
    items = data.get("entries", [])
    for number, item in enumerate(items, 1):
        unknown = [code for code in item.get("services") or [] if code not in services]
        if unknown:
            raise ValueError(f"{item['slug']}: unknown service code(s) {', '.join(unknown)}")
        entry = DirectoryEntry.objects.filter(slug=item["slug"]).first()
        if entry is not None and (entry.edited_locally or entry.verified_at):
            entry.sources = item.get("sources", [])
            entry.save(update_fields=["sources", "updated_at"])
            report.kept += 1
            continue
        values = {field: item.get(field) or "" for field in SEEDED_FIELDS}
        values.update(languages=item.get("languages") or [], remote=bool(item.get("remote")),
                      sources=item.get("sources", []), from_seed=True)
        if entry is None:
            entry = DirectoryEntry.objects.create(slug=item["slug"], **values)
            report.created += 1
        else:
            for field, value in values.items():
                setattr(entry, field, value)
            entry.save()
            report.updated += 1
        entry.services.set([services[code] for code in item.get("services") or []])
        entry.areas.all().delete()
        ServedArea.objects.bulk_create([
            ServedArea(entry=entry, country=area["country"], region=area.get("region", ""),
                       city_ru=area.get("city_ru", ""), city_latin=area.get("city_latin", ""))
            for area in item.get("areas") or []
        ])
        if progress:
            progress(number, len(items))
    return report
