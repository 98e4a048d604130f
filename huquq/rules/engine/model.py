"""Plain data types of the rules engine (no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

SCHEMA_VERSION = 2  # of the answer's JSON (docs/status.md); 2 added overdue, days_left, what_now, web sources
KINDS = ("obligation", "right", "risk", "info")  # info: a fact to know (a price, a service), never a task
ITEM_KINDS = ("obligation", "right", "risk", "info", "conflict", "not_covered")
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

# Topics answered by a check of their own rather than by `status()` (issue 20: the contract check in
# engine/contract.py). Their rules carry a `check` mapping (which answer makes them apply) and are never
# among a status answer's items.
CHECK_TOPICS = ("contract",)

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
    document: str  # seed file name, the name of a public law, or a web page's title
    quote: str = ""  # exact passage (in the seed file, or on the web page)
    article: str = ""  # for a law: the article
    law_date: date | None = None  # for a law: its date
    url: str = ""
    title: str = ""  # for a web page: its title
    publisher: str = ""  # for a web page: who published it (optional)
    retrieved: date | None = None  # for a web page: the day the quote was read there
    published: date | None = None  # for a web page: its date, when known

    @property
    def kind(self) -> str:
        """`seed` (one of the five reports), `law` (a named law with article) or `web` (a public page)."""
        if self.retrieved is not None:
            return "web"
        if self.article or self.law_date:
            return "law"
        return "seed"

    @property
    def is_seed(self) -> bool:
        return self.kind == "seed"

    @property
    def is_web(self) -> bool:
        return self.kind == "web"

    def as_dict(self) -> dict:
        out: dict[str, str | None] = {"document": self.document, "quote": self.quote}
        kind = self.kind
        if kind == "law":
            out.update(article=self.article, date=self.law_date.isoformat() if self.law_date else None, url=self.url)
        elif kind == "web":
            out.update(url=self.url, title=self.title, publisher=self.publisher or None,
                       retrieved=self.retrieved.isoformat() if self.retrieved else None,
                       published=self.published.isoformat() if self.published else None)
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
    patent_paid_known: bool = False  # the profile gives patent_paid_until (rules whose due counts from it)


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
    limit: tuple[int, int | str] | None = None  # a stay limit: (days, window in days | "calendar_year" | "entry")
    due_from: str = "entry"  # the date `due_days` count from: "entry" or "patent_paid_until"
    # the day someone last read the rule against its sources in context (not a lawyer's confirmation)
    checked_on: date | None = None
    # for a CHECK_TOPICS rule: when it applies and what to do, e.g. {"when": "passport_handover",
    # "action": "keep_passport", "violation": "document_confiscation"} or {"missing": ("wage", ...), ...}
    check: tuple[tuple[str, object], ...] = ()

    @property
    def check_spec(self) -> dict:
        return dict(self.check)

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
    stays: tuple[tuple[date, date], ...] = ()  # earlier stays in the host country (first day, last day), sorted
    patent_paid_until: date | None = None  # last day covered by the patent's monthly payments


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
    checked_on: date | None = None  # when every rule behind the line was last read against its sources
    stale: bool = False
    notice: str = ""
    help_url: str = ""
    alternatives: tuple[dict, ...] = ()  # for conflicts: one entry per disagreeing rule
    days_left: int | None = None  # due - as_of in days (negative when overdue)
    overdue: bool = False  # due is before the as-of date
    what_now: str = ""  # for overdue items: what to do now
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
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "stale": self.stale,
            "notice": self.notice,
            "help_url": self.help_url,
            "alternatives": list(self.alternatives),
            "days_left": self.days_left,
            "overdue": self.overdue,
            "what_now": self.what_now,
        }


@dataclass
class Answer:
    as_of: date
    items: list[Item]
    lang: str = "ru"

    def as_dict(self) -> dict:
        return {"schema": SCHEMA_VERSION, "as_of": self.as_of.isoformat(), "items": [i.as_dict() for i in self.items]}
