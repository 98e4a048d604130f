"""Shipped XLSForms validate with pyxform and cite seed 004; bad uploads are refused with the reason."""

import io

import openpyxl
import pytest
import yaml
from django.core.exceptions import ValidationError

from huquq.monitoring import services, xlsform
from huquq.text.quotes import quote_problem

SEED_004 = "004_67cb893f4e659152.txt"


def test_shipped_forms_validate_and_have_scorecard_questions():
    specs = [xlsform.load(p.read_bytes(), p.name) for p in xlsform.shipped()]
    assert {s.form_id for s in specs} == {"migrant_visit", "office_staff", "observation"}
    for spec in specs:
        assert spec.scorecard_questions(), spec.form_id
        for question in spec.questions.values():
            if question.type in xlsform.METADATA_TYPES or question.name == xlsform.OFFICE_QUESTION:
                continue
            assert question.source_file == SEED_004 and question.source_quote, question.name


@pytest.mark.seeds
def test_every_quote_is_in_its_seed(seeds_dir):
    for path in xlsform.shipped():
        spec = xlsform.load(path.read_bytes(), path.name)
        for question in spec.questions.values():
            if not question.source_quote:
                continue
            assert quote_problem(seeds_dir, question.source_file, question.source_quote) is None, \
                (path.name, question.name)
    for entry in yaml.safe_load(services.OFFICES_FILE.read_text(encoding="utf-8")):
        assert entry["sources"], entry["code"]
        for source in entry["sources"]:
            assert quote_problem(seeds_dir, source["file"], source["quote"]) is None, entry["code"]


def _xlsx(rows, choices=(("yn", "yes", "Yes"), ("yn", "no", "No"))) -> bytes:
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "relevant", "constraint"])
    for row in rows:
        survey.append(list(row))
    sheet = workbook.create_sheet("choices")
    sheet.append(["list_name", "name", "label"])
    for row in choices:
        sheet.append(list(row))
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["Own form", "own_form"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_upload_refuses_an_expression_outside_the_subset(monitor):
    data = _xlsx([("text", "office", "Office", "", ""), ("select_one yn", "ok", "OK?", "", ""),
                  ("integer", "n", "How many?", "${ok} = 'yes'", "regex(., '^[0-9]+$')")])
    with pytest.raises(ValidationError) as caught:
        services.upload_questionnaire(monitor, data, "own.xlsx")
    assert any("regex" in m and "n: constraint" in m for m in caught.value.messages), caught.value.messages


def test_upload_refuses_what_pyxform_refuses(monitor):
    with pytest.raises(ValidationError) as caught:
        services.upload_questionnaire(monitor, _xlsx([("select_one nolist", "office", "Office", "", "")]), "x.xlsx")
    assert "pyxform" in caught.value.messages[0]


def test_upload_accepts_a_valid_form_for_the_organisation(monitor):
    data = _xlsx([("text", "office", "Office", "", ""), ("select_one yn", "ok", "OK?", "", ""),
                  ("integer", "n", "How many?", "${ok} = 'yes'", ". >= 0")])
    questionnaire = services.upload_questionnaire(monitor, data, "own.xlsx")
    assert questionnaire.organisation == monitor.organisation and questionnaire.form_id == "own_form"
    assert [p.name for p in services.spec_of(questionnaire).pages] == ["_page1"]


def test_messages_are_translated(client, monitor):
    from django.utils import translation

    with translation.override("ru"):
        from huquq.monitoring.webform import AnswerError, coerce
        from huquq.monitoring.xlsform import Question

        with pytest.raises(AnswerError) as caught:
            coerce(Question(name="n", type="integer"), "x")
        assert str(caught.value) == "Введите целое число."
    client.force_login(monitor)
    for lang, word in [("ru", "Мониторинг"), ("ky", "мониторинги"), ("tg", "Мониторинги"), ("uz", "monitoringi")]:
        page = client.get(f"/{lang}/monitoring/")
        assert page.status_code == 200 and word in page.content.decode(), lang
