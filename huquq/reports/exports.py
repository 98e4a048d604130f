"""CSV and XLSX files of exactly what a page shows (the same matrices the templates render)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from huquq.safety import SafeCsvWriter, neutralise_formula


def _cell(value):
    """Numbers go to the spreadsheet as numbers; "<5", "x" and labels stay text."""
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return neutralise_formula(value)


class _Line:
    def write(self, value):
        return value


def csv_lines(rows, notes: list[str] = ()):
    """The CSV as encoded lines, one row at a time (for streaming: memory does not grow with the rows)."""
    writer = SafeCsvWriter(csv.writer(_Line()))  # free text must not run as a spreadsheet formula
    # A byte-order mark lets spreadsheet programs read Cyrillic correctly.
    yield "\ufeff".encode()
    for row in rows:
        yield writer.writerow(["" if v is None else v for v in row]).encode("utf-8")
    if notes:
        yield writer.writerow([]).encode("utf-8")
        for note in notes:
            yield writer.writerow([note]).encode("utf-8")


def csv_bytes(rows: list[list], notes: list[str] = ()) -> bytes:
    return b"".join(csv_lines(rows, notes))


def xlsx_bytes(rows: list[list], title: str, notes: list[str] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    info = workbook.create_sheet("about")
    info.append([neutralise_formula(title)])
    for note in notes:
        info.append([neutralise_formula(note)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
