"""Reads of the help directory (public: no personal data in it)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from huquq.registry.directory.models import DirectoryEntry, HelpService, ServedArea


def public_entries() -> QuerySet[DirectoryEntry]:
    return (
        DirectoryEntry.objects.filter(is_published=True)
        .select_related("verified_by")
        .prefetch_related(Prefetch("services", queryset=HelpService.objects.order_by("position")),
                          Prefetch("areas", queryset=ServedArea.objects.order_by("country", "region", "city_latin")))
    )


def public_entry(slug: str) -> DirectoryEntry | None:
    return public_entries().filter(slug=slug).first()


def services() -> list[HelpService]:
    return list(HelpService.objects.order_by("position", "code"))


def service_by_code(code: str) -> HelpService | None:
    return HelpService.objects.filter(code=code).first() if code else None


def entry_of_organisation(organisation) -> DirectoryEntry | None:
    if organisation is None:
        return None
    return DirectoryEntry.objects.filter(organisation=organisation).first()


def known_cities_in_directory() -> list[tuple[str, str]]:
    """(latin, russian) names of every city some published entry serves."""
    rows = (ServedArea.objects.filter(entry__is_published=True).exclude(city_latin="", city_ru="")
            .values_list("city_latin", "city_ru").distinct())
    return sorted(set(rows))
