"""Writes to the help directory: organisation admins edit their own entry, moderators verify entries.

Every write is audited through accounts.audit (directory entries hold no personal data, so `detail` names
the fields changed, not values).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huquq.accounts import audit
from huquq.accounts.models import Role
from huquq.registry.directory.models import DirectoryEntry, ServedArea
from huquq.safety import is_web_url

from . import places

VERIFY_PERMISSION = "registry.verify_entry"
EDITABLE_FIELDS = ("name", "other_names", "description", "languages", "remote", "phone", "email", "website",
                   "telegram", "address", "opening_hours")


def can_verify(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or user.has_perm(VERIFY_PERMISSION)))


def can_edit(user, entry: DirectoryEntry) -> bool:
    """Superusers and moderators edit any entry; an org_admin only the entry linked to their organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if can_verify(user):
        return True
    return (user.has_role(Role.ORG_ADMIN) and entry.organisation_id is not None
            and entry.organisation_id == user.organisation_id)


def make_area(country: str, region: str = "", city_name: str = "") -> dict:
    """One served area from a country code, an optional ISO 3166-2 region and an optional city name.

    A city the gazetteer knows gets both spellings and its region; raises ValueError on a bad country code
    or a region of another country.
    """
    country = (country or "").strip().upper()
    if not places.is_country(country):
        raise ValueError(_("%(code)s is not an ISO 3166-1 country code (e.g. RU, KZ, KG)") % {"code": repr(country)})
    region = (region or "").strip().upper()
    if region and not region.startswith(f"{country}-"):
        raise ValueError(_("The region %(region)s is not in %(country)s.")
                         % {"region": places.region_name(region), "country": places.country_name(country)})
    city_name = (city_name or "").strip()
    area = {"country": country, "region": region, "city_ru": "", "city_latin": ""}
    if city_name:
        city = places.find_city(city_name)
        if city and city.country == country:
            area.update(region=region or city.region, city_ru=city.ru, city_latin=city.latin)
        elif any("а" <= ch.lower() <= "я" or ch.lower() == "ё" for ch in city_name):
            area["city_ru"] = city_name
        else:
            area["city_latin"] = city_name
    return area


def parse_areas(text: str) -> list[dict]:
    """One area per line: `COUNTRY[, REGION][, city]`, e.g. `RU, RU-MOW, Москва` or `KG` or `KZ, , Almaty`
    (the command-line and seed format; the web form has one row per place)."""
    areas = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = [part.strip() for part in line.split(",")]
        if not parts or not parts[0]:
            continue
        try:
            areas.append(make_area(parts[0], parts[1] if len(parts) > 1 else "", ", ".join(parts[2:])))
        except ValueError as exc:
            raise ValueError(f"line {number}: {exc}") from exc
    return areas


def format_areas(entry: DirectoryEntry) -> str:
    lines = []
    for area in entry.areas.all():
        parts = [area.country, area.region, area.city_latin or area.city_ru]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(", ".join(parts))
    return "\n".join(lines)


@transaction.atomic
def update_entry(*, actor, entry: DirectoryEntry, data: dict, services=None, areas: list[dict] | None = None
                 ) -> DirectoryEntry:
    """Apply an edit. A change by anyone but a moderator clears the verification (content changed since)."""
    if not can_edit(actor, entry):
        raise PermissionDenied("You may edit only your own organisation's directory entry.")
    if data.get("website") and not is_web_url(data["website"]):
        raise ValidationError("website must be an http:// or https:// address")
    changed = []
    for field in EDITABLE_FIELDS:
        if field in data and getattr(entry, field) != data[field]:
            setattr(entry, field, data[field])
            changed.append(field)
    if services is not None:
        before = set(entry.services.values_list("code", flat=True))
        after = {service.code for service in services}
        if before != after:
            entry.services.set(services)
            changed.append("services")
    if areas is not None:
        areas_before = [(a.country, a.region, a.city_ru, a.city_latin) for a in entry.areas.all()]
        areas_after = [(a["country"], a["region"], a["city_ru"], a["city_latin"]) for a in areas]
        if areas_before != areas_after:
            entry.areas.all().delete()
            ServedArea.objects.bulk_create([ServedArea(entry=entry, **area) for area in areas])
            changed.append("areas")
    if changed:
        entry.edited_locally = True
        if not can_verify(actor):
            entry.verified_at = None
            entry.verified_by = None
            entry.verified_by_label = ""
        entry.save()
        audit.record(actor, "update", entry, organisation=entry.organisation, detail={"fields": changed})
    return entry


def public_verifier_label(user) -> str:
    """How the public pages name a verifier: their full name, else their organisation, never a login name."""
    if user.get_full_name():
        return user.get_full_name()
    if getattr(user, "organisation", None) is not None:
        return user.organisation.name
    return "Huquq"


@transaction.atomic
def verify_entry(*, actor, entry: DirectoryEntry, on=None) -> DirectoryEntry:
    if not can_verify(actor):
        raise PermissionDenied("Only site moderators verify directory entries.")
    entry.verified_at = on or timezone.localdate()
    entry.verified_by = actor
    entry.verified_by_label = public_verifier_label(actor)
    entry.save(update_fields=["verified_at", "verified_by", "verified_by_label", "updated_at"])
    audit.record(actor, "update", entry, organisation=entry.organisation,
                 detail={"fields": ["verified_at", "verified_by"], "verified_on": entry.verified_at.isoformat()})
    return entry


@transaction.atomic
def link_organisation(*, actor, entry: DirectoryEntry, organisation) -> DirectoryEntry:
    """A moderator lets an organisation (tenant) edit this entry."""
    if not can_verify(actor):
        raise PermissionDenied("Only site moderators link an entry to an organisation.")
    entry.organisation = organisation
    entry.save(update_fields=["organisation", "updated_at"])
    audit.record(actor, "update", entry, organisation=organisation, detail={"fields": ["organisation"]})
    return entry
