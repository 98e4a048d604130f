"""The publication rule: all conditions together publish; each one missing alone keeps the entity off."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from huquq.accounts.models import AuditEntry
from huquq.cases.models import Violation
from huquq.cases.selectors import ViolationEvidence
from huquq.registry.employers import services
from huquq.registry.employers import warnings as warnings_list
from huquq.registry.employers.models import WarningListing


def _is_listed(employer):
    return any(w.entity_id == employer.pk for w in warnings_list.published_warnings())


def test_all_conditions_met_publishes(listed_employer):
    assert _is_listed(listed_employer)
    decision = warnings_list.decision_for(listed_employer)
    assert decision.publishable and decision.unmet == []
    assert decision.verified_violations == 2 and decision.reporters == 2


def test_only_one_verified_violation_keeps_it_off(listed_employer):
    Violation.objects.filter(employer=listed_employer, type="document_confiscation").delete()
    assert not _is_listed(listed_employer)
    assert warnings_list.decision_for(listed_employer).unmet == ["verified_violations", "reporters"]


def test_unverified_violations_do_not_count(listed_employer, report_violation, make_org):
    report_violation(listed_employer, make_org("Organisation C"), verified=False)
    Violation.objects.filter(employer=listed_employer, type="document_confiscation").update(verified=False)
    assert warnings_list.decision_for(listed_employer).unmet == ["verified_violations", "reporters"]
    assert not _is_listed(listed_employer)


def test_two_violations_from_one_reporter_keep_it_off(listed_employer, report_violation, org_a):
    Violation.objects.filter(employer=listed_employer, type="document_confiscation").delete()
    report_violation(listed_employer, org_a, "document_confiscation")
    decision = warnings_list.decision_for(listed_employer)
    assert decision.unmet == ["reporters"]
    assert not _is_listed(listed_employer)


def test_without_moderator_approval_it_stays_off(listed_employer):
    WarningListing.objects.filter(employer=listed_employer).update(status=WarningListing.Status.PROPOSED)
    assert warnings_list.decision_for(listed_employer).unmet == ["moderator_approval"]
    assert not _is_listed(listed_employer)


def test_without_a_right_of_reply_notice_it_stays_off(listed_employer):
    listed_employer.reply_notices.all().delete()
    assert warnings_list.decision_for(listed_employer).unmet == ["right_of_reply"]
    assert not _is_listed(listed_employer)


def test_a_notice_sent_less_than_14_days_ago_is_not_enough(listed_employer):
    listed_employer.reply_notices.update(sent_on=timezone.localdate() - dt.timedelta(days=13))
    assert warnings_list.decision_for(listed_employer).unmet == ["right_of_reply"]
    listed_employer.reply_notices.update(sent_on=timezone.localdate() - dt.timedelta(days=14))
    assert warnings_list.decision_for(listed_employer).publishable


def test_withdrawal_takes_it_off_and_is_audited(listed_employer, moderator):
    warnings_list.withdraw(listed_employer, actor=moderator, reason="Employer paid all wages; verified.")
    assert not _is_listed(listed_employer)
    entry = AuditEntry.objects.filter(object_type="registry.warninglisting").order_by("-id").first()
    assert entry.detail == {"action": "withdraw"}


def test_thresholds_come_from_settings(listed_employer, settings):
    settings.REGISTRY_WARNING_MIN_VIOLATIONS = 3
    assert not _is_listed(listed_employer)
    settings.REGISTRY_WARNING_MIN_VIOLATIONS = 2
    settings.REGISTRY_WARNING_MIN_REPORTERS = 3
    assert not _is_listed(listed_employer)
    settings.REGISTRY_WARNING_MIN_REPORTERS = 1
    settings.REGISTRY_RIGHT_OF_REPLY_DAYS = 30
    assert not _is_listed(listed_employer)


def test_pure_rule_on_plain_records():
    ev = [ViolationEvidence("unpaid_wages", True, "a", dt.date(2026, 1, 5)),
          ViolationEvidence("unpaid_wages", True, "b", dt.date(2026, 4, 5))]
    listing = WarningListing(status=WarningListing.Status.APPROVED, approved_at=timezone.now())

    class Notice:
        pk = 1
        sent_on = dt.date(2026, 11, 1)

    decision = warnings_list.publication_decision(ev, listing, [Notice()], today=dt.date(2026, 11, 24))
    assert decision.publishable
    assert decision.violation_counts == [("unpaid_wages", 2)]
    assert (decision.first_date, decision.last_date) == (dt.date(2026, 1, 5), dt.date(2026, 4, 5))
    assert not warnings_list.publication_decision(ev, None, [Notice()], today=dt.date(2026, 11, 24)).publishable


def test_evidence_is_empty_without_casework_records(db):
    employer = services.create_employer(name="ООО Ромашка")
    assert warnings_list.evidence_for(employer) == []


def test_evidence_comes_from_the_casework_records_and_names_no_one(listed_employer, org_a, org_b):
    evidence = sorted(warnings_list.evidence_for(listed_employer), key=lambda e: e.occurred_on)
    assert evidence == [ViolationEvidence("wage_theft", True, f"org:{org_a.pk}", dt.date(2026, 2, 1)),
                        ViolationEvidence("document_confiscation", True, f"org:{org_b.pk}", dt.date(2026, 5, 1))]


def test_evidence_is_gathered_over_merged_employers(db, report_violation, moderator, org_a, org_b):
    a = services.create_employer(name="ООО Ромашка")
    b = services.create_employer(name="OOO Romashka")
    report_violation(a, org_a)
    report_violation(b, org_b)
    services.merge(a, b, actor=moderator, reason="same firm, moderator checked the address")
    assert {e.reporter_key for e in warnings_list.evidence_for(a)} == {f"org:{org_a.pk}", f"org:{org_b.pk}"}


def test_only_moderators_approve_notice_correct_withdraw(db, caseworker):
    employer = services.create_employer(name="ООО Ромашка")
    with pytest.raises(PermissionDenied):
        warnings_list.approve(employer, actor=caseworker)
    with pytest.raises(PermissionDenied):
        warnings_list.record_notice(employer, actor=caseworker, sent_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        warnings_list.withdraw(employer, actor=caseworker, reason="x")


def test_correction_is_published_and_audited(listed_employer, moderator):
    warnings_list.correct(listed_employer, actor=moderator, correction="The city was wrong: it is Kazan.")
    [warning] = warnings_list.published_warnings()
    assert warning.correction.startswith("The city was wrong")
    assert AuditEntry.objects.filter(object_type="registry.warninglisting", detail={"action": "correct"}).exists()


def test_a_notice_cannot_be_dated_in_the_future(db, moderator):
    employer = services.create_employer(name="ООО Ромашка")
    with pytest.raises(ValidationError):
        warnings_list.record_notice(employer, actor=moderator, sent_on=timezone.localdate() + dt.timedelta(days=1))
