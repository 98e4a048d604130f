"""Whole dialogues with the real python-telegram-bot against the fake Bot API server."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from huquq.accounts.models import AuditEntry
from huquq.cases.models import Case, EvidenceFile, Status
from huquq.cases.selectors import case_list
from huquq.cases.services import read_evidence
from huquq.channels import services
from huquq.channels.models import BotChat, ReminderSubscription

CHAT = 777001
TODAY = dt.datetime(2027, 3, 20, 9, 0, tzinfo=dt.UTC)  # after the rulebook's checked_on dates


def _status_dialogue(bot, chat_id: int, language: str, region_text: str = "RU-MOW") -> list[str]:
    bot.say(chat_id, "/start")
    assert f"lang:{language}" in bot.buttons(chat_id)
    bot.press(chat_id, f"lang:{language}")
    assert "menu:status" in bot.buttons(chat_id)
    bot.press(chat_id, "menu:status")
    assert bot.buttons(chat_id) == ["v:KG", "v:TJ", "v:UZ"]
    bot.press(chat_id, "v:TJ")
    bot.press(chat_id, "v:RU")
    assert "v:RU-MOW" in bot.buttons(chat_id)
    bot.say(chat_id, region_text)
    bot.say(chat_id, "01.03.2027")
    bot.press(chat_id, "v:legal_entity")
    return bot.press(chat_id, "v:skip")


@time_machine.travel(TODAY, tick=False)
def test_status_dialogue_in_russian_gives_dated_deadlines_and_the_page_link(bot):
    replies = _status_dialogue(bot, CHAT, "ru", region_text="Москва")
    summary = replies[0]
    assert "Ваши сроки" in summary
    assert "Your deadlines" not in summary
    assert "https://huquq.example/ru/rules/" in summary
    dates = [line.split(":")[0].lstrip("• ") for line in summary.splitlines() if line.startswith("• ")]
    assert dates, summary
    parsed = [dt.datetime.strptime(d.split()[-1], "%d.%m.%Y").date() for d in dates]
    assert parsed == sorted(parsed)
    assert bot.buttons(CHAT) == ["sub:yes", "sub:no"]
    documents = bot.api.sent(CHAT, method="sendDocument")
    assert documents and b"BEGIN:VCALENDAR" in documents[-1]["document"]["content"]


@time_machine.travel(TODAY, tick=False)
def test_status_dialogue_in_english_and_reminders(bot):
    replies = _status_dialogue(bot, CHAT + 1, "en")
    assert "Your deadlines" in replies[0]
    assert "https://huquq.example/en/rules/" in replies[0]
    done = bot.press(CHAT + 1, "sub:yes")
    assert "reminders" in done[0]
    chat = services.find_chat(CHAT + 1)
    assert chat.reminders.count() > 0 and chat.reminders_on
    # stored encrypted: the raw column holds no chat number
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT chat_id, state, status_profile FROM channels_botchat")
        raw_values = [v for v in cursor.fetchone() if v]
    # Every stored value is ciphertext: a versioned prefix and URL-safe base64, nothing else.
    # (Searching the base64 for "TJ" would fail by chance: random ciphertext contains it.)
    ciphertext = re.compile(r"^enc\d+:[A-Za-z0-9_=-]+$")
    assert len(raw_values) == 3
    assert all(ciphertext.match(value) for value in raw_values), raw_values
    bot.say(CHAT + 1, "/stop")
    assert chat.reminders.filter(sent_at__isnull=True).count() == 0


@time_machine.travel(TODAY, tick=False)
def test_overdue_deadlines_are_marked(bot):
    bot.say(CHAT, "/start")
    bot.press(CHAT, "lang:en")
    bot.press(CHAT, "menu:status")
    bot.press(CHAT, "v:TJ")
    bot.press(CHAT, "v:RU")
    bot.press(CHAT, "v:RU-MOW")
    bot.say(CHAT, "01.01.2027")
    bot.press(CHAT, "v:legal_entity")
    summary = bot.press(CHAT, "v:skip")[0]
    assert "OVERDUE" in summary


@pytest.mark.parametrize(("language", "expected"), [("en", "did not understand"), ("ky", "түшүнгөн жокмун"),
                                                    ("tg", "нафаҳмидам"), ("uz", "tushunmadim")])
def test_unknown_input_gets_a_helpful_reply_in_the_chat_language(bot, language, expected):
    bot.say(CHAT, "/start")
    bot.press(CHAT, f"lang:{language}")
    replies = bot.say(CHAT, "hello?")
    assert expected in replies[0]
    assert "menu:status" in bot.buttons(CHAT)


def test_a_failure_gets_an_apology_and_an_error_log(bot, monkeypatch, caplog):
    bot.say(CHAT, "/start")
    bot.press(CHAT, "lang:en")
    from huquq.channels.bot import dialogue

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(dialogue, "_dispatch", broken)
    replies = bot.say(CHAT, "anything")
    assert replies and "Sorry, something went wrong" in replies[-1]
    assert any(r.levelname == "ERROR" and "update failed" in r.getMessage() for r in caplog.records)


@pytest.fixture
def intake_org(make_org, make_user):
    org = make_org("Migrant help Moscow", country="RU")
    services.opt_in(org, cities="Москва, Moscow", languages="ru,ky,tg,uz,en")
    return org, make_user(org, "caseworker")


def _report(bot, chat_id, with_voice=True):
    bot.say(chat_id, "/start")
    bot.press(chat_id, "lang:ru")
    bot.press(chat_id, "menu:report")
    assert bot.buttons(chat_id) == ["consent:yes", "consent:no"]
    bot.press(chat_id, "consent:yes")
    bot.press(chat_id, "v:wage_theft")
    bot.say(chat_id, "ООО Пример-Строй")
    bot.say(chat_id, "Москва")
    bot.say(chat_id, "+7 900 000-00-00")
    if with_voice:
        bot.voice(chat_id, b"OggS" + b"\x00voice-note" * 10)
    return bot.press(chat_id, "v:send")


def test_voice_note_report_reaches_the_organisations_intake_queue(bot, intake_org):
    org, caseworker = intake_org
    replies = _report(bot, CHAT)
    case = Case.objects.get(organisation=org)
    assert case.reference in replies[0]
    assert case.status == Status.INTAKE and case.channel == "telegram"
    assert case in case_list(caseworker)
    assert case.violations.get().type == "wage_theft"
    evidence = EvidenceFile.objects.get(case=case)
    assert evidence.content_type == "audio/ogg"
    stored = (bot_media_root() / "evidence" / evidence.storage_name).read_bytes()
    assert b"voice-note" not in stored  # encrypted at rest
    assert read_evidence(evidence, actor=caseworker).startswith(b"OggS")


def bot_media_root():
    from django.conf import settings

    return settings.MEDIA_ROOT


def test_declining_consent_stores_nothing(bot, intake_org):
    bot.say(CHAT, "/start")
    bot.press(CHAT, "lang:ru")
    bot.press(CHAT, "menu:report")
    bot.press(CHAT, "consent:no")
    assert Case.objects.count() == 0


def test_several_organisations_the_person_picks_one(bot, intake_org, make_org):
    other = make_org("Second helper", country="RU")
    services.opt_in(other)
    _report(bot, CHAT, with_voice=False)
    buttons = bot.buttons(CHAT)
    assert len(buttons) == 2 and all(b.startswith("org:") for b in buttons)
    bot.press(CHAT, buttons[1])
    assert Case.objects.get().organisation == other


def test_no_organisation_opted_in_means_an_apology_and_nothing_stored(bot):
    replies = _report(bot, CHAT, with_voice=False)
    assert Case.objects.count() == 0
    assert "/registry/help/" in replies[0]


def test_mydata_and_forget_keep_handed_over_cases(bot, intake_org):
    _report(bot, CHAT)
    mine = bot.say(CHAT, "/mydata")[0]
    assert "1" in mine
    bot.say(CHAT, "/forget")
    assert bot.buttons(CHAT) == ["forget:yes", "forget:no"]
    reference = Case.objects.get().reference
    replies = bot.press(CHAT, "forget:yes")
    assert reference in replies[0]
    assert BotChat.objects.count() == 0 and ReminderSubscription.objects.count() == 0
    assert Case.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="channels.botchat", action="delete").exists()
    # the next message is a first contact again: only the language question
    bot.say(CHAT, "hello")
    assert bot.buttons(CHAT)[0].startswith("lang:")
