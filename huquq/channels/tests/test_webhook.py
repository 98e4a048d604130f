"""Webhook mode: Telegram POSTs updates to /telegram/webhook/ with the secret-token header."""

import pytest

from huquq.channels.fake_bot_api import FakeBotAPI
from huquq.channels.models import BotChat


@pytest.fixture
def api(settings, db):
    with FakeBotAPI() as fake:
        settings.TELEGRAM_BOT_TOKEN = fake.token
        settings.TELEGRAM_API_URL = fake.url
        settings.TELEGRAM_WEBHOOK_SECRET = "s3cret-token"
        yield fake


def _update(api, text):
    update = api.user_text(4242, text)
    api.updates.clear()
    return update


def test_webhook_refuses_a_wrong_secret(client, api):
    response = client.post("/telegram/webhook/", _update(api, "/start"), content_type="application/json",
                           headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
    assert response.status_code == 403
    assert BotChat.objects.count() == 0 and api.sent() == []


def test_webhook_is_off_without_a_secret(client, api, settings):
    settings.TELEGRAM_WEBHOOK_SECRET = ""
    response = client.post("/telegram/webhook/", _update(api, "/start"), content_type="application/json")
    assert response.status_code == 404


def test_webhook_handles_an_update_like_polling(client, api):
    response = client.post("/telegram/webhook/", _update(api, "/start"), content_type="application/json",
                           headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
    assert response.status_code == 200
    assert BotChat.objects.count() == 1
    assert any(data == "lang:ky" for _label, data in api.last_buttons(4242))


def test_bot_command_sets_the_webhook(api, settings):
    from django.core.management import call_command

    call_command("bot", "set-webhook", "https://huquq.example/telegram/webhook/")
    assert api.webhook == {"url": "https://huquq.example/telegram/webhook/", "secret_token": "s3cret-token"}
    call_command("bot", "delete-webhook")
    assert api.webhook == {}


def test_bot_opt_in_command(make_org):
    from django.core.management import CommandError, call_command

    from huquq.channels.models import ReportRecipient

    org = make_org("Helpers", country="RU")
    call_command("bot", "opt-in", "--org", org.slug, "--cities", "Москва", "--languages", "ru,uz")
    assert ReportRecipient.objects.get(organisation=org).languages == "ru,uz"
    with pytest.raises(CommandError):
        call_command("bot", "opt-in", "--org", org.slug, "--languages", "xx")
    call_command("bot", "opt-in", "--org", org.slug, "--off")
    assert not ReportRecipient.objects.get(organisation=org).active
