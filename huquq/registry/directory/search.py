"""“I am in <city>, I need <service>, I speak <language>” → a ranked, explained list of directory entries.

Ranking (issue 4): an entry in the visitor's city that offers the service and speaks the language comes
first; then entries in the same region, then in the same country; then remote help (hotlines, online).
Within a place tier an entry that lists the language ranks above one whose languages are not stated,
which ranks above one that lists other languages only; verified entries before unverified ones.

Bad input never raises: unknown codes and cities become notices with suggestions, and the search goes on
with what was understood. The same function serves the web page, the JSON API and other apps' deep links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from huquq.registry.directory.models import DirectoryEntry, HelpService
from huquq.text.normalise import fold

from . import places, selectors

PARAMS = ("country", "region", "city", "service", "language")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

PLACE_CITY, PLACE_REGION, PLACE_COUNTRY, PLACE_COUNTRY_ELSEWHERE, PLACE_REMOTE, PLACE_ANY = 5, 4, 3, 2, 1, 0


@dataclass
class Suggestion:
    label: str
    params: dict

    @property
    def query(self) -> str:
        return urlencode({key: value for key, value in self.params.items() if value})


@dataclass
class Notice:
    text: str
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class Query:
    country: str = ""
    region: str = ""
    city: str = ""
    service: str = ""
    language: str = ""

    def params(self, **override) -> dict:
        values = {name: getattr(self, name) for name in PARAMS}
        values.update(override)
        return {key: value for key, value in values.items() if value}

    @property
    def has_place(self) -> bool:
        return bool(self.country or self.region or self.city)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in PARAMS)


@dataclass
class Match:
    entry: DirectoryEntry
    place: int
    offers_service: bool | None  # None when no service was asked for
    speaks: bool | None  # True lists the language, None languages not stated / not asked, False other languages
    reasons: list[str]
    language_asked: bool = False

    @property
    def sort_key(self):
        return (-(1 if self.offers_service is not False else 0), -self.place,
                -{True: 2, None: 1, False: 0}[self.speaks], 0 if self.entry.verified_at else 1, self.entry.name)

    @property
    def is_exact(self) -> bool:
        """City + service + language all match (a language asked for must be listed, not merely unstated)."""
        language_ok = self.speaks is True if self.language_asked else True
        return self.place == PLACE_CITY and self.offers_service is not False and language_ok


@dataclass
class Result:
    query: Query
    raw: dict
    city: places.City | None
    service: HelpService | None
    matches: list[Match]
    notices: list[Notice]
    fallback: bool = False  # True: nothing offered the service here, showing nearby help without it

    @property
    def sections(self) -> list[tuple[str, list[Match]]]:
        return self.sections_of(self.matches)

    def sections_of(self, matches: list[Match]) -> list[tuple[str, list[Match]]]:
        titles = {
            PLACE_CITY: _("In your city"),
            PLACE_REGION: _("In your region"),
            PLACE_COUNTRY: _("In your country"),
            PLACE_COUNTRY_ELSEWHERE: _("Elsewhere in your country"),
            PLACE_REMOTE: _("Remote help (phone, online)"),
            PLACE_ANY: _("Organisations"),
        }
        grouped: dict[int, list[Match]] = {}
        for match in matches:
            grouped.setdefault(match.place, []).append(match)
        return [(titles[place], grouped[place]) for place in sorted(grouped, reverse=True)]


def _clean(value) -> str:
    return str(value or "").strip()[:100]


def parse(params) -> tuple[Query, places.City | None, HelpService | None, list[Notice]]:
    """Understand what we can of the query string; explain the rest."""
    notices: list[Notice] = []
    query = Query()
    _parse_country(params, query, notices)
    _parse_region(params, query, notices)
    city = _parse_city(params, query, notices)
    service = _parse_service(params, query, notices)
    _parse_language(params, query, notices)
    return query, city, service, notices


def _parse_country(params: Mapping, query: Query, notices: list[Notice]) -> None:
    country = _clean(params.get("country")).upper()
    if not country:
        return
    if places.is_country(country):
        query.country = country
    else:
        notices.append(Notice(
            _("“%(value)s” is not a country code we know. Use a two-letter code such as RU or KZ, "
              "or pick the country from the list.") % {"value": country},
            [Suggestion(places.country_name(code), {**_raw(params), "country": code})
             for code in places.form_countries()],
        ))


def _parse_region(params: Mapping, query: Query, notices: list[Notice]) -> None:
    """The region, if it is a region code inside the chosen country; it also sets a missing country."""
    region = _clean(params.get("region")).upper()
    if not region:
        return
    if not _REGION.match(region):
        notices.append(Notice(_("“%(value)s” is not a region code (ISO 3166-2, for example RU-MOW). "
                                "We searched without the region.") % {"value": region}))
    elif query.country and not region.startswith(query.country + "-"):
        notices.append(Notice(_("The region %(region)s is not in the country you chose; we searched the "
                                "country only.") % {"region": region}))
    else:
        query.region = region
        query.country = query.country or region[:2]


def _parse_city(params: Mapping, query: Query, notices: list[Notice]) -> places.City | None:
    """The gazetteer city (its country and region win over the ones asked for), else a city only the
    directory knows, else a notice with spelling suggestions."""
    city_text = _clean(params.get("city"))
    if not city_text:
        return None
    query.city = city_text
    city = places.find_city(city_text)
    if city is None:
        known = _directory_city(city_text)
        if known:
            query.city = known
        else:
            query.city = ""
            notices.append(_unknown_city_notice(city_text, params, query))
    else:
        if query.country and city.country != query.country:
            notices.append(Notice(_("%(city)s is in %(country)s; we searched there.")
                                  % {"city": city.label(), "country": places.country_name(city.country)}))
            query.region = ""
        query.country = city.country
        query.region = query.region or city.region
    return city


def _unknown_city_notice(city_text: str, params: Mapping, query: Query) -> Notice:
    names = process.extract(city_text, places.city_names(), scorer=fuzz.WRatio, limit=6, score_cutoff=60)
    labels = list(dict.fromkeys(places.find_city(name).label() for name, _score, _i in names))[:3]
    suggestions = [Suggestion(label, {**_raw(params), "city": label}) for label in labels]
    if query.country:
        text = _("We do not know the city “%(city)s” yet. Check the spelling; meanwhile organisations "
                 "that work across the country and remote help are shown below.") % {"city": city_text}
    else:
        text = _("We do not know the city “%(city)s” yet. Check the spelling, or choose your "
                 "country.") % {"city": city_text}
        suggestions += [Suggestion(places.country_name(code), {**_raw(params), "city": "", "country": code})
                        for code in places.form_countries()]
    return Notice(text, suggestions)


def _parse_service(params: Mapping, query: Query, notices: list[Notice]) -> HelpService | None:
    code = _clean(params.get("service")).lower()
    if not code:
        return None
    service = selectors.service_by_code(code)
    if service is None:
        notices.append(Notice(
            _("We do not know the service “%(code)s”. Choose one of these:") % {"code": code},
            _service_suggestions(code, params),
        ))
    else:
        query.service = service.code
    return service


def _parse_language(params: Mapping, query: Query, notices: list[Notice]) -> None:
    language = _clean(params.get("language")).lower()
    if not language:
        return
    if places.is_language(language):
        query.language = language
    else:
        notices.append(Notice(
            _("“%(value)s” is not a language code we know (use ru, ky, tg, uz, kk, en …).") % {"value": language},
            [Suggestion(places.language_name(code), {**_raw(params), "language": code})
             for code in places.form_languages()],
        ))


def _raw(params) -> dict:
    return {name: _clean(params.get(name)) for name in PARAMS if _clean(params.get(name))}


def _directory_city(text: str) -> str:
    """A city no gazetteer knows but some entry serves (typed as the entry spells it)."""
    folded = fold(text)
    for latin, russian in selectors.known_cities_in_directory():
        if folded in (fold(latin), fold(russian)):
            return latin or russian
    return ""


def _service_suggestions(text: str, params) -> list[Suggestion]:
    all_services = selectors.services()
    labels = {service.code: f"{service.code} {service.label()}" for service in all_services}
    close = process.extract(text, labels, scorer=fuzz.WRatio, limit=3, score_cutoff=55)
    ordered = [code for _label, _score, code in close]
    ordered += [service.code for service in all_services if service.code not in ordered]
    by_code = {service.code: service for service in all_services}
    return [Suggestion(by_code[code].label(), {**_raw(params), "service": code}) for code in ordered]


def _same_city(area, query: Query, city: places.City | None) -> bool:
    if not (area.city_latin or area.city_ru):
        return False
    if city is not None:
        return area.country == city.country and (
            fold(area.city_latin) == fold(city.latin) or fold(area.city_ru) == fold(city.ru))
    folded = fold(query.city)
    return folded in (fold(area.city_latin), fold(area.city_ru))


def _place(entry: DirectoryEntry, query: Query, city) -> tuple[int, str]:
    areas = list(entry.areas.all())
    if not query.has_place:
        return PLACE_ANY, ""
    if query.city:
        for area in areas:
            if _same_city(area, query, city):
                name = (area.city_ru if _ru() else area.city_latin) or area.city_latin or area.city_ru
                return PLACE_CITY, _("Works in %(place)s") % {"place": name}
    if query.region:
        for area in areas:
            if area.region == query.region:
                return PLACE_REGION, _("Works in your region (%(region)s)") % {
                    "region": places.region_name(area.region)}
    remote = entry.remote or entry.kind == DirectoryEntry.Kind.HOTLINE
    if remote and (not areas or any(a.country == query.country for a in areas)):
        return PLACE_REMOTE, _("Helps remotely (phone, messenger or online)")
    if query.country:
        whole = [a for a in areas if a.country == query.country and not a.region and not (a.city_latin or a.city_ru)]
        if whole:
            return PLACE_COUNTRY, _("Works across %(country)s") % {"country": places.country_name(query.country)}
        elsewhere = [a for a in areas if a.country == query.country]
        if elsewhere:
            area = elsewhere[0]
            name = (area.city_ru if _ru() else area.city_latin) or area.city_latin or area.city_ru or \
                places.region_name(area.region)
            return PLACE_COUNTRY_ELSEWHERE, _("Works elsewhere in %(country)s: %(place)s") % {
                "country": places.country_name(query.country), "place": name}
    return -1, ""


def _ru() -> bool:
    from django.utils import translation

    return (translation.get_language() or "ru")[:2] not in ("en", "uz")


def _match(entry: DirectoryEntry, query: Query, city, service: HelpService | None) -> Match | None:
    place, place_reason = _place(entry, query, city)
    if place < 0:
        return None
    reasons = [place_reason] if place_reason else []
    offers = None
    if service is not None:
        offers = any(s.pk == service.pk for s in entry.services.all())
        reasons.append((_("Offers: %(service)s") if offers else _("Does not list: %(service)s"))
                       % {"service": service.label()})
    speaks = None
    if query.language:
        name = places.language_name(query.language)
        if query.language in (entry.languages or []):
            speaks = True
            reasons.append(_("Speaks %(language)s") % {"language": name})
        elif entry.languages:
            speaks = False
            reasons.append(_("Does not list %(language)s among its languages") % {"language": name})
        else:
            reasons.append(_("Languages not stated yet"))
    if not entry.verified_at:
        reasons.append(_("Not yet verified"))
    return Match(entry=entry, place=place, offers_service=offers, speaks=speaks, reasons=reasons,
                 language_asked=bool(query.language))


def _candidates(query: Query, service: HelpService | None):
    """Narrow in the database before ranking in Python: the right country (or remote help with no stated
    area) and, when asked, the service."""
    qs = selectors.public_entries()
    if query.country:
        qs = qs.filter(Q(areas__country=query.country)
                       | Q(areas__isnull=True, remote=True) | Q(areas__isnull=True, kind=DirectoryEntry.Kind.HOTLINE))
    if service is not None:
        qs = qs.filter(services=service)
    return qs.distinct()


def search(params, entries=None) -> Result:
    query, city, service, notices = parse(params)
    raw = _raw(params)
    if query.is_empty:
        if not notices:
            notices.append(Notice(
                _("Tell us where you are and what you need: choose a city or a country, a service and your "
                  "language. Or start with one of these services:"),
                _service_suggestions("", {}),
            ))
        return Result(query, raw, city, service, [], notices)

    def ranked(with_service: bool) -> list[Match]:
        pool = entries if entries is not None else _candidates(query, service if with_service else None)
        found = [m for m in (_match(e, query, city, service) for e in pool) if m is not None]
        if with_service:
            found = [m for m in found if m.offers_service is not False]
        return sorted(found, key=lambda m: m.sort_key)

    matches = ranked(with_service=True)
    fallback = False
    if service is not None and not matches:
        if query.has_place:
            where = city.label() if city else (places.region_name(query.region) if query.region
                                               else places.country_name(query.country))
            notices.append(Notice(
                _("No organisation in the directory lists “%(service)s” in %(place)s yet.")
                % {"service": service.label(), "place": where}
                + " " + _("Organisations near you that may still help are listed below."),
                [Suggestion(_("“%(service)s” anywhere") % {"service": service.label()},
                            query.params(country="", region="", city="")),
                 Suggestion(_("Any help near you"), query.params(service=""))],
            ))
            matches = ranked(with_service=False)
            fallback = True
        else:
            notices.append(Notice(
                _("No organisation in the directory lists “%(service)s” yet.") % {"service": service.label()}
                + " " + _("Choose your country to see organisations that may still help:"),
                [] if any("country" in s.params for n in notices for s in n.suggestions) else
                [Suggestion(places.country_name(code), query.params(country=code))
                 for code in places.form_countries()],
            ))
    elif not matches:
        notices.append(Notice(_("No organisation in the directory matches this search yet."),
                              [Suggestion(_("Search without the language"), query.params(language="")),
                               Suggestion(_("Search the whole country"), query.params(city="", region=""))]))
    return Result(query, raw, city, service, matches, notices, fallback)
