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


def csv_bytes(rows: list[list], notes: list[str] = ()) -> bytes:
    buffer = io.StringIO()
    writer = SafeCsvWriter(csv.writer(buffer))
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    if notes:
        writer.writerow([])
        for note in notes:
            writer.writerow([note])
    # A byte-order mark lets spreadsheet programs read Cyrillic correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
