"""iCalendar export of the deadlines in an answer (one all-day event per dated item)."""

from __future__ import annotations

import hashlib
from datetime import UTC

from icalendar import Calendar, Event

from huquq.rules.engine import Answer


def answer_to_ics(answer: Answer, title: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Huquq//Know your status//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    for item in answer.items:
        if not item.due:
            continue
        event = Event()
        key = f"{answer.as_of}|{item.topic}|{'+'.join(item.rule_ids)}|{item.due}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@huquq")
        event.add("dtstamp", _stamp(answer))
        event.add("dtstart", item.due)
        event.add("summary", item.text[:120])
        lines = [item.text, ""]
        lines += [f"{s.document}: \"{s.quote}\"" if s.quote else s.document for s in item.sources]
        if item.notice:
            lines += ["", item.notice]
        event.add("description", "\n".join(lines))
        event.add("categories", [item.topic])
        cal.add_component(event)
    return cal.to_ical()


def _stamp(answer: Answer):
    from datetime import datetime

    return datetime(answer.as_of.year, answer.as_of.month, answer.as_of.day, tzinfo=UTC)
