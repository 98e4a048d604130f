"""Writes of the channels app (bot chats, reminders, bot reports); each one recorded in the audit log.

The bot's handlers call these and the selectors; no business rule lives in a handler. Everything a chat
stores is listed by `chat_data_summary` (/mydata) and erased by `forget_chat` (/forget).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import zoneinfo
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from huquq.accounts import audit
from huquq.cases import crypto
from huquq.cases import services as case_services
from huquq.cases.models import Case, Channel

from .models import BotChat, BotHandover, ReminderSubscription, ReportRecipient

logger = logging.getLogger("huquq.channels")

REMINDER_DAYS = (7, 1, 0)
REMINDER_HOUR = 10  # local time of the host country: late enough not to wake anyone, early enough to act
HOST_TIMEZONES = {"RU": "Europe/Moscow", "KZ": "Asia/Almaty"}
DEFAULT_TIMEZONE = "Europe/Moscow"


def chat_hashes(chat_id: int | str) -> list[str]:
    """The keyed hash of a chat id under every configured key (the first is the one stored for new chats)."""
    raw = str(chat_id).encode()
    return [hmac.new(key.lookup_key("telegram-chat"), raw, hashlib.sha256).hexdigest() for key in crypto.keys()]


def find_chat(chat_id: int | str) -> BotChat | None:
    return BotChat.objects.filter(chat_hash__in=chat_hashes(chat_id)).first()


def get_or_create_chat(chat_id: int | str, language: str = "ru") -> BotChat:
    chat = find_chat(chat_id)
    if chat is not None:
        return chat
    chat = BotChat.objects.create(chat_hash=chat_hashes(chat_id)[0], chat_id=str(chat_id), language=language)
    audit.record(None, "create", chat, detail={"fields": ["chat_id", "language"]})
    return chat


def set_language(chat: BotChat, language: str) -> BotChat:
    chat.language = language
    chat.save(update_fields=["language"])
    audit.record(None, "update", chat, detail={"fields": ["language"]})
    return chat


def load_state(chat: BotChat) -> dict:
    try:
        return json.loads(chat.state) if chat.state else {}
    except ValueError:
        return {}


def save_state(chat: BotChat, state: dict) -> None:
    """The dialogue in progress (encrypted). Not audited per message: it is a scratch pad, erased by /forget."""
    chat.state = json.dumps(state, ensure_ascii=False) if state else ""
    chat.save(update_fields=["state"])


def save_status_profile(chat: BotChat, profile: dict) -> None:
    chat.status_profile = json.dumps(profile, ensure_ascii=False)
    chat.host_country = profile.get("host_country", "")
    chat.save(update_fields=["status_profile", "host_country"])
    audit.record(None, "update", chat, detail={"fields": ["status_profile"]})


def reminder_time(due: dt.date, days_before: int, host_country: str) -> dt.datetime:
    """When to send: REMINDER_HOUR local time in the host country, `days_before` days before `due`."""
    tz = zoneinfo.ZoneInfo(HOST_TIMEZONES.get(host_country, DEFAULT_TIMEZONE))
    day = due - dt.timedelta(days=days_before)
    return dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=tz).astimezone(dt.UTC)


def normalise_phone(text: str) -> str:
    """An international phone number as +digits (8 to 15 digits, ITU-T E.164), or "" if it is not one."""
    compact = "".join(ch for ch in (text or "").strip() if ch not in " -().\u00a0")
    digits = compact[1:] if compact.startswith("+") else ""
    return compact if digits.isdigit() and digits.isascii() and 8 <= len(digits) <= 15 else ""


@transaction.atomic
def subscribe(chat: BotChat, deadlines: list[dict], now: dt.datetime | None = None, *,
              sms_phone: str = "") -> int:
    """Reminders for each deadline {topic, document, due} (7 d, 1 d, on the day); past times are skipped.
    With `sms_phone` (international format) they go by SMS to that number instead of this chat.

    Replaces the chat's earlier subscriptions (the newest answer is the one that counts).
    """
    now = now or timezone.now()
    if sms_phone and not normalise_phone(sms_phone):
        raise ValueError("not an international phone number")
    chat.reminder_channel = "sms" if sms_phone else "telegram"
    chat.sms_phone = normalise_phone(sms_phone) if sms_phone else ""
    chat.reminders.filter(sent_at__isnull=True).delete()
    rows = []
    for d in deadlines:
        due = d["due"] if isinstance(d["due"], dt.date) else dt.date.fromisoformat(d["due"])
        for days in REMINDER_DAYS:
            at = reminder_time(due, days, chat.host_country)
            if at >= now - dt.timedelta(hours=12):
                rows.append(ReminderSubscription(chat=chat, topic=d["topic"], document=d.get("document") or "",
                                                 due=due, days_before=days, send_at=at))
    ReminderSubscription.objects.bulk_create(rows, ignore_conflicts=True)
    chat.reminders_on = bool(rows)
    chat.save(update_fields=["reminders_on", "reminder_channel", "sms_phone"])
    audit.record(None, "create", chat, object_type="channels.remindersubscription",
                 detail={"count": len(rows), "channel": chat.reminder_channel})
    return len(rows)


def stop_reminders(chat: BotChat) -> int:
    count, _ = chat.reminders.filter(sent_at__isnull=True).delete()
    chat.reminders_on = False
    chat.save(update_fields=["reminders_on"])
    audit.record(None, "delete", chat, object_type="channels.remindersubscription", detail={"count": count})
    return count


def mark_sent(reminder_ids: list[int], at: dt.datetime | None = None) -> None:
    ReminderSubscription.objects.filter(pk__in=reminder_ids).update(sent_at=at or timezone.now())


def claim_due(now: dt.datetime, limit: int = 5000) -> list[ReminderSubscription]:
    """Take the due reminders for this scan in one transaction: rows locked by another scan are skipped
    (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: the write transaction serialises scans), and the taken ones
    get `queued_at`, so a second worker's scan does not see them."""
    from .selectors import due_reminders

    with transaction.atomic():
        query = due_reminders(now, limit)
        if connection.features.has_select_for_update_skip_locked:
            query = query.select_for_update(skip_locked=True, of=("self",))
        taken = list(query.select_related("chat"))
        ReminderSubscription.objects.filter(pk__in=[r.pk for r in taken]).update(queued_at=now)
    return taken


def release(reminder_ids: list[int]) -> None:
    """A send failed: let the next scan try again."""
    ReminderSubscription.objects.filter(pk__in=reminder_ids, sent_at__isnull=True).update(queued_at=None)


# --- media of a report in progress ---------------------------------------------------------------------
# A voice note or photo arrives before the report is sent. It is downloaded to a private temporary file
# (never held whole in the bot's memory between messages), encrypted at once into MEDIA_ROOT/bot-pending
# (AES-GCM under the field key, bound to its random name) and the plaintext file removed; the dialogue state
# keeps only the names. Sending the report moves them into the case's evidence; /forget, a cancelled report
# and `drop_stale_media` (pending longer than PENDING_MEDIA_MAX_AGE) delete them.

PENDING_MEDIA_MAX_AGE = dt.timedelta(days=1)


def pending_media_dir() -> Path:
    from huquq.config import make_private_dir

    return make_private_dir(Path(settings.MEDIA_ROOT) / "bot-pending")


def _pending_path(token: str) -> Path | None:
    if not (len(token) == 32 and all(ch in "0123456789abcdef" for ch in token)):
        return None
    return pending_media_dir() / token


def stash_media(plain_file: Path) -> str:
    """Encrypt a downloaded file into the pending-media store and delete the plaintext; returns its token."""
    from huquq.config import write_private_file

    token = secrets.token_hex(16)
    try:
        write_private_file(pending_media_dir() / token,
                           crypto.encrypt_bytes(Path(plain_file).read_bytes(), f"bot-media:{token}"))
    finally:
        Path(plain_file).unlink(missing_ok=True)
    return token


def read_stashed_media(token: str) -> bytes | None:
    path = _pending_path(token)
    if path is None or not path.exists():
        return None
    return crypto.decrypt_bytes(path.read_bytes(), f"bot-media:{token}")


def drop_media(tokens) -> None:
    for token in tokens:
        path = _pending_path(token)
        if path is not None:
            path.unlink(missing_ok=True)


def drop_stale_media(max_age: dt.timedelta = PENDING_MEDIA_MAX_AGE) -> int:
    """Delete pending media of reports never sent (the person left the dialogue)."""
    limit, count = time.time() - max_age.total_seconds(), 0
    for path in pending_media_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            count += 1
    return count


def state_media_tokens(state: dict) -> list[str]:
    return [m["token"] for m in state.get("media", []) if isinstance(m, dict) and m.get("token")]


@transaction.atomic
def forget_chat(chat: BotChat) -> list[str]:
    """Erase the chat (profile, state, subscriptions, identity, media of a report not sent). Returns the
    references of cases that organisations already received: those stay with them, under their own consent
    rules."""
    drop_media(state_media_tokens(load_state(chat)))
    kept = [h.case.reference for h in chat.handovers.select_related("case")]
    pk = chat.pk
    chat.delete()
    audit.record(None, "delete", object_type="channels.botchat", object_id=pk,
                 detail={"erased": ["chat_id", "language", "state", "status_profile", "reminders", "sms_phone"],
                         "cases_kept": len(kept)})
    return kept


@transaction.atomic
def submit_report(chat: BotChat, recipient: ReportRecipient, *, violation_type: str, employer_name: str,
                  city: str, contact: str, description: str, media: Sequence[tuple[str, str, bytes]] = (),
                  pending: Sequence[dict] = ()) -> Case:
    """An intake case in the recipient organisation, from a bot report the person consented to.

    `media` is a list of (file name, content type, bytes) and `pending` a list of {token, name, type} of
    stashed media (read one at a time, then deleted): both are stored encrypted as evidence of the case.
    Returns the case; `case.media_lost` counts pending files that could not be read.
    """
    organisation = recipient.organisation
    client = {"phone": contact} if contact else {}
    case = case_services.create_case(
        actor=None, organisation=organisation, title=f"Telegram: {violation_type}"[:200],
        client=client, channel=Channel.TELEGRAM, host_city=city[:100],
        summary="\n".join(part for part in (description, f"Employer (as reported): {employer_name}"
                                            if employer_name else "") if part))
    violation = case_services.add_violation(case, actor=None, type=violation_type, city=city[:100],
                                            description=employer_name)
    for name, content_type, data in media:
        case_services.store_evidence(case, actor=None, name=name, content_type=content_type, data=data,
                                     description="Telegram", violation=violation)
    lost = 0
    for item in pending:
        stashed = read_stashed_media(item.get("token", ""))
        if stashed is None:
            lost += 1
            continue
        case_services.store_evidence(case, actor=None, name=item.get("name", "file"),
                                     content_type=item.get("type", ""), data=stashed, description="Telegram",
                                     violation=violation)
        del stashed
    transaction.on_commit(lambda: drop_media([item.get("token", "") for item in pending]))
    BotHandover.objects.create(chat=chat, case=case)
    audit.record(None, "share", case, organisation=organisation, detail={"channel": "telegram"})
    case.media_lost = lost  # type: ignore[attr-defined]  # a plain attribute for the caller (see the docstring)
    return case


def opt_in(organisation, *, cities: str = "", languages: str = "", active: bool = True,
           actor=None) -> ReportRecipient:
    recipient, _created = ReportRecipient.objects.update_or_create(
        organisation=organisation, defaults={"cities": cities, "languages": languages, "active": active})
    audit.record(actor, "update", recipient, organisation=organisation, detail={"fields": ["active", "cities",
                                                                                           "languages"]})
    return recipient
