"""Reminders of the deadlines a person subscribed to in the bot: which are due, what they say, sending.

The texts are neutral on purpose: a notification preview on a lock screen shows nothing about migration
status, documents or fines; the person opens the bot for the details.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import services
from .models import BotChat, ReminderSubscription
from .sending import Outgoing, RateLimiter, make_bot, send_all

logger = logging.getLogger("huquq.channels.reminders")

STALE_AFTER = dt.timedelta(days=1)  # a reminder more than a day late is dropped, not sent


def reminder_text(due: dt.date, today: dt.date, count: int = 1, sms: bool = False) -> str:
    days = (due - today).days
    if days <= 0:
        head = ngettext("Huquq: a date you asked me to keep is today (%(date)s).",
                        "Huquq: %(count)d dates you asked me to keep are today (%(date)s).", count)
    else:
        head = ngettext("Huquq: a date you asked me to keep is near: %(date)s.",
                        "Huquq: %(count)d dates you asked me to keep are near: %(date)s.", count)
    if sms:
        return head % {"count": count, "date": due.strftime("%d.%m.%Y")} + " " + _(
            "Send /stop to the Huquq bot to end these messages.")
    return head % {"count": count, "date": due.strftime("%d.%m.%Y")} + " " + _(
        "Open this chat and send /start to check what to do. /stop ends reminders.")


def collect(now: dt.datetime) -> tuple[list[Outgoing], list[int]]:
    """Due reminders, claimed for this scan, as messages (one per chat and date), and the ids of stale ones
    to drop. Two workers scanning at once never claim the same reminder."""
    groups: dict[tuple[int, dt.date], list[ReminderSubscription]] = defaultdict(list)
    stale = []
    for r in services.claim_due(now):
        if now - r.send_at > STALE_AFTER:
            stale.append(r.pk)
        else:
            groups[(r.chat_id, r.due)].append(r)
    messages = []
    for (_chat_pk, due), items in groups.items():
        chat: BotChat = items[0].chat
        by_sms = chat.reminder_channel == "sms" and bool(chat.sms_phone)
        with translation.override(chat.language):
            text = reminder_text(due, timezone.localtime(now).date(), len({(i.topic, i.document) for i in items}),
                                 sms=by_sms)
        messages.append(Outgoing(chat_id=int(chat.chat_id), text=text, key=[i.pk for i in items],
                                 sms_to=chat.sms_phone if by_sms else ""))
    return messages, stale


def send_sms_reminders(messages: list[Outgoing]) -> tuple[int, int]:
    """Send the SMS reminders through the configured SMS backend (setting SMS_BACKEND); a failed one is
    released for the next scan. Returns (sent, failed)."""
    from .sms import send_sms

    sent, failed, failures = [], [], 0
    for message in messages:
        try:
            send_sms(message.sms_to, message.text)
            sent.extend(message.key)
        except Exception as exc:  # a gateway error: logged without the number, retried at the next scan
            logger.error("reminders: an SMS failed: %s", type(exc).__name__)
            failed.extend(message.key)
            failures += 1
    services.mark_sent(sent, timezone.now())
    services.release(failed)
    return len(messages) - failures, failures


def send_due(now: dt.datetime | None = None, token: str | None = None, api_url: str | None = None) -> dict:
    now = now or timezone.now()
    messages, stale = collect(now)
    if stale:
        services.mark_sent(stale, now)
    sms_sent = sms_failed = 0
    if any(m.sms_to for m in messages):
        sms_sent, sms_failed = send_sms_reminders([m for m in messages if m.sms_to])
        messages = [m for m in messages if not m.sms_to]
    if not messages:
        return {"sent": sms_sent, "failed": sms_failed, "dropped": len(stale)}
    token = token or settings.TELEGRAM_BOT_TOKEN
    if not token:
        logger.error("reminders: %d due but TELEGRAM_BOT_TOKEN is not set", len(messages))
        services.release([pk for m in messages for pk in m.key])
        return {"sent": sms_sent, "failed": sms_failed + len(messages), "dropped": len(stale)}
    limiter = RateLimiter(settings.TELEGRAM_RATE_PER_SECOND, settings.TELEGRAM_RATE_PER_CHAT_SECONDS)

    async def run():
        bot = make_bot(token, api_url or settings.TELEGRAM_API_URL)
        async with bot:
            return await send_all(bot, messages, limiter)

    outcomes = asyncio.run(run())
    sent = [pk for o in outcomes if o.ok for pk in o.message.key]
    services.mark_sent(sent, timezone.now())
    services.release([pk for o in outcomes if not o.ok and not o.blocked for pk in o.message.key])
    for o in outcomes:
        if o.blocked:  # the person blocked the bot: stop reminding them
            chat = services.find_chat(o.message.chat_id)
            if chat is not None:
                services.stop_reminders(chat)
    failed = sum(1 for o in outcomes if not o.ok)
    if failed:
        logger.error("reminders: %d of %d messages failed; they are retried at the next scan", failed,
                     len(outcomes))
    return {"sent": sms_sent + sum(1 for o in outcomes if o.ok), "failed": sms_failed + failed,
            "dropped": len(stale)}
