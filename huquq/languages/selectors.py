"""Reads about languages: which translations a fluent lawyer has approved."""

from __future__ import annotations

from .models import LanguageReview


def reviewed_languages() -> set[str]:
    return set(LanguageReview.objects.filter(withdrawn_at__isnull=True).values_list("language", flat=True))


def is_reviewed(language: str) -> bool:
    return LanguageReview.objects.filter(language=language, withdrawn_at__isnull=True).exists()


def review_status(languages: list[str]) -> dict[str, LanguageReview | None]:
    current = {r.language: r for r in LanguageReview.objects.filter(language__in=languages, withdrawn_at__isnull=True)}
    return {code: current.get(code) for code in languages}
