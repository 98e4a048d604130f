"""The Telegram side of the bot (python-telegram-bot 22): parse an update, call the dialogue, render.

Long polling: `huquq bot run`. Webhook: Telegram POSTs updates to /telegram/webhook/ (views.webhook), which
checks the X-Telegram-Bot-Api-Secret-Token header. Both go through `process_update` below. The webhook uses
one Application per process (`webhook_runner`): it is built and initialised once, lives on its own event loop
in a background thread (its HTTP client is bound to that loop), and every request thread hands its update to
that loop, so concurrent requests share one connection pool instead of building a bot each.
The Bot API is reached at {TELEGRAM_API_URL}/bot{token}/{method}, so tests point it at a local fake server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import threading
from pathlib import Path

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from huquq.channels import services
from huquq.channels.queue import refresh_connections

from . import dialogue

logger = logging.getLogger("huquq.channels.bot")

MEDIA_LIMIT_BYTES = 10 * 1024 * 1024


def build_application(token: str | None = None, api_url: str | None = None) -> Application:
    token = token or settings.TELEGRAM_BOT_TOKEN
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    api_url = (api_url or settings.TELEGRAM_API_URL).rstrip("/")
    app = (ApplicationBuilder().token(token).base_url(f"{api_url}/bot").base_file_url(f"{api_url}/file/bot")
           .build())
    app.add_handler(CallbackQueryHandler(on_update))
    app.add_handler(MessageHandler(filters.ALL, on_update))
    app.add_error_handler(on_error)
    return app


def _markup(reply: dialogue.Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in reply.buttons])


def _answer(chat_id, event: dialogue.Event, language: str) -> list[dialogue.Reply]:
    refresh_connections()
    try:
        return dialogue.handle(chat_id, event, language)
    finally:
        refresh_connections()


async def _event_of(update: Update) -> dialogue.Event | None:
    if update.callback_query is not None:
        await update.callback_query.answer()
        return dialogue.Event(button=update.callback_query.data or "")
    message = update.effective_message
    if message is None:
        return None
    if message.voice is not None or message.audio is not None or message.photo:
        if message.photo:
            media, name, ctype = message.photo[-1], "photo.jpg", "image/jpeg"
        else:
            media = message.voice or message.audio
            name, ctype = "voice.ogg", media.mime_type or "audio/ogg"
        if (media.file_size or 0) > MEDIA_LIMIT_BYTES:
            return dialogue.Event(too_large=True)
        path = await _download(media)
        if path is None:
            return dialogue.Event(too_large=True)
        return dialogue.Event(media=(name, ctype, path))
    return dialogue.Event(text=message.text or message.caption or "")


async def _download(media) -> Path | None:
    """Stream a voice note or photo to a private (0600) temporary file, never whole into memory; None and
    no file when it turns out larger than MEDIA_LIMIT_BYTES. The dialogue encrypts it at once
    (services.stash_media) and removes the plaintext file."""
    directory = await sync_to_async(services.pending_media_dir, thread_sensitive=False)()
    fd, name = tempfile.mkstemp(dir=directory, prefix=".download-")
    os.close(fd)
    path = Path(name)
    try:
        file = await media.get_file()
        if (file.file_size or 0) > MEDIA_LIMIT_BYTES:
            path.unlink(missing_ok=True)
            return None
        await file.download_to_drive(custom_path=path)
        if path.stat().st_size > MEDIA_LIMIT_BYTES:
            path.unlink(missing_ok=True)
            return None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    event = await _event_of(update)
    if event is None:
        return
    language = (update.effective_user.language_code or "") if update.effective_user else ""
    replies = await sync_to_async(_answer)(chat.id, event, language)
    for reply in replies:
        if reply.document is not None:
            name, content = reply.document
            await context.bot.send_document(chat.id, InputFile(content, filename=name), caption=reply.text)
            continue
        await context.bot.send_message(chat.id, reply.text, reply_markup=_markup(reply),
                                       disable_web_page_preview=True)


def _apology(chat_id) -> str:
    refresh_connections()
    chat = services.find_chat(chat_id) if chat_id is not None else None
    with translation.override(chat.language if chat else settings.LANGUAGE_CODE):
        return _("Sorry, something went wrong on our side and your last message was not handled. Please try "
                 "again in a few minutes, or send /start.")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    logger.error("bot: an update failed: %s", type(context.error).__name__, exc_info=context.error)
    chat = getattr(update, "effective_chat", None)
    if chat is None:
        return
    try:
        text = await sync_to_async(_apology)(chat.id)
        await context.bot.send_message(chat.id, text)
    except Exception:  # the apology itself failed: the error is already logged
        logger.exception("bot: could not send the apology")


async def process_pending_updates(app: Application, offset: int = 0, timeout: int = 0) -> int:
    """Fetch waiting updates with getUpdates and handle them; returns the next offset (tests, `--once`)."""
    updates = await app.bot.get_updates(offset=offset, timeout=timeout)
    for update in updates:
        await app.process_update(update)
        offset = update.update_id + 1
    return offset


async def process_json_update(app: Application, data: dict) -> None:
    """Handle one update received by the webhook."""
    update = Update.de_json(data, app.bot)
    await app.process_update(update)


class WebhookRunner:
    """One initialised Application on a private event loop in a daemon thread; thread-safe to call."""

    def __init__(self, token: str, api_url: str):
        self.key = (token, api_url)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="huquq-bot-webhook", daemon=True)
        self.thread.start()
        self.app = build_application(token, api_url)
        self.run(self.app.initialize())

    def run(self, coroutine, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def process(self, data: dict) -> None:
        self.run(process_json_update(self.app, data))

    def close(self) -> None:
        from django.db import connections

        try:
            self.run(self.app.shutdown(), timeout=30)
            # the dialogue ran in asgiref's sync thread: close the database connections it opened there
            self.run(sync_to_async(connections.close_all)(), timeout=30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=30)
            self.loop.close()


_runner: WebhookRunner | None = None
_runner_lock = threading.Lock()


def webhook_runner() -> WebhookRunner:
    """The process's webhook Application, built on first use (a changed token or API URL builds a new one)."""
    global _runner
    key = (settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_API_URL.rstrip("/"))
    with _runner_lock:
        if _runner is not None and _runner.key != key:
            _runner.close()
            _runner = None
        if _runner is None:
            _runner = WebhookRunner(*key)
        return _runner


def close_webhook_runner() -> None:
    global _runner
    with _runner_lock:
        if _runner is not None:
            _runner.close()
            _runner = None
