"""Writes for the employer register: create, add name variants, merge, split and undo — all audited.

Moderators are superusers or users given the platform role User.is_registry_moderator (not every org admin).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from huquq.accounts import audit

from . import rekey, selectors
from .matching.normalise import legal_form_short, split_legal_form
from .models import DuplicateDecision, Employer, EmployerChange, EmployerName


def is_moderator(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # A platform role (User.is_registry_moderator), not every organisation's administrator: the register
    # and the warnings list are shared by all organisations.
    return user.is_superuser or getattr(user, "is_registry_moderator", False)


def _require_moderator(actor, allow_system: bool) -> None:
    if actor is None and allow_system:
        return
    if not is_moderator(actor):
        raise PermissionDenied("only a registry moderator may do this")


@transaction.atomic
def create_employer(*, name: str, actor=None, kind: str = Employer.Kind.EMPLOYER, inn: str = "", ogrn: str = "",
                    bin: str = "", city: str = "", country: str = "", region: str = "", okved: str = "",
                    legal_form: str = "", source: str = EmployerName.Source.REPORT) -> Employer:
    code, bare = split_legal_form(name.strip())
    employer = Employer(name=bare, kind=kind, inn=inn, ogrn=ogrn, bin=bin, city=city, country=country,
                        region=region, okved=okved, legal_form=legal_form or legal_form_short(code))
    employer.full_clean(exclude=["merged_into"])
    employer.save()
    EmployerName.objects.create(employer=employer, name=name.strip(), source=source)
    audit.record(actor, "create", employer, detail={"fields": ["name", "identifiers"]})
    return employer


@transaction.atomic
def add_name(employer: Employer, name: str, *, actor=None, source: str = EmployerName.Source.REPORT) -> EmployerName:
    variant = EmployerName.objects.create(employer=employer, name=name.strip(), source=source)
    audit.record(actor, "update", employer, detail={"added": "name variant", "variant_id": variant.pk})
    return variant


@transaction.atomic
def merge(survivor: Employer, other: Employer, *, actor=None, reason: str, score: float | None = None,
          automatic: bool = False) -> EmployerChange:
    """Merge `other`'s entity into `survivor`'s entity. Reversible with `undo`.

    Refused when both carry different valid identifiers of the same kind (two registered firms).
    """
    _require_moderator(actor, allow_system=automatic)
    survivor, other = selectors.canonical(survivor), selectors.canonical(other)
    if survivor.pk == other.pk:
        raise ValidationError("these are already one entity")
    if not reason.strip():
        raise ValidationError("a merge needs a reason")
    ids_a, ids_b = selectors.group_identifiers(survivor), selectors.group_identifiers(other)
    for kind in ("inn", "ogrn", "bin"):
        if ids_a[kind] and ids_b[kind] and not set(ids_a[kind]) & set(ids_b[kind]):
            raise ValidationError(f"different {kind.upper()}s: these are two registered firms")
    other.merged_into = survivor
    other.save(update_fields=["merged_into", "updated_at"])
    change = EmployerChange.objects.create(kind=EmployerChange.Kind.MERGE, survivor=survivor, other=other,
                                           reason=reason.strip()[:300], score=score, automatic=automatic,
                                           actor=actor if getattr(actor, "is_authenticated", False) else None)
    audit.record(actor, "update", survivor, detail={"action": "merge", "change_id": change.pk, "other": other.pk,
                                                    "automatic": automatic})
    return change


@transaction.atomic
def split(employer: Employer, name_ids: list[int], *, actor, reason: str, new_name: str = "") -> EmployerChange:
    """Move the chosen name variants of an entity's group to a new entity. Reversible with `undo`."""
    _require_moderator(actor, allow_system=False)
    root = selectors.canonical(employer)
    ids = selectors.group_ids(root)
    variants = list(EmployerName.objects.filter(pk__in=name_ids, employer_id__in=ids))
    if not variants:
        raise ValidationError("choose at least one name variant to split off")
    if len(variants) == EmployerName.objects.filter(employer_id__in=ids).count():
        raise ValidationError("at least one name variant must stay with the entity")
    if not reason.strip():
        raise ValidationError("a split needs a reason")
    code, bare = split_legal_form((new_name or variants[0].name).strip())
    new = Employer.objects.create(name=bare, kind=root.kind, city=root.city, country=root.country,
                                  legal_form=legal_form_short(code))
    moved = [{"id": v.pk, "from": v.employer_id} for v in variants]
    EmployerName.objects.filter(pk__in=[v.pk for v in variants]).update(employer=new)
    change = EmployerChange.objects.create(kind=EmployerChange.Kind.SPLIT, survivor=root, other=new,
                                           reason=reason.strip()[:300], moved_names=moved, actor=actor)
    audit.record(actor, "create", new, detail={"action": "split", "change_id": change.pk, "from": root.pk})
    audit.record(actor, "update", root, detail={"action": "split", "change_id": change.pk, "names_moved": len(moved)})
    return change


@transaction.atomic
def undo(change: EmployerChange, *, actor, reason: str = "") -> EmployerChange:
    """Reverse a merge (clear the pointer) or a split (move the names back, retire the split-off entity)."""
    _require_moderator(actor, allow_system=False)
    change = EmployerChange.objects.select_for_update().get(pk=change.pk)
    if change.undone_by_id:
        raise ValidationError("this change was already undone")
    if change.kind == EmployerChange.Kind.MERGE:
        other = change.other
        if other.merged_into_id != change.survivor_id:
            raise ValidationError("the entity has been merged elsewhere since; undo the later change first")
        other.merged_into = None
        other.save(update_fields=["merged_into", "updated_at"])
    elif change.kind == EmployerChange.Kind.SPLIT:
        for moved in change.moved_names:
            EmployerName.objects.filter(pk=moved["id"], employer=change.other).update(employer_id=moved["from"])
        other = change.other
        other.merged_into = change.survivor
        other.save(update_fields=["merged_into", "updated_at"])
    else:
        raise ValidationError("an undo cannot be undone; make a new merge or split instead")
    record = EmployerChange.objects.create(kind=EmployerChange.Kind.UNDO, survivor=change.survivor, other=change.other,
                                           reason=(reason or f"undo {change.kind} #{change.pk}")[:300], actor=actor)
    change.undone_by = record
    change.save(update_fields=["undone_by"])
    audit.record(actor, "update", change.survivor, detail={"action": "undo", "change_id": change.pk})
    return record


@transaction.atomic
def decide_duplicate(employer_a: Employer, employer_b: Employer, *, name_a: str, name_b: str, verdict: str, actor,
                     reason: str = "", score: float | None = None) -> DuplicateDecision:
    """A moderator says whether two names from the "possible duplicates" queue are one firm.

    The decision is kept on the two normalised names, so later matching runs (imports, reports naming an
    employer, `huquq employers match`) respect it; "the same" also merges the two entities now. A later
    decision on the same pair replaces the earlier one. Audited.
    """
    from .matching.normalise import normalise

    _require_moderator(actor, allow_system=False)
    if verdict not in DuplicateDecision.Verdict.values:
        raise ValidationError(f"unknown decision {verdict!r}")
    key_a, key_b = normalise(name_a).key[:300], normalise(name_b).key[:300]
    if not key_a or not key_b or key_a == key_b:
        raise ValidationError("these two names are spelled the same once normalised: nothing to decide")
    if key_a > key_b:
        key_a, key_b, name_a, name_b, employer_a, employer_b = key_b, key_a, name_b, name_a, employer_b, employer_a
    decision, _created = DuplicateDecision.objects.update_or_create(
        key_a=key_a, key_b=key_b,
        defaults={"name_a": name_a[:300], "name_b": name_b[:300], "employer_a": employer_a,
                  "employer_b": employer_b, "verdict": verdict, "score": score, "reason": reason.strip()[:300],
                  "actor": actor})
    audit.record(actor, "create", decision, detail={"verdict": verdict, "employers": [employer_a.pk, employer_b.pk]})
    if verdict == DuplicateDecision.Verdict.SAME:
        survivor, other = selectors.canonical(employer_a), selectors.canonical(employer_b)
        if survivor.pk != other.pk:
            merge(survivor, other, actor=actor, score=score,
                  reason=(reason.strip() or "a moderator decided: the same firm")[:300])
    return decision


_FIELD_OF_SCHEME = {"inn": "inn", "ogrn": "ogrn", "ogrnip": "ogrn", "bin": "bin"}


def _ensure_variant(entity: Employer, name: str, actor, source: str) -> None:
    if not EmployerName.objects.filter(employer__in=selectors.group_ids(entity), name=name.strip()).exists():
        add_name(entity, name, actor=actor, source=source)


@transaction.atomic
def record_mention(name: str, *, actor=None, inn: str = "", city: str = "", kind: str = Employer.Kind.EMPLOYER,
                   source: str = EmployerName.Source.REPORT) -> tuple[Employer, str]:
    """Attach a reported name to the register: same identifier first, then the best name match, else new.

    Returns the entity and the reason ("same INN", "name score 96 + same city", "new entity").
    A name match is not used when the entity already has a different identifier of the same kind.
    Other apps (casework) call this when a report names an employer.
    """
    from .matching import identifiers

    ident = identifiers.classify(inn) if inn else None
    if inn and ident is None:
        raise ValidationError(f"identifier {inn!r} is not valid: {identifiers.explain_invalid(inn)}")
    field = _FIELD_OF_SCHEME[ident.scheme] if ident else ""
    if ident:
        found = Employer.objects.filter(**{field: ident.value}).first()
        if found:
            entity = selectors.canonical(found)
            _ensure_variant(entity, name, actor, source)
            return entity, f"same {ident.scheme.upper()}"
    for entity, _score, reason in selectors.find_matches(name, city=city):
        known = selectors.group_identifiers(entity)[field] if ident else []
        if known and ident is not None and ident.value not in known:
            continue  # another registered firm with a similar name
        _ensure_variant(entity, name, actor, source)
        if ident and not getattr(entity, field):
            setattr(entity, field, ident.value)
            entity.save(update_fields=[field, "updated_at"])
            audit.record(actor, "update", entity, detail={"added": field})
        return entity, reason
    fields = {field: ident.value} if ident else {}
    return create_employer(name=name, actor=actor, kind=kind, city=city, source=source, **fields), "new entity"


def rekey_names(progress=None) -> rekey.RekeyCounts:
    """Recompute every stored name key and duplicate-decision key (after a change to the normaliser or the
    spelling skeleton); a second run changes nothing. Audited."""
    counts = rekey.rekey_names(Employer, EmployerName, DuplicateDecision, progress=progress)
    audit.record(None, "update", object_type="registry.name_keys", detail=vars(counts))
    return counts
