"""Thin views: the Telegram webhook and a staff member's calendar feed."""

from __future__ import annotations

import hmac
import json
import logging

from asgiref.sync import async_to_sync
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, HttpResponseNotFound
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
    from huquq.channels.bot.app import build_application, process_json_update

    async def run():
        app = build_application()
        async with app:
            await process_json_update(app, data)

    try:
        async_to_sync(run)()
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
