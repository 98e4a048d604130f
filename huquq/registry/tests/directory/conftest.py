"""Fixtures and small factories for the help-directory tests."""

import pytest

from huquq.registry.directory import seed
from huquq.registry.directory.models import DirectoryEntry, HelpService, ServedArea


@pytest.fixture
def help_services(db):
    seed.load_services()
    return {service.code: service for service in HelpService.objects.all()}


@pytest.fixture
def make_entry(help_services):
    counter = {"n": 0}

    def make(name=None, *, areas=(), services=(), languages=(), remote=False, kind="ngo", organisation=None,
             **fields):
        counter["n"] += 1
        entry = DirectoryEntry.objects.create(
            slug=fields.pop("slug", f"entry-{counter['n']}"), name=name or f"Entry {counter['n']}", kind=kind,
            languages=list(languages), remote=remote, organisation=organisation, **fields,
        )
        entry.services.set([help_services[code] for code in services])
        for area in areas:
            ServedArea.objects.create(entry=entry, **area)
        return entry

    return make


MOSCOW = {"country": "RU", "region": "RU-MOW", "city_ru": "Москва", "city_latin": "Moscow"}
MOSCOW_OBLAST = {"country": "RU", "region": "RU-MOS"}
SPB = {"country": "RU", "region": "RU-SPE", "city_ru": "Санкт-Петербург", "city_latin": "Saint Petersburg"}
RUSSIA = {"country": "RU"}
