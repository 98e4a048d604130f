"""Thin views: the Telegram webhook and a staff member's calendar feed."""

from __future__ import annotations

import hmac
import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("huquq.channels.bot")


@csrf_exempt
@require_POST
def telegram_webhook(request):
    """Telegram POSTs one update; the secret-token header proves it is Telegram (set with `huquq bot
    set-webhook`). Always 200 once accepted, so Telegram does not resend an update we failed on."""
    secret = settings.TELEGRAM_WEBHOOK_SECRET
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not secret or not settings.TELEGRAM_BOT_TOKEN:
        return HttpResponseNotFound()
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return HttpResponseForbidden()
    try:
        data = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest()
    from huquq.channels.bot.app import webhook_runner

    try:
        webhook_runner().process(data)
    except Exception:  # logged; the update's chat already got an apology from the bot's error handler
        logger.exception("bot: webhook update failed")
    return HttpResponse("ok")


def calendar_feed(request, token: str):
    from . import staff

    body = staff.feed_for_token(token)
    if body is None:
        return HttpResponseNotFound()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="huquq-deadlines.ics"'
    return response


@login_required
def calendar_settings(request):
    """A staff member creates (or replaces) and revokes the secret link of their deadline calendar."""
    from . import staff

    link = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            staff.revoke_feed(request.user)
            messages.success(request, _("The calendar link was revoked; calendar apps using it get nothing now."))
            return redirect("channels:calendar")
        link = request.build_absolute_uri(staff.issue_feed(request.user))
    has_feed = hasattr(request.user, "calendar_feed") and request.user.calendar_feed is not None
    return render(request, "channels/calendar.html", {"link": link, "has_feed": has_feed or link is not None,
                                                      "deadlines": staff.open_deadlines(request.user)[:50]})
