"""Until a fluent lawyer approves a language, its pages say so and link to Russian; approval is audited."""

import pytest
from django.core.management import call_command

from huquq.accounts.models import AuditEntry
from huquq.languages import selectors, services

NOTICE = 'class="translation-notice"'


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "tg", "uz"])
def test_unreviewed_language_shows_the_notice_with_a_link_to_russian(client, language):
    page = client.get(f"/{language}/rules/").content.decode()
    assert NOTICE in page
    assert 'href="/ru/rules/" hreflang="ru"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "en"])
def test_russian_and_english_show_no_notice(client, language):
    assert NOTICE not in client.get(f"/{language}/").content.decode()


@pytest.mark.django_db
def test_approval_removes_the_notice_and_is_audited(client, org_a, make_user):
    lawyer = make_user(org_a, "lawyer")
    before = AuditEntry.objects.count()
    services.approve(lawyer, "tg", "A. Fluent Lawyer")
    assert selectors.is_reviewed("tg")
    assert NOTICE not in client.get("/tg/").content.decode()
    assert NOTICE in client.get("/ky/").content.decode()
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.object_type, entry.detail["language"], entry.actor) == (
        "create", "languages.languagereview", "tg", lawyer)

    services.withdraw(lawyer, "tg")
    assert not selectors.is_reviewed("tg")
    assert NOTICE in client.get("/tg/").content.decode()
    assert AuditEntry.objects.order_by("-id").first().detail["review"] == "withdrawn"


@pytest.mark.django_db
def test_russian_cannot_be_approved_and_a_reviewer_must_be_named():
    with pytest.raises(ValueError):
        services.approve(None, "ru", "Someone")
    with pytest.raises(ValueError):
        services.approve(None, "ky", "  ")


@pytest.mark.django_db
def test_cli_approve_and_status(capsys):
    call_command("languages", "approve", "uz", "--reviewer", "B. Lawyer")
    call_command("languages", "status")
    out = capsys.readouterr().out
    assert "uz: reviewed by B. Lawyer" in out
    assert "ky: not yet reviewed" in out
