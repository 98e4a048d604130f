"""Plain data types of the rules engine (no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

KINDS = ("obligation", "right", "risk")
ITEM_KINDS = ("obligation", "right", "risk", "conflict", "not_covered")
EMPLOYMENT = ("legal_entity", "individual", "none")
DOCUMENT_TYPES = (
    "patent", "work_permit", "labour_contract", "registration", "migration_card", "foreign_passport",
    "language_certificate", "consular_registration", "residence_permit", "return_certificate",
)

# Topics the engine knows. `CORE_TOPICS` are always asked about; a profile may ask for others.
CORE_TOPICS = ("registration", "work_authorization", "expulsion", "entry_ban", "activity_ban")
TOPICS = CORE_TOPICS + (
    "entry_document",  # which passport / visa a person needs to enter
    "job_change",  # what happens when a job ends
    "family",  # stay of family members, schooling
    "complaint",  # international / CIS complaint procedures
    "pension",  # donor-country pension
    "consular",  # consular registration with the home country's mission
    "labour_contract",  # what the contract must contain, before departure
    "labour_rights",  # equal pay, documents that may not be taken
    "stay",  # how long a person may stay
    "health",  # access to medical care
)

# The help directory's service code (registry/directory/data/services.yaml) to search for each topic.
SERVICE_FOR_TOPIC = {
    "registration": "legal_advice",
    "work_authorization": "legal_advice",
    "expulsion": "court_representation",
    "entry_ban": "entry_ban_check",
    "activity_ban": "legal_advice",
    "entry_document": "legal_advice",
    "job_change": "legal_advice",
    "family": "legal_advice",
    "complaint": "legal_advice",
    "pension": "legal_advice",
    "consular": "legal_advice",
    "labour_contract": "pre_departure_info",
    "labour_rights": "wage_claims",
    "stay": "legal_advice",
    "health": "medical_help",
}
# Topics whose help is found in the citizen's own country rather than the host country.
ORIGIN_SIDE_TOPICS = frozenset({"pension", "consular", "labour_contract"})


@dataclass(frozen=True)
class Source:
    document: str  # seed file name, or the name of a public law
    quote: str = ""  # exact passage in the seed file
    article: str = ""  # for a law: the article
    law_date: date | None = None  # for a law: its date
    url: str = ""

    @property
    def is_seed(self) -> bool:
        return not self.article and not self.law_date

    def as_dict(self) -> dict:
        out = {"document": self.document, "quote": self.quote}
        if not self.is_seed:
            out.update(article=self.article, date=self.law_date.isoformat() if self.law_date else None, url=self.url)
        return out


@dataclass(frozen=True)
class Conditions:
    employment: frozenset[str] | None = None  # profile.employment must be one of these
    okved_prefixes: tuple[str, ...] | None = None  # profile.activity_okved starts with one of these codes
    holds: frozenset[str] | None = None  # profile holds (valid on as_of) all of these documents
    lacks: frozenset[str] | None = None  # profile lacks at least one of these documents
    ban_active: bool | None = None  # an entry ban is in force on as_of
    # amnesty-type test: ban in force on `on` and less than `fraction` of it remained then
    ban_remaining_below: tuple[float, date] | None = None
    entry_before: date | None = None
    entry_on_or_after: date | None = None


_NO_CONDITIONS = Conditions()


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    topic: str
    kind: str
    hosts: frozenset[str]  # {"RU"}, {"KZ"}, or {"*"}
    regions: frozenset[str]  # {"*"} or ISO 3166-2 codes
    regions_not: frozenset[str]
    citizenship: tuple[str, ...]  # country codes and "group:NAME" entries, or ("*",)
    citizenship_not: frozenset[str]
    valid_from: date | None
    valid_to: date | None
    basis: str  # "entry": validity and group membership are judged on the entry date; "as_of" otherwise
    conditions: Conditions
    due_days: int | None
    working_days: bool
    document: str | None
    mandatory: bool
    slot: str
    overrides: frozenset[str]
    supersedes: frozenset[str]
    text: dict[str, str]
    sources: tuple[Source, ...]
    source_date: date
    confirmed_on: date | None
    confirmed_by: str | None
    note: str = ""
    origin: str = "rulebook"  # file name, or "override:<pk>"
    # the day someone last read the rule against its sources in context (not a lawyer's confirmation)
    checked_on: date | None = None

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmed_on and self.confirmed_by)

    @cached_property
    def source_ord(self) -> int:
        return self.source_date.toordinal()

    def in_window(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Membership:
    group: str
    country: str
    valid_from: date | None
    valid_to: date | None
    sources: tuple[Source, ...]
    note: str = ""

    def on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Document:
    type: str
    issued: date | None = None
    expires: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.issued is None or self.issued <= day) and (self.expires is None or day <= self.expires)


@dataclass(frozen=True)
class Profile:
    citizenship: str
    host_country: str
    region: str
    entry_date: date
    employment: str = "none"
    activity_okved: str = ""
    documents: tuple[Document, ...] = ()
    ban_start: date | None = None
    ban_end: date | None = None
    topics: tuple[str, ...] = TOPICS


@dataclass(slots=True)
class Item:
    topic: str
    kind: str
    text: str
    due: date | None = None
    document: str | None = None
    mandatory: bool = False
    sources: tuple[Source, ...] = ()
    rule_ids: tuple[str, ...] = ()
    source_date: date | None = None
    confirmed: bool = False
    confirmed_on: date | None = None
    confirmed_by: str | None = None
    stale: bool = False
    notice: str = ""
    help_url: str = ""
    alternatives: tuple[dict, ...] = ()  # for conflicts: one entry per disagreeing rule
    text_lang: str = ""  # the language `text` is really in (Russian when the asked language has no wording)

    def as_dict(self) -> dict:
        return {
            "topic": self.topic,
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "document": self.document,
            "mandatory": self.mandatory,
            "text": self.text,
            "sources": [s.as_dict() for s in self.sources],
            "rule_ids": list(self.rule_ids),
            "source_date": self.source_date.isoformat() if self.source_date else None,
            "confirmed": self.confirmed,
            "confirmed_on": self.confirmed_on.isoformat() if self.confirmed_on else None,
            "confirmed_by": self.confirmed_by,
            "stale": self.stale,
            "notice": self.notice,
            "help_url": self.help_url,
            "alternatives": list(self.alternatives),
        }


@dataclass
class Answer:
    as_of: date
    items: list[Item]
    lang: str = "ru"

    def as_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "items": [i.as_dict() for i in self.items]}
