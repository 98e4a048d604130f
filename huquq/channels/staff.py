"""Staff reminders: case deadlines by e-mail to their assignee, and a per-user calendar feed (.ics) at a
secret URL the user can revoke (issuing a new one revokes the old: only a hash of the token is stored).

Reminder e-mails name the case reference and the deadline's title, never a client's personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from huquq.accounts import audit, timezones
from huquq.cases.models import Deadline

from .models import CalendarFeed

REMIND_DAYS_AHEAD = 7


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed(user) -> str:
    """A new secret feed URL path for `user`; any earlier one stops working."""
    token = secrets.token_urlsafe(24)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": _hash(token),
                                                               "created_at": timezone.now()})
    audit.record(user, "create", object_type="channels.calendarfeed", object_id=user.pk)
    return reverse("calendar-feed", args=[token])


def revoke_feed(user) -> bool:
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        audit.record(user, "delete", object_type="channels.calendarfeed", object_id=user.pk)
    return bool(deleted)


def open_deadlines(user):
    return (Deadline.objects.filter(assignee=user, done_on__isnull=True, case__organisation=user.organisation)
            .select_related("case").order_by("due_on"))


def feed_for_token(token: str) -> bytes | None:
    feed = CalendarFeed.objects.filter(token_hash=_hash(token)).select_related("user").first()
    if feed is None or not feed.user.is_active:
        return None
    cal = Calendar()
    cal.add("prodid", "-//Huquq//Case deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Huquq")
    stamp = timezone.now()
    for deadline in open_deadlines(feed.user):
        event = Event()
        event.add("uid", f"deadline-{deadline.pk}@huquq")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_on)
        event.add("summary", f"{deadline.case.reference}: {deadline.title}"[:200])
        event.add("url", f"{settings.SITE_URL}{reverse('cases:detail', args=[deadline.case_id])}")
        cal.add_component(event)
    return cal.to_ical()


def remind_assignees(today: dt.date | None = None) -> dict:
    """One e-mail per assignee listing their open deadlines due within REMIND_DAYS_AHEAD days that were not
    reminded today. "Today" is the date in the assignee's organisation's time zone unless `today` is given.
    Returns {"emails": n, "deadlines": m}."""
    latest = today or (timezone.now() + dt.timedelta(hours=14)).date()  # the furthest-east zone's date
    due = (Deadline.objects.filter(done_on__isnull=True, assignee__isnull=False, assignee__is_active=True,
                                   due_on__lte=latest + dt.timedelta(days=REMIND_DAYS_AHEAD))
           .exclude(assignee__email="").select_related("case", "assignee__organisation")
           .order_by("assignee_id", "due_on"))
    by_user: dict = {}
    for deadline in due:
        local = today or timezones.local_today(deadline.assignee.organisation)
        if deadline.reminded_on == local or deadline.due_on > local + dt.timedelta(days=REMIND_DAYS_AHEAD):
            continue
        by_user.setdefault(deadline.assignee, (local, []))[1].append(deadline)
    for user, (local, deadlines) in by_user.items():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            lines = [f"{d.due_on:%d.%m.%Y}  {d.case.reference}: {d.title}"
                     + (" — " + _("overdue") if d.due_on < local else "") for d in deadlines]
            send_mail(_("Huquq: case deadlines this week"), "\n".join(lines), None, [user.email])
        Deadline.objects.filter(pk__in=[d.pk for d in deadlines]).update(reminded_on=local)
    return {"emails": len(by_user), "deadlines": sum(len(v[1]) for v in by_user.values())}
