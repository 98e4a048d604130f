"""The read-only JSON view of the public directory (documented in docs/directory.md)."""

from __future__ import annotations

from django.utils import translation

from huquq.registry.directory.models import DirectoryEntry
from huquq.safety import is_web_url

from . import search, selectors

API_VERSION = 1


def entry_dict(entry: DirectoryEntry, base_url: str = "") -> dict:
    language = translation.get_language()
    return {
        "slug": entry.slug,
        "url": f"{base_url}{entry.slug}/" if base_url else "",
        "name": entry.name,
        "other_names": entry.other_names,
        "kind": entry.kind,
        "kind_label": str(entry.get_kind_display()),
        "description": entry.description,
        "services": [service.code for service in entry.services.all()],
        "languages": list(entry.languages or []),
        "remote": entry.remote,
        "areas": [{"country": a.country, "region": a.region, "city_ru": a.city_ru, "city_latin": a.city_latin}
                  for a in entry.areas.all()],
        "contacts": {"phone": entry.phone, "email": entry.email, "website": entry.website if is_web_url(entry.website) else "",
                     "telegram": entry.telegram, "address": entry.address},
        "opening_hours": entry.opening_hours,
        "verified_on": entry.verified_at.isoformat() if entry.verified_at else None,
        "verified_by": entry.verified_by_label or None,
        "notes": entry.notes,
        "sources": [{"file": s.get("file", ""), "quote": s.get("quote", "")} for s in entry.sources or []],
        "language": language,
    }


def entries_payload(params, base_url: str = "") -> dict:
    wanted = {name: params.get(name) for name in search.PARAMS if params.get(name)}
    services = [{"code": s.code, "name": s.label(), "names": s.names} for s in selectors.services()]
    if not wanted:
        entries = [entry_dict(entry, base_url) for entry in selectors.public_entries().order_by("name")]
        return {"version": API_VERSION, "query": {}, "notices": [], "count": len(entries),
                "services": services, "entries": entries}
    result = search.search(params)
    entries = []
    for match in result.matches:
        item = entry_dict(match.entry, base_url)
        item["match"] = {"place": match.place, "offers_service": match.offers_service, "speaks": match.speaks,
                         "exact": match.is_exact, "reasons": [str(reason) for reason in match.reasons]}
        entries.append(item)
    return {
        "version": API_VERSION,
        "query": result.query.params(),
        "notices": [{"text": str(n.text), "suggestions": [{"label": str(s.label), "query": s.query}
                                                           for s in n.suggestions]} for n in result.notices],
        "fallback": result.fallback,
        "count": len(entries),
        "services": services,
        "entries": entries,
    }
