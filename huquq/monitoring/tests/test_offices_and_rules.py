"""Offices edited on the site; imports checked by the web form's rules; answers encrypted at rest."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from huquq.accounts.models import AuditEntry
from huquq.monitoring import fixtures, selectors, services
from huquq.monitoring.imports import ImportProblems
from huquq.monitoring.models import Office, Submission

GOOD = {"office": "kg-embassy-ru", "today": "2026-01-05", "satisfied": "yes", "access_rating": 5,
        "came_with_problem": "no", "problems": ["none"], "knows_where_to_apply": "yes"}
NEW_OFFICE = {"code": "tj-consulate-yekaterinburg", "name": "Consulate of Tajikistan in Yekaterinburg",
              "kind": "consulate", "country": "ru", "city": "Yekaterinburg", "nationals_served": "tj",
              "source_file": "", "source_quote": ""}


# ---- offices --------------------------------------------------------------------------------------

def test_monitor_adds_and_edits_an_office_audited(client, forms, monitor):
    client.force_login(monitor)
    page = client.get(reverse("monitoring:offices"))
    assert reverse("monitoring:office_create") in page.content.decode()
    response = client.post(reverse("monitoring:office_create"), NEW_OFFICE)
    assert response.status_code == 302, response.content.decode()[:1500]
    office = Office.objects.get(code="tj-consulate-yekaterinburg")
    assert (office.country, office.nationals_served, office.organisation_id) == ("RU", "TJ", None)
    created = AuditEntry.objects.filter(action="create", object_type="monitoring.office").get()
    assert created.object_id == str(office.pk) and "city" in created.detail["fields"]

    edit = reverse("monitoring:office_edit", args=[office.pk])
    assert edit in client.get(reverse("monitoring:offices")).content.decode()
    response = client.post(edit, {**NEW_OFFICE, "code": "changed", "city": "Ekaterinburg"})
    assert response.status_code == 302
    office.refresh_from_db()
    assert (office.code, office.city) == ("tj-consulate-yekaterinburg", "Ekaterinburg")  # the code stays
    updated = AuditEntry.objects.filter(action="update", object_type="monitoring.office").get()
    assert updated.detail["fields"] == ["city"]


def test_the_office_form_refuses_bad_country_codes(client, forms, monitor):
    client.force_login(monitor)
    response = client.post(reverse("monitoring:office_create"), {**NEW_OFFICE, "country": "Russia",
                                                                   "nationals_served": "TJ kyrgyz"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "country" in errors and "nationals_served" in errors
    assert not Office.objects.filter(code=NEW_OFFICE["code"]).exists()


def test_seeded_offices_are_changed_in_offices_yaml_not_on_the_site(client, forms, monitor):
    client.force_login(monitor)
    seeded = Office.objects.get(code="kg-embassy-ru")
    edit = reverse("monitoring:office_edit", args=[seeded.pk])
    assert edit not in client.get(reverse("monitoring:offices")).content.decode()
    assert client.post(edit, {**NEW_OFFICE, "name": "Renamed"}).status_code == 403
    seeded.refresh_from_db()
    assert seeded.name.startswith("Embassy of the Kyrgyz Republic")


@pytest.mark.parametrize("role", ["analyst", "caseworker", "consular"])
def test_only_monitors_and_org_admins_edit_offices(client, forms, org_a, make_user, role):
    client.force_login(make_user(org_a, role=role))
    assert client.get(reverse("monitoring:office_create")).status_code == 403
    assert client.post(reverse("monitoring:office_create"), NEW_OFFICE).status_code == 403
    assert not Office.objects.filter(code=NEW_OFFICE["code"]).exists()


def test_the_office_page_works_without_javascript(client, forms, monitor):
    client.force_login(monitor)
    html = client.get(reverse("monitoring:office_create")).content.decode()
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert 'name="organisation"' not in html  # which consular staff see an office stays with the site admins


# ---- imports checked like the web form -------------------------------------------------------------

def _import(monitor, questionnaire, rows, layout="odk"):
    spec = services.spec_of(questionnaire)
    if layout == "odk":
        files = fixtures.odk_csv(spec, rows)
    else:
        files = [("kobo.xlsx", fixtures.kobo_xlsx(spec, rows))]
    return services.import_submissions(monitor, questionnaire, files)


def _problems(monitor, questionnaire, rows, layout="odk") -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        _import(monitor, questionnaire, rows, layout)
    assert Submission.objects.count() == 0  # all or nothing
    return [str(p) for p in caught.value.problems]


def test_a_constraint_violation_refuses_the_file_naming_row_and_column(forms, monitor):
    rows = [("u1", "2026-01-05", GOOD), ("u2", "2026-01-05", {**GOOD, "access_rating": 9})]
    text = _problems(monitor, forms["migrant_visit"], rows)
    assert len(text) == 1 and "row 3" in text[0] and "service-access_rating" in text[0], text
    assert ". >= 1 and . <= 5" in text[0]


def test_constraints_across_questions_and_selections(forms, monitor):
    rows = [("u1", "2026-01-05", {**GOOD, "problems": ["none", "no_queue_system"]})]
    text = _problems(monitor, forms["migrant_visit"], rows, layout="kobo")
    assert len(text) == 1 and "row 2" in text[0] and "obstacles/problems" in text[0], text
    staff = {"office": "kg-embassy-ru", "today": "2026-01-05", "staff_total": 3, "women_staff": 4,
             "lawyers_total": 1, "women_lawyers": 1, "labour_law_training": "no", "migration_attache": "no",
             "works_with_ngos": "yes", "lawyers_have_transport": "no", "needs": ["transport"]}
    text = _problems(monitor, forms["office_staff"], [("s1", "2026-01-05", staff)])
    assert len(text) == 1 and "staffing-women_staff" in text[0] and "${staff_total}" in text[0], text


def test_a_missing_required_answer_refuses_the_file(forms, monitor):
    missing = {k: v for k, v in GOOD.items() if k != "knows_where_to_apply"}
    text = _problems(monitor, forms["migrant_visit"], [("u1", "2026-01-05", GOOD), ("u2", "2026-01-05", missing)])
    assert len(text) == 1 and "row 3" in text[0] and "obstacles-knows_where_to_apply" in text[0], text
    assert "required" in text[0]
    # required only while relevant: got_help is not asked when came_with_problem is "no"
    assert _import(monitor, forms["migrant_visit"], [("u1", "2026-01-05", GOOD)])["added"] == 1


def test_an_answer_to_a_question_that_is_not_relevant_refuses_the_file(forms, monitor):
    rows = [("u1", "2026-01-05", {**GOOD, "got_help": "yes"})]  # came_with_problem is "no"
    text = _problems(monitor, forms["migrant_visit"], rows)
    assert len(text) == 1 and "service-got_help" in text[0] and "not relevant" in text[0], text


def test_repeat_rows_are_checked_and_named_in_their_own_sheet(forms, monitor):
    answers = {"office": "kg-embassy-kz", "today": "2026-02-01", "video_recording": "yes",
               "electronic_queue": "no", "internet_reception": "no", "legal_staff_present": "no",
               "building_rating": 2, "queue_counts": [{"count_slot": "midday", "people_waiting": 7},
                                                      {"count_slot": "morning", "people_waiting": -3}]}
    text = _problems(monitor, forms["observation"], [("r1", "2026-02-01T09:00:00", answers)], layout="kobo")
    assert len(text) == 1, text
    assert "[queue_counts]" in text[0] and "row 3" in text[0] and "people_waiting" in text[0], text


# ---- answers encrypted at rest ------------------------------------------------------------------------

def _stored_answers(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT answers FROM {Submission._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_answers_are_stored_encrypted_and_the_scorecard_still_counts_them(client, forms, monitor, visit):
    questionnaire = forms["migrant_visit"]
    rows = [(f"u{i}", "2026-01-05", {**GOOD, "satisfied": "yes" if i < 4 else "no"}) for i in range(6)]
    _import(monitor, questionnaire, rows)
    client.force_login(monitor)
    client.post(reverse("monitoring:submission_start", args=[visit.pk, questionnaire.pk]))
    web = Submission.objects.get(source="web")
    client.post(reverse("monitoring:submission_page", args=[web.pk, 0]),
                {"satisfied": "no", "access_rating": "2", "came_with_problem": "no"})
    for submission in Submission.objects.all():
        raw = _stored_answers(submission.pk)
        assert raw.startswith(("enc1:", "enc2:")) and "satisfied" not in raw and "kg-embassy-ru" not in raw
    web.refresh_from_db()
    assert web.answers["access_rating"] == 2 and web.answers["satisfied"] == "no"  # Python sees plain JSON
    card = selectors.scorecard(monitor, questionnaire, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31))
    satisfied = card.figure("kg-embassy-ru", "2026-Q1", "satisfied")
    assert (satisfied.n, satisfied.value) == (6, pytest.approx(4 / 6))


def test_key_rotation_reencrypts_answers(forms, monitor, monkeypatch):
    from huquq.cases import crypto
    from huquq.cases.services import encrypted_columns, rotate_keys

    assert any(model is Submission for model, _fields in encrypted_columns())
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    _import(monitor, forms["migrant_visit"], [("u1", "2026-01-05", GOOD)])
    pk = Submission.objects.get().pk
    old_kid = crypto.key_id_of(_stored_answers(pk))
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two,test-key-one")
    rotate_keys()
    assert crypto.key_id_of(_stored_answers(pk)) != old_kid
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two")  # the old key is gone: still readable
    assert Submission.objects.get().answers == GOOD
