"""The shadow report's PDF font has every letter the report uses in each language; the DOCX declares a font
with those letters and the report's language."""

import io
import zipfile

import pytest
from fontTools.ttLib import TTFont

from huquq.reports import shadow
from huquq.reports.services import load_reference
from huquq.reports.tests import casework

LANGUAGE_LETTERS = {"ky": "ңөү", "tg": "ғқҳҷӣӯ", "uz": "ʻ", "uz-cyrl": "ғқҳў"}


@pytest.fixture
def report_for(org_a, analyst):
    load_reference()
    casework.insert_violations(casework.violation_rows(300, seed=31), org_a)
    casework.insert_outcomes(casework.outcome_rows(40, seed=32), org_a)
    violations, outcomes = shadow.load_facts(analyst)

    def build(language):
        import datetime as dt

        return shadow.build(violations, outcomes, dt.date(2020, 1, 1), dt.date(2025, 12, 31), language)
    return build


def _text(report) -> str:
    parts = []
    for heading, blocks in shadow.sections(report):
        parts.append(heading)
        for block in blocks:
            if isinstance(block, str):
                parts.append(block)
            elif block[0] == "table":
                parts += [str(cell) for row in block[1] for cell in row]
    return " ".join(parts)


@pytest.mark.parametrize("language", ["ky", "tg", "uz", "uz-cyrl"])
def test_pdf_font_covers_every_letter_of_the_report(report_for, language):
    text = _text(report_for(language))
    assert any(letter in text for letter in LANGUAGE_LETTERS[language]), "the report is not in the language"
    for path in shadow._font_paths():
        cmap = TTFont(str(path)).getBestCmap()
        missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
        assert not missing, f"{path.name} lacks {missing}"
    assert shadow.render_pdf(report_for(language)).startswith(b"%PDF")


def test_docx_declares_font_and_language(report_for):
    from docx import Document
    from docx.oxml.ns import qn

    content = shadow.render_docx(report_for("tg"))
    document = Document(io.BytesIO(content))
    for name in ("Normal", "Heading 1", "Title"):
        rpr = document.styles[name].element.rPr
        assert rpr.rFonts.get(qn("w:ascii")) == "Arial" and rpr.rFonts.get(qn("w:asciiTheme")) is None, name
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "tg-Cyrl-TJ", name
    body = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "ҷ" in body or "ӣ" in body
