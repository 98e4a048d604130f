"""The contract check in the bot (issue 20), end to end with the real python-telegram-bot against the fake
Bot API server: the page's questions with the engine's answer keys as buttons, the findings with what to do
and the source, the warnings-list match, the links, and nothing stored once the answer is given."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.db import connection

from huquq.cases.models import Case
from huquq.channels import services
from huquq.rules.engine import contract

from .test_contract_check import _field_keys, _row_counts, listed_recruiter  # noqa: F401  (fixtures)

CHAT = 778001
TODAY = dt.datetime(2027, 3, 20, 9, 0, tzinfo=dt.UTC)


def _raw_state(chat_id) -> str:
    chat = services.find_chat(chat_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT state FROM channels_botchat WHERE id = %s", [chat.pk])
        return cursor.fetchone()[0] or ""


def _start(bot, chat_id, language):
    bot.say(chat_id, "/start")
    bot.press(chat_id, f"lang:{language}")
    assert "menu:contract" in bot.buttons(chat_id)
    return bot.press(chat_id, "menu:contract")


@time_machine.travel(TODAY, tick=False)
def test_russian_check_naming_a_listed_recruiter_warns_and_stores_nothing(bot, listed_recruiter):  # noqa: F811
    _start(bot, CHAT, "ru")
    before = _row_counts()
    assert bot.buttons(CHAT) == ["v:KG", "v:TJ", "v:UZ", "v:other"]
    bot.press(CHAT, "v:TJ")
    assert bot.buttons(CHAT) == ["v:RU", "v:KZ", "v:other"]
    asked = bot.press(CHAT, "v:RU")
    assert "письменный договор" in asked[0] and bot.buttons(CHAT) == ["v:yes", "v:no"]
    bot.press(CHAT, "v:no")  # no written contract: the contract's own questions are skipped
    assert bot.buttons(CHAT) == [f"t:{p}" for p in contract.PAYMENTS] + ["v:done"]
    bot.press(CHAT, "t:recruitment_fee")
    bot.press(CHAT, "v:done")
    bot.press(CHAT, "v:yes")  # passport
    bot.press(CHAT, "v:no")  # substitution
    bot.say(CHAT, "Хороший путь")  # the recruiter
    # while the questions are asked the answers are in the chat's state, encrypted
    raw = _raw_state(CHAT)
    assert raw.startswith("enc") and "Хороший" not in raw and "recruitment_fee" not in raw
    replies = bot.press(CHAT, "v:skip")  # no employer named
    text = "\n".join(replies)
    assert "Названный вами посредник есть в списке предупреждений" in text
    assert f"https://huquq.example/ru/registry/warnings/{listed_recruiter.pk}/" in text
    assert "Тест Тестов" not in text  # the warning never shows the cases' people
    assert "Не отдавайте паспорт" in text  # what to do, in Russian
    assert "Что делать:" in text and "Источники:" in text
    assert "No. 181" in text or "181" in text  # the ILO convention is the source of the fee rule
    assert "https://huquq.example/ru/registry/help/?country=TJ&service=pre_departure_info" in text
    assert "https://huquq.example/ru/contract-check/" in text
    assert "What to do" not in text
    assert bot.buttons(CHAT) == ["menu:report", "menu:back"]
    # nothing stored: the dialogue state is cleared and no row was added anywhere
    assert _raw_state(CHAT) == "" and services.load_state(services.find_chat(CHAT)) == {}
    assert _row_counts() == before
    assert Case.objects.count() == 2  # only the listed recruiter's two cases from the fixture


@time_machine.travel(TODAY, tick=False)
def test_english_check_of_a_written_contract_lists_missing_terms_and_offers_a_report(bot, db):
    _start(bot, CHAT, "en")
    bot.say(CHAT, "uz")  # a typed country code works like the button
    bot.press(CHAT, "v:KZ")
    bot.press(CHAT, "v:yes")  # written
    assert "Please press one of the buttons" in bot.say(CHAT, "maybe")[0]
    bot.press(CHAT, "v:yes")  # understood
    assert bot.buttons(CHAT) == [f"t:{t}" for t in contract.TERMS] + ["v:done"]
    bot.press(CHAT, "t:wage")
    bot.press(CHAT, "t:job")
    bot.press(CHAT, "t:job")  # pressed twice: unmarked again
    marked = bot.api.last_buttons(CHAT)
    assert [label for label, data in marked if label.startswith("✓ ")] == ["✓ The wage"]
    bot.press(CHAT, "v:done")
    bot.press(CHAT, "v:no")  # no own copy
    asked = bot.press(CHAT, "v:no")[0]  # ...then the Uzbek notarisation question, asked only of UZ citizens
    assert asked.startswith("Are you asked to pay")
    bot.press(CHAT, "v:done")
    bot.press(CHAT, "v:no")
    bot.press(CHAT, "v:no")
    bot.press(CHAT, "v:skip")
    replies = bot.say(CHAT, "Unknown Builder LLP")
    text = "\n".join(replies)
    answers = contract.parse_answers({"origin": "UZ", "host": "KZ", "written": "yes", "terms": ["wage"],
                                      "copy": "no", "notarised": "no"})
    findings = contract.check(answers, TODAY.date(), "en")
    assert findings and text.count("What to do:") == len(findings)
    assert "Missing from your contract:" in text and "The wage" not in text.split("Missing from your contract:")[1]
    assert "Missing from your contract: Your job or occupation, The place of work" in text  # Kazakh LC Art. 28
    assert "Have the contract notarised and translated" in text  # Uzbek citizens' contract is filed
    assert "“Unknown Builder LLP” is not on the warnings list" in text
    assert "https://huquq.example/en/registry/help/?country=KZ&service=legal_advice" in text
    assert "https://huquq.example/en/contract-check/" in text
    assert _raw_state(CHAT) == ""
    # the existing report dialogue is offered, consent first
    bot.press(CHAT, "menu:report")
    assert bot.buttons(CHAT) == ["consent:yes", "consent:no"]
    bot.press(CHAT, "consent:no")
    assert Case.objects.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_back_to_the_menu_after_the_check(bot, db):
    intro = _start(bot, CHAT, "ky")
    assert "бир-бирден" in intro[0] and "one by one" not in intro[0]
    for press in ("v:other", "v:other", "v:no", "v:done", "v:no", "v:no", "v:skip"):
        bot.press(CHAT, press)
    result = "\n".join(bot.press(CHAT, "v:skip"))
    assert "/ky/contract-check/" in result and "What to do" not in result and "Who can help" not in result
    bot.press(CHAT, "menu:back")
    assert "menu:contract" in bot.buttons(CHAT)


@time_machine.travel(TODAY, tick=False)
def test_uzbek_cyrillic_chat_gets_the_findings_in_cyrillic(bot, db):
    _start(bot, CHAT, "uz-cyrl")
    for press in ("v:UZ", "v:RU", "v:no", "v:done", "v:yes", "v:no", "v:skip"):
        bot.press(CHAT, press)
    result = "\n".join(bot.press(CHAT, "v:skip"))
    findings = [line for line in result.splitlines() if line.startswith("• ") and "://" not in line]
    assert findings
    for line in findings:
        assert not re.search(r"[A-Za-z]{4,}", line.split(":", 1)[1]), line  # no Latin Uzbek left
