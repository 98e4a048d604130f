import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from huquq.accounts.models import AuditEntry
from huquq.cases import selectors, services, transfer
from huquq.cases.models import Case, CaseRevision, Person, Referral
from huquq.cases.selectors import FACT_KEYS, employer_violation_evidence, violation_facts
from huquq.registry.employers.models import Employer

from .factories import make_case, share


@pytest.fixture
def staff(db, org_a, org_b):
    from huquq.accounts.services import create_member

    return {
        "a": create_member(organisation=org_a, username="a-cw", role="caseworker"),
        "a_analyst": create_member(organisation=org_a, username="a-an", role="analyst"),
        "b": create_member(organisation=org_b, username="b-cw", role="caseworker"),
    }


# --- consent gates every referral and field ------------------------------------------------------

def test_referral_needs_consent_naming_the_receiver(org_a, org_b, make_org, staff):
    case = make_case(org_a, staff["a"])
    with pytest.raises(ValidationError) as exc:
        services.send_referral(case, actor=staff["a"], to_organisation=org_b)
    assert exc.value.code == "consent"
    third = make_org("Third")
    services.record_consent(case, actor=staff["a"], share_with=[third], fields=["summary"])
    with pytest.raises(ValidationError) as exc:
        services.send_referral(case, actor=staff["a"], to_organisation=org_b)
    assert exc.value.code == "consent"
    assert not Referral.objects.exists()


def test_referral_cannot_ask_for_fields_outside_consent(org_a, org_b, staff):
    case = make_case(org_a, staff["a"])
    services.record_consent(case, actor=staff["a"], share_with=[org_b], fields=["summary"])
    with pytest.raises(ValidationError) as exc:
        services.send_referral(case, actor=staff["a"], to_organisation=org_b, fields=["summary", "contact"])
    assert exc.value.code == "fields"


def test_receiver_sees_only_consented_fields(client, org_a, org_b, staff):
    case = make_case(org_a, staff["a"], name="Zarina Testova")
    share(case, org_b, fields=("summary", "profile"), state="accepted")
    client.force_login(staff["b"])
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert case.title in html
    assert "Zarina" not in html and "+7 900" not in html and "AC1234567" not in html
    assert AuditEntry.objects.filter(action="view", object_type="cases.case", object_id=str(case.pk),
                                     actor=staff["b"]).exists()


def test_expired_or_withdrawn_consent_stops_sharing(client, org_a, org_b, staff):
    case = make_case(org_a, staff["a"])
    consent, _ = share(case, org_b, state="accepted")
    url = reverse("cases:detail", args=[case.pk])
    client.force_login(staff["b"])
    assert client.get(url).status_code == 200
    consent.valid_until = datetime.date.today() - datetime.timedelta(days=1)
    consent.save()
    assert client.get(url).status_code == 404
    consent.valid_until = None
    consent.save()
    services.withdraw_consent(consent, actor=staff["a"])
    assert client.get(url).status_code == 404


def test_declined_referral_gives_no_access_and_cannot_be_reopened(client, org_a, org_b, staff):
    case = make_case(org_a, staff["a"])
    _, referral = share(case, org_b)
    client.force_login(staff["b"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200  # sent: may look to decide
    client.post(reverse("cases:referral_respond", args=[referral.pk]), {"state": "declined", "note": "no capacity"})
    referral.refresh_from_db()
    assert referral.state == "declined"
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.respond_referral(referral, actor=staff["b"], state="accepted")
    # both sides still see the history
    assert "no capacity" in client.get(reverse("cases:referrals")).content.decode()
    client.force_login(staff["a"])
    assert "no capacity" in client.get(reverse("cases:referrals")).content.decode()


# --- analyst sees no personal field -----------------------------------------------------------------

def test_analyst_page_has_no_personal_fields(client, org_a, staff):
    case = make_case(org_a, staff["a"], name="Севархон Маннонова")
    person = case.client
    person.birth_date = datetime.date(1980, 5, 17)
    person.save()
    client.force_login(staff["a_analyst"])
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert case.title in html
    for secret in ("Севархон", "Маннонова", "+7 900", "AC1234567", "1980-05-17"):
        assert secret not in html
    client.force_login(staff["a"])
    assert "Маннонова" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


# --- optimistic locking and revision history -----------------------------------------------------------

def test_concurrent_edit_is_refused_with_a_clear_message(client, org_a, staff):
    case = make_case(org_a, staff["a"], title="Original")
    url = reverse("cases:edit", args=[case.pk])
    client.force_login(staff["a"])
    form = {"case-title": "Mine", "case-channel": "walk_in", "case-opened_on": "2026-01-10",
            "case-currency": "RUB", "case-version": case.version, "client-sex": "female",
            "client-age_group": "30-44", "client-migration_card": "unknown", "client-registration": "unknown",
            "client-work_permit": "unknown", "client-entry_ban": "unknown", "client-name": "Айгуль Токтогулова"}
    services.update_case(Case.objects.get(pk=case.pk), actor=staff["a"], expected_version=case.version,
                         title="Theirs")
    response = client.post(url, form)
    assert response.status_code == 200
    assert "Кто-то изменил этот случай" in response.content.decode()  # the message, in the user's language
    assert Case.objects.get(pk=case.pk).title == "Theirs"
    with pytest.raises(services.StaleEdit):
        services.update_case(Case.objects.get(pk=case.pk), actor=staff["a"], expected_version=1, title="x")


def test_editing_a_case_and_its_client_is_one_transaction(org_a, staff, monkeypatch):
    case = make_case(org_a, staff["a"], title="Before")
    client_person = Person.objects.get(case=case)

    def stale(*args, **kwargs):
        raise services.StaleEdit()

    monkeypatch.setattr(services, "update_person", stale)  # someone saved the client in between
    with pytest.raises(services.StaleEdit):
        services.edit_case(Case.objects.get(pk=case.pk), actor=staff["a"], expected_version=case.version,
                           changes={"title": "After"}, client=client_person, client_changes={"sex": "male"})
    stored = Case.objects.get(pk=case.pk)
    assert (stored.title, stored.version) == ("Before", case.version)  # the case edit was rolled back too
    assert not CaseRevision.objects.filter(case=case, summary="case edited").exists()


def test_revisions_record_diffs_without_personal_values(org_a, staff):
    case = make_case(org_a, staff["a"], title="Before")
    services.update_case(case, actor=staff["a"], expected_version=case.version, title="After")
    person = Person.objects.get(case=case)
    services.update_person(person, actor=staff["a"], expected_version=case.version, name="New Secret Name")
    revisions = list(CaseRevision.objects.filter(case=case))
    dumped = json.dumps([r.changes for r in revisions], ensure_ascii=False)
    assert '"title": ["Before", "After"]' in dumped
    assert "New Secret Name" not in dumped and "Токтогулова" not in dumped
    assert "Secret" not in json.dumps(list(AuditEntry.objects.values_list("detail", flat=True)))


def test_transition_needs_reason_and_follows_workflow(org_a, staff):
    case = make_case(org_a, staff["a"])
    with pytest.raises(ValidationError):
        services.transition(case, actor=staff["a"], to_status="assessment", reason=" ")
    with pytest.raises(ValidationError):
        services.transition(case, actor=staff["a"], to_status="resolved", reason="skip")
    services.transition(case, actor=staff["a"], to_status="assessment", reason="documents checked")
    assert case.transitions.get().reason == "documents checked"


# --- wage calculator -------------------------------------------------------------------------------------

def test_wage_calculator_months_overtime_and_payments():
    calc = services.compute_wage_claim(agreed_wage="30000", period_start=datetime.date(2026, 1, 1),
                                       period_end=datetime.date(2026, 3, 15), amount_paid="20000",
                                       overtime_hours="10", overtime_rate="250", currency="RUB")
    # January + February in full, 15 of 31 days of March
    assert calc.units_worked == Decimal("2.4839")
    assert calc.base_due == Decimal("74517.00")
    assert calc.overtime_due == Decimal("2500.00")
    assert calc.owed == Decimal("57017.00")


def test_wage_calculator_never_owes_a_negative_amount_and_rejects_bad_input():
    assert services.compute_wage_claim(agreed_wage=100, unit="day", units_worked=3, amount_paid=500).owed == 0
    with pytest.raises(ValidationError):
        services.compute_wage_claim(agreed_wage=100, unit="hour")
    with pytest.raises(ValidationError):
        services.compute_wage_claim(agreed_wage=-1, units_worked=1)


def test_wage_claim_is_shown_on_the_case(client, org_a, staff):
    case = make_case(org_a, staff["a"])
    services.add_wage_claim(case, actor=staff["a"], agreed_wage=Decimal("1000"), unit="day",
                            units_worked=Decimal("10"), amount_paid=Decimal("2500"))
    client.force_login(staff["a"])
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "7\xa0500,00\xa0₽" in html  # Russian format (CLDR): thousands separated, the rouble sign
    assert selectors.wage_claims_owed(staff["a"]) == {"RUB": Decimal("7500.00")}


# --- import / export -----------------------------------------------------------------------------------------

def _full_case(org, staff):
    case = make_case(org, staff["a"], summary="Работали на стройке без договора")
    employer = Employer.objects.create(name="ООО Пример", inn="7700000000")
    services.add_violation(case, actor=staff["a"], type="wage_theft", employer=employer,
                           started_on=datetime.date(2025, 12, 1), region="RU-MOW")
    services.add_action(case, actor=staff["a"], kind="negotiation", note="call")
    services.add_outcome(case, actor=staff["a"], kind="wages_recovered", amount=Decimal("1000"))
    services.record_consent(case, actor=staff["a"], share_with=[], fields=["summary"], allows_statistics=True)
    services.store_evidence(case, actor=staff["a"], name="контракт.pdf", content_type="application/pdf",
                            data=b"%PDF-1.4 x")
    return case


def test_json_round_trip_is_lossless(org_a, make_org, staff):
    _full_case(org_a, staff)
    document = transfer.export_cases(Case.objects.filter(organisation=org_a))
    target = make_org("Target", slug="target")
    Person.objects.all().delete()  # person codes are globally unique; free them for the re-import
    assert transfer.import_document(json.loads(json.dumps(document)), target) == 1
    again = transfer.export_cases(Case.objects.filter(organisation=target))
    for a, b in zip(document["cases"], again["cases"], strict=True):
        a, b = dict(a), dict(b)
        for key in ("organisation", "created_at", "created_by", "assigned_to"):
            a.pop(key), b.pop(key)
        b["persons"] = [dict(p) for p in b["persons"]]
        assert a == b


def test_import_rejects_a_bad_file_and_changes_nothing(org_a, staff):
    _full_case(org_a, staff)
    document = transfer.export_cases(Case.objects.filter(organisation=org_a))
    good = json.loads(json.dumps(document["cases"][0]))
    good["reference"] = "NEW-1"
    for person in good["persons"]:
        person["code"] = ""
    bad = json.loads(json.dumps(good))
    bad["reference"] = "NEW-2"
    bad["violations"][0]["type"] = "not_a_type"
    bad["opened_on"] = "31/12/2025"
    before = (Case.objects.count(), Person.objects.count(), AuditEntry.objects.filter(action="create").count())
    with pytest.raises(transfer.ImportErrors) as exc:
        transfer.import_document({"schema": "huquq-cases", "version": 1, "cases": [good, bad]}, org_a)
    assert "cases[1].violations[0].type" in "\n".join(exc.value.errors)
    assert "cases[1].opened_on" in "\n".join(exc.value.errors)
    assert (Case.objects.count(), Person.objects.count(),
            AuditEntry.objects.filter(action="create").count()) == before


def test_cli_import_reports_errors_without_traceback(tmp_path, org_a):
    path = tmp_path / "bad.json"
    path.write_text('{"schema": "huquq-cases", "version": 1, "cases": [{"title": ""}]}')
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("cases", "import", str(path), "--org", org_a.slug)
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("cases", "import", str(path), "--org", org_a.slug)


def test_csv_export_has_no_personal_fields(client, org_a, staff):
    make_case(org_a, staff["a"], name="Севархон Маннонова")
    client.force_login(staff["a_analyst"])
    response = client.get(reverse("cases:export_csv"))
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and "reference" in body
    for secret in ("Маннонова", "+7 900", "AC1234567"):
        assert secret not in body
    assert client.get(reverse("cases:export_json")).status_code == 403


def test_both_exports_hold_the_same_cases_and_never_a_shared_one(client, org_a, org_b, staff):
    from huquq.accounts.services import create_member

    own = make_case(org_a, staff["a"], reference="A-OWN-1")
    shared = make_case(org_b, staff["b"], reference="B-SHARED-1")
    share(shared, org_a, actor=staff["b"], state="accepted")
    admin = create_member(organisation=org_a, username="a-admin", role="org_admin")
    client.force_login(admin)
    csv_body = b"".join(client.get(reverse("cases:export_csv")).streaming_content).decode()
    document = json.loads(client.get(reverse("cases:export_json")).content)
    in_json = {c["reference"] for c in document["cases"]}
    assert in_json == {own.reference}
    assert own.reference in csv_body and shared.reference not in csv_body


# --- statistics interface --------------------------------------------------------------------------------

def test_violation_facts_have_no_personal_keys(org_a, staff):
    case = _full_case(org_a, staff)
    services.set_verified(case.violations.get(), actor=staff["a"], verified=True)
    rows = list(violation_facts(None))
    assert len(rows) == 1 and set(rows[0]) == set(FACT_KEYS)
    row = rows[0]
    assert row["violation_type"] == "wage_theft" and row["sex"] == "female" and row["citizenship"] == "KG"
    assert row["host_region"] == "RU-MOW" and row["year"] == 2025 and row["perpetrator_kind"] == "employer"
    assert row["verified"] is True
    assert list(violation_facts(staff["b"])) == []
    totals = selectors.outcome_totals(None)
    assert totals["wages_recovered_by_currency"] == {"RUB": Decimal("1000.00")}
    evidence = employer_violation_evidence(case.violations.get().employer_id)
    assert evidence[0].violation_type == "wage_theft" and evidence[0].verified is True
    assert evidence[0].reporter_key == f"org:{org_a.pk}"


def test_evidence_is_encrypted_on_disk_and_checked(org_a, staff, settings):
    case = make_case(org_a, staff["a"])
    evidence = services.store_evidence(case, actor=staff["a"], name="scan.png", content_type="image/png",
                                       data=b"\x89PNG secret scan")
    on_disk = (services.evidence_dir() / evidence.storage_name).read_bytes()
    assert b"secret scan" not in on_disk
    assert services.read_evidence(evidence, actor=staff["a"]) == b"\x89PNG secret scan"
    with pytest.raises(ValidationError):
        services.store_evidence(case, actor=staff["a"], name="x.exe", content_type="application/x-msdownload",
                                data=b"MZ")
    with pytest.raises(ValidationError):
        services.store_evidence(case, actor=staff["a"], name="fake.pdf", content_type="application/pdf",
                                data=b"not a pdf")


def test_vocabulary_quotes_are_in_the_seeds(seeds_dir):
    from huquq.cases.vocab import check_sources, provisions_for, violation_types

    assert check_sources(seeds_dir) == []
    required = {"wage_theft", "no_written_contract", "forced_overtime", "document_confiscation", "forced_labour",
                "child_labour", "unsafe_work", "injury_or_death_at_work", "sgbv", "police_extortion",
                "unlawful_detention", "expulsion", "entry_ban", "denial_of_medical_care", "denial_of_schooling",
                "xenophobic_attack", "forged_documents", "consular_refusal"}
    assert required <= set(violation_types())
    assert {p.instrument for p in provisions_for("document_confiscation")} == {"mwc", "cis_2008"}


# --- audit and search ------------------------------------------------------------------------------------

def test_reads_and_writes_are_audited_without_personal_values(client, org_a, staff):
    case = make_case(org_a, staff["a"], name="Севархон Маннонова")
    client.force_login(staff["a"])
    client.get(reverse("cases:list"))
    client.get(reverse("cases:detail", args=[case.pk]))
    client.post(reverse("cases:transition", args=[case.pk]),
                {"to_status": "assessment", "reason": "checked", "version": case.version})
    evidence = services.store_evidence(case, actor=staff["a"], name="a.txt", content_type="text/plain", data=b"x")
    client.get(reverse("cases:evidence", args=[case.pk, evidence.pk]))
    actions = set(AuditEntry.objects.filter(actor=staff["a"]).values_list("action", "object_type"))
    assert {("view", "cases.case"), ("create", "cases.case"), ("update", "cases.case"),
            ("create", "cases.evidencefile"), ("view", "cases.evidencefile")} <= actions
    details = json.dumps(list(AuditEntry.objects.values_list("detail", flat=True)), ensure_ascii=False)
    assert "Маннонова" not in details and "AC1234567" not in details


@pytest.mark.parametrize("query", ["Чистый город", "Chistyi gorod", "chistiy", "ЧИСТЫЙ"])
def test_search_finds_cyrillic_and_latin_spellings(org_a, staff, query):
    case = make_case(org_a, staff["a"], title="Street cleaners")
    employer = Employer.objects.create(name="ООО Чистый город")
    services.add_violation(case, actor=staff["a"], type="wage_theft", employer=employer)
    make_case(org_a, staff["a"], title="Unrelated")
    found = selectors.case_list(staff["a"], selectors.CaseFilters(q=query))
    assert list(found.values_list("pk", flat=True)) == [case.pk]


def test_list_filters(org_a, staff):
    kyrgyz = make_case(org_a, staff["a"], citizenship="KG", host_region="RU-SPE")
    tajik = make_case(org_a, staff["a"], citizenship="TJ")
    services.add_violation(tajik, actor=staff["a"], type="entry_ban")
    services.assign(kyrgyz, actor=staff["a"], assignee=staff["a"])
    f = selectors.CaseFilters
    ids = lambda flt: set(selectors.case_list(staff["a"], flt).values_list("pk", flat=True))  # noqa: E731
    assert ids(f(citizenship="tj")) == {tajik.pk}
    assert ids(f(host_region="RU-SPE")) == {kyrgyz.pk}
    assert ids(f(violation_type="entry_ban")) == {tajik.pk}
    assert ids(f(assigned_to_me=True)) == {kyrgyz.pk}
    assert ids(f(sex="male")) == set()
    # the organisation's local date, which after 18:00 UTC is already tomorrow in Bishkek
    kyrgyz.refresh_from_db()
    assert ids(f(opened_from=kyrgyz.opened_on)) == {kyrgyz.pk, tajik.pk}
    assert ids(f(opened_from=kyrgyz.opened_on + datetime.timedelta(days=1))) == set()


def test_cli_export_and_rotate_keys(tmp_path, org_a, staff, monkeypatch, capsys):
    _full_case(org_a, staff)
    out = tmp_path / "cases.json"
    call_command("cases", "export", "--org", org_a.slug, "-o", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["schema"] == "huquq-cases" and len(document["cases"]) == 1
    call_command("cases", "export", "--csv", "-o", str(tmp_path / "cases.csv"))
    assert "Токтогулова" not in (tmp_path / "cases.csv").read_text(encoding="utf-8")
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "a-new-key,test-key-one")
    call_command("cases", "rotate-keys")
    assert "re-encrypted" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no organisation"):
        call_command("cases", "export", "--org", "nope")


def test_deadlines_due_this_week(client, org_a, org_b, staff):
    from huquq.accounts.services import create_member

    today = datetime.date.today()
    case = make_case(org_a, staff["a"])
    services.add_deadline(case, actor=staff["a"], due_on=today + datetime.timedelta(days=3), title="court hearing")
    services.add_deadline(case, actor=staff["a"], due_on=today + datetime.timedelta(days=30), title="later")
    other = make_case(org_b, staff["b"])
    services.add_deadline(other, actor=staff["b"], due_on=today, title="other org")
    intake = create_member(organisation=org_a, username="a-in", role="intake")
    assert [d.title for d in selectors.deadlines_due(staff["a"])] == ["court hearing"]
    assert list(selectors.deadlines_due(intake)) == []  # not a case intake created
    client.force_login(staff["a"])
    html = client.get(reverse("cases:deadlines")).content.decode()
    assert "court hearing" in html and "later" not in html and "other org" not in html
