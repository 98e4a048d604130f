"""Record and withdraw a fluent lawyer's approval of a language's translation (audited)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from huquq.accounts import audit

from .models import LanguageReview


def reviewable_languages() -> list[str]:
    """Every language shown on the site except the authoritative one (Russian) and English."""
    return [code for code, _name in settings.LANGUAGES if code not in (settings.LANGUAGE_CODE, "en")]


def _check(language: str) -> None:
    if language not in reviewable_languages():
        raise ValueError(f"{language!r} is not a reviewable language ({', '.join(reviewable_languages())})")


def approve(actor, language: str, reviewer_name: str, note: str = "") -> LanguageReview:
    _check(language)
    if not reviewer_name.strip():
        raise ValueError("name the fluent lawyer who reviewed the translation")
    with transaction.atomic():
        review, created = LanguageReview.objects.select_for_update().update_or_create(
            language=language,
            defaults={"reviewer_name": reviewer_name.strip(), "approved_at": timezone.now(), "withdrawn_at": None,
                      "note": note, "approved_by": actor if getattr(actor, "is_authenticated", False) else None},
        )
        audit.record(actor, "create" if created else "update", review,
                     detail={"language": language, "review": "approved", "fields": ["reviewer_name", "note"]})
    return review


def withdraw(actor, language: str) -> LanguageReview | None:
    _check(language)
    with transaction.atomic():
        review = LanguageReview.objects.select_for_update().filter(language=language).first()
        if review is None or review.withdrawn_at is not None:
            return review
        review.withdrawn_at = timezone.now()
        review.save(update_fields=["withdrawn_at"])
        audit.record(actor, "update", review, detail={"language": language, "review": "withdrawn"})
    return review
