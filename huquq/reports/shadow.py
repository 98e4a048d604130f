"""The GCM shadow-report document: case tables (same query layer as the pages), methodology, sources.

Seed 002 (the GCM shadow report) asks states to "systematize data collection on violations of labor
rights of migrants, including issues related to wage theft …, lack of occupational safety and health
provisions, discrimination, forced overtime, gender based violence and harassment, lack of grievance
mechanisms", and for statistics that cover gender. This document gives an NGO's own counts in exactly
those categories, by sex, with access to remedies, and cites reference figures with their sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Min, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huquq.rules.presentation import seed_label

from . import charts
from .models import Observation
from .selectors import format_value, period_years, place_label, qualifier_label, unit_label
from .statistics import (
    Filters,
    Outcomes,
    case_table,
    outcome_summary,
    recruitment_table,
    shadow_category_table,
)
from .suppression import THRESHOLD

# Reference figures the report cites (table code, optional indicator code).
CITED = [
    ("kazakhstan-migrant-survey-2020", None),
    ("tajik-labour-outflow-h1-2016", "labour-emigrants"),
    ("russia-entry-bans-2015-2016", "entry-bans"),
    ("fms-stocks-by-citizenship-2016", "foreign-citizens-in-russia"),
    (None, "remittances-share-gdp"),
]


@dataclass
class Citation:
    label: str
    value: str
    unit: str
    seed_file: str
    quote: str
    publisher: str
    source: str = ""  # the seed report by title, publisher and year


@dataclass
class ShadowReport:
    date_from: dt.date
    date_to: dt.date
    language: str
    categories: object = None
    by_country: object = None
    outcomes: Outcomes | None = None
    recruitment: object = None  # GCM Objective 6: recruitment violations by kind of perpetrator (issue 20)
    citations: list[Citation] = field(default_factory=list)
    monitoring: list | None = None  # rows of the monitoring scorecards, None when not included
    generated: dt.datetime = field(default_factory=timezone.now)

    @property
    def year_from(self) -> int:
        return self.date_from.year

    @property
    def year_to(self) -> int:
        return self.date_to.year

    @property
    def threshold(self) -> int:
        return THRESHOLD


def citations() -> list[Citation]:
    out = []
    for table_code, indicator_code in CITED:
        qs = Observation.objects.select_related("indicator", "table")
        if table_code:
            qs = qs.filter(table__code=table_code)
        if indicator_code:
            qs = qs.filter(indicator__code=indicator_code)
        for o in qs.order_by("indicator__code", "geography", "period_start", "table__position", "position"):
            details = ", ".join(place_label(str(v)) for v in o.breakdown.values())
            value = format_value(o.value) + (f"–{format_value(o.value_high)}" if o.value_high is not None else "")
            qualifier = qualifier_label(o.qualifier)
            out.append(Citation(
                label=f"{o.indicator.name}{' — ' + details if details else ''} ({place_label(o.geography)}, {period_years(o)})",
                value=f"{qualifier + ' ' if qualifier else ''}{value}", unit=unit_label(o.unit),
                seed_file=o.seed_file, quote=o.quote, publisher=o.publisher, source=seed_label(o.seed_file)))
    return out


def build(violations, outcomes, date_from: dt.date, date_to: dt.date, language: str,
          monitoring_user=None) -> ShadowReport:
    """`violations`/`outcomes`: violation and outcome facts (querysets or lists of dicts).
    `monitoring_user`: whose monitoring scorecards the report includes (none when not given)."""
    filters = Filters(year_from=date_from.year, year_to=date_to.year)
    with translation.override(language):
        report = ShadowReport(date_from, date_to, language, citations=citations())
        if monitoring_user is not None:
            report.monitoring = monitoring_rows(monitoring_user, date_from, date_to)
        report.categories = shadow_category_table(violations, filters)
        report.by_country = case_table(violations, ["violation_type", "host_country"], filters)
        report.outcomes = outcome_summary(outcomes, filters)
        report.recruitment = recruitment_table(violations, filters)
    return report


def monitoring_rows(user, date_from: dt.date, date_to: dt.date) -> list | None:
    """Office scorecards from the monitoring app over the period (None when that app is not installed)."""
    from django.apps import apps

    if not apps.is_installed("huquq.monitoring"):
        return None
    from huquq.monitoring.selectors import shadow_rows

    return shadow_rows(user, date_from, date_to)


def monitoring_header() -> list[str]:
    return [_("Questionnaire"), _("Office"), _("Indicator"), "n", _("Value (95 per cent interval)")]


def monitoring_note() -> str:
    return _("From monitoring visits to consulates and migration offices (the method of the Bir Duino report): "
             "shares answering yes with a Wilson 95 per cent interval, means of ratings, problems reported. "
             "† fewer than 30 answers: read with caution; fewer than 5 answers: not shown.")


def load_facts(user):
    """The facts of the cases `user` may see, for the command."""
    from .facts import outcome_facts, violation_facts

    return violation_facts(user), outcome_facts(user)


# ------------------------------------------------------------------------------------------- rendering

def _category_title():
    return _("Violations of labour rights by category and sex")


def recruitment_title():
    return _("GCM Objective 6 (fair and ethical recruitment): recruitment violations by kind of recruiter")


def recruitment_note():
    return _("Objective 6 of the Global Compact asks states to “facilitate fair and ethical recruitment and "
             "safeguard conditions that ensure decent work” (Solidarity Center et al.). Counted here: recruitment "
             "fees charged to workers, contract substitution, passport or document confiscation and work without "
             "a written contract, by the kind of employer or recruiter the case names (not recorded: none named).")


def render_html(report: ShadowReport) -> str:
    with translation.override(report.language):
        chart = charts.case_table_svg(report.categories, _category_title()) if report.categories else ""
        return render_to_string("reports/shadow_report.html", {
            "report": report, "chart": chart, "category_title": _category_title(), "methodology": methodology(report),
            "recruitment_title": recruitment_title(), "recruitment_note": recruitment_note(),
            "monitoring_header": monitoring_header(), "monitoring_note": monitoring_note()})


def _font_paths():
    from huquq.text.fonts import dejavu_paths

    return dejavu_paths()


def _table_rows(table) -> list[list[str]]:
    return [[str(c) for c in row] for row in table.matrix()]


def _wage_rows(outcomes: Outcomes) -> list[list[str]]:
    return [[_("Currency"), _("Cases"), _("Wages recovered")]] + \
           [[w.currency or "—", w.cases_display, w.amount_display] for w in outcomes.wages]


def sections(report: ShadowReport) -> list[tuple[str, list]]:
    """The document as (heading, blocks) for the PDF and DOCX writers; blocks are text, tables or charts."""
    with translation.override(report.language):
        out: list[tuple[str, list]] = []
        intro = [_("Period: %(start)s to %(end)s.") % {"start": report.date_from, "end": report.date_to}]
        out.append((_("Shadow report tables on the implementation of the Global Compact for Migration"), intro))
        chart = charts.case_table_png(report.categories, _category_title())
        out.append((_("1. %(title)s") % {"title": _category_title()},
                    ([("chart", chart)] if chart else []) + [("table", _table_rows(report.categories))]))
        out.append((_("2. Violations by category and country of work"), [("table", _table_rows(report.by_country))]))
        out.append((_("3. Access to remedies, by sex"), [("table", _table_rows(report.outcomes.remedies)),
                                                         ("table", _wage_rows(report.outcomes)),
                                                         _("A sum is shown only when it comes from 5 cases or more.")]))
        if report.recruitment is not None:
            out.append((_("4. %(title)s") % {"title": recruitment_title()},
                        [recruitment_note()] + ([("table", _table_rows(report.recruitment))]
                                                if not report.recruitment.is_empty else
                                                [_("No recruitment violations in this period.")])))
        if report.monitoring is not None:
            blocks = [monitoring_note()]
            blocks.append(("table", [monitoring_header(), *report.monitoring]) if report.monitoring
                          else _("No finished monitoring answers in this period."))
            out.append((_("Monitoring of consular and migration services"), blocks))
        out.append((_("Methodology"), methodology(report)))
        out.append((_("Reference statistics cited"),
                    [("table", [[_("Figure"), _("Value"), _("Unit"), _("Source")]] +
                      [[c.label, c.value, c.unit, f"{c.source}: “{c.quote}” ({c.publisher})"] for c in report.citations])]))
        return out


def methodology(report: ShadowReport) -> list[str]:
    return [
        _("What is counted: each documented violation of a person's rights is one count (one person may be "
          "counted under several categories). Violations are counted by the year in which they happened, from "
          "%(start)s to %(end)s; the case records give the year only, so the period covers whole years.")
        % {"start": report.year_from, "end": report.year_to},
        _("Categories follow the GCM shadow report (Solidarity Center et al.): wage theft, lack of occupational "
          "safety and health provisions, discrimination, forced overtime, gender-based violence and harassment, "
          "lack of grievance mechanisms; every other violation type is counted as “other”."),
        _("Privacy: no personal data are used. Any count from 1 to 4 is shown as “<5”. So that a hidden number "
          "cannot be worked out by subtraction, further cells are hidden and shown as “x”: in every row or column "
          "with a published total, either no cell or at least two cells are hidden, and an interval check "
          "confirms that no hidden small number can be deduced from the totals. Totals are true totals; a total "
          "from 1 to 4 is itself shown as “<5”."),
        _("Remedies: a case counts once under each remedy obtained (wages recovered, entry ban lifted), so the "
          "remedy rows are not added up. Recovered wages are summed per currency and shown only when they come "
          "from 5 cases or more."),
        _("Reference statistics are quoted from published reports, each with the report file, the exact passage "
          "and the original publisher. Where sources disagree, all estimates are listed; none is averaged."),
    ]


def render_pdf(report: ShadowReport) -> bytes:
    # the table-layout choices below compare translated headings, so they run in the report's language
    with translation.override(report.language):
        return _render_pdf(report)


def _render_pdf(report: ShadowReport) -> bytes:
    from fpdf import FPDF

    regular, bold = _font_paths()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_page()
    for index, (heading, blocks) in enumerate(sections(report)):
        pdf.set_font("DejaVu", "B", 15 if index == 0 else 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)
        for block in blocks:
            if isinstance(block, str):
                pdf.set_font("DejaVu", "", 9.5)
                pdf.multi_cell(0, 5, block, new_x="LMARGIN", new_y="NEXT", align="L")
                pdf.ln(1.5)
            elif block[0] == "chart":
                import io

                pdf.image(io.BytesIO(block[1]), w=min(170, pdf.epw))
                pdf.ln(2)
            else:
                rows = block[1]
                pdf.set_font("DejaVu", "", 7.5 if len(rows[0]) > 4 else 8.5)
                columns = len(rows[0])
                if rows[0][0] == _("Figure"):
                    widths, align = (55, 22, 23, 80), "LEFT"
                elif rows[0][0] == _("Questionnaire"):
                    widths, align = (30, 40, 55, 10, 45), "LEFT"
                else:  # a count table: wide label column, numbers aligned right
                    widths = (3,) + (1,) * (columns - 1)
                    align = ("LEFT",) + ("RIGHT",) * (columns - 1)
                with pdf.table(col_widths=widths, text_align=align, line_height=4.2,
                               headings_style=_heading_style()) as table:
                    for row in rows:
                        cells = table.row()
                        for value in row:
                            cells.cell(str(value))
                pdf.ln(3)
    return bytes(pdf.output())


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(230, 236, 243))


# The default template's theme fonts (Calibri, Cambria) lack some Kyrgyz and Tajik letters on older Office
# installations; Arial, shipped with Windows and macOS, has the Cyrillic Supplement (ң ө ү ғ қ ҳ ҷ ӣ ӯ) and
# the modifier letter ʻ of Uzbek Latin. The language tag lets the word processor spell-check and hyphenate.
DOCX_FONT = "Arial"
DOCX_LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "ky": "ky-KG", "tg": "tg-Cyrl-TJ", "uz": "uz-Latn-UZ",
                      "uz-cyrl": "uz-Cyrl-UZ"}


def _declare_font_and_language(document, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = DOCX_LANGUAGE_TAGS.get(language, language)
    for style in document.styles:
        if not hasattr(style, "font") or style.type != 1:  # paragraph styles only
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), DOCX_FONT)
        for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme_attribute), None)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def render_docx(report: ShadowReport) -> bytes:
    import io

    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    _declare_font_and_language(document, report.language)
    for index, (heading, blocks) in enumerate(sections(report)):
        document.add_heading(heading, level=0 if index == 0 else 1)
        for block in blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
            elif block[0] == "chart":
                document.add_picture(io.BytesIO(block[1]), width=Cm(16))
            else:
                rows = block[1]
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                table.style = "Table Grid"
                for i, row in enumerate(rows):
                    for j, value in enumerate(row):
                        cell = table.cell(i, j)
                        cell.text = str(value)
                        if i == 0:
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
                document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def period(violations, year_from: int | None, year_to: int | None) -> tuple[dt.date, dt.date]:
    """Whole years from `year_from` to `year_to`; a missing end is the first or last year with a case (this
    year when there is none)."""
    if year_from is None or year_to is None:
        years = [row["year"] for row in violations if row.get("year")] if not isinstance(violations, QuerySet) \
            else [y for y in violations.aggregate(lo=Min("year"), hi=Max("year")).values() if y]
        this_year = timezone.localdate().year
        year_from = year_from or (min(years) if years else this_year)
        year_to = year_to or (max(years) if years else this_year)
    return dt.date(year_from, 1, 1), dt.date(max(year_from, year_to), 12, 31)


RENDERERS = {"html": lambda r: render_html(r).encode("utf-8"), "pdf": render_pdf, "docx": render_docx}
