"""The web form and the two export layouts store the same answers; bad exports are refused whole."""

import pytest
from django.urls import reverse

from huquq.monitoring import fixtures, services
from huquq.monitoring.imports import ImportProblems
from huquq.monitoring.models import Submission

OBSERVATION_PAGES = [
    {"video_recording": "no", "electronic_queue": "yes", "internet_reception": "yes",
     "legal_staff_present": "yes", "woman_lawyer_present": "no", "building_rating": "3"},
    {"count_slot": "morning", "people_waiting": "41", "add": "1"},
    {"count_slot": "afternoon", "people_waiting": "12", "next": "1"},
]
MIGRANT_PAGES = [
    {"satisfied": "yes", "access_rating": "4", "came_with_problem": "no", "got_help": "yes"},
    {"problems": ["no_queue_system", "no_woman_lawyer"], "knows_where_to_apply": "no"},
]


def fill(client, visit, questionnaire, pages):
    client.post(reverse("monitoring:submission_start", args=[visit.pk, questionnaire.pk]))
    submission = Submission.objects.filter(questionnaire=questionnaire).latest("pk")
    page = 0
    for data in pages:
        response = client.post(reverse("monitoring:submission_page", args=[submission.pk, page]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        submission.refresh_from_db()
        page = submission.page
    assert submission.complete
    return submission


@pytest.mark.parametrize("form_id,pages", [("observation", OBSERVATION_PAGES), ("migrant_visit", MIGRANT_PAGES)])
def test_web_answers_equal_kobo_and_odk_imports(client, forms, monitor, visit, org_b, make_user, form_id, pages):
    client.force_login(monitor)
    questionnaire = forms[form_id]
    web = fill(client, visit, questionnaire, pages).answers
    spec = services.spec_of(questionnaire)
    importer = make_user(org_b, role="monitor")
    rows = [("a1b2c3", "2026-03-10T12:00:00", web)]
    services.import_submissions(importer, questionnaire, [("kobo.xlsx", fixtures.kobo_xlsx(spec, rows))])
    kobo = Submission.objects.get(organisation=org_b, source="kobo")
    assert kobo.answers == web
    services.import_submissions(importer, questionnaire, fixtures.odk_csv(spec, [("d4e5f6", "2026-03-10", web)]))
    odk = Submission.objects.get(organisation=org_b, source="odk")
    assert odk.answers == web
    assert kobo.office_id == odk.office_id == web_office(visit)
    assert str(kobo.date) == str(odk.date) == "2026-03-10"


def web_office(visit):
    return visit.office_id


def test_observation_answers_have_the_documented_shape(client, forms, monitor, visit):
    client.force_login(monitor)
    answers = fill(client, visit, forms["observation"], OBSERVATION_PAGES).answers
    assert answers["building_rating"] == 3
    assert answers["queue_counts"] == [{"count_slot": "morning", "people_waiting": 41},
                                       {"count_slot": "afternoon", "people_waiting": 12}]
    assert answers["office"] == "kg-embassy-ru" and answers["today"] == "2026-03-10"


def test_irrelevant_answer_is_dropped_and_required_enforced(client, forms, monitor, visit):
    client.force_login(monitor)
    questionnaire = forms["migrant_visit"]
    client.post(reverse("monitoring:submission_start", args=[visit.pk, questionnaire.pk]))
    submission = Submission.objects.latest("pk")
    url = reverse("monitoring:submission_page", args=[submission.pk, 0])
    response = client.post(url, {"satisfied": "yes", "access_rating": "9", "came_with_problem": "yes"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "This answer is not allowed here." in body and "This answer is required." in body
    submission.refresh_from_db()
    assert "satisfied" not in submission.answers  # nothing of a page with errors is stored
    client.post(url, {"satisfied": "yes", "access_rating": "2", "came_with_problem": "no", "got_help": "yes"})
    submission.refresh_from_db()
    assert submission.answers["access_rating"] == 2 and "got_help" not in submission.answers
    assert submission.page == 1 and not submission.complete


def test_each_page_saves_before_the_form_is_finished(client, forms, monitor, visit):
    client.force_login(monitor)
    questionnaire = forms["migrant_visit"]
    client.post(reverse("monitoring:submission_start", args=[visit.pk, questionnaire.pk]))
    submission = Submission.objects.latest("pk")
    client.post(reverse("monitoring:submission_page", args=[submission.pk, 0]), MIGRANT_PAGES[0])
    submission.refresh_from_db()
    assert submission.answers["satisfied"] == "yes" and not submission.complete
    page = client.get(reverse("monitoring:submission_page", args=[submission.pk, 1]))
    assert page.status_code == 200 and b'name="problems"' in page.content and b"<script" not in page.content


def test_bad_export_is_refused_whole_naming_row_and_column(forms, monitor):
    questionnaire = forms["migrant_visit"]
    spec = services.spec_of(questionnaire)
    good = {"office": "kg-embassy-ru", "today": "2026-01-05", "satisfied": "yes", "access_rating": 5,
            "came_with_problem": "no", "problems": ["none"], "knows_where_to_apply": "yes"}
    bad = {**good, "satisfied": "perhaps"}
    unknown_office = {**good, "office": "nowhere"}
    files = fixtures.odk_csv(spec, [("u1", "2026-01-05", good), ("u2", "2026-01-05", bad),
                                    ("u3", "2026-01-05", unknown_office)])
    with pytest.raises(ImportProblems) as caught:
        services.import_submissions(monitor, questionnaire, files)
    text = [str(p) for p in caught.value.problems]
    assert any("row 3" in t and "service-satisfied" in t and "perhaps" in t for t in text), text
    assert any("row 4" in t and "office" in t and "nowhere" in t for t in text), text
    assert Submission.objects.count() == 0


def test_zero_one_columns_must_be_flags(forms, monitor):
    questionnaire = forms["migrant_visit"]
    spec = services.spec_of(questionnaire)
    answers = {"office": "kg-embassy-ru", "today": "2026-01-05", "satisfied": "no", "access_rating": 1,
               "came_with_problem": "no", "problems": ["no_queue_system"], "knows_where_to_apply": "yes"}
    data = fixtures.kobo_xlsx(spec, [("k1", "2026-01-05T10:00:00", answers)])
    # Drop the space-separated column so the 0/1 columns are the only source, then break one flag.
    import io

    import openpyxl
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    sheet.delete_cols(headers.index("obstacles/problems") + 1)
    services.import_submissions(monitor, questionnaire, [("k.xlsx", _save(workbook))])
    assert Submission.objects.get().answers["problems"] == ["no_queue_system"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("obstacles/problems/none") + 1, value="yes")
    sheet.cell(row=2, column=headers.index("_uuid") + 1, value="k2")
    with pytest.raises(ImportProblems) as caught:
        services.import_submissions(monitor, questionnaire, [("k.xlsx", _save(workbook))])
    assert "obstacles/problems/none" in str(caught.value) and "row 2" in str(caught.value)


def _save(workbook) -> bytes:
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_reimport_adds_nothing_twice(forms, monitor):
    questionnaire = forms["observation"]
    spec = services.spec_of(questionnaire)
    answers = {"office": "kg-embassy-kz", "today": "2026-02-01", "video_recording": "yes",
               "electronic_queue": "no", "internet_reception": "no", "legal_staff_present": "no",
               "building_rating": 2, "queue_counts": [{"count_slot": "midday", "people_waiting": 7}]}
    data = fixtures.kobo_xlsx(spec, [("r1", "2026-02-01T09:00:00", answers), ("r2", "2026-02-01T09:30:00", answers)])
    first = services.import_submissions(monitor, questionnaire, [("kobo.xlsx", data)])
    again = services.import_submissions(monitor, questionnaire, [("kobo.xlsx", data)])
    assert (first["added"], again["added"], again["already_there"]) == (2, 0, 2)
    assert Submission.objects.count() == 2


def test_the_form_speaks_the_page_language(client, forms, monitor, visit):
    client.force_login(monitor)
    client.post(reverse("monitoring:submission_start", args=[visit.pk, forms["migrant_visit"].pk]))
    submission = Submission.objects.latest("pk")
    for lang, label in [("ru", "Довольны ли вы качеством"), ("ky", "канааттанасызбы"), ("tg", "қаноатмандед"),
                        ("uz", "mamnunmisiz"), ("en", "Are you satisfied")]:
        page = client.get(f"/{lang}/monitoring/answers/{submission.pk}/page/0/")
        assert label in page.content.decode(), lang


def test_a_repeat_page_may_be_left_empty(client, forms, monitor, visit):
    client.force_login(monitor)
    submission = fill(client, visit, forms["observation"], [OBSERVATION_PAGES[0], {"next": "1"}])
    assert "queue_counts" not in submission.answers
