"""Auditing of reads, in one place: list and search pages through `audited_list`, single records through
`record_read` called by the selector that loads them (never by a view).

A list or search page is recorded once per search: a new entry when its filters differ from the last search
recorded for that list in this session; turning pages or reloading the same search adds nothing. Only the
names of the filters used are kept, never their values (a search may be a person's name).
"""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from . import audit

SESSION_KEY = "_huquq_recorded_searches"
NOT_FILTERS = frozenset({"page", "format"})


def _filters(request) -> list[tuple[str, str]]:
    return sorted((key, value) for key, values in request.GET.lists() if key not in NOT_FILTERS
                  for value in values if value.strip())


def search_filter_names(request) -> list[str]:
    """The names of the filters a request uses (never their values)."""
    return sorted({name for name, _value in _filters(request)})


def search_key(request, object_type: str) -> str:
    payload = json.dumps([request.path, object_type, _filters(request)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def record_search(request, object_type: str, *, detail: dict | None = None, action: str = "view",
                  keep: tuple[str, ...] = ()):
    """Record one list read unless this very search was the last one recorded for this list in the session.
    `keep` names parameters whose values identify nobody (a year, a table's dimensions) and are recorded too.
    Returns the new entry, or None when the search had been recorded already."""
    session = getattr(request, "session", None)
    key = search_key(request, object_type)
    recorded = dict(session.get(SESSION_KEY, {})) if session is not None else {}
    if recorded.get(object_type) == key:
        return None
    used = _filters(request)
    kept = {name: [v for n, v in used if n == name] for name in keep if any(n == name for n, _v in used)}
    entry = audit.record(request.user, action, object_type=object_type, detail={
        "list": True, "filters": search_filter_names(request),
        **({"values": kept} if kept else {}), **(detail or {})})
    if session is not None:
        recorded[object_type] = key
        session[SESSION_KEY] = recorded
    return entry


def audited_list(object_type: str, *, keep: tuple[str, ...] = (), only_searches: bool = False, **detail):
    """View decorator for a list or search page: after a successful (200) answer, `record_search`.
    With `only_searches`, the empty form (no parameter given) is not recorded: it shows no data."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if (response.status_code == 200 and request.user.is_authenticated
                    and not (only_searches and not _filters(request))):
                record_search(request, object_type, detail=detail, keep=keep)
            return response

        return wrapper

    return decorator


def record_read(user, obj=None, **kwargs):
    """One record was read (a case page, a visit ...): called by the selector that loaded it for display."""
    return audit.record(user, "view", obj, **kwargs)
