"""Lawyers' reviewed rule changes: propose, second-person approval, merge, superseding."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huquq.rules import services
from huquq.rules.engine import status
from huquq.rules.models import RuleChange
from huquq.rules.selectors import current_rulebook

NEW_RULE = """
id: lawyer.ru.registration.cis.15d
topic: registration
kind: obligation
host: RU
citizenship: [group:CIS_visa_free_non_EAEU]
slot: ru.registration
valid_from: 2020-01-01
supersedes: [ru.registration.cis.7d]
due: {days: 15}
document: registration
text: {ru: "Встать на учёт в течение 15 дней.", en: "Register within 15 days."}
sources:
  - {law: "Federal Law 109-FZ (example citation for the test)", article: "20", date: 2006-07-18}
source_date: 2020-01-01
confirmed_on: null
confirmed_by: null
"""
PROFILE = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2021-01-10"}


@pytest.fixture
def lawyers(org_a, make_user):
    return make_user(org_a, "lawyer"), make_user(org_a, "lawyer"), make_user(org_a, "caseworker")


def test_only_lawyers_propose(lawyers):
    _a, _b, caseworker = lawyers
    with pytest.raises(PermissionDenied):
        services.propose_change(caseworker, NEW_RULE)


def test_invalid_rule_is_refused(lawyers):
    with pytest.raises(ValidationError) as err:
        services.propose_change(lawyers[0], NEW_RULE.replace("kind: obligation", "kind: advice"))
    assert any("kind" in m for m in err.value.messages)
    with pytest.raises(ValidationError):
        services.propose_change(lawyers[0], "{not: [valid")


def test_author_cannot_approve_own_change(lawyers):
    change = services.propose_change(lawyers[0], NEW_RULE)
    with pytest.raises(PermissionDenied):
        services.review_change(lawyers[0], change, approve=True)


def test_approved_change_is_merged_and_old_rule_answers_the_past(lawyers):
    change = services.propose_change(lawyers[0], NEW_RULE, "109-FZ amended")
    assert current_rulebook().by_id.get(change.rule_id) is None  # not before approval
    services.review_change(lawyers[1], change, approve=True, note="checked")
    change.refresh_from_db()
    assert change.status == RuleChange.Status.APPROVED and change.reviewed_by == lawyers[1]
    book = current_rulebook()
    later = status(PROFILE, date(2021, 1, 11), "ru", rulebook=book)
    reg = next(i for i in later.items if change.rule_id in i.rule_ids)
    assert reg.due == date(2021, 1, 25) and "Не подтверждено" in reg.notice
    earlier = status(dict(PROFILE, entry_date="2016-01-10"), date(2016, 1, 11), "ru", rulebook=book)
    assert any("ru.registration.cis.7d" in i.rule_ids for i in earlier.items)


def test_rejected_change_is_not_merged(lawyers):
    change = services.propose_change(lawyers[0], NEW_RULE)
    services.review_change(lawyers[1], change, approve=False, note="no source")
    assert change.rule_id not in current_rulebook().by_id


def test_change_pages(client, lawyers):
    author, reviewer, caseworker = lawyers
    client.force_login(caseworker)
    assert client.get("/en/rules/changes/").status_code == 403
    client.force_login(author)
    r = client.post("/en/rules/changes/new/", {"body": NEW_RULE, "rationale": "test"})
    assert r.status_code == 302
    change = RuleChange.objects.get()
    r = client.post("/en/rules/changes/new/", {"body": "id: x\n"})
    assert r.status_code == 200 and "error" in r.content.decode()
    client.force_login(reviewer)
    r = client.post(f"/en/rules/changes/{change.pk}/", {"decision": "approve", "note": "ok"})
    assert r.status_code == 302
    change.refresh_from_db()
    assert change.status == "approved"


def test_rules_check_command_includes_approved_changes(lawyers, capsys):
    from django.core.management import call_command

    change = services.propose_change(lawyers[0], NEW_RULE)
    services.review_change(lawyers[1], change, approve=True)
    call_command("rules", "check")
    assert "rulebook valid" in capsys.readouterr().out


def test_lawyer_confirms_a_seed_rule_in_place(lawyers, client):
    from huquq.rules.selectors import rule_as_yaml

    author, reviewer, _cw = lawyers
    client.force_login(author)
    page = client.get("/en/rules/changes/new/?rule=ru.registration.cis.7d").content.decode()
    assert "ru.registration.cis.7d" in page and "003_7d9f1d547931b5c5.txt" in page
    body = rule_as_yaml("ru.registration.cis.7d").replace("confirmed_on: null", "confirmed_on: 2026-11-20")
    body = body.replace("confirmed_by: null", "confirmed_by: A. Lawyer (Organisation A)")
    change = services.propose_change(author, body, "checked against the current law")
    services.review_change(reviewer, change, approve=True)
    answer = status(dict(PROFILE, entry_date="2016-01-10"), date(2016, 1, 11), "en", rulebook=current_rulebook())
    reg = next(i for i in answer.items if "ru.registration.cis.7d" in i.rule_ids)
    assert reg.confirmed and reg.confirmed_by == "A. Lawyer (Organisation A)"
    assert "Confirmed by a lawyer" in reg.notice
    assert reg.due == date(2016, 1, 17)  # same rule, same window
