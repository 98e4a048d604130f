"""Links other apps use to send people to the help directory (e.g. the status engine's answers).

    from huquq.registry.directory.links import help_search_url
    help_search_url(country="RU", service="entry_ban_check")  # -> "/ru/registry/help/?country=RU&service=…"
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from .search import PARAMS


def help_search_url(**params: str) -> str:
    """URL of the public search page (in the active language) with the given filters.

    Accepted keys: country (ISO 3166-1 alpha-2), region (ISO 3166-2), city, service (a service code such as
    entry_ban_check, wage_claims, gbv_support), language (ISO 639-1). Unknown keys raise TypeError; unknown
    values are fine: the page explains them to the visitor.
    """
    unknown = set(params) - set(PARAMS)
    if unknown:
        raise TypeError(f"unknown help-search parameter(s): {', '.join(sorted(unknown))}")
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("registry:help")
    return f"{url}?{query}" if query else url


def help_api_url(**params: str) -> str:
    unknown = set(params) - set(PARAMS)
    if unknown:
        raise TypeError(f"unknown help-search parameter(s): {', '.join(sorted(unknown))}")
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("registry:help_api")
    return f"{url}?{query}" if query else url
