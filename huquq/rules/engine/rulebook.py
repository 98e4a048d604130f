"""Load and validate the rulebook (YAML data files), and compile it into indexed structures.

A rulebook is a list of dated rules plus dated group memberships (EAEU, CIS visa-free …). See
docs/status.md for the file format. `validate_data` returns a list of problems (empty = valid);
`Rulebook.from_data` refuses data with problems.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from huquq.text.quotes import QuoteError, find_quote, normalise

from . import translations
from .countries import REGION_RE, country_codes
from .model import (
    _NO_CONDITIONS,
    CHECK_TOPICS,
    DOCUMENT_TYPES,
    EMPLOYMENT,
    KINDS,
    TOPICS,
    Conditions,
    Membership,
    Rule,
    Source,
)

RULEBOOK_DIR = Path(__file__).resolve().parent.parent / "rulebook"
SEED_NAME_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
HOSTS = ("RU", "KZ", "*")
RULE_KEYS = {
    "id", "topic", "kind", "host", "regions", "regions_not", "citizenship", "citizenship_not", "valid_from",
    "valid_to", "basis", "when", "due", "document", "mandatory", "slot", "overrides", "supersedes", "text",
    "sources", "source_date", "confirmed_on", "confirmed_by", "note", "limit",
}
DUE_FROM = ("entry", "patent_paid_until")
LIMIT_PER = ("calendar_year", "entry")
WHEN_KEYS = {"employment", "okved", "holds", "lacks", "ban_active", "ban_remaining_below", "entry_before",
             "entry_on_or_after"}
MEMBERSHIP_KEYS = {"group", "country", "valid_from", "valid_to", "sources", "note"}
WEB_SOURCE_KEYS = {"url", "title", "quote", "retrieved", "publisher", "published"}
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
OKVED_CODE_RE = re.compile(r"\d{2}(\.\d{1,2}){0,3}")

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # the C loader is several times faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class RulebookError(ValueError):
    """The rulebook data is invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid rulebook:\n" + "\n".join(problems))


def default_seeds_dir() -> Path | None:
    env = os.environ.get("HUQUQ_SEEDS_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[3].parent / "shared" / "seeds")
    for c in candidates:
        if c.is_dir():
            return c
    return None


# ---------------------------------------------------------------- reading files

def read_files(directory: Path = RULEBOOK_DIR) -> tuple[list[dict], list[dict]]:
    """Raw rule and membership dicts from every *.yaml file in `directory` (each tagged with `_file`)."""
    rules: list[dict] = []
    memberships: list[dict] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        r, m = split_document(data, path.name)
        rules.extend(r)
        memberships.extend(m)
    return translations.apply(rules, Path(directory)), memberships


def split_document(data, origin: str) -> tuple[list[dict], list[dict]]:
    """Rules and memberships of one parsed YAML document; `defaults` fill missing rule keys."""
    if isinstance(data, list):
        data = {"rules": data}
    if not isinstance(data, dict):
        raise RulebookError([f"{origin}: the document must be a mapping with `rules` and/or `groups`"])
    defaults = data.get("defaults") or {}
    rules = []
    for raw in data.get("rules") or []:
        if isinstance(raw, dict):
            raw = {**defaults, **raw, "_file": origin}
        rules.append(raw)
    memberships = [{**m, "_file": origin} if isinstance(m, dict) else m for m in data.get("groups") or []]
    return rules, memberships


def parse_rule_text(text: str, origin: str = "override") -> list[dict]:
    """Rules from YAML/JSON text (a lawyer's proposed change); raises RulebookError on bad syntax."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise RulebookError([f"{origin}: not valid YAML/JSON: {exc}"]) from None
    if isinstance(data, dict) and "id" in data:
        data = [data]
    rules, memberships = split_document(data, origin)
    if memberships:
        raise RulebookError([f"{origin}: group memberships can only change in the rulebook files"])
    return rules


# ---------------------------------------------------------------- validation

RULE_KEYS.add("checked_on")  # issue 19, see _checked_on
RULE_KEYS.add("check")  # issue 20, see _rule_check


def _rule_check(r: dict, topic, bad) -> tuple:
    """`check` of a CHECK_TOPICS rule (issue 20): what answer makes it apply, what to do, and the case violation
    type it suggests. The vocabularies are the contract check's (engine/contract.py)."""
    from . import contract

    spec = r.get("check")
    if topic not in CHECK_TOPICS:
        if spec is not None:
            bad(f"check belongs only to rules of the topics {', '.join(CHECK_TOPICS)}")
        return ()
    problems = contract.check_spec_problems(spec)
    for problem in problems:
        bad(f"check: {problem}")
    if problems or not isinstance(spec, dict):  # (check_spec_problems refuses a non-mapping)
        return ()
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in spec.items()))


def _checked_on(r: dict, where: str, problems: list[str]) -> date | None:
    """`checked_on`: the day the rule was last read against its sources in context (issue 19). Separate from
    a lawyer's `confirmed_on`; null means never checked (listed by `huquq rules check`)."""
    value = r.get("checked_on")
    if value is None:
        return None
    full_date = isinstance(value, date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
    if not full_date:
        problems.append(f"{where}: checked_on must be a full date YYYY-MM-DD")
        return None
    day = _date(value, f"{where}: checked_on", problems)
    if day is not None and day > date.today():
        problems.append(f"{where}: checked_on {day} is in the future")
        return None
    return day


def never_checked(rules) -> list[str]:
    """Ids of the rules nobody has read against their sources in context yet."""
    return sorted(r.id for r in rules if r.checked_on is None)


def _date(value, where: str, problems: list[str], *, allow_none=True) -> date | None:
    if value is None:
        if not allow_none:
            problems.append(f"{where}: a date is required")
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, int) and 1900 <= value <= 2100:  # a year: the source was written by its end
        return date(value, 12, 31)
    if isinstance(value, str):
        try:
            if re.fullmatch(r"\d{4}", value):
                return date(int(value), 12, 31)
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
    return None


def _list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _sources(raw, where: str, problems: list[str], seeds_dir: Path | None) -> tuple[Source, ...]:
    """Every source of a rule or membership: a seed passage, a named law, or a public web page."""
    out = []
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: sources: at least one source is required")
        return ()
    for n, s in enumerate(raw):
        w = f"{where}: sources[{n}]"
        if not isinstance(s, dict):
            problems.append(f"{w}: must be a mapping")
            continue
        source: Source | None
        if "law" in s:
            source = _law_source(s, w, problems)
        elif "url" in s:
            source = _web_source(s, w, problems)
        else:
            source = _seed_source(s, w, problems, seeds_dir)
        if source is not None:
            out.append(source)
    return tuple(out)


def _law_source(s: dict, w: str, problems: list[str]) -> Source:
    law_date = _date(s.get("date"), f"{w}: date", problems, allow_none=False)
    if not str(s.get("article") or "").strip():
        problems.append(f"{w}: a law source needs its article")
    return Source(document=str(s["law"]), quote=str(s.get("quote") or ""), article=str(s.get("article") or ""),
                  law_date=law_date, url=str(s.get("url") or ""))


def _quote(quote, w: str, problems: list[str]) -> bool:
    if not isinstance(quote, str) or len(normalise(quote)) < 12:
        problems.append(f"{w}: quote must be an exact passage of at least 12 characters")
        return False
    if len(quote) > 600:
        problems.append(f"{w}: quote too long ({len(quote)} characters); quote a short passage")
    return True


def _web_source(s: dict, w: str, problems: list[str]) -> Source | None:
    """A public page: its address, its title, a verbatim quote and the day it was read (`retrieved`)."""
    unknown = set(s) - WEB_SOURCE_KEYS
    if unknown:
        problems.append(f"{w}: unknown keys {sorted(unknown)} (a web source has {sorted(WEB_SOURCE_KEYS)})")
    url, title = s.get("url"), s.get("title")
    ok = True
    if not isinstance(url, str) or not URL_RE.match(url):
        problems.append(f"{w}: url {url!r} must be an http(s) address")
        ok = False
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{w}: a web source needs the page's title")
        ok = False
    ok = _quote(s.get("quote"), w, problems) and ok
    retrieved = _date(s.get("retrieved"), f"{w}: retrieved", problems, allow_none=False)
    published = _date(s.get("published"), f"{w}: published", problems)
    if not ok or retrieved is None or not isinstance(url, str) or not isinstance(title, str):
        return None  # (url and title are strings when ok; the isinstance tests tell the type checker)
    return Source(document=title.strip(), quote=normalise(s["quote"]), url=url, title=title.strip(),
                  publisher=str(s.get("publisher") or "").strip(), retrieved=retrieved, published=published)


def _seed_source(s: dict, w: str, problems: list[str], seeds_dir: Path | None) -> Source | None:
    doc, quote = s.get("document"), s.get("quote")
    if not isinstance(doc, str) or not SEED_NAME_RE.match(doc):
        problems.append(f"{w}: document {doc!r} is not a seed file name like 003_7d9f1d547931b5c5.txt")
        return None
    if not _quote(quote, w, problems) or not isinstance(quote, str):  # _quote refuses a non-string
        return None
    if seeds_dir is not None:
        try:
            find_quote(seeds_dir, doc, quote)
        except QuoteError as error:
            problems.append(f"{w}: {error}")
    return Source(document=doc, quote=normalise(quote))


def _memberships(raw_list: list, problems: list[str], seeds_dir: Path | None) -> list[Membership]:
    codes = country_codes()
    out = []
    for n, m in enumerate(raw_list):
        where = f"{m.get('_file', '?') if isinstance(m, dict) else '?'}: groups[{n}]"
        if not isinstance(m, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        unknown = set(m) - MEMBERSHIP_KEYS - {"_file"}
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        group, country = m.get("group"), m.get("country")
        if not isinstance(group, str) or not re.fullmatch(r"[A-Za-z_]+", group or ""):
            problems.append(f"{where}: group must be a name like EAEU")
            continue
        if country not in codes:
            problems.append(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
            continue
        vf = _date(m.get("valid_from"), f"{where}: valid_from", problems)
        vt = _date(m.get("valid_to"), f"{where}: valid_to", problems)
        if vf and vt and vt < vf:
            problems.append(f"{where}: valid_to is before valid_from")
        sources = _sources(m.get("sources"), f"{where} ({group} {country})", problems, seeds_dir)
        out.append(Membership(group=group, country=country, valid_from=vf, valid_to=vt, sources=sources,
                              note=str(m.get("note") or "")))
    return out


class _Check:
    """Where one rule is being read (file: id) and the list its problems go to."""

    __slots__ = ("where", "problems")

    def __init__(self, where: str, problems: list[str]):
        self.where, self.problems = where, problems

    def __call__(self, message: str) -> None:
        self.problems.append(f"{self.where}: {message}")


def _rule_topic_kind(r: dict, bad: _Check) -> tuple:
    topic, kind = r.get("topic"), r.get("kind")
    if topic not in TOPICS + CHECK_TOPICS:
        bad(f"topic {topic!r} is not one of {', '.join(TOPICS + CHECK_TOPICS)}")
    if kind not in KINDS:
        bad(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    return topic, kind


def _rule_places(r: dict, bad: _Check) -> tuple[list, list, list]:
    """Hosts, regions and excluded regions."""
    hosts = _list(r.get("host"))
    if not hosts or any(h not in HOSTS for h in hosts):
        bad(f"host must be RU, KZ or * (got {hosts!r})")
    regions = _list(r.get("regions", "*"))
    regions_not = _list(r.get("regions_not"))
    for reg in regions + regions_not:
        if reg == "*":
            continue
        match = REGION_RE.match(str(reg))
        if not match or (hosts and "*" not in hosts and match.group(1) not in hosts):
            bad(f"region {reg!r} is not an ISO 3166-2 code of the host country")
    return hosts, regions, regions_not


def _rule_citizenship(r: dict, groups: set[str], bad: _Check) -> tuple[list, list]:
    codes = country_codes()
    citizenship = _list(r.get("citizenship"))
    citizenship_not = _list(r.get("citizenship_not"))
    if not citizenship:
        bad("citizenship is required (country codes, group:NAME or *)")
    for c in citizenship + citizenship_not:
        if c == "*":
            continue
        if isinstance(c, str) and c.startswith("group:"):
            if c[6:] not in groups:
                bad(f"unknown group {c[6:]!r}")
        elif c not in codes:
            bad(f"citizenship {c!r} is not an ISO 3166-1 alpha-2 code")
    return citizenship, citizenship_not


def _rule_window(r: dict, bad: _Check) -> tuple[date | None, date | None]:
    vf = _date(r.get("valid_from"), f"{bad.where}: valid_from", bad.problems)
    vt = _date(r.get("valid_to"), f"{bad.where}: valid_to", bad.problems)
    if vf and vt and vt < vf:
        bad(f"valid_to {vt} is before valid_from {vf}")
    if r.get("supersedes") and vf is None:
        bad("a rule that supersedes others needs valid_from")
    return vf, vt


def _rule_due(r: dict, bad: _Check) -> tuple[int | None, bool, str, str]:
    """Days to the deadline, whether they are working days, the date they count from, and the date the window
    is judged on."""
    due = r.get("due")
    due_days, working, due_from = None, False, "entry"
    if due is not None:
        due_from = due.get("from", "entry") if isinstance(due, dict) else "entry"
        least = 0 if due_from != "entry" else 1
        if not isinstance(due, dict) or not isinstance(due.get("days"), int) or isinstance(due.get("days"), bool) \
                or not least <= due["days"] <= 3650:
            bad("due must be {days: N} with 0 < N <= 3650 (0 <= N when counted from another date)")
        elif due_from not in DUE_FROM:
            bad(f"due.from must be one of {', '.join(DUE_FROM)}")
        else:
            due_days, working = due["days"], bool(due.get("working_days", False))
            if set(due) - {"days", "working_days", "from"}:
                bad(f"due: unknown keys {sorted(set(due) - {'days', 'working_days', 'from'})}")
    basis = r.get("basis") or ("entry" if due_days is not None and due_from == "entry" else "as_of")
    if basis not in ("entry", "as_of"):
        bad("basis must be entry or as_of")
    return due_days, working, due_from, basis


def _rule_limit(r: dict, bad: _Check) -> tuple[int, int | str] | None:
    """A stay limit: {days: N, per: WINDOW_DAYS | calendar_year | entry}."""
    limit = r.get("limit")
    if limit is None:
        return None
    days = limit.get("days") if isinstance(limit, dict) else None
    per = limit.get("per") if isinstance(limit, dict) else None
    if not isinstance(days, int) or isinstance(days, bool) or not 0 < days <= 3650 or not (
            per in LIMIT_PER or (isinstance(per, int) and not isinstance(per, bool) and days <= per <= 3650)):
        bad("limit must be {days: N, per: W} with W a number of days >= N, calendar_year or entry")
        return None
    if set(limit) - {"days", "per"}:
        bad(f"limit: unknown keys {sorted(set(limit) - {'days', 'per'})}")
    if r.get("topic") != "stay" or r.get("due") is not None:
        bad("a limit rule has topic stay and no due (the engine computes the last legal day)")
    return days, per


def _rule_conditions(r: dict, bad: _Check) -> Conditions:
    when = r.get("when") or {}
    if not isinstance(when, dict):
        bad("when must be a mapping")
        return Conditions()
    if set(when) - WHEN_KEYS:
        bad(f"when: unknown keys {sorted(set(when) - WHEN_KEYS)}")
    emp = _list(when.get("employment")) or None
    if emp and any(e not in EMPLOYMENT for e in emp):
        bad(f"when.employment must be among {EMPLOYMENT}")
    okved = tuple(str(o) for o in _list(when.get("okved"))) or None
    if okved and any(not OKVED_CODE_RE.fullmatch(o) for o in okved):
        bad("when.okved codes must look like 60.22 or 65")
    holds = frozenset(_list(when.get("holds"))) or None
    lacks = frozenset(_list(when.get("lacks"))) or None
    for d in (holds or set()) | (lacks or set()):
        if d not in DOCUMENT_TYPES:
            bad(f"unknown document type {d!r}")
    ban_active = when.get("ban_active")
    if ban_active is not None and not isinstance(ban_active, bool):
        bad("when.ban_active must be true or false")
    return Conditions(
        employment=frozenset(emp) if emp else None, okved_prefixes=okved, holds=holds, lacks=lacks,
        ban_active=ban_active, ban_remaining_below=_ban_remaining_below(when.get("ban_remaining_below"), bad),
        entry_before=_date(when.get("entry_before"), f"{bad.where}: when.entry_before", bad.problems),
        entry_on_or_after=_date(when.get("entry_on_or_after"), f"{bad.where}: when.entry_on_or_after",
                                bad.problems),
    )


def _ban_remaining_below(brb, bad: _Check) -> tuple[float, date] | None:
    if brb is None:
        return None
    on = _date((brb or {}).get("at"), f"{bad.where}: when.ban_remaining_below.at", bad.problems, allow_none=False)
    frac = (brb or {}).get("fraction")
    if not isinstance(frac, (int, float)) or not 0 < frac <= 1:
        bad("when.ban_remaining_below.fraction must be in (0, 1]")
        return None
    return (float(frac), on) if on else None


def _rule_document(r: dict, kind, bad: _Check) -> tuple[str | None, bool]:
    document = r.get("document")
    if document is not None and document not in DOCUMENT_TYPES + ("none",):
        bad(f"document {document!r} is not one of {DOCUMENT_TYPES}")
    mandatory = r.get("mandatory", kind == "obligation")
    if not isinstance(mandatory, bool):
        bad("mandatory must be true or false")
    return document, mandatory


def _rule_text(r: dict, bad: _Check) -> dict:
    text = r.get("text")
    if not isinstance(text, dict) or not str(text.get("ru") or "").strip():
        bad("text needs at least a Russian wording (text.ru)")
        return {}
    if any(not isinstance(v, str) for v in text.values()) or set(text) - {"ru", "en", "ky", "tg", "uz"}:
        bad("text must map languages ru/en/ky/tg/uz to strings")
    return text


def _rule_confirmation(r: dict, bad: _Check) -> tuple[date | None, str | None]:
    confirmed_on = _date(r.get("confirmed_on"), f"{bad.where}: confirmed_on", bad.problems)
    confirmed_by = r.get("confirmed_by")
    if (confirmed_on is None) != (not confirmed_by):
        bad("confirmed_on and confirmed_by go together (both set or both null)")
    if "confirmed_on" not in r or "confirmed_by" not in r:
        bad("confirmed_on and confirmed_by must be present (null until a lawyer confirms)")
    return confirmed_on, confirmed_by or None


def _rule(r: dict, groups: set[str], problems: list[str], seeds_dir: Path | None) -> Rule | None:
    """One raw rule dict read step by step; None (with the problems appended) when anything is wrong."""
    origin = r.get("_file", "?")
    rid = r.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        problems.append(f"{origin}: rule id {rid!r} must be lower-case letters, digits, dots, dashes, underscores")
        return None
    bad = _Check(f"{origin}: {rid}", problems)
    before = len(problems)
    unknown = set(r) - RULE_KEYS - {"_file"}
    if unknown:
        bad(f"unknown keys {sorted(unknown)}")
    topic, kind = _rule_topic_kind(r, bad)
    hosts, regions, regions_not = _rule_places(r, bad)
    citizenship, citizenship_not = _rule_citizenship(r, groups, bad)
    vf, vt = _rule_window(r, bad)
    due_days, working, due_from, basis = _rule_due(r, bad)
    limit = _rule_limit(r, bad)
    cond = _rule_conditions(r, bad)
    if due_from == "patent_paid_until":
        cond = replace(cond, patent_paid_known=True)
    document, mandatory = _rule_document(r, kind, bad)
    text = _rule_text(r, bad)
    sources = _sources(r.get("sources"), bad.where, problems, seeds_dir)
    source_date = _date(r.get("source_date"), f"{bad.where}: source_date", problems, allow_none=False)
    confirmed_on, confirmed_by = _rule_confirmation(r, bad)
    checked_on = _checked_on(r, bad.where, problems)
    check_spec = _rule_check(r, topic, bad)
    if len(problems) > before or source_date is None:  # (None only with a problem recorded)
        return None
    return Rule(
        id=rid, topic=topic, kind=kind, hosts=frozenset(hosts), regions=frozenset(regions),
        regions_not=frozenset(regions_not), citizenship=tuple(citizenship), citizenship_not=frozenset(citizenship_not),
        valid_from=vf, valid_to=vt, basis=basis, conditions=cond, due_days=due_days, working_days=working,
        document=document, mandatory=mandatory, slot=str(r.get("slot") or rid),
        overrides=frozenset(_list(r.get("overrides"))), supersedes=frozenset(_list(r.get("supersedes"))),
        text={k: v.strip() for k, v in text.items()}, sources=sources, source_date=source_date,
        confirmed_on=confirmed_on, confirmed_by=confirmed_by, note=str(r.get("note") or ""), origin=origin,
        limit=limit, due_from=due_from,
        checked_on=checked_on, check=check_spec,
    )


def build(raw_rules: list, raw_memberships: list, seeds_dir: Path | None = None) -> tuple[list[Rule],
                                                                                            list[Membership],
                                                                                            list[str]]:
    problems: list[str] = []
    memberships = _memberships(raw_memberships, problems, seeds_dir)
    groups = {m.group for m in memberships}
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for r in raw_rules:
        if not isinstance(r, dict):
            problems.append(f"rule {r!r}: must be a mapping")
            continue
        rule = _rule(r, groups, problems, seeds_dir)
        if rule is None:
            continue
        if rule.id in seen:
            problems.append(f"{rule.origin}: {rule.id}: duplicate id (also in {seen[rule.id]})")
            continue
        seen[rule.id] = rule.origin
        rules.append(rule)
    for rule in rules:
        for ref in rule.overrides | rule.supersedes:
            if ref not in seen:
                problems.append(f"{rule.origin}: {rule.id}: refers to unknown rule {ref!r}")
    return rules, memberships, problems


def validate_data(raw_rules: list, raw_memberships: list, seeds_dir: Path | None = None) -> list[str]:
    return build(raw_rules, raw_memberships, seeds_dir)[2]


def merge(base: list, extra: list | None) -> list:
    """Rules of `base` followed by `extra`; an extra rule with the id of a base rule (or of an earlier extra
    rule) replaces it in place — how a lawyer's approved change amends or confirms a rule without ending it.
    Duplicate ids inside `base` are kept, so the validator still reports them."""
    out: list = list(base)
    position: dict = {}
    for n, r in enumerate(out):
        if isinstance(r, dict) and isinstance(r.get("id"), str):
            position.setdefault(r["id"], n)
    for r in extra or []:
        rid = r.get("id") if isinstance(r, dict) else None
        if isinstance(rid, str) and rid in position:
            out[position[rid]] = r
        else:
            if isinstance(rid, str):
                position[rid] = len(out)
            out.append(r)
    return out


def check(directory: Path = RULEBOOK_DIR, seeds_dir: Path | None = None, extra_rules: list | None = None) -> list[str]:
    """Every problem in the rulebook files (plus any extra rules); quotes are checked when seeds_dir is given."""
    try:
        rules, memberships = read_files(directory)
    except RulebookError as exc:
        return exc.problems
    except yaml.YAMLError as exc:
        return [f"YAML syntax error: {exc}"]
    return validate_data(merge(rules, extra_rules), memberships, seeds_dir)


# ---------------------------------------------------------------- compiled rulebook

class Rulebook:
    """Validated rules compiled into lookup tables keyed by (host, citizenship)."""

    def __init__(self, rules: list[Rule], memberships: list[Membership]):
        # superseding: a superseded rule stops the day before its successor starts (it keeps answering for
        # earlier dates).
        ends: dict[str, date] = {}
        for r in rules:
            for old in r.supersedes:
                assert r.valid_from is not None  # validate_data: "a rule that supersedes others needs valid_from"
                cut = r.valid_from - timedelta(days=1)
                ends[old] = min(ends.get(old, cut), cut)
        self.rules = [replace(r, valid_to=min(r.valid_to or ends[r.id], ends[r.id])) if r.id in ends else r
                      for r in rules]
        self.by_id = {r.id: r for r in self.rules}
        # rules of a check of their own (the contract check), never answered by status()
        self.check_rules = tuple(r for r in self.rules if r.topic in CHECK_TOPICS)
        self.memberships = memberships
        self.members: dict[str, dict[str, list[Membership]]] = defaultdict(lambda: defaultdict(list))
        for m in memberships:
            self.members[m.group][m.country].append(m)
        self.groups = sorted(self.members)
        # one cache for candidates (host, citizenship), compiled ("c"/"l", …) and selectors ("s", …)
        self._index: dict[tuple[str, ...], Any] = {}
        self._build_index()

    @classmethod
    def from_data(cls, raw_rules: list, raw_memberships: list, seeds_dir: Path | None = None) -> Rulebook:
        rules, memberships, problems = build(raw_rules, raw_memberships, seeds_dir)
        if problems:
            raise RulebookError(problems)
        return cls(rules, memberships)

    @classmethod
    def load(cls, directory: Path = RULEBOOK_DIR, extra_rules: list | None = None) -> Rulebook:
        rules, memberships = read_files(directory)
        return cls.from_data(merge(rules, extra_rules), memberships)

    def _countries_of(self, spec: str) -> set[str]:
        if spec == "*":
            return {"*"}
        if spec.startswith("group:"):
            return set(self.members.get(spec[6:], {}))
        return {spec}

    def _build_index(self) -> None:
        index: dict[tuple[str, str], list[Rule]] = defaultdict(list)
        for r in self.rules:
            if r.topic in CHECK_TOPICS:
                continue
            countries: set[str] = set()
            for spec in r.citizenship:
                countries |= self._countries_of(spec)
            for host in r.hosts:
                for c in countries:
                    index[(host, c)].append(r)
        self._raw_index = index
        self.covered_citizenships = sorted({c for (_h, c) in index if c != "*"})

    def candidates(self, host: str, citizenship: str) -> tuple[Rule, ...]:
        key = (host, citizenship)
        found = self._index.get(key)
        if found is None:
            idx = self._raw_index
            found = tuple(dict.fromkeys(
                idx.get((host, citizenship), []) + idx.get((host, "*"), []) + idx.get(("*", citizenship), [])
                + idx.get(("*", "*"), [])))
            self._index[key] = found
        return found

    def compiled(self, host: str, citizenship: str) -> tuple:
        """Candidates for (host, citizenship) as fast tuples: (rule, judged on entry date?, day-ordinal
        intervals in which the rule's window and the citizenship test both hold, regions, regions_not,
        conditions or None)."""
        key = ("c", host, citizenship)
        found = self._index.get(key)
        if found is None:
            out = []
            for rule in self.candidates(host, citizenship):
                intervals = self._intervals(rule, citizenship)
                if not intervals:
                    continue
                cond = rule.conditions if rule.conditions != _NO_CONDITIONS else None
                out.append((rule, rule.basis == "entry", intervals,
                            None if "*" in rule.regions else rule.regions, rule.regions_not or None, cond))
            found = self._index[key] = tuple(t for t in out if t[0].limit is None)
            self._index[("l", host, citizenship)] = tuple(t for t in out if t[0].limit is not None)
        return found

    def selector(self, host: str, citizenship: str, region: str) -> _Selector:
        """`compiled(host, citizenship)` narrowed to one region and cut into date segments: which rules are in
        force (window and citizenship) is the same on every day of a segment, so a profile needs two
        bisections (entry date, as-of date) instead of a test of every rule."""
        key = ("s", host, citizenship, region)
        found = self._index.get(key)
        if found is None:
            rules = [(k, t) for k, t in enumerate(self.compiled(host, citizenship))
                     if (t[3] is None or region in t[3]) and (t[4] is None or region not in t[4])]
            found = self._index[key] = _Selector([(k, t) for k, t in rules if t[1]],
                                                 [(k, t) for k, t in rules if not t[1]])
        return found

    def compiled_limits(self, host: str, citizenship: str) -> tuple:
        """The stay-limit rules among the candidates, in the same tuples as `compiled` (its window is where the
        limit is in force)."""
        key = ("l", host, citizenship)
        if key not in self._index:
            self.compiled(host, citizenship)
        return self._index[key]

    def _intervals(self, rule: Rule, country: str) -> tuple[tuple[int, int], ...]:
        lo, hi = 1, date.max.toordinal()
        window = ((rule.valid_from.toordinal() if rule.valid_from else lo),
                  (rule.valid_to.toordinal() if rule.valid_to else hi))
        if window[0] > window[1]:
            return ()
        # where the citizenship matches: union over the positive specs, minus the negative ones
        positive: list[tuple[int, int]] = []
        for spec in rule.citizenship:
            if spec == "*" or spec == country:
                positive.append((lo, hi))
            elif spec.startswith("group:"):
                for m in self.members.get(spec[6:], {}).get(country, ()):
                    positive.append((m.valid_from.toordinal() if m.valid_from else lo,
                                     m.valid_to.toordinal() if m.valid_to else hi))
        negative: list[tuple[int, int]] = []
        for spec in rule.citizenship_not:
            if spec == country:
                negative.append((lo, hi))
            elif spec.startswith("group:"):
                for m in self.members.get(spec[6:], {}).get(country, ()):
                    negative.append((m.valid_from.toordinal() if m.valid_from else lo,
                                     m.valid_to.toordinal() if m.valid_to else hi))
        pieces: list[tuple[int, int]] = []
        for a, b in positive:
            a, b = max(a, window[0]), min(b, window[1])
            if a > b:
                continue
            pieces.extend(subtract_intervals(((a, b),), tuple(negative)))
        return tuple(sorted(set(pieces)))

    def member(self, group: str, country: str, day: date) -> bool:
        return any(m.on(day) for m in self.members.get(group, {}).get(country, ()))

    def citizenship_matches(self, rule: Rule, country: str, day: date) -> bool:
        for spec in rule.citizenship_not:
            if spec == country or (spec.startswith("group:") and self.member(spec[6:], country, day)):
                return False
        for spec in rule.citizenship:
            if spec == "*" or spec == country:
                return True
            if spec.startswith("group:") and self.member(spec[6:], country, day):
                return True
        return False


class _Segments:
    """Rules (position, rule, conditions) in force on each stretch of days between the rules' window edges."""

    def __init__(self, rules: list[tuple[int, tuple]]):
        self.edges = sorted({p for _k, t in rules for a, b in t[2] for p in (a, b + 1)})
        starts = [self.edges[0] - 1 if self.edges else 0, *self.edges]
        self.lists = [tuple((k, t[0], t[5]) for k, t in rules if any(a <= day <= b for a, b in t[2]))
                      for day in starts]

    def at(self, day: int) -> int:
        return bisect_right(self.edges, day)


class _Selector:
    """The rules of one (host, citizenship, region) judged on the entry date and on the as-of date."""

    def __init__(self, on_entry: list[tuple[int, tuple]], on_as_of: list[tuple[int, tuple]]):
        self.entry = _Segments(on_entry)
        self.as_of = _Segments(on_as_of)
        self._merged: dict[tuple[int, int], tuple] = {}

    def in_force(self, entry: int, as_of: int) -> tuple:
        """(rule, conditions or None) in force for this entry and as-of day, in the compiled order."""
        key = (self.entry.at(entry), self.as_of.at(as_of))
        found = self._merged.get(key)
        if found is None:
            both = sorted(self.entry.lists[key[0]] + self.as_of.lists[key[1]], key=lambda x: x[0])
            found = self._merged[key] = tuple((rule, cond) for _k, rule, cond in both)
        return found


_DEFAULT: Rulebook | None = None


def default_rulebook() -> Rulebook:
    """The shipped rulebook files, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Rulebook.load()
    return _DEFAULT


def subtract_intervals(intervals: tuple[tuple[int, int], ...],
                       cut: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Closed day intervals (ordinals) with every interval of `cut` removed."""
    out = list(intervals)
    for na, nb in cut:
        nxt = []
        for a, b in out:
            if nb < a or na > b:
                nxt.append((a, b))
                continue
            if a < na:
                nxt.append((a, na - 1))
            if nb < b:
                nxt.append((nb + 1, b))
        out = nxt
    return tuple(out)
