"""iCalendar export of the deadlines in an answer: one all-day event per deadline still ahead, each with
reminders 7 days and 1 day before; the calendar is named in the page's language."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, timedelta

from icalendar import Alarm, Calendar, Event

from huquq.rules.engine import Answer
from huquq.rules.engine.model import Source

REMINDERS = (timedelta(days=7), timedelta(days=1))


def answer_to_ics(answer: Answer, title: str, describe: Callable[[Source], str] | None = None) -> bytes:
    """`describe` names a source for the reader (default: the document and quote)."""
    cal = Calendar()
    cal.add("prodid", "-//Huquq//Know your status//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    cal.add("name", title)
    for item in answer.items:
        if not item.due or item.due < answer.as_of:  # nothing in the past becomes a to-do
            continue
        event = Event()
        key = f"{answer.as_of}|{item.topic}|{'+'.join(item.rule_ids)}|{item.due}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@huquq")
        event.add("dtstamp", _stamp(answer))
        event.add("dtstart", item.due)
        event.add("summary", item.text[:120])
        lines = [item.text, ""]
        for s in item.sources:
            lines.append(describe(s) if describe else (f"{s.document}: \"{s.quote}\"" if s.quote else s.document))
        if item.notice:
            lines += ["", item.notice]
        event.add("description", "\n".join(lines))
        event.add("categories", [item.topic])
        for before in REMINDERS:
            if item.due - before >= answer.as_of:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", item.text[:120])
                alarm.add("trigger", -before)
                event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def _stamp(answer: Answer):
    from datetime import datetime

    return datetime(answer.as_of.year, answer.as_of.month, answer.as_of.day, tzinfo=UTC)
