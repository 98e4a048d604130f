"""The public contract check (issue 20): questionnaire, answer with sources and help links, warnings-list
lookup, consent screen, sending, and a caseworker's case from a check."""

import datetime as dt
import json

import pytest
from django.apps import apps

from huquq.accounts.models import AuditEntry
from huquq.cases.models import Case, Channel, Consent, Violation
from huquq.channels import services as channel_services
from huquq.rules.engine import contract

ANSWERS = {"origin": "TJ", "host": "RU", "written": "no", "understood": "yes", "copy": "yes", "notarised": "no",
           "pays": ["recruitment_fee", "travel"], "passport": "yes", "substitution": "no",
           "recruiter": "", "employer": ""}
LANGUAGES = ["ru", "en", "ky", "tg", "uz", "uz-cyrl"]


@pytest.fixture(autouse=True)
def _field_keys(monkeypatch):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")


def _row_counts() -> dict:
    """Rows of every model of the project's apps (sessions included): what "stores nothing" is checked on."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.app_label in ("cases", "channels", "registry", "accounts", "sessions", "reports")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_questionnaire_is_public_in_every_language(client, db, lang):
    r = client.get(f"/{lang}/contract-check/")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="passport"' in html and 'name="terms"' in html and "<script" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answer_lists_findings_with_sources_actions_and_help(client, db, lang):
    r = client.post(f"/{lang}/contract-check/", ANSWERS)
    assert r.status_code == 200
    html = r.content.decode()
    assert "contract.passport" not in html  # rule ids are not shown, texts are
    assert html.count('class="finding"') == len(contract.check(contract.parse_answers(ANSWERS), dt.date.today()))
    assert "003_7d9f1d547931b5c5.txt" not in html  # the public sees the report's title, not the file name
    assert "Article 325" in html or "325" in html  # the Russian Criminal Code article is cited
    assert "/registry/help/?country=TJ&amp;service=pre_departure_info" in html
    assert "/registry/help/?country=RU&amp;service=legal_advice" in html


def test_english_answer_says_what_to_do(client, db):
    html = client.post("/en/contract-check/", ANSWERS).content.decode()
    assert "Do not hand over your passport" in html
    assert "Do not pay" in html
    assert "A fee for finding the job" in html and "The journey" in html
    assert "ILO Private Employment Agencies Convention, 1997 (No. 181)" in html


def test_checking_stores_nothing(client, db):
    before = _row_counts()
    client.get("/ru/contract-check/")
    client.post("/ru/contract-check/", dict(ANSWERS, recruiter="ООО Ромашка"))
    client.post("/ru/contract-check/send/", {"answers": json.dumps(contract.parse_answers(ANSWERS).as_dict())})
    assert _row_counts() == before


def test_a_bad_answer_is_refused_not_guessed(client, db):
    r = client.post("/ru/contract-check/", dict(ANSWERS, host="US"))
    assert r.status_code == 400


@pytest.fixture
def recipient(org_a):
    return channel_services.opt_in(org_a)


def _send(client, **extra):
    data = {"answers": json.dumps(contract.parse_answers(ANSWERS).as_dict()), "consent_step": "1"}
    data.update(extra)
    return client.post("/ru/contract-check/send/", data)


def test_consent_screen_then_nothing_stored_without_the_box_ticked(client, recipient):
    first = client.post("/ru/contract-check/send/", {"answers": json.dumps(contract.parse_answers(ANSWERS).as_dict())})
    assert first.status_code == 200 and "Organisation A" in first.content.decode()
    before = _row_counts()
    r = _send(client, recipient=recipient.pk, contact="+7 900 000 00 00")
    assert r.status_code == 400
    assert _row_counts() == before


def test_sending_with_consent_creates_an_intake_case_with_violations_prefilled(client, recipient, org_a):
    r = _send(client, recipient=recipient.pk, contact="+7 900 000 00 00", consent="on")
    assert r.status_code == 200
    case = Case.objects.get(organisation=org_a)
    assert case.reference in r.content.decode()
    assert case.status == "intake" and case.channel == Channel.WEB and case.host_country == "RU"
    assert set(Violation.objects.filter(case=case).values_list("type", flat=True)) == {
        "no_written_contract", "recruitment_fee", "document_confiscation"}
    assert not Violation.objects.filter(case=case, verified=True).exists()
    consent = Consent.objects.get(case=case)
    assert consent.allows_store and consent.person == case.client and case.client.phone == "+7 900 000 00 00"
    assert AuditEntry.objects.filter(action="share", object_id=str(case.pk)).exists()


def test_service_refuses_to_store_without_consent(recipient):
    answers = contract.parse_answers(ANSWERS)
    with pytest.raises(PermissionError):
        channel_services_send = __import__("huquq.channels.contract_services", fromlist=["send_check"]).send_check
        channel_services_send(recipient, answers, contract.check(answers, dt.date.today()), consent=False)
    assert not Case.objects.exists()


def test_a_tampered_check_is_refused(client, recipient):
    r = _send(client, recipient=recipient.pk, consent="on", answers="{not json")
    assert r.status_code == 400 and not Case.objects.exists()


def test_caseworker_opens_a_case_from_a_check(client, org_a, make_user):
    worker = make_user(org_a, "caseworker")
    client.force_login(worker)
    html = client.post("/en/contract-check/", dict(ANSWERS, substitution="yes")).content.decode()
    assert "Open a case from this check" in html
    answers_json = json.dumps(contract.parse_answers(dict(ANSWERS, substitution="yes")).as_dict())
    r = client.post("/en/contract-check/case/", {"answers": answers_json})
    case = Case.objects.get(organisation=org_a)
    assert r.status_code == 302 and r["Location"].endswith(f"/cases/{case.pk}/")
    assert case.created_by == worker and case.channel == Channel.WALK_IN
    assert "contract_substitution" in set(case.violations.values_list("type", flat=True))


def test_the_public_cannot_open_a_case(client, db):
    html = client.post("/en/contract-check/", ANSWERS).content.decode()
    assert "Open a case from this check" not in html
    r = client.post("/en/contract-check/case/", {"answers": json.dumps(contract.parse_answers(ANSWERS).as_dict())})
    assert r.status_code == 403 and not Case.objects.exists()


@pytest.fixture
def listed_recruiter(db, org_a, org_b, make_user):
    """A recruitment agency published on the warnings list: two verified violations from two organisations,
    approval, and a right-of-reply notice sent 20 days ago."""
    from django.utils import timezone

    from huquq.cases import services as cases
    from huquq.registry.employers import services
    from huquq.registry.employers import warnings as warnings_list
    from huquq.registry.employers.models import Employer

    agency = services.create_employer(name="ООО «Хороший Путь»", kind=Employer.Kind.RECRUITMENT_AGENCY,
                                      city="Душанбе")
    for org, vtype in ((org_a, "recruitment_fee"), (org_b, "document_confiscation")):
        worker = make_user(org, "caseworker")
        case = cases.create_case(actor=worker, organisation=org, title="Recruitment",
                                 client={"name": "Тест Тестов", "sex": "male", "citizenship": "TJ"})
        violation = cases.add_violation(case, actor=worker, type=vtype, employer=agency,
                                        started_on=dt.date(2026, 3, 1))
        cases.set_verified(violation, actor=worker, verified=True)
    moderator = make_user(org_a, "org_admin", is_registry_moderator=True)
    warnings_list.approve(agency, actor=moderator)
    warnings_list.record_notice(agency, actor=moderator, sent_on=timezone.localdate() - dt.timedelta(days=20),
                                method="letter")
    return agency


def test_naming_a_listed_recruiter_shows_the_published_warning(client, listed_recruiter):
    html = client.post("/en/contract-check/", dict(ANSWERS, recruiter="Khoroshiy Put")).content.decode()
    assert "The recruiter you named is on the warnings list" in html
    assert f"/registry/warnings/{listed_recruiter.pk}/" in html
    assert "Тест Тестов" not in html
    other = client.post("/en/contract-check/", dict(ANSWERS, recruiter="Совсем Другая Фирма")).content.decode()
    assert "on the warnings list" not in other


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_check_in_a_360px_phone_without_javascript_shows_the_warning(live_server, listed_recruiter, lang):
    """The questionnaire filled and sent in chromium, JavaScript off, 360 px wide, in every language: the
    answer names the listed recruiter's warning, and nothing scrolls sideways."""
    from tests.browser import follow, phone_page

    with phone_page() as page:
        page.goto(f"{live_server.url}/{lang}/contract-check/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "questionnaire scrolls sideways"
        page.select_option("#id_origin", "TJ")
        page.select_option("#id_host", "RU")
        page.fill("#id_recruiter", "Хороший путь")
        page.check("input[name=passport][value=yes]")
        page.check("input[name=pays][value=recruitment_fee]")
        follow(page, page.locator("button[type=submit].button"))
        assert page.locator("section.warning-box").count() == 1
        assert page.locator(f"a[href$='/registry/warnings/{listed_recruiter.pk}/']").count() == 1
        assert page.locator("li.finding").count() >= 3
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "answer scrolls sideways"


def test_a_get_of_the_post_only_steps_goes_back_to_the_check(client, db):
    for path in ("/ru/contract-check/send/", "/ru/contract-check/case/"):
        r = client.get(path)
        assert r.status_code == 302 and r["Location"] == "/ru/contract-check/"
