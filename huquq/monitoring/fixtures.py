"""Write submissions in the documented export layouts of KoBoToolbox and ODK Central.

Used by the tests (web form answers == the same answers imported from each layout) and by the import
benchmark. The layouts follow what each tool documents for its exports: KoBo's XLSX with the main sheet and
one sheet per repeat group (`_index` / `_parent_index`), group paths joined with `/`, select_multiple both
as a space-separated column and as one 0/1 column per choice; ODK Central's CSV files (`<form>.csv` and
`<form>-<repeat>.csv`) with `KEY` / `PARENT_KEY`, group paths joined with `-`.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from .xlsform import FormSpec


def _cell(value, question) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    return value


def _columns(spec: FormSpec, repeat: str, sep: str, split_multiple: bool):
    cols = []
    for question in spec.questions.values():
        if question.repeat != repeat:
            continue
        path = sep.join(question.path)
        cols.append((path, question, None))
        if split_multiple and question.type == "select all that apply":
            cols.extend((f"{path}/{choice}", question, choice) for choice in question.choice_names)
    return cols


def _value(answers: dict, question, choice):
    value = answers.get(question.name)
    if choice is None:
        return _cell(value, question)
    if value is None:
        return ""
    return 1 if choice in value else 0


def kobo_xlsx(spec: FormSpec, submissions: list[tuple[str, str, dict]]) -> bytes:
    """submissions: [(uuid, submission time ISO, answers)] -> a KoBo-layout XLSX export."""
    workbook = Workbook()
    main = workbook.active
    main.title = spec.form_id[:31]
    cols = _columns(spec, "", "/", split_multiple=True)
    main.append([c[0] for c in cols] + ["_id", "_uuid", "_submission_time", "_index"])
    sheets = {}
    for repeat in spec.repeats:
        sheet = workbook.create_sheet(repeat[:31])
        rcols = _columns(spec, repeat, "/", split_multiple=True)
        sheet.append([c[0] for c in rcols] + ["_index", "_parent_table_name", "_parent_index",
                                              "_submission__uuid"])
        sheets[repeat] = (sheet, rcols, [0])
    for index, (uuid, when, answers) in enumerate(submissions, start=1):
        main.append([_value(answers, q, ch) for _p, q, ch in cols] + [index, uuid, when, index])
        for repeat, (sheet, rcols, counter) in sheets.items():
            for instance in answers.get(repeat, []):
                counter[0] += 1
                sheet.append([_value(instance, q, ch) for _p, q, ch in rcols]
                             + [counter[0], main.title, index, uuid])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def odk_csv(spec: FormSpec, submissions: list[tuple[str, str, dict]]) -> list[tuple[str, bytes]]:
    """ODK Central's CSV layout: the main file and one file per repeat group."""
    cols = _columns(spec, "", "-", split_multiple=False)
    rows = [["SubmissionDate", *[c[0] for c in cols], "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
             "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
             "FormVersion"]]
    repeat_rows = {r: [[*[c[0] for c in _columns(spec, r, "-", False)], "PARENT_KEY", "KEY"]] for r in spec.repeats}
    for uuid, when, answers in submissions:
        key = f"uuid:{uuid}"
        rows.append([when, *[_value(answers, q, ch) for _p, q, ch in cols], key, key, 5, "monitor", 0, 0, "", "",
                     "", 0, spec.version])
        for repeat in spec.repeats:
            rcols = _columns(spec, repeat, "-", False)
            for n, instance in enumerate(answers.get(repeat, []), start=1):
                repeat_rows[repeat].append([*[_value(instance, q, ch) for _p, q, ch in rcols], key,
                                            f"{key}/{repeat}[{n}]"])
    files = [(f"{spec.form_id}.csv", _csv(rows))]
    files += [(f"{spec.form_id}-{repeat}.csv", _csv(r)) for repeat, r in repeat_rows.items()]
    return files
