"""Read submissions exported from KoBoToolbox or ODK Central (CSV, XLSX, or ODK's zip of CSVs).

Layouts understood (docs/monitoring.md):
- column names are the question's group path joined with `/` (KoBo's default) or `-` (ODK Central), or the
  bare question name (KoBo's "no group names" option);
- select_multiple as one column of space-separated choice names, or one 0/1 column per choice
  (`path/choice` or `path-choice`);
- repeat groups in their own sheet (KoBo XLSX: `_index` on the main sheet, `_parent_index` on the repeat
  sheet) or their own file (ODK Central: `KEY` on the main file, `PARENT_KEY` on the repeat file);
- the submission's id is `_uuid` (KoBo) or `KEY` (ODK), so a re-import adds nothing twice;
- the date is the `today` question, else the export's `_submission_time` / `SubmissionDate`.

Nothing here writes: `parse` returns the submissions or raises ImportProblems naming file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _

from .webform import AnswerError, check_answers, coerce, is_empty
from .xlsform import DATE_QUESTION, OFFICE_QUESTION, FormSpec, Question

KOBO_META = {"_id", "_uuid", "_submission_time", "_index", "_validation_status", "_notes", "_status",
             "_submitted_by", "__version__", "_tags", "_version_", "_xform_id_string", "_attachments",
             "_geolocation", "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid",
             "_submission__submission_time", "_submission__validation_status", "_submission__notes",
             "_submission__status", "_submission__submitted_by", "_submission___version__",
             "_submission__tags", "start", "end", "deviceid", "username", "meta/instanceID",
             "meta/rootUuid", "meta/deprecatedID", "formhub/uuid"}
ODK_META = {"SubmissionDate", "KEY", "PARENT_KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
            "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
            "meta-instanceID", "meta-instanceName", "meta-audit", "instanceID", "start", "end", "deviceid"}
MAX_ERRORS = 50


@dataclass
class Problem:
    file: str
    row: int        # the spreadsheet row (the header is row 1)
    column: str
    message: str

    def __str__(self):
        return _("%(file)s row %(row)s, column %(column)s: %(message)s") % {
            "file": self.file, "row": self.row, "column": self.column or "-", "message": self.message}


class ImportProblems(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Table:
    file: str
    headers: list
    rows: list


@dataclass
class Parsed:
    external_id: str
    source: str
    office_code: str
    date: dt.date
    answers: dict = field(default_factory=dict)
    # where each part came from, to name row and column in a problem: (table, row number, {question: header})
    origin: tuple | None = None
    instance_origins: dict = field(default_factory=dict)   # repeat name -> [(table, row, {question: header})]


# ---- reading files ----------------------------------------------------------------------------------

def _csv_table(name: str, data: bytes) -> Table:
    text = data.decode("utf-8-sig")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return Table(name, [], [])
    return Table(name, [h.strip() for h in rows[0]], rows[1:])


def _xlsx_tables(name: str, data: bytes) -> list[Table]:
    """Every sheet of a workbook, read with calamine (Rust; many times faster than openpyxl on big exports)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportProblems([Problem(name, 0, "", _("cannot read this workbook: %(error)s") % {"error": exc})]) from exc
    tables = []
    for title in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
        if not rows:
            continue
        headers = ["" if h is None else str(h).strip() for h in rows[0]]
        tables.append(Table(f"{name} [{title}]", headers, rows[1:]))
    return tables


def read_tables(files: list[tuple[str, bytes]]) -> list[Table]:
    tables: list[Table] = []
    for name, data in files:
        suffix = PurePath(name).suffix.lower()
        if suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [(m, archive.read(m)) for m in sorted(archive.namelist())
                           if m.lower().endswith((".csv", ".xlsx"))]
            tables.extend(read_tables(members))
        elif suffix in (".xlsx", ".xlsm"):
            tables.extend(_xlsx_tables(name, data))
        elif suffix in (".csv", ".txt"):
            tables.append(_csv_table(name, data))
        else:
            raise ImportProblems([Problem(name, 0, "", _("only CSV, XLSX or a zip of CSV files can be imported"))])
    return tables


# ---- columns ----------------------------------------------------------------------------------------

def column_map(spec: FormSpec) -> dict[str, tuple[Question, str | None]]:
    """Every column name an export may use -> (question, choice for a 0/1 column or None)."""
    out: dict[str, tuple[Question, str | None]] = {}
    for question in spec.questions.values():
        keys = ["/".join(question.path), "-".join(question.path), question.name]
        if question.repeat:
            inner = question.path[1:]
            keys += ["/".join(inner), "-".join(inner)]
        for key in keys:
            out.setdefault(key, (question, None))
            if question.type == "select all that apply":
                for choice in question.choice_names:
                    for sep in ("/", "-", "."):
                        out.setdefault(f"{key}{sep}{choice}", (question, choice))
    return out


def _is_meta(header: str) -> bool:
    return header in KOBO_META or header in ODK_META or header.startswith("_") or header == ""


def _flag(value) -> bool | None:
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text in ("1", "1.0", "true"):
        return True
    if text in ("0", "0.0", "false"):
        return False
    raise AnswerError(_("expected 0 or 1"))


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


class _Reader:
    def __init__(self, spec: FormSpec, office_codes: set[str]):
        self.spec = spec
        self.columns = column_map(spec)
        self.office_codes = office_codes
        self.problems: list[Problem] = []

    def problem(self, table: Table, row: int, column: str, message: str):
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(Problem(table.file, row, column, message))

    def bind(self, table: Table, repeat: str):
        """[(index, header, question, choice)] for the table's question columns; unknown columns are errors."""
        bound = []
        for index, header in enumerate(table.headers):
            if _is_meta(header):
                continue
            found = self.columns.get(header)
            if found is None:
                self.problem(table, 1, header, _("this column matches no question of the form"))
                continue
            question, choice = found
            if question.repeat != repeat:
                self.problem(table, 1, header, _("this column belongs to another sheet of the form"))
                continue
            bound.append((index, header, question, choice))
        return bound

    def row_answers(self, table: Table, bound, row: list, row_number: int) -> dict:
        answers: dict = {}
        flags: dict[str, list[str]] = {}
        full: set[str] = set()
        for index, header, question, choice in bound:
            raw = row[index] if index < len(row) else None
            try:
                if choice is not None:
                    flag = _flag(raw)
                    if flag is not None:
                        flags.setdefault(question.name, [])
                        if flag:
                            flags[question.name].append(choice)
                    continue
                value = coerce(question, raw)
            except AnswerError as exc:
                self.problem(table, row_number, header, str(exc))
                continue
            if question.type == "select all that apply":
                full.add(question.name)
            if not is_empty(value):
                answers[question.name] = value
        for name, chosen in flags.items():
            if name not in full and chosen:
                answers[name] = coerce(self.spec.questions[name], chosen)
        return answers


def _cell(table: Table, row: list, header: str):
    if header not in table.headers:
        return None
    index = table.headers.index(header)
    return row[index] if index < len(row) else None


def _find_key_column(headers) -> str | None:
    for header in ("_uuid", "KEY", "meta/instanceID", "meta-instanceID", "instanceID"):
        if header in headers:
            return header
    return None


def parse(spec: FormSpec, files: list[tuple[str, bytes]], office_codes: set[str]) -> list[Parsed]:
    """All submissions of the export files, or ImportProblems listing every problem (none is stored)."""
    table, repeats = _main_and_repeat_tables(files)
    reader = _Reader(spec, office_codes)
    key_column = _find_key_column(table.headers)
    source = "odk" if "KEY" in table.headers or "SubmissionDate" in table.headers else "kobo"
    if key_column is None:
        reader.problem(table, 1, "_uuid / KEY", _("the export has no submission id column"))
        raise ImportProblems(reader.problems)
    parsed, by_link = _read_main_table(reader, table, key_column, source)
    for repeat_table in repeats:
        _read_repeat(reader, repeat_table, by_link)
    if not reader.problems:
        for item in parsed:
            _check_rules(reader, spec, item)
    if reader.problems:
        raise ImportProblems(reader.problems)
    return parsed


def _main_and_repeat_tables(files: list[tuple[str, bytes]]) -> tuple[Table, list[Table]]:
    """The one table of submissions and the tables of repeat groups (they link back to it)."""
    tables = [t for t in read_tables(files) if t.headers]
    main = [t for t in tables if "_parent_index" not in t.headers and "PARENT_KEY" not in t.headers]
    repeats = [t for t in tables if t not in main]
    if len(main) != 1:
        raise ImportProblems([Problem(", ".join(t.file for t in main) or "-", 1, "",
                                      _("expected exactly one main table (without _parent_index or PARENT_KEY), "
                                        "found %(n)s") % {"n": len(main)})])
    return main[0], repeats


def _read_main_table(reader: _Reader, table: Table, key_column: str, source: str,
                     ) -> tuple[list[Parsed], dict[str, Parsed]]:
    """One submission per non-empty row with an id, an office and a date, and the submissions by the id their
    repeat rows link with (`_index` for KoBo, the submission id for ODK)."""
    bound = reader.bind(table, "")
    headers = _headers_of(bound)
    parsed: list[Parsed] = []
    by_link: dict[str, Parsed] = {}
    seen_keys: set[str] = set()
    for offset, row in enumerate(table.rows):
        row_number = offset + 2
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        key = str(_cell(table, row, key_column) or "").strip()
        if not key:
            reader.problem(table, row_number, key_column, _("the submission id is empty"))
            continue
        if key in seen_keys:
            reader.problem(table, row_number, key_column, _("this submission id appears twice"))
            continue
        seen_keys.add(key)
        answers = reader.row_answers(table, bound, row, row_number)
        office = answers.get(OFFICE_QUESTION, "")
        _check_office(reader, table, row_number, office)
        date = _submission_date(table, row, answers)
        if date is None:
            reader.problem(table, row_number, DATE_QUESTION, _("no date (today, _submission_time or SubmissionDate)"))
            continue
        item = Parsed(external_id=key[:100], source=source, office_code=office, date=date, answers=answers,
                      origin=(table, row_number, headers))
        parsed.append(item)
        link = _cell(table, row, "_index") if source == "kobo" else key
        if link not in (None, ""):
            by_link[_link_text(link)] = item
    return parsed, by_link


def _check_office(reader: _Reader, table: Table, row_number: int, office: str) -> None:
    if office and office not in reader.office_codes:
        reader.problem(table, row_number, OFFICE_QUESTION, _("unknown office code %(code)s") % {"code": office})
    elif not office:
        reader.problem(table, row_number, OFFICE_QUESTION, _("the office code is empty"))


def _submission_date(table: Table, row: list, answers: dict) -> dt.date | None:
    """The `today` question, else the export's own submission time; None when none is a date."""
    try:
        return (_date(answers.get(DATE_QUESTION)) or _date(_cell(table, row, "_submission_time"))
                or _date(_cell(table, row, "SubmissionDate")))
    except ValueError:
        return None


def _headers_of(bound) -> dict[str, str]:
    """question name -> the column it was read from (the first, for a 0/1 column per choice)."""
    out: dict[str, str] = {}
    for _index, header, question, _choice in bound:
        out.setdefault(question.name, header)
    return out


def _check_rules(reader: _Reader, spec: FormSpec, item: Parsed) -> None:
    """required, constraint and relevant, as the web form applies them (webform.check_answers), each problem
    named by the row and column it comes from."""
    for name, index, message in check_answers(spec, item.answers):
        question = spec.questions.get(name)
        if index is not None and question is not None:
            origins = item.instance_origins.get(question.repeat) or []
            table, row, headers = origins[index] if index < len(origins) else item.origin
        else:
            table, row, headers = item.origin
        column = headers.get(name) or ("/".join(question.path) if question is not None else name)
        reader.problem(table, row, column, message)


def _link_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_repeat(reader: _Reader, table: Table, by_link: dict[str, Parsed]) -> None:
    link_column = "_parent_index" if "_parent_index" in table.headers else "PARENT_KEY"
    names = {q.repeat for h in table.headers if (q := reader.columns.get(h, (None,))[0]) is not None and q.repeat}
    if len(names) != 1:
        reader.problem(table, 1, "", _("cannot tell which repeat group this sheet holds"))
        return
    repeat = names.pop()
    bound = reader.bind(table, repeat)
    headers = _headers_of(bound)
    for offset, row in enumerate(table.rows):
        row_number = offset + 2
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        parent = by_link.get(_link_text(_cell(table, row, link_column) or ""))
        if parent is None:
            reader.problem(table, row_number, link_column, _("no submission in the main table has this id"))
            continue
        instance = reader.row_answers(table, bound, row, row_number)
        if instance:
            parent.answers.setdefault(repeat, []).append(instance)
            parent.instance_origins.setdefault(repeat, []).append((table, row_number, headers))
