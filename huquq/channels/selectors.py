"""Reads of the channels app: who receives bot reports, which reminders are due, what a chat stores."""

from __future__ import annotations

import datetime as dt
import json

from django.db.models import Q, QuerySet
from django.utils import timezone

from huquq.text.normalise import fold

from .models import BotChat, ReminderSubscription, ReportRecipient


def _listed(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def recipients_for(city: str, language: str = "") -> list[ReportRecipient]:
    """Organisations that opted in and serve `city` (any script; empty list = whole country) and, when
    they list languages, `language`. Organisations naming the city come first."""
    wanted = fold(city or "")
    named, anywhere = [], []
    for r in ReportRecipient.objects.filter(active=True).select_related("organisation").order_by(
            "organisation__name"):
        languages = _listed(r.languages)
        if language and languages and language not in languages:
            continue
        cities = [fold(c) for c in _listed(r.cities)]
        if not cities:
            anywhere.append(r)
        elif wanted and wanted in cities:
            named.append(r)
    return named + anywhere


CLAIM_TIMEOUT = dt.timedelta(minutes=10)  # a claim older than this is a crashed worker's: take it over


def due_reminders(now: dt.datetime | None = None, limit: int = 5000) -> QuerySet[ReminderSubscription]:
    """Reminders whose time has come, not sent and not claimed by a running scan (uses the (sent_at,
    send_at) index)."""
    now = now or timezone.now()
    return (ReminderSubscription.objects.filter(sent_at__isnull=True, send_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - CLAIM_TIMEOUT))
            .order_by("send_at", "id")[:limit])


def chat_data_summary(chat: BotChat) -> dict:
    """Everything stored about a chat, for /mydata (values of the status profile, counts of the rest)."""
    profile = json.loads(chat.status_profile) if chat.status_profile else {}
    return {
        "language": chat.language,
        "status_profile": profile,
        "reminders": chat.reminders.filter(sent_at__isnull=True).count(),
        "reports": chat.handovers.count(),
        "since": chat.created_at.date(),
        "sms_phone": chat.sms_phone if chat.reminder_channel == "sms" else "",
    }
