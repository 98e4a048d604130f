"""XLSForm questionnaires: validated by pyxform, then read from pyxform's JSON (no Django import).

A form is accepted when pyxform converts it to an XForm, every `required`/`constraint`/`relevant` is inside
the expression subset of `expressions.py`, every question type is one the web form can show, and it has a
question named `office` (the office code; filled in from the visit on the web).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import expressions

SUPPORTED_TYPES = {"text", "integer", "decimal", "date", "select one", "select all that apply", "note"}
METADATA_TYPES = {"today", "start", "end", "deviceid", "username", "calculate"}
SCORECARD_KINDS = {"yes", "rating", "problems"}
OFFICE_QUESTION = "office"
DATE_QUESTION = "today"
FORMS_DIR = Path(__file__).resolve().parent / "forms"
FILE_TYPES = {".xlsx": ".xlsx", ".xls": ".xls", ".md": ".md", ".csv": ".csv"}


class XLSFormError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _language_code(key: str) -> str:
    """XLSForm names a language "Russian (ru)"; pyxform says "default" for columns without one."""
    key = str(key)
    if key.endswith(")") and "(" in key:
        return key[key.rindex("(") + 1:-1].strip().lower()
    return "" if key == "default" else key.lower()


def texts(value) -> dict[str, str]:
    """A label, hint or message as {language code: text} ("" for the form's default language)."""
    if isinstance(value, dict):
        return {_language_code(k): str(v) for k, v in value.items() if v not in (None, "")}
    return {"": str(value)} if value not in (None, "") else {}


def pick(values: dict[str, str], language: str | None = None) -> str:
    """The text in the active language; Kyrgyz, Tajik and Uzbek fall back to Russian (as the site does),
    then English, then the form's default."""
    if not values:
        return ""
    if language is None:
        from django.utils.translation import get_language

        language = (get_language() or "").split("-")[0]
    order = [language, "ru" if language in ("ky", "tg", "uz") else "", "en", ""]
    for code in order:
        if code in values:
            return values[code]
    return next(iter(values.values()))


@dataclass
class Question:
    name: str
    type: str
    label_texts: dict = field(default_factory=dict)
    hint_texts: dict = field(default_factory=dict)
    group: str = ""           # the top-level group (page) it sits in, "" when none
    repeat: str = ""          # the repeat group it belongs to, "" when none
    path: tuple = ()          # group names from the top, ending with the question's own name
    choice_texts: list = field(default_factory=list)   # [(name, {language: label})]
    required: str = ""
    constraint: str = ""
    message_texts: dict = field(default_factory=dict)  # constraint message
    relevant: str = ""
    scorecard: str = ""
    source_file: str = ""
    source_quote: str = ""

    @cached_property
    def choice_names(self) -> list[str]:
        return [name for name, _ in self.choice_texts]

    @property
    def label(self) -> str:
        return pick(self.label_texts) or self.name

    @property
    def hint(self) -> str:
        return pick(self.hint_texts)

    @property
    def constraint_message(self) -> str:
        return pick(self.message_texts)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(name, pick(labels) or name) for name, labels in self.choice_texts]


@dataclass
class Page:
    name: str
    label_texts: dict
    relevant: str = ""
    repeat: bool = False
    questions: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return pick(self.label_texts)


@dataclass
class FormSpec:
    form_id: str
    title: str
    version: str
    schema: dict
    pages: list
    questions: dict       # name -> Question (every answerable question, repeats included)

    def question(self, name: str) -> Question | None:
        return self.questions.get(name)

    @property
    def repeats(self) -> list[str]:
        return [page.name for page in self.pages if page.repeat]

    def scorecard_questions(self) -> list[Question]:
        return [q for q in self.questions.values() if q.scorecard and not q.repeat]


def _text(value) -> str:
    """A title or label in the form's default (else English, else first) language."""
    return pick(texts(value), language="")


def _pyxform_json(data: bytes, filename: str) -> dict:
    from pyxform import xls2xform
    from pyxform.errors import PyXFormError

    suffix = Path(filename).suffix.lower()
    if suffix not in FILE_TYPES:
        raise XLSFormError([f"{filename}: an XLSForm must be .xlsx, .xls, .md or .csv"])
    warnings: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "form" + suffix)
        with open(path, "wb") as handle:
            handle.write(data)
        try:
            result = xls2xform.convert(path, warnings=warnings)
        except (PyXFormError, ValueError, KeyError) as exc:
            raise XLSFormError([f"pyxform: {exc}"]) from exc
        except Exception as exc:  # a file that is not a workbook at all
            raise XLSFormError([f"pyxform cannot read {filename}: {exc.__class__.__name__}: {exc}"]) from exc
    return result._pyxform


def _walk(children, group: str, repeat: str, path: tuple, out: list, problems: list, pages_hint: list):
    for child in children:
        ctype = child.get("type")
        name = child.get("name", "")
        bind = child.get("bind") or {}
        if ctype in ("group", "repeat"):
            if name == "meta" and (child.get("control") or {}).get("bodyless"):
                continue
            if ctype == "repeat" and repeat:
                problems.append(f"{name}: a repeat inside a repeat is not supported")
                continue
            if group and ctype == "group":
                _walk(child.get("children", []), group, repeat, (*path, name), out, problems, pages_hint)
                continue
            if group and ctype == "repeat":
                problems.append(f"{name}: a repeat must be at the top level of the form, not inside a group")
                continue
            pages_hint.append((name, texts(child.get("label")) or {"": name}, bind.get("relevant", ""),
                               ctype == "repeat"))
            _walk(child.get("children", []), name, name if ctype == "repeat" else "", (*path, name), out,
                  problems, pages_hint)
            continue
        if ctype in METADATA_TYPES:
            if name == DATE_QUESTION or ctype == "today":
                out.append(Question(name=name, type=ctype, group=group, repeat=repeat,
                                    path=(*path, name)))
            continue
        if ctype not in SUPPORTED_TYPES:
            problems.append(f"{name}: question type {ctype!r} is not supported by the web form")
            continue
        question = Question(
            name=name, type=ctype, label_texts=texts(child.get("label")), hint_texts=texts(child.get("hint")),
            group=group, repeat=repeat, path=(*path, name),
            choice_texts=[(c["name"], texts(c.get("label"))) for c in child.get("choices") or []],
            required=str(bind.get("required", "")), constraint=str(bind.get("constraint", "")),
            message_texts=texts(bind.get("jr:constraintMsg", "")), relevant=str(bind.get("relevant", "")),
            scorecard=str(child.get("scorecard", "") or "").strip(), source_file=str(child.get("source_file", "")),
            source_quote=str(child.get("source_quote", "")))
        out.append(question)


def _check_expressions(questions: list[Question], pages: list[Page], problems: list[str]) -> None:
    names = {q.name for q in questions}
    checks = [(q.name, kind, getattr(q, kind)) for q in questions for kind in ("required", "constraint", "relevant")]
    checks += [(p.name, "relevant", p.relevant) for p in pages]
    for name, kind, text in checks:
        text = text.strip()
        if not text or (kind == "required" and text.lower() in ("yes", "no", "true", "false")):
            continue
        try:
            node = expressions.parse(text)
        except expressions.ExpressionError as exc:
            problems.append(f"{name}: {kind} {text!r} is outside the supported expression subset ({exc})")
            continue
        unknown = expressions.references(node) - names
        if unknown:
            problems.append(f"{name}: {kind} {text!r} refers to unknown question(s) {', '.join(sorted(unknown))}")


def spec_from_json(schema: dict) -> FormSpec:
    problems: list[str] = []
    flat: list[Question] = []
    hints: list[tuple] = []
    _walk(schema.get("children", []), "", "", (), flat, problems, hints)
    pages: list[Page] = []
    by_group = {name: Page(name, label, relevant, repeat) for name, label, relevant, repeat in hints}
    seen: set[str] = set()
    loose = 0
    for question in flat:
        if question.type in METADATA_TYPES or question.name == OFFICE_QUESTION:
            continue
        if question.group:
            page = by_group[question.group]
            if question.group not in seen:
                seen.add(question.group)
                pages.append(page)
            page.questions.append(question)
        else:
            if not pages or pages[-1].name != f"_page{loose}":
                loose += 1
                pages.append(Page(f"_page{loose}", texts(schema.get("title", ""))))
            pages[-1].questions.append(question)
    for question in flat:
        if question.scorecard and question.scorecard not in SCORECARD_KINDS:
            problems.append(f"{question.name}: scorecard must be one of {', '.join(sorted(SCORECARD_KINDS))}")
        if question.scorecard == "yes" and "yes" not in question.choice_names:
            problems.append(f"{question.name}: a 'yes' scorecard question needs a choice named yes")
        if question.scorecard == "problems" and question.type != "select all that apply":
            problems.append(f"{question.name}: a 'problems' scorecard question must be select_multiple")
    names = [q.name for q in flat]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.append(f"question names must be unique across the form: {', '.join(duplicates)}")
    if OFFICE_QUESTION not in names:
        problems.append(f"the form needs a question named {OFFICE_QUESTION!r} (the office code)")
    _check_expressions(flat, pages, problems)
    if problems:
        raise XLSFormError(problems)
    return FormSpec(form_id=str(schema.get("id_string", "")), title=_text(schema.get("title")),
                    version=str(schema.get("version", "") or ""), schema=schema, pages=pages,
                    questions={q.name: q for q in flat})


def load(data: bytes, filename: str) -> FormSpec:
    """Validate an XLSForm file's bytes with pyxform and Huquq's checks; raise XLSFormError listing problems."""
    return spec_from_json(_pyxform_json(data, filename))


def shipped() -> list[Path]:
    return sorted(FORMS_DIR.glob("*.md"))
