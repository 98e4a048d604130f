from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from .selectors import is_reviewed
from .services import reviewable_languages


def translation_notice(request):
    """Until a fluent lawyer approved the current language, one line links to the Russian page."""
    language = get_language()
    if language not in reviewable_languages() or is_reviewed(language):
        return {}
    return {"translation_notice": {"russian_url": translate_url(request.get_full_path(), settings.LANGUAGE_CODE)}}
