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
    assert bot.buttons(chat_id) == ["v:yes", "v:no"]  # earlier stays?
    bot.press(chat_id, "v:no")
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
    assert bot.buttons(CHAT) == ["sub:yes", "sub:sms", "sub:no"]
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
        cursor.execute("SELECT chat_id, status_profile, state FROM channels_botchat")
        raw_values = [v for v in cursor.fetchone() if v]
    # Every stored value is ciphertext: a versioned prefix and URL-safe base64, nothing else.
    # (Searching the base64 for "TJ" would fail by chance: random ciphertext contains it.)
    ciphertext = re.compile(r"^enc\d+:[0-9a-f]{8}:[A-Za-z0-9_=-]+$")  # format, key id, base64
    assert len(raw_values) == 2  # chat id and status answers; the dialogue state is empty once subscribed
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
    bot.press(CHAT, "v:no")
    bot.press(CHAT, "v:legal_entity")
    summary = bot.press(CHAT, "v:skip")[0]
    assert "OVERDUE" in summary


@time_machine.travel(TODAY, tick=False)
def test_reminders_by_sms_from_the_dialogue(bot, settings):
    from huquq.channels import reminders
    from huquq.channels.sms import MemorySMSBackend

    settings.SMS_BACKEND = "huquq.channels.sms.MemorySMSBackend"
    MemorySMSBackend.outbox.clear()
    _status_dialogue(bot, CHAT, "en")
    asked = bot.press(CHAT, "sub:sms")
    assert "international format" in asked[0]
    assert "not a phone number" in bot.say(CHAT, "call me")[0]
    done = bot.say(CHAT, "+992 90 123 45 67")
    assert "by SMS to +992901234567" in done[0]
    chat = services.find_chat(CHAT)
    assert chat.reminder_channel == "sms" and chat.reminders.count() > 0
    assert "+992901234567" in bot.say(CHAT, "/mydata")[0]
    first = chat.reminders.order_by("send_at").first()
    before = len(bot.api.sent_texts(CHAT))
    with time_machine.travel(first.send_at + dt.timedelta(minutes=1), tick=False):
        assert reminders.send_due(token=bot.api.token, api_url=bot.api.url)["sent"] >= 1
    assert MemorySMSBackend.outbox and MemorySMSBackend.outbox[0].to == "+992901234567"
    assert len(bot.api.sent_texts(CHAT)) == before  # nothing through Telegram
    bot.say(CHAT, "/stop")
    assert chat.reminders.filter(sent_at__isnull=True).count() == 0


def _last_legal_day(summary: str) -> dt.date:
    return max(dt.datetime.strptime(line.split(":")[0].split()[-1], "%d.%m.%Y").date()
               for line in summary.splitlines() if line.startswith("• "))


def _status_until_stays(bot, chat_id, language, host="KZ", region="KZ-ALA", entry="01.03.2027"):
    bot.say(chat_id, "/start")
    bot.press(chat_id, f"lang:{language}")
    bot.press(chat_id, "menu:status")
    bot.press(chat_id, "v:UZ")
    bot.press(chat_id, f"v:{host}")
    bot.press(chat_id, f"v:{region}")
    return bot.say(chat_id, entry)


@time_machine.travel(TODAY, tick=False)
def test_earlier_stays_are_asked_checked_and_passed_to_the_engine(bot):
    asked = _status_until_stays(bot, CHAT, "en")
    assert "Kazakhstan" in asked[0] and "180 days" in asked[0]
    bot.press(CHAT, "v:yes")
    # each wrong input gets its own explanation, and the question again
    assert "two dates" in bot.say(CHAT, "last winter")[0]
    assert "before the entry date" in bot.say(CHAT, "20.02.2027 05.01.2027")[0]
    assert "before your last entry (01.03.2027)" in bot.say(CHAT, "05.01.2027 05.03.2027")[0]
    saved = bot.say(CHAT, "05.01.2027 - 20.02.2027")
    assert "05.01.2027" in saved[0] and bot.buttons(CHAT) == ["v:yes", "v:no"]
    bot.press(CHAT, "v:yes")
    assert "overlap" in bot.say(CHAT, "20.12.2026 10.01.2027")[0]
    bot.say(CHAT, "01.12.2026 31.12.2026")
    bot.press(CHAT, "v:no")
    bot.press(CHAT, "v:none")
    with_stays = bot.press(CHAT, "v:skip")[0]
    profile = services.find_chat(CHAT).status_profile
    assert '"stays": [{"entry": "2026-12-01", "exit": "2026-12-31"}, {"entry": "2027-01-05"' in profile
    # 78 earlier days in the 180: the 90-in-180 limit ends the stay before the 30-day limit per entry would
    _status_until_stays(bot, CHAT + 5, "en")
    bot.press(CHAT + 5, "v:no")
    bot.press(CHAT + 5, "v:none")
    without = bot.press(CHAT + 5, "v:skip")[0]
    assert _last_legal_day(with_stays) < _last_legal_day(without), (with_stays, without)


@time_machine.travel(TODAY, tick=False)
def test_earlier_stay_errors_are_in_the_chat_language(bot):
    _status_until_stays(bot, CHAT, "ru")
    bot.press(CHAT, "v:yes")
    reply = bot.say(CHAT, "20.02.2027 05.01.2027")[0]
    assert "раньше даты въезда" in reply and "exit date" not in reply


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


def _report_until_media(bot, chat_id):
    bot.say(chat_id, "/start")
    bot.press(chat_id, "lang:en")
    bot.press(chat_id, "menu:report")
    bot.press(chat_id, "consent:yes")
    bot.press(chat_id, "v:wage_theft")
    bot.press(chat_id, "v:skip")
    bot.say(chat_id, "Москва")
    bot.press(chat_id, "v:skip")


def _files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


VOICE = b"OggS" + b"\x00secret-voice-words" * 20


def test_media_wait_encrypted_on_disk_not_in_memory_and_survive_a_restart(bot, intake_org,
                                                                          django_capture_on_commit_callbacks):
    from huquq.channels.bot import app as bot_app
    from huquq.channels.bot import dialogue

    org, caseworker = intake_org
    _report_until_media(bot, CHAT)
    assert "Received" in bot.voice(CHAT, VOICE)[0]
    assert not hasattr(dialogue, "_MEDIA")
    pending = _files_under(bot_media_root() / "bot-pending")
    assert len(pending) == 1 and oct(pending[0].stat().st_mode & 0o777) == "0o600"
    assert all(b"secret-voice-words" not in p.read_bytes() for p in _files_under(bot_media_root()))
    # a new process (a restarted bot) still has the file: it is named in the chat's encrypted state
    bot.app = bot_app.build_application(bot.api.token, bot.api.url)
    with django_capture_on_commit_callbacks(execute=True):  # pending files are deleted once the case commits
        replies = bot.press(CHAT, "v:send")
    case = Case.objects.get(organisation=org)
    assert case.reference in replies[0] and "lost" not in replies[0]
    assert read_evidence(EvidenceFile.objects.get(case=case), actor=caseworker) == VOICE
    assert _files_under(bot_media_root() / "bot-pending") == []


def test_a_too_large_voice_note_is_refused_and_nothing_is_kept(bot, intake_org, monkeypatch):
    from huquq.channels.bot import app as bot_app

    monkeypatch.setattr(bot_app, "MEDIA_LIMIT_BYTES", 100)
    _report_until_media(bot, CHAT)
    assert "larger than 10 MB" in bot.voice(CHAT, VOICE)[0]
    assert _files_under(bot_media_root() / "bot-pending") == []
    bot.press(CHAT, "v:send")
    assert EvidenceFile.objects.count() == 0 and Case.objects.count() == 1


def test_a_photo_outside_a_report_is_not_kept(bot):
    bot.say(CHAT, "/start")
    bot.press(CHAT, "lang:en")
    bot.api.user_photo(CHAT, b"\xff\xd8\xff" + b"photo" * 10)
    bot.run()
    assert _files_under(bot_media_root() / "bot-pending") == []


def test_forget_during_a_report_deletes_its_pending_media(bot, intake_org):
    _report_until_media(bot, CHAT)
    bot.voice(CHAT, VOICE)
    assert len(_files_under(bot_media_root() / "bot-pending")) == 1
    bot.say(CHAT, "/forget")
    bot.press(CHAT, "forget:yes")
    assert _files_under(bot_media_root() / "bot-pending") == []


def test_stale_pending_media_are_dropped(bot, intake_org):
    import os
    import time

    _report_until_media(bot, CHAT)
    bot.voice(CHAT, VOICE)
    [path] = _files_under(bot_media_root() / "bot-pending")
    assert services.drop_stale_media() == 0
    old = time.time() - 2 * 86400
    os.utime(path, (old, old))
    assert services.drop_stale_media() == 1 and not path.exists()
