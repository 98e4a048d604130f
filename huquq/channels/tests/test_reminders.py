"""Reminders due under a frozen clock, sent through the real library to the fake Bot API within its limits."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import time_machine

from huquq.channels import reminders, services
from huquq.channels.fake_bot_api import FakeBotAPI
from huquq.channels.models import ReminderSubscription
from huquq.channels.sending import Outgoing, RateLimiter, make_bot, send_all

DUE = dt.date(2026, 4, 10)


@pytest.fixture
def api(settings):
    with FakeBotAPI() as fake:
        settings.TELEGRAM_BOT_TOKEN = fake.token
        settings.TELEGRAM_API_URL = fake.url
        yield fake


@pytest.fixture
def chat(db):
    chat = services.get_or_create_chat(555, "ru")
    chat.host_country = "RU"
    chat.save()
    return chat


def test_reminder_times_are_ten_in_the_morning_in_the_host_country():
    assert services.reminder_time(DUE, 7, "RU") == dt.datetime(2026, 4, 3, 7, 0, tzinfo=dt.UTC)  # Moscow +3
    assert services.reminder_time(DUE, 0, "KZ").astimezone(dt.UTC).hour in (4, 5)  # Almaty +5 (or +6 before 2024)


def test_subscribing_skips_past_times_and_replaces_older_subscriptions(chat):
    now = dt.datetime(2026, 4, 5, 12, 0, tzinfo=dt.UTC)
    assert services.subscribe(chat, [{"topic": "registration", "document": "registration", "due": DUE}], now) == 2
    assert services.subscribe(chat, [{"topic": "stay", "due": "2026-05-01"}], now) == 3
    assert set(chat.reminders.values_list("topic", flat=True)) == {"stay"}


def test_due_reminders_are_sent_once_with_a_neutral_text(chat, api):
    with time_machine.travel(dt.datetime(2026, 3, 25, 8, 0, tzinfo=dt.UTC), tick=False):
        services.subscribe(chat, [{"topic": "work_authorization", "document": "patent", "due": DUE},
                                  {"topic": "registration", "document": "registration", "due": DUE}])
    assert ReminderSubscription.objects.count() == 6
    with time_machine.travel(dt.datetime(2026, 4, 3, 6, 59, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due() == {"sent": 0, "failed": 0, "dropped": 0}
    with time_machine.travel(dt.datetime(2026, 4, 3, 7, 1, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due()["sent"] == 1  # both deadlines of the day in one message
        assert reminders.send_due()["sent"] == 0
    texts = api.sent_texts(555)
    assert len(texts) == 1
    assert "10.04.2026" in texts[0]
    for sensitive in ("патент", "регистрац", "patent", "registration", "штраф", "выдвор"):
        assert sensitive not in texts[0].lower()
    with time_machine.travel(dt.datetime(2026, 4, 10, 7, 5, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due()["sent"] == 1  # on the day (the 1-day reminder is >1 day late: dropped)
    assert ReminderSubscription.objects.filter(sent_at__isnull=True).count() == 0


def test_the_scan_task_runs_through_the_task_queue(chat, api):
    from huquq.channels import tasks

    with time_machine.travel(dt.datetime(2026, 4, 9, 8, 0, tzinfo=dt.UTC), tick=False):
        services.subscribe(chat, [{"topic": "stay", "due": DUE}],
                           now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
        tasks.scan_reminders.enqueue()
    assert len(api.sent_texts(555)) == 1


def test_stopped_chats_get_nothing(chat, api):
    services.subscribe(chat, [{"topic": "stay", "due": DUE}], now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    services.stop_reminders(chat)
    with time_machine.travel(dt.datetime(2026, 4, 10, 8, 0, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due()["sent"] == 0
    assert api.sent_texts(555) == []


def test_rate_limiter_spaces_messages_per_chat_and_overall():
    clock = [0.0]
    limiter = RateLimiter(per_second=30, per_chat_seconds=1.0, clock=lambda: clock[0])
    slots = [limiter.reserve("a") for _ in range(3)]
    assert slots == [0.0, 1.0, 2.0]
    others = [limiter.reserve(f"chat{i}") for i in range(60)]
    gaps = [b - a for a, b in zip(others, others[1:], strict=False)]
    assert min(gaps) >= 1 / 30 - 1e-9
    assert others[-1] - others[0] >= 59 / 30 - 1e-9


def _send(api, messages, limiter):
    async def run():
        bot = make_bot(api.token, api.url)
        async with bot:
            return await send_all(bot, messages, limiter)

    return asyncio.run(run())


def test_sending_respects_the_servers_limits_and_retries_after_429(api):
    api.limit_per_chat_seconds = 1.0
    api.limit_per_second = 30
    messages = [Outgoing(chat_id=1, text="a"), Outgoing(chat_id=1, text="b")] + [
        Outgoing(chat_id=100 + i, text="x") for i in range(40)]
    outcomes = _send(api, messages, RateLimiter(per_second=25, per_chat_seconds=1.1))
    assert all(o.ok for o in outcomes)
    assert api.too_many == 0
    api.fail_next("sendMessage", 2)
    outcomes = _send(api, [Outgoing(chat_id=2, text="again")], RateLimiter())
    assert outcomes[0].ok and outcomes[0].attempts == 3
    assert api.too_many == 2


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_never_claim_the_same_reminder():
    """Two workers scanning concurrently (threads, each with its own connection): every due reminder is
    collected by exactly one of them. Runs on PostgreSQL in CI's second pass."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database cannot take two writers at once; runs on PostgreSQL")
    for n in range(6):
        chat = services.get_or_create_chat(9000 + n, "ru")
        services.subscribe(chat, [{"topic": "stay", "due": DUE}], now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    now = dt.datetime(2026, 4, 10, 7, 30, tzinfo=dt.UTC)
    expected = set(ReminderSubscription.objects.filter(send_at__lte=now).values_list("pk", flat=True))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def scan():
        try:
            barrier.wait()
            messages, stale = reminders.collect(now)
            results.append([pk for m in messages for pk in m.key] + stale)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    claimed = results[0] + results[1]
    assert sorted(claimed) == sorted(expected)
    assert len(set(claimed)) == len(claimed)


# --- reminders by SMS ---------------------------------------------------------------------------------

class FakeGateway:
    """A local HTTP SMS gateway (the HTTPGatewaySMSBackend's peer): records each POST; `fail` answers 500."""

    def __init__(self):
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.received, self.fail = [], 0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if gateway.fail:
                    gateway.fail -= 1
                    self.send_response(500)
                else:
                    gateway.received.append(body)
                    self.send_response(200)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/send"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    fake = FakeGateway()
    settings.SMS_BACKEND = "huquq.channels.sms.HTTPGatewaySMSBackend"
    settings.SMS_GATEWAY_URL = fake.url
    settings.SMS_GATEWAY_TOKEN = "gw-token"
    yield fake
    fake.close()


def test_reminders_of_an_sms_subscriber_go_through_the_sms_gateway_not_telegram(chat, api, gateway):
    with time_machine.travel(dt.datetime(2026, 3, 25, 8, 0, tzinfo=dt.UTC), tick=False):
        assert services.subscribe(chat, [{"topic": "work_authorization", "document": "patent", "due": DUE}],
                                  sms_phone="+7 (900) 123-45-67") == 3
    chat.refresh_from_db()
    assert chat.reminder_channel == "sms" and chat.sms_phone == "+79001234567"
    with time_machine.travel(dt.datetime(2026, 4, 3, 7, 1, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due() == {"sent": 1, "failed": 0, "dropped": 0}
        assert reminders.send_due()["sent"] == 0
    assert api.sent_texts(555) == []
    [sms_body] = gateway.received
    assert sms_body["to"] == "+79001234567"
    assert "10.04.2026" in sms_body["text"] and "/stop" in sms_body["text"]
    assert all(len(part) <= 67 for part in sms_body["parts"])  # Cyrillic: UCS-2 parts
    for sensitive in ("патент", "patent", "регистрац"):
        assert sensitive not in sms_body["text"].lower()


def test_a_failed_sms_is_retried_at_the_next_scan(chat, gateway):
    with time_machine.travel(dt.datetime(2026, 3, 25, 8, 0, tzinfo=dt.UTC), tick=False):
        services.subscribe(chat, [{"topic": "stay", "due": DUE}], sms_phone="+998901234567")
    gateway.fail = 1
    with time_machine.travel(dt.datetime(2026, 4, 3, 7, 1, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due() == {"sent": 0, "failed": 1, "dropped": 0}
        assert reminders.send_due() == {"sent": 1, "failed": 0, "dropped": 0}
    assert [m["to"] for m in gateway.received] == ["+998901234567"]


def test_subscribing_again_in_the_chat_switches_back_to_telegram(chat, api, gateway):
    with time_machine.travel(dt.datetime(2026, 3, 25, 8, 0, tzinfo=dt.UTC), tick=False):
        services.subscribe(chat, [{"topic": "stay", "due": DUE}], sms_phone="+998901234567")
        services.subscribe(chat, [{"topic": "stay", "due": DUE}])
    chat.refresh_from_db()
    assert chat.reminder_channel == "telegram" and chat.sms_phone == ""
    with time_machine.travel(dt.datetime(2026, 4, 3, 7, 1, tzinfo=dt.UTC), tick=False):
        assert reminders.send_due()["sent"] == 1
    assert gateway.received == [] and len(api.sent_texts(555)) == 1


@pytest.mark.parametrize("text", ["12345", "+7 abc 123", "79001234567", "+1234567890123456", "+٧٩٠٠١٢٣٤٥٦٧"])
def test_phone_numbers_must_be_international(text, db):
    assert services.normalise_phone(text) == ""
    with pytest.raises(ValueError):
        services.subscribe(None, [], sms_phone=text)
