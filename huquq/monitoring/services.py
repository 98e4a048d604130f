"""Every write of the monitoring app, one function per use case; each records itself in the audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huquq.accounts import audit

from . import imports, webform, xlsform
from .models import Office, Questionnaire, Submission, Visit

OFFICES_FILE = Path(__file__).resolve().parent / "offices.yaml"


# ---- offices ----------------------------------------------------------------------------------------

def load_offices(path: Path | None = None) -> int:
    """Create or refresh the offices the seed reports name (offices.yaml); returns how many were created."""
    entries = yaml.safe_load(Path(path or OFFICES_FILE).read_text(encoding="utf-8")) or []
    created = 0
    for entry in entries:
        source = (entry.get("sources") or [{}])[0]
        defaults = {"name": entry["name"], "kind": entry["kind"], "country": entry["country"],
                    "city": entry.get("city") or "", "nationals_served": entry.get("nationals_served") or "",
                    "source_file": source.get("file", ""),
                    "source_quote": "\n".join(s["quote"] for s in entry.get("sources") or [])}
        _office, was_created = Office.objects.update_or_create(code=entry["code"], defaults=defaults)
        created += was_created
    return created


def seeded_office_codes(path: Path | None = None) -> set[str]:
    """Codes of the offices loaded from offices.yaml: their data and citations are changed there, since
    `load_offices` would put the file's values back over an edit made on the site."""
    entries = yaml.safe_load(Path(path or OFFICES_FILE).read_text(encoding="utf-8")) or []
    return {entry["code"] for entry in entries}


OFFICE_FIELDS = ("name", "kind", "country", "city", "nationals_served", "source_file", "source_quote")


def save_office(actor, data: dict, office: Office | None = None) -> Office:
    """Add an office (office=None) or change one added on the site; audited with the fields changed."""
    if office is not None and office.code in seeded_office_codes():
        raise ValidationError(_("This office comes from the seed reports: change offices.yaml, with its source."))
    if office is None:
        office = Office(code=data["code"])
        changed = sorted(f for f in OFFICE_FIELDS if data.get(f))
    else:
        changed = sorted(f for f in OFFICE_FIELDS if getattr(office, f) != data.get(f, ""))
    for name in OFFICE_FIELDS:
        setattr(office, name, (data.get(name) or "").strip())
    action = "update" if office.pk else "create"
    office.full_clean()
    office.save()
    audit.record(actor, action, office, detail={"code": office.code, "fields": changed})
    return office


# ---- questionnaires ---------------------------------------------------------------------------------

def _store(organisation, spec: xlsform.FormSpec, data: bytes, filename: str) -> Questionnaire:
    questionnaire, _created = Questionnaire.objects.update_or_create(
        organisation=organisation, form_id=spec.form_id,
        defaults={"title": spec.title or spec.form_id, "version": spec.version, "filename": filename,
                  "source": data, "schema": spec.schema})
    return questionnaire


def install_shipped_forms() -> list[Questionnaire]:
    """The three questionnaires of seed 004's method (forms/*.md), open to every organisation."""
    out = []
    for path in xlsform.shipped():
        data = path.read_bytes()
        out.append(_store(None, xlsform.load(data, path.name), data, path.name))
    return out


def upload_questionnaire(actor, data: bytes, filename: str) -> Questionnaire:
    """An organisation's own XLSForm; refused whole (ValidationError listing the problems) when invalid."""
    try:
        spec = xlsform.load(data, filename)
    except xlsform.XLSFormError as exc:
        raise ValidationError(exc.problems) from exc
    if not spec.form_id:
        raise ValidationError(_("The XLSForm has no form_id."))
    questionnaire = _store(actor.organisation, spec, data, filename)
    audit.record(actor, "create", questionnaire, detail={"form_id": spec.form_id, "version": spec.version})
    return questionnaire


def spec_of(questionnaire: Questionnaire) -> xlsform.FormSpec:
    return xlsform.spec_from_json(questionnaire.schema)


# ---- visits -----------------------------------------------------------------------------------------

def record_visit(actor, *, office: Office, date: dt.date, team: str, notes: str = "") -> Visit:
    if date > dt.date.today():
        raise ValidationError(_("A visit cannot be in the future."))
    visit = Visit.objects.create(organisation=actor.organisation, office=office, date=date, team=team.strip(),
                                 notes=notes.strip(), created_by=actor)
    audit.record(actor, "create", visit, detail={"office": office.code})
    return visit


# ---- web form ---------------------------------------------------------------------------------------

def start_submission(actor, *, questionnaire: Questionnaire, visit: Visit) -> Submission:
    submission = Submission.objects.create(
        questionnaire=questionnaire, organisation=visit.organisation, office=visit.office, visit=visit,
        date=visit.date, answers={xlsform.OFFICE_QUESTION: visit.office.code,
                                  xlsform.DATE_QUESTION: visit.date.isoformat()},
        source=Submission.Source.WEB, created_by=actor)
    audit.record(actor, "create", submission, detail={"questionnaire": questionnaire.form_id})
    return submission


def save_page(actor, submission: Submission, page_index: int, posted: dict, *,
              add_instance: bool = False) -> tuple[dict[str, str], int | None]:
    """Check and store one page. Returns (errors, next page index or None when the form is finished).

    A repeat page stores one instance per post (when anything was entered); `add_instance` stays on the
    page for another one."""
    spec = spec_of(submission.questionnaire)
    page = spec.pages[page_index]
    answers = dict(submission.answers)
    is_repeat = page.repeat
    if is_repeat and not add_instance and all(webform.is_empty(v) for v in posted.values()):
        values, errors = {}, {}  # "continue" on an empty repeat entry: no further entry, not an error
    else:
        values, errors = webform.validate(page, answers, posted, instance_mode=is_repeat)
    if errors:
        return errors, page_index
    if is_repeat:
        if values:
            answers[page.name] = [*answers.get(page.name, []), values]
    else:
        answers = webform.apply_page(spec, page, answers, values)
    following = [i for i in webform.relevant_pages(spec, answers) if i > page_index]
    next_index = page_index if (is_repeat and add_instance) else (following[0] if following else None)
    submission.answers = answers
    submission.page = page_index if next_index is None else next_index
    if next_index is None:
        missing = webform.missing_required(spec, answers)
        if missing:
            first = next(i for i, p in enumerate(spec.pages) if any(q.name in missing for q in p.questions))
            submission.page = first
            submission.save(update_fields=["answers", "page", "updated_at"])
            return {name: _("This answer is required.") for name in missing}, first
        submission.complete = True
    submission.save(update_fields=["answers", "page", "complete", "updated_at"])
    audit.record(actor, "update", submission, detail={"page": page.name, "fields": sorted(values)})
    return {}, next_index


# ---- import -----------------------------------------------------------------------------------------

def import_submissions(actor, questionnaire: Questionnaire, files: list[tuple[str, bytes]], *,
                       organisation=None) -> dict:
    """Import a KoBoToolbox or ODK Central export: all or nothing (ImportProblems names row and column);
    submissions already imported (same _uuid / KEY) are skipped, so re-importing adds nothing twice."""
    organisation = organisation or actor.organisation
    spec = spec_of(questionnaire)
    offices = dict(Office.objects.values_list("code", "id"))
    parsed = imports.parse(spec, files, set(offices))
    existing = set(Submission.objects.filter(questionnaire=questionnaire, organisation=organisation)
                   .exclude(external_id="").values_list("external_id", flat=True))
    new = [p for p in parsed if p.external_id not in existing]
    now = timezone.now()
    actor_id = getattr(actor, "pk", None)
    answers_field = Submission._meta.get_field("answers")  # encrypts, as a save() would
    rows = [(questionnaire.pk, organisation.pk, offices[p.office_code], p.date,
             answers_field.get_prep_value(p.answers), p.source, p.external_id, True, 0, actor_id, now, now)
            for p in new]
    with transaction.atomic():
        added = _insert_submissions(rows)
        audit.record(actor, "create", object_type="monitoring.submission",
                     detail={"import": questionnaire.form_id, "added": added,
                             "already_there": len(parsed) - added}, organisation=organisation)
    return {"read": len(parsed), "added": added, "already_there": len(parsed) - added}


_INSERT_COLUMNS = ["questionnaire_id", "organisation_id", "office_id", "date", "answers", "source", "external_id",
                   "complete", "page", "created_by_id", "created_at", "updated_at"]


def _insert_submissions(rows: list[tuple], chunk: int = 500) -> int:
    """Insert imported rows with multi-row INSERTs (no model instances: an import may hold 100,000 rows).
    A row whose external id another import stored meanwhile is skipped (ON CONFLICT DO NOTHING), so two
    concurrent imports of one file store each submission once. Returns how many rows were added."""
    table = Submission._meta.db_table
    marks = ", ".join("%s" for _c in _INSERT_COLUMNS)
    added = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start:start + chunk]
            values = ", ".join([f"({marks})"] * len(part))
            cursor.execute(f"INSERT INTO {table} ({', '.join(_INSERT_COLUMNS)}) VALUES {values} "
                           "ON CONFLICT DO NOTHING", [v for row in part for v in row])
            added += max(cursor.rowcount, 0)
    return added
