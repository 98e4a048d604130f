"""The public warnings list: the publication rule, its evidence interface, and the audited moderator actions.

Publication rule (issue 3; thresholds in settings with these defaults):

An entity is on the public list only when ALL of these hold on the day the list is shown:

1. at least REGISTRY_WARNING_MIN_VIOLATIONS (2) violations linked to it are in cases caseworkers marked
   verified;
2. those verified violations come from at least REGISTRY_WARNING_MIN_REPORTERS (2) different reporters;
3. a moderator approved the listing (and it has not been withdrawn since);
4. a right-of-reply notice was sent to the entity at least REGISTRY_RIGHT_OF_REPLY_DAYS (14) days earlier;
   the entity's response, if any, is shown next to the warning.

Evidence comes from casework: `evidence_for(employer)` reads
`huquq.cases.selectors.employer_violation_evidence(employer_id)` for every employer of the entity's merge
group. The casework app owns `ViolationEvidence` (violation type, verified, an opaque reporter key, date):
only the violation type and the date ever reach a public page — never who reported, who was harmed, or which
case. The employer register itself (models, matching, services) never imports casework; only this module,
its pages and the demo do (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from huquq.accounts import audit
from huquq.cases.selectors import ViolationEvidence, employer_violation_evidence, employers_violation_evidence

from . import selectors
from .models import Employer, EmployerName, RightOfReplyNotice, WarningListing
from .services import is_moderator


def min_violations() -> int:
    return int(getattr(settings, "REGISTRY_WARNING_MIN_VIOLATIONS", 2))


def min_reporters() -> int:
    return int(getattr(settings, "REGISTRY_WARNING_MIN_REPORTERS", 2))


def reply_days() -> int:
    return int(getattr(settings, "REGISTRY_RIGHT_OF_REPLY_DAYS", 14))


def evidence_for(employer: Employer) -> list[ViolationEvidence]:
    """Evidence over the entity's whole merge group, from the casework records."""
    evidence: list[ViolationEvidence] = []
    for employer_id in selectors.group_ids(employer):
        evidence.extend(employer_violation_evidence(employer_id))
    return evidence


@dataclass
class PublicationDecision:
    publishable: bool
    unmet: list[str] = field(default_factory=list)    # machine-readable names of the conditions not met
    verified_violations: int = 0
    reporters: int = 0
    violation_counts: list[tuple[str, int]] = field(default_factory=list)
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    notice: RightOfReplyNotice | None = None


def publication_decision(evidence: Iterable[ViolationEvidence], listing: WarningListing | None,
                         notices: Iterable[RightOfReplyNotice], today: dt.date | None = None) -> PublicationDecision:
    """Apply the publication rule to plain data (no database access): each condition is checked alone."""
    today = today or timezone.localdate()
    verified = [e for e in evidence if e.verified]
    reporters = {e.reporter_key for e in verified if e.reporter_key}
    unmet = []
    if len(verified) < min_violations():
        unmet.append("verified_violations")
    if len(reporters) < min_reporters():
        unmet.append("reporters")
    if listing is None or listing.status != WarningListing.Status.APPROVED or listing.approved_at is None:
        unmet.append("moderator_approval")
    cutoff = today - dt.timedelta(days=reply_days())
    due = [n for n in notices if n.sent_on <= cutoff]
    if not due:
        unmet.append("right_of_reply")
    counts = Counter(e.violation_type for e in verified if e.violation_type)
    dates = sorted(e.occurred_on for e in verified if e.occurred_on)
    notice = max(due, key=lambda n: (n.sent_on, n.pk or 0)) if due else None
    return PublicationDecision(
        publishable=not unmet, unmet=unmet, verified_violations=len(verified), reporters=len(reporters),
        violation_counts=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None, notice=notice,
    )


def decision_for(employer: Employer, today: dt.date | None = None) -> PublicationDecision:
    entity = selectors.canonical(employer)
    listing = WarningListing.objects.filter(employer=entity).first()
    notices = list(RightOfReplyNotice.objects.filter(employer_id__in=selectors.group_ids(entity)))
    return publication_decision(evidence_for(entity), listing, notices, today)


# ---------------------------------------------------------------------------------------------------------
# Reads for public pages
# ---------------------------------------------------------------------------------------------------------


@dataclass
class PublishedWarning:
    """Everything a public page may show about a listed entity, and nothing else."""

    entity_id: int
    name: str
    legal_form: str
    kind: str
    city: str
    other_names: list[str]
    violation_counts: list[tuple[str, int]]
    first_date: dt.date | None
    last_date: dt.date | None
    notice_sent_on: dt.date | None
    response_text: str
    response_received_on: dt.date | None
    correction: str
    corrected_at: dt.datetime | None
    approved_at: dt.datetime | None


def _merge_groups(root_ids: Iterable[int]) -> dict[int, list[int]]:
    """Ids merged into each root, directly or through a chain: one query per level of merging, whatever the
    number of roots (so a list page's query count does not grow with its rows)."""
    groups = {root: [root] for root in root_ids}
    owner = {root: root for root in groups}
    frontier = list(groups)
    while frontier:
        rows = list(Employer.objects.filter(merged_into_id__in=frontier).values_list("pk", "merged_into_id"))
        frontier = []
        for pk, parent in rows:
            if pk in owner:
                continue
            owner[pk] = owner[parent]
            groups[owner[parent]].append(pk)
            frontier.append(pk)
    return groups


def _evidence_by_employer(ids: list[int]) -> dict[int, list[ViolationEvidence]]:
    """Casework's evidence for many employers in one query."""
    found = employers_violation_evidence(ids)
    return {i: found.get(i, []) for i in ids}


def _published_many(listings: list[WarningListing], today: dt.date) -> list[PublishedWarning]:
    """The public view of approved listings, read in a fixed number of queries."""
    from .matching.normalise import normalise

    listings = [listing for listing in listings if not listing.employer.merged_into_id]
    groups = _merge_groups(listing.employer_id for listing in listings)
    every_id = [pk for members in groups.values() for pk in members]
    evidence = _evidence_by_employer(every_id)
    notices: dict[int, list[RightOfReplyNotice]] = {}
    for notice in RightOfReplyNotice.objects.filter(employer_id__in=every_id):
        notices.setdefault(notice.employer_id, []).append(notice)
    names: dict[int, list[str]] = {}
    for pk, name in Employer.objects.filter(pk__in=every_id).values_list("pk", "name"):
        names.setdefault(pk, []).insert(0, name)
    for employer_id, name in EmployerName.objects.filter(employer_id__in=every_id).values_list("employer_id", "name"):
        names.setdefault(employer_id, []).append(name)

    published = []
    for listing in listings:
        entity, members = listing.employer, groups[listing.employer_id]
        decision = publication_decision([e for pk in members for e in evidence[pk]], listing,
                                        [n for pk in members for n in notices.get(pk, [])], today)
        if not decision.publishable:
            continue
        seen = {normalise(entity.name).key}
        other_names = []
        for name in [n for pk in members for n in names.get(pk, [])]:
            key = normalise(name).key
            if key not in seen:  # only spellings that differ beyond legal form, quotes and case
                seen.add(key)
                other_names.append(name)
        notice = decision.notice
        published.append(PublishedWarning(
            entity_id=entity.pk, name=entity.name, legal_form=entity.legal_form, kind=entity.kind, city=entity.city,
            other_names=other_names, violation_counts=decision.violation_counts, first_date=decision.first_date,
            last_date=decision.last_date, notice_sent_on=notice.sent_on if notice else None,
            response_text=notice.response_text if notice else "",
            response_received_on=notice.response_received_on if notice else None,
            correction=listing.correction, corrected_at=listing.corrected_at, approved_at=listing.approved_at,
        ))
    return published


def published_warnings(today: dt.date | None = None) -> list[PublishedWarning]:
    today = today or timezone.localdate()
    listings = WarningListing.objects.filter(status=WarningListing.Status.APPROVED).select_related("employer")
    return sorted(_published_many(list(listings), today), key=lambda p: p.name.lower())


def published_warning(entity_id: int, today: dt.date | None = None) -> PublishedWarning | None:
    listings = list(WarningListing.objects.filter(employer_id=entity_id, status=WarningListing.Status.APPROVED)
                    .select_related("employer")[:1])
    published = _published_many(listings, today or timezone.localdate())
    return published[0] if published else None


def search_published(query: str, today: dt.date | None = None) -> list[tuple[PublishedWarning, float]]:
    """Listed entities whose name or a name variant matches `query` in any script (never unlisted ones)."""
    from .matching.cluster import search_score

    threshold = float(getattr(settings, "REGISTRY_SEARCH_THRESHOLD", 85))
    results = []
    for warning in published_warnings(today):
        best = max(search_score(query, name) for name in [warning.name, *warning.other_names])
        if best >= threshold:
            results.append((warning, best))
    return sorted(results, key=lambda r: -r[1])


# ---------------------------------------------------------------------------------------------------------
# Moderator actions (audited)
# ---------------------------------------------------------------------------------------------------------


def _require_moderator(actor) -> None:
    if not is_moderator(actor):
        raise PermissionDenied("only a registry moderator may do this")


def _listing(employer: Employer) -> WarningListing:
    entity = selectors.canonical(employer)
    listing, _created = WarningListing.objects.get_or_create(employer=entity)
    return listing


@transaction.atomic
def approve(employer: Employer, *, actor) -> WarningListing:
    _require_moderator(actor)
    listing = _listing(employer)
    listing.status = WarningListing.Status.APPROVED
    listing.approved_by = actor
    listing.approved_at = timezone.now()
    listing.withdrawn_at = None
    listing.save()
    audit.record(actor, "update", listing, detail={"action": "approve"})
    return listing


@transaction.atomic
def withdraw(employer: Employer, *, actor, reason: str) -> WarningListing:
    _require_moderator(actor)
    if not reason.strip():
        raise ValidationError("a withdrawal needs a reason")
    listing = _listing(employer)
    listing.status = WarningListing.Status.WITHDRAWN
    listing.withdrawn_at = timezone.now()
    listing.withdrawal_reason = reason.strip()
    listing.save()
    audit.record(actor, "update", listing, detail={"action": "withdraw"})
    return listing


@transaction.atomic
def correct(employer: Employer, *, actor, correction: str) -> WarningListing:
    """Publish a correction beside the warning (shown with its date)."""
    _require_moderator(actor)
    if not correction.strip():
        raise ValidationError("a correction needs text")
    listing = _listing(employer)
    listing.correction = correction.strip()
    listing.corrected_at = timezone.now()
    listing.save()
    audit.record(actor, "update", listing, detail={"action": "correct"})
    return listing


@transaction.atomic
def record_notice(employer: Employer, *, actor, sent_on: dt.date, method: str = "") -> RightOfReplyNotice:
    _require_moderator(actor)
    if sent_on > timezone.localdate():
        raise ValidationError("a notice cannot be sent in the future")
    notice = RightOfReplyNotice.objects.create(employer=selectors.canonical(employer), sent_on=sent_on,
                                               method=method.strip(), recorded_by=actor)
    audit.record(actor, "create", notice, detail={"action": "right_of_reply_notice"})
    return notice


@transaction.atomic
def record_response(notice: RightOfReplyNotice, *, actor, response_text: str,
                    received_on: dt.date | None = None) -> RightOfReplyNotice:
    _require_moderator(actor)
    notice.response_text = response_text.strip()
    notice.response_received_on = received_on or timezone.localdate()
    notice.save(update_fields=["response_text", "response_received_on"])
    audit.record(actor, "update", notice, detail={"action": "right_of_reply_response"})
    return notice
