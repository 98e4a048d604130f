"""Scorecards as table rows, CSV and XLSX (formula-safe: a cell never starts a spreadsheet formula)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from huquq.reports import charts

from .selectors import Scorecard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def figure_text(figure) -> str:
    if figure is None:
        return ""
    if figure.suppressed:
        return _("n<5, not shown")
    if figure.kind == "rating":
        text = f"{figure.value:.2f}"
    else:
        text = f"{figure.value * 100:.0f}% ({figure.low * 100:.0f}–{figure.high * 100:.0f}%)"
        if figure.kind == "problems":
            text += " · " + _("%(count)s problems") % {"count": figure.count}
    if figure.caution:
        text += " †"
    return text


def rows(card: Scorecard) -> list[list]:
    out = [[_("office"), _("office code"), _("period"), _("indicator"), _("kind"), "n", _("value"),
            _("lower bound, 95 per cent"), _("upper bound, 95 per cent"), _("problems reported"), _("note")]]
    for office, period, _name, label, figure in card.rows():
        note = _("suppressed: fewer than 5 answers") if figure.suppressed else (
            _("caution: fewer than 30 answers") if figure.caution else "")
        out.append([office.name, office.code, period, label, figure.kind, figure.n,
                    None if figure.value is None else round(figure.value, 4),
                    None if figure.low is None else round(figure.low, 4),
                    None if figure.high is None else round(figure.high, 4), figure.count, note])
    return out




def csv_bytes(card: Scorecard) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows(card):
        writer.writerow(["" if v is None else safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(card: Scorecard) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "scorecard"
    for row in rows(card):
        sheet.append([safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def chart_svg(card: Scorecard, indicator: str) -> str:
    """One indicator across offices (bars, latest period) or across periods (lines, several periods)."""
    label = next((lbl for name, lbl, _k in card.indicators if name == indicator), indicator)
    kind = next((k for name, _l, k in card.indicators if name == indicator), "yes")
    scale = 1 if kind == "rating" else 100
    unit = _("mean rating") if kind == "rating" else _("per cent of answers")
    if len(card.periods) > 1:
        series = {}
        for office in card.offices[:8]:
            values = []
            for period in card.periods:
                figure = card.figure(office.code, period, indicator)
                values.append(None if figure is None or figure.value is None else figure.value * scale)
            series[office.name] = values
        return charts.line_chart_svg(card.periods, series, label, unit)
    period = card.periods[0] if card.periods else ""
    values, hidden = [], {}
    for i, office in enumerate(card.offices):
        figure = card.figure(office.code, period, indicator)
        values.append(None if figure is None or figure.value is None else figure.value * scale)
        if figure is not None and figure.suppressed:
            hidden[(i, 0)] = "n<5"
    return charts.bar_chart_svg([o.name for o in card.offices], {period: values}, label, unit, hidden_labels=hidden)
