"""The server side of the web form: one page (group) at a time, required/constraint/relevant evaluated here.

Answers are a dict keyed by XLSForm names: text and select_one as strings, select_multiple as a list of
choice names, integer as int, decimal as float, date as "YYYY-MM-DD"; a repeat group is a list of such
dicts under the repeat's name. Unanswered and irrelevant questions have no key at all.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from . import expressions
from .xlsform import FormSpec, Page, Question


class AnswerError(ValueError):
    pass


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def coerce(question: Question, raw):
    """Turn a raw value (a form field or an export cell) into the stored answer; AnswerError when it cannot."""
    qtype = question.type
    if qtype == "select all that apply":
        items = raw if isinstance(raw, (list, tuple)) else str(raw or "").split()
        items = [str(item).strip() for item in items if str(item).strip()]
        unknown = [item for item in items if item not in question.choice_names]
        if unknown:
            raise AnswerError(_("%(value)s is not a choice of this question") % {"value": ", ".join(unknown)})
        return sorted(set(items), key=question.choice_names.index)
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else ""
    if isinstance(raw, float) and qtype in ("text", "select one") and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, (dt.datetime, dt.date)) and qtype in ("date", "today"):
        return (raw.date() if isinstance(raw, dt.datetime) else raw).isoformat()
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return None
    if qtype == "integer":
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is None or not number.is_integer():
            raise AnswerError(_("Enter a whole number."))
        return int(number)
    if qtype == "decimal":
        try:
            return float(text)
        except ValueError as exc:
            raise AnswerError(_("Enter a number.")) from exc
    if qtype in ("date", "today"):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError as exc:
            raise AnswerError(_("Enter a date as YYYY-MM-DD.")) from exc
    if qtype == "select one":
        if text not in question.choice_names:
            raise AnswerError(_("%(value)s is not a choice of this question") % {"value": text})
    return text


def _lookup(answers: dict, instance: dict | None = None):
    def lookup(name):
        if instance is not None and name in instance:
            return instance[name]
        return answers.get(name)
    return lookup


def _expr_value(value):
    """Stored answers as the expression language sees them (select_multiple: space-separated)."""
    if isinstance(value, list):
        return " ".join(value)
    return value


def _lookup_values(answers: dict, instance: dict | None = None):
    base = _lookup(answers, instance)
    return lambda name: _expr_value(base(name))


def page_relevant(page: Page, answers: dict) -> bool:
    return not page.relevant or expressions.is_true(page.relevant, _lookup_values(answers))


def relevant_pages(spec: FormSpec, answers: dict) -> list[int]:
    return [i for i, page in enumerate(spec.pages) if page_relevant(page, answers)]


def check_question(question: Question, value, lookup) -> str | None:
    """The error for one answer (or None): relevance is checked by the caller."""
    if is_empty(value):
        if question.required and expressions.is_true(question.required, lookup):
            return _("This answer is required.")
        return None
    if question.constraint and not expressions.is_true(question.constraint, lookup, _expr_value(value)):
        return question.constraint_message or _("This answer is not allowed here.")
    return None


def validate(page: Page, answers: dict, posted: dict, instance_mode: bool = False):
    """Check a posted page. Returns (values, errors): values holds each relevant, non-empty answer of the
    page (for a repeat page: the one instance); errors maps question name to a message."""
    values: dict = {}
    errors: dict[str, str] = {}
    for question in page.questions:
        if question.type == "note":
            continue
        try:
            value = coerce(question, posted.get(question.name))
        except AnswerError as exc:
            errors[question.name] = str(exc)
            value = None
        if not is_empty(value):
            values[question.name] = value
    lookup_values = _lookup_values(answers, values if instance_mode else None)
    if not instance_mode:
        lookup_values = _lookup_values({**answers, **values})
    for question in page.questions:
        if question.type == "note" or question.name in errors:
            continue
        if question.relevant and not expressions.is_true(question.relevant, lookup_values):
            values.pop(question.name, None)
            continue
        error = check_question(question, values.get(question.name), lookup_values)
        if error:
            errors[question.name] = error
    return values, errors


def apply_page(spec: FormSpec, page: Page, answers: dict, values: dict) -> dict:
    """The answers with this page's values replacing what the page held before."""
    merged = {k: v for k, v in answers.items() if k not in {q.name for q in page.questions}}
    merged.update(values)
    return prune(spec, merged)


def prune(spec: FormSpec, answers: dict) -> dict:
    """Drop answers whose question or page is no longer relevant (an earlier answer changed)."""
    out = dict(answers)
    for _round in range(3):  # relevance can chain; three rounds settle every shipped form
        lookup = _lookup_values(out)
        for page in spec.pages:
            if not page_relevant(page, out):
                for question in page.questions:
                    out.pop(question.name, None)
                if page.repeat:
                    out.pop(page.name, None)
                continue
            if page.repeat:
                continue
            for question in page.questions:
                if question.relevant and question.name in out and not expressions.is_true(question.relevant, lookup):
                    out.pop(question.name)
    return out


def missing_required(spec: FormSpec, answers: dict) -> list[str]:
    """Names of required, relevant top-level questions left unanswered (the form cannot be finished)."""
    lookup = _lookup_values(answers)
    missing = []
    for index in relevant_pages(spec, answers):
        page = spec.pages[index]
        if page.repeat:
            continue
        for question in page.questions:
            if question.relevant and not expressions.is_true(question.relevant, lookup):
                continue
            if check_question(question, answers.get(question.name), lookup):
                missing.append(question.name)
    return missing


def check_answers(spec: FormSpec, answers: dict) -> list[tuple[str, int | None, str]]:
    """Every problem of a whole set of answers (an imported submission) by the rules the web form applies
    page by page: a relevant question that is required must be answered, every answer must meet its
    constraint, and a question (or repeat group) that is not relevant must have no answer (the web form
    never stores one). Returns [(question name, repeat instance index or None, message)]."""
    problems: list[tuple[str, int | None, str]] = []
    lookup = _lookup_values(answers)
    irrelevant = _("This question is not relevant given the other answers, so it must be empty.")
    for page in spec.pages:
        shown = page_relevant(page, answers)
        if page.repeat:
            instances = answers.get(page.name) or []
            if not shown and instances:
                problems.append((page.name, None, irrelevant))
                continue
            for index, instance in enumerate(instances):
                instance_lookup = _lookup_values(answers, instance)
                for question in page.questions:
                    problems += [(question.name, index, m) for m in
                                 _check_one(question, instance.get(question.name), instance_lookup, irrelevant)]
            continue
        for question in page.questions:
            if question.type == "note":
                continue
            value = answers.get(question.name)
            if not shown:
                if not is_empty(value):
                    problems.append((question.name, None, irrelevant))
                continue
            problems += [(question.name, None, m) for m in _check_one(question, value, lookup, irrelevant)]
    return problems


def _check_one(question: Question, value, lookup, irrelevant: str) -> list[str]:
    if question.type == "note":
        return []
    if question.relevant and not expressions.is_true(question.relevant, lookup):
        return [] if is_empty(value) else [irrelevant]
    error = check_question(question, value, lookup)
    if error and not is_empty(value) and question.constraint:
        error = _("%(message)s (constraint: %(expression)s)") % {"message": error, "expression": question.constraint}
    return [error] if error else []
