"""The contract check (issue 20): answers about a labour contract in hand -> what is missing or unlawful.

Pure Python (no Django). The rules are the rulebook's `contract` topic (rulebook/contract.yaml): dated,
cited rules like every other, each with a `check` mapping that says when it applies:

    check: {when: passport_handover, action: keep_passport, violation: document_confiscation}
    check: {missing: [wage, working_hours], action: ask_in_writing}

`when` names one of FLAGS (derived from the answers by `flags`), `missing` lists contract terms (TERMS) the
rule's law requires: the rule applies when a written contract lacks any of them. `action` is what to do
(ACTIONS; the web page words it), `violation` the case violation type a caseworker gets pre-filled.
Which rules are asked is decided as in `status()`: host country (RU, KZ or any), citizenship and the date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .model import Rule, Source

# Terms a contract may state (the questionnaire's checkboxes).
TERMS = (
    "parties",  # who the employer is
    "job",  # occupation / job function
    "workplace",  # place of work
    "start_date",
    "duration",  # how long the contract (and the stay) lasts
    "wage",
    "overtime_pay",
    "working_hours",
    "working_conditions",
    "rights_obligations",
    "social_benefits",
    "bonuses",
    "medical_care",
    "housing",
    "food",
)
# What the worker is asked to pay for.
PAYMENTS = ("recruitment_fee", "travel", "documents", "housing", "training")
# Facts a rule can apply on (`check.when`).
FLAGS = (
    "no_written_contract",  # there is no written contract
    "not_understood",  # the contract is not in a language the worker reads
    "no_copy",  # the worker does not get his or her own copy
    "not_notarised",  # (Uzbekistan) not notarised, translated and filed with the Agency
    "worker_pays",  # the worker is asked to pay the recruiter for anything in PAYMENTS
    "passport_handover",  # the worker is asked to hand over the passport
    "substitution",  # the terms differ from what was promised
)
ACTIONS = ("ask_in_writing", "ask_copy", "ask_translation", "register_with_agency", "do_not_pay",
           "keep_passport", "do_not_sign")
HOSTS = ("RU", "KZ")
CHECK_KEYS = {"when", "missing", "action", "violation"}


class AnswerError(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Answers:
    origin: str = ""  # citizenship, ISO 3166-1 alpha-2 ("" when not said)
    host: str = ""  # RU, KZ or "" (elsewhere / not known)
    written: bool = False  # a written contract exists
    understood: bool = True  # it is in a language the worker reads
    terms: frozenset[str] = frozenset()  # terms the written contract states
    copy: bool = True  # the worker gets his or her own copy
    notarised: bool = False  # notarised, translated and filed with the Agency (Uzbekistan)
    pays: frozenset[str] = frozenset()  # what the worker is asked to pay for
    passport: bool = False  # asked to hand over the passport
    substitution: bool = False  # the terms differ from what was promised
    recruiter: str = ""  # the recruiter's or agency's name, as the worker knows it
    employer: str = ""  # the employer's name

    def as_dict(self) -> dict:
        """A JSON-able form that `parse_answers` reads back (for hidden form fields, never stored)."""
        return {"origin": self.origin, "host": self.host, "written": self.written, "understood": self.understood,
                "terms": sorted(self.terms), "copy": self.copy, "notarised": self.notarised,
                "pays": sorted(self.pays), "passport": self.passport, "substitution": self.substitution,
                "recruiter": self.recruiter, "employer": self.employer}


def _bool(data: Mapping, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if isinstance(value, bool):
        return value
    if value in ("yes", "true", "1", "on"):
        return True
    if value in ("no", "false", "0", "", None):
        return False
    raise AnswerError(key, f"{value!r} is not yes or no")


def _codes(data: Mapping, key: str, allowed: tuple[str, ...]) -> frozenset[str]:
    value = data.get(key) or ()
    if isinstance(value, str):
        value = [value]
    out = frozenset(value)
    unknown = out - set(allowed)
    if unknown:
        raise AnswerError(key, f"unknown {sorted(unknown)}; one of {', '.join(allowed)}")
    return out


def parse_answers(data: Mapping) -> Answers:
    """Answers from a mapping of plain values (a form, JSON); raises AnswerError on a bad value."""
    origin = str(data.get("origin") or "").strip().upper()
    if origin and (len(origin) != 2 or not origin.isalpha()):
        raise AnswerError("origin", f"{origin!r} is not a two-letter country code")
    host = str(data.get("host") or "").strip().upper()
    if host not in HOSTS + ("",):
        raise AnswerError("host", f"{host!r} is not RU, KZ or empty")
    written = _bool(data, "written", False)
    return Answers(
        origin=origin, host=host, written=written, understood=_bool(data, "understood", True),
        terms=_codes(data, "terms", TERMS) if written else frozenset(), copy=_bool(data, "copy", True),
        notarised=_bool(data, "notarised", False), pays=_codes(data, "pays", PAYMENTS),
        passport=_bool(data, "passport", False), substitution=_bool(data, "substitution", False),
        recruiter=" ".join(str(data.get("recruiter") or "").split())[:200],
        employer=" ".join(str(data.get("employer") or "").split())[:200])


def flags(answers: Answers) -> frozenset[str]:
    """The FLAGS the answers raise."""
    out = set()
    if not answers.written:
        out.add("no_written_contract")
    else:
        if not answers.understood:
            out.add("not_understood")
        if not answers.copy:
            out.add("no_copy")
        if answers.origin == "UZ" and not answers.notarised:
            out.add("not_notarised")
    if answers.pays:
        out.add("worker_pays")
    if answers.passport:
        out.add("passport_handover")
    if answers.substitution:
        out.add("substitution")
    return frozenset(out)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    kind: str  # obligation, right, risk, info (the rule's kind)
    flag: str  # the FLAG it applies on, or "missing_terms"
    missing: tuple[str, ...]  # the required terms the contract lacks (for "missing_terms"), in TERMS order
    pays: tuple[str, ...]  # what the worker is asked to pay for (for "worker_pays")
    action: str
    violation: str  # suggested case violation type, "" when none
    text: str
    text_lang: str
    sources: tuple[Source, ...]
    confirmed: bool

    def as_dict(self) -> dict:
        return {"rule_id": self.rule_id, "kind": self.kind, "flag": self.flag, "missing": list(self.missing),
                "pays": list(self.pays), "action": self.action, "violation": self.violation, "text": self.text,
                "text_lang": self.text_lang, "sources": [s.as_dict() for s in self.sources],
                "confirmed": self.confirmed}


def check_spec_problems(spec) -> list[str]:
    """What is wrong with a rule's `check` mapping (used by the rulebook validator)."""
    if not isinstance(spec, dict):
        return ["a contract rule needs a check mapping: {when: FLAG | missing: [TERMS], action: ACTION}"]
    problems = []
    if set(spec) - CHECK_KEYS:
        problems.append(f"unknown keys {sorted(set(spec) - CHECK_KEYS)}")
    if ("when" in spec) == ("missing" in spec):
        problems.append("give exactly one of when (a flag) and missing (a list of terms)")
    if "when" in spec and spec["when"] not in FLAGS:
        problems.append(f"when {spec['when']!r} is not one of {', '.join(FLAGS)}")
    if "missing" in spec:
        terms = spec["missing"]
        if not isinstance(terms, list) or not terms or any(t not in TERMS for t in terms):
            problems.append(f"missing must be a non-empty list of {', '.join(TERMS)}")
    if spec.get("action") not in ACTIONS:
        problems.append(f"action {spec.get('action')!r} is not one of {', '.join(ACTIONS)}")
    violation = spec.get("violation", "")
    if not isinstance(violation, str):
        problems.append("violation must be a violation type code")
    return problems


def applicable_rules(answers: Answers, on: date, rulebook=None) -> list[Rule]:
    """The contract rules in force on `on` for the answers' host country and citizenship."""
    from .rulebook import default_rulebook

    book = rulebook or default_rulebook()
    day = on.toordinal()
    out = []
    for rule in book.check_rules:
        if rule.topic != "contract":
            continue
        if "*" not in rule.hosts and answers.host not in rule.hosts:
            continue
        if not any(a <= day <= b for a, b in book._intervals(rule, answers.origin or "*")):
            continue
        out.append(rule)
    return out


def _finding(rule: Rule, answers: Answers, raised: frozenset[str], lang: str) -> Finding | None:
    spec = rule.check_spec
    missing: tuple[str, ...] = ()
    if "missing" in spec:
        if not answers.written:
            return None
        required = set(spec["missing"])
        missing = tuple(t for t in TERMS if t in required and t not in answers.terms)
        if not missing:
            return None
        flag = "missing_terms"
    else:
        flag = spec["when"]
        if flag not in raised:
            return None
    pays = tuple(p for p in PAYMENTS if p in answers.pays) if flag == "worker_pays" else ()
    text = rule.text.get(lang) or rule.text["ru"]
    return Finding(rule_id=rule.id, kind=rule.kind, flag=flag, missing=missing, pays=pays, action=spec["action"],
                   violation=spec.get("violation", ""), text=text, text_lang=lang if rule.text.get(lang) else "ru",
                   sources=rule.sources, confirmed=rule.confirmed)


_ORDER = {flag: n for n, flag in enumerate(("passport_handover", "worker_pays", "substitution", "no_written_contract",
                                             "not_understood", "missing_terms", "no_copy", "not_notarised"))}


def check(answers: Answers, on: date, lang: str = "ru", rulebook=None) -> list[Finding]:
    """Every finding for the answers on date `on`: the most urgent first (passport, money, substitution, no
    contract), then missing terms. A pure function of its arguments and the rulebook."""
    raised = flags(answers)
    found = [f for rule in applicable_rules(answers, on, rulebook)
             if (f := _finding(rule, answers, raised, lang)) is not None]
    return sorted(found, key=lambda f: (_ORDER.get(f.flag, 99), f.rule_id))


def violation_types(findings) -> list[str]:
    """The distinct case violation types the findings suggest, in the findings' order."""
    return list(dict.fromkeys(f.violation for f in findings if f.violation))
