"""Help-directory search: time to rank N entries for a typical query, and the page/API round trip.

Prints figures only (no timed asserts). Uses a throw-away SQLite database in a temp folder.
usage: .venv/bin/python benchmarks/directory_search.py [N]   (default N=2000)
"""

import os
import random
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
os.environ["HUQUQ_VAR_DIR"] = tempfile.mkdtemp(prefix="huquq-bench-")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


def main():
    call_command("migrate", verbosity=0)
    from huquq.registry.directory import places, search, seed, selectors
    from huquq.registry.directory.models import DirectoryEntry, HelpService, ServedArea

    seed.load()
    codes = list(HelpService.objects.values_list("pk", flat=True))
    cities = places.cities()
    rng = random.Random(4)
    started = time.perf_counter()
    entries = DirectoryEntry.objects.bulk_create([
        DirectoryEntry(slug=f"bench-{i}", name=f"Bench organisation {i}", languages=rng.sample(
            ["ru", "ky", "tg", "uz", "kk"], rng.randint(0, 3)), remote=rng.random() < 0.1)
        for i in range(N)])
    through = DirectoryEntry.services.through
    through.objects.bulk_create([through(directoryentry_id=e.pk, helpservice_id=pk)
                                 for e in entries for pk in rng.sample(codes, rng.randint(1, 4))])
    areas = []
    for e in entries:
        city = rng.choice(cities)
        areas.append(ServedArea(entry=e, country=city.country, region=city.region, city_ru=city.ru,
                                city_latin=city.latin) if rng.random() < 0.7 else ServedArea(entry=e, country=city.country))
    ServedArea.objects.bulk_create(areas)
    print(f"entries: {DirectoryEntry.objects.count()} ({N} synthetic + seed), built in {time.perf_counter() - started:.1f}s")

    query = {"city": "Москва", "service": "entry_ban_check", "language": "tg"}
    with translation.override("ru"):
        timings = []
        for _ in range(5):
            t = time.perf_counter()
            result = search.search(query)
            timings.append(time.perf_counter() - t)
        print(f"search(city+service+language): median {statistics.median(timings) * 1000:.0f} ms, "
              f"{len(result.matches)} matches")
        t = time.perf_counter()
        list(selectors.public_entries())
        print(f"  (for comparison, loading every entry unfiltered with services and areas: {(time.perf_counter() - t) * 1000:.0f} ms)")

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    for label, url in [("search page", "/ru/registry/help/?city=Moscow&service=legal_advice&language=tg"),
                       ("API, filtered", "/ru/registry/help/api/entries.json?country=KZ&service=wage_claims"),
                       ("API, whole directory", "/ru/registry/help/api/entries.json"),
                       ("bad input page", "/ru/registry/help/?city=Atlantis&service=nonsense")]:
        timings = []
        for _ in range(3):
            t = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - t)
        print(f"{label}: median {statistics.median(timings) * 1000:.0f} ms, {len(response.content) // 1024} KiB, "
              f"status {response.status_code}")


if __name__ == "__main__":
    main()
