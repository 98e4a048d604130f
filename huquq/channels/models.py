"""Telegram chats, reminder subscriptions, organisations that receive bot reports, staff calendar feeds.

Privacy: a chat id is needed to send, so it is stored encrypted (AES-GCM, like case personal fields) with a
keyed hash (HMAC) for lookup; the dialogue state (answers in progress) is encrypted too. No message is logged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huquq.cases.fields import EncryptedTextField


class BotChat(models.Model):
    chat_hash = models.CharField(max_length=64, unique=True)
    chat_id = EncryptedTextField(context="channels.botchat.chat_id")
    language = models.CharField(max_length=10, default="ru")  # site language codes, "uz-cyrl" included
    state = EncryptedTextField(context="channels.botchat.state", blank=True, default="")
    status_profile = EncryptedTextField(context="channels.botchat.status_profile", blank=True, default="")
    reminders_on = models.BooleanField(default=False)
    # Reminders go to this chat, or by SMS to a number the person gave (stored encrypted, erased by /forget).
    reminder_channel = models.CharField(max_length=8, default="telegram",
                                        choices=[("telegram", "Telegram"), ("sms", "SMS")])
    sms_phone = EncryptedTextField(context="channels.botchat.sms_phone", blank=True, default="")
    host_country = models.CharField(max_length=2, blank=True)  # for the reminder hour (time zone)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Telegram chat")
        verbose_name_plural = _("Telegram chats")

    def __str__(self):
        return f"chat #{self.pk}"


class ReminderSubscription(models.Model):
    """One reminder of one deadline: 7 days before, 1 day before, or on the day."""

    chat = models.ForeignKey(BotChat, on_delete=models.CASCADE, related_name="reminders")
    topic = models.CharField(max_length=40)
    document = models.CharField(max_length=40, blank=True)
    due = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    send_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "send_at"], name="channels_reminder_due")]
        constraints = [models.UniqueConstraint(fields=["chat", "topic", "document", "due", "days_before"],
                                               name="channels_reminder_once")]

    def __str__(self):
        return f"reminder {self.due} -{self.days_before}d"


class ReportRecipient(models.Model):
    """An organisation that chose to receive reports made through the bot, and whom it serves."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE,
                                        related_name="bot_reports")
    active = models.BooleanField(_("receives bot reports"), default=True)
    cities = models.CharField(_("cities served (comma-separated, any script)"), max_length=400, blank=True,
                              help_text=_("Empty: every city of the organisation's country."))
    languages = models.CharField(_("languages (codes, comma-separated)"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("bot report recipient")
        verbose_name_plural = _("bot report recipients")

    def __str__(self):
        return str(self.organisation)


class BotHandover(models.Model):
    """A case an organisation received from a chat. Deleted with the chat (/forget); the case stays."""

    chat = models.ForeignKey(BotChat, on_delete=models.CASCADE, related_name="handovers")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"handover of case #{self.case_id}"


class CalendarFeed(models.Model):
    """A staff member's secret calendar URL (.ics of their case deadlines); revocable by issuing a new one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"calendar feed of user #{self.user_id}"
