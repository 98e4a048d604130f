"""The moderators' queue of uncertain pairs: shown, decided, audited, and respected by later matching."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from huquq.accounts.models import AuditEntry
from huquq.registry.employers import selectors, services
from huquq.registry.employers.models import DuplicateDecision


@pytest.fixture
def close_pair(db):
    a = services.create_employer(name="ООО Арман Строй", city="Алматы")
    b = services.create_employer(name="ООО Армат Строй", city="Алматы")
    return a, b


def test_an_uncertain_pair_appears_in_the_queue_with_its_reason(close_pair):
    a, b = close_pair
    pairs = selectors.possible_duplicates()
    assert [(p.employer_a.pk, p.employer_b.pk) for p in pairs] in ([(a.pk, b.pk)], [(b.pk, a.pk)])
    assert pairs[0].reason.startswith("name score")


def test_not_the_same_is_remembered_and_respected_by_later_runs(close_pair, moderator, tmp_path):
    a, b = close_pair
    services.decide_duplicate(a, b, name_a="ООО Арман Строй", name_b="ООО Армат Строй", verdict="different",
                              actor=moderator, reason="different directors")
    assert selectors.possible_duplicates() == []
    assert AuditEntry.objects.filter(object_type="registry.duplicatedecision", action="create").count() == 1
    # a report naming the firm with a spelling that would otherwise reach the other one stays apart
    entity, reason = services.record_mention("Армат Строй", city="Алматы", actor=moderator)
    assert entity == b, reason
    # so does a command-line run
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("id,name,city\n1,Арман Строй,Алматы\n2,Армат Строй,Алматы\n", encoding="utf-8")
    call_command("employers", "match", "--input", str(source), "--output", str(target), stdout=io.StringIO())
    labels = {r["id"]: r["cluster_id"] for r in csv.DictReader(open(target, encoding="utf-8"))}
    assert labels["1"] != labels["2"]


def test_the_same_merges_now_and_a_later_decision_replaces_the_earlier(close_pair, moderator):
    a, b = close_pair
    services.decide_duplicate(a, b, name_a="ООО Арман Строй", name_b="ООО Армат Строй", verdict="different",
                              actor=moderator)
    services.decide_duplicate(b, a, name_a="ООО Армат Строй", name_b="ООО Арман Строй", verdict="same",
                              actor=moderator, reason="one director, one address")
    assert DuplicateDecision.objects.get().verdict == "same"
    assert selectors.canonical(b) == selectors.canonical(a)


def test_only_moderators_decide(close_pair, caseworker, client):
    a, b = close_pair
    with pytest.raises(PermissionDenied):
        services.decide_duplicate(a, b, name_a=a.name, name_b=b.name, verdict="same", actor=caseworker)
    client.force_login(caseworker)
    assert client.get(reverse("registry:employer_duplicates")).status_code == 403


def test_queue_page_shows_and_saves_a_decision(close_pair, moderator, client):
    a, b = close_pair
    client.force_login(moderator)
    page = client.get(reverse("registry:employer_duplicates"))
    assert page.status_code == 200
    assert "Армат Строй" in page.content.decode()
    response = client.post(reverse("registry:employer_duplicates"), {
        "employer_a": a.pk, "employer_b": b.pk, "name_a": "ООО Арман Строй", "name_b": "ООО Армат Строй",
        "verdict": "different", "reason": "two firms"})
    assert response.status_code == 302
    assert DuplicateDecision.objects.get().verdict == "different"
    bad = client.post(reverse("registry:employer_duplicates"), {"employer_a": a.pk, "verdict": "maybe"},
                      follow=True)
    assert DuplicateDecision.objects.count() == 1
    assert bad.status_code == 200

