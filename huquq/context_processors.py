from functools import lru_cache

from django.conf import settings
from django.urls import translate_url

from huquq.languages.formatting import bcp47


@lru_cache(maxsize=2048)
def _translated(path: str, code: str) -> str:
    """translate_url depends only on the path and the URL patterns: resolve each path once per process."""
    return translate_url(path, code)


def language_links(request):
    """Links to this same page in every language, so switching works without JavaScript."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "tag": bcp47(code), "name": name, "url": _translated(path, code)}
            for code, name in settings.LANGUAGES
        ]
    }


def navigation(request):
    from huquq.navigation import collect

    items = collect(request)
    return {"nav_items": items, "home_cards": [item for item in items if item.home_card]}
