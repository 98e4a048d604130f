"""Webhook mode: Telegram POSTs updates to /telegram/webhook/ with the secret-token header."""

import threading

import pytest
from django.test import Client

from huquq.channels.bot import app as bot_app
from huquq.channels.fake_bot_api import FakeBotAPI
from huquq.channels.models import BotChat


@pytest.fixture
def api(settings, transactional_db):
    # transactional: the webhook's Application runs the dialogue on its own thread (and database connection)
    with FakeBotAPI() as fake:
        settings.TELEGRAM_BOT_TOKEN = fake.token
        settings.TELEGRAM_API_URL = fake.url
        settings.TELEGRAM_WEBHOOK_SECRET = "s3cret-token"
        yield fake
        bot_app.close_webhook_runner()


@pytest.fixture
def builds(monkeypatch):
    made = []
    real = bot_app.build_application

    def counting(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(bot_app, "build_application", counting)
    return made


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


def _post(client, api, chat_id, text):
    update = api.user_text(chat_id, text)
    api.updates.clear()
    return client.post("/telegram/webhook/", update, content_type="application/json",
                       headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})


def test_webhook_builds_the_application_once_and_reuses_it(client, api, builds):
    assert _post(client, api, 4242, "/start").status_code == 200
    assert _post(client, api, 4242, "hello").status_code == 200
    assert _post(client, api, 4343, "/start").status_code == 200
    assert len(builds) == 1
    assert BotChat.objects.count() == 2
    assert len(api.sent_texts(4242)) == 3 and len(api.sent_texts(4343)) == 1  # "hello": not understood + menu


def test_webhook_runner_is_built_once_under_concurrent_first_requests(api, builds):
    barrier, seen = threading.Barrier(8), []

    def first_request():
        barrier.wait()
        seen.append(bot_app.webhook_runner())

    threads = [threading.Thread(target=first_request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1 and len({id(r) for r in seen}) == 1


def test_concurrent_webhook_requests_are_all_answered(api, builds):
    results = {}

    def request(chat_id):
        results[chat_id] = _post(Client(), api, chat_id, "/start").status_code

    threads = [threading.Thread(target=request, args=(5000 + n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {5000 + n: 200 for n in range(6)}
    assert len(builds) == 1
    assert BotChat.objects.count() == 6
    assert all(api.sent_texts(5000 + n) for n in range(6))


def test_another_bot_api_address_builds_a_new_application(client, api, builds, settings):
    _post(client, api, 4242, "/start")
    first = bot_app.webhook_runner()
    settings.TELEGRAM_API_URL = api.url + "/"
    assert bot_app.webhook_runner() is first  # the same address
    with FakeBotAPI() as other:
        settings.TELEGRAM_API_URL = other.url
        second = bot_app.webhook_runner()
        assert second is not first and len(builds) == 2
        assert first.loop.is_closed()  # the old one was shut down
        bot_app.close_webhook_runner()


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
