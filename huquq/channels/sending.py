"""Sending many Telegram messages within Telegram's limits.

Telegram allows a bot about 30 messages a second overall and about one a second to one chat, and answers
429 with `retry_after` seconds when a bot goes faster. `RateLimiter` hands out send slots so neither limit is
passed (slots are reserved before sleeping, so concurrent senders never share one); `send_all` sends
concurrently through it and, on a 429, waits `retry_after` and tries again (at most MAX_ATTEMPTS times).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import warnings
from dataclasses import dataclass

from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError

logger = logging.getLogger("huquq.channels.sending")

MAX_ATTEMPTS = 4


class RateLimiter:
    def __init__(self, per_second: float = 30, per_chat_seconds: float = 1.0, clock=time.monotonic):
        self.interval = 1.0 / per_second if per_second else 0.0
        self.per_chat = per_chat_seconds
        self.clock = clock
        self._next_global = 0.0
        self._next_chat: dict = {}

    def reserve(self, chat) -> float:
        """The moment (clock time) this chat's next message may go; reserves it."""
        now = self.clock()
        slot = max(now, self._next_global, self._next_chat.get(chat, 0.0))
        self._next_global = slot + self.interval
        self._next_chat[chat] = slot + self.per_chat
        return slot

    async def wait(self, chat) -> None:
        delay = self.reserve(chat) - self.clock()
        if delay > 0:
            await asyncio.sleep(delay)

    def push_back(self, seconds: float) -> None:
        """Telegram said 'too many': nobody sends for `seconds`."""
        self._next_global = max(self._next_global, self.clock() + seconds)


@dataclass
class Outgoing:
    chat_id: int | str
    text: str
    key: object = None  # what the caller uses to mark it sent (e.g. reminder ids)
    sms_to: str = ""  # set: goes by SMS to this number (huquq.channels.sms), not to the Telegram chat


@dataclass
class Outcome:
    message: Outgoing
    ok: bool
    blocked: bool = False  # the person blocked the bot or deleted the chat
    attempts: int = 0
    error: str = ""


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22.2+ warns that retry_after will become a timedelta
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def send_one(bot: Bot, limiter: RateLimiter, message: Outgoing) -> Outcome:
    attempts = 0
    while True:
        attempts += 1
        await limiter.wait(message.chat_id)
        try:
            await bot.send_message(message.chat_id, message.text)
            return Outcome(message, True, attempts=attempts)
        except RetryAfter as exc:
            seconds = _seconds(exc)
            if attempts >= MAX_ATTEMPTS:
                return Outcome(message, False, attempts=attempts, error="429")
            limiter.push_back(seconds)
            await asyncio.sleep(seconds)
        except Forbidden as exc:
            return Outcome(message, False, blocked=True, attempts=attempts, error=type(exc).__name__)
        except TelegramError as exc:
            logger.error("sending: a message failed: %s", type(exc).__name__)
            return Outcome(message, False, attempts=attempts, error=type(exc).__name__)


async def send_all(bot: Bot, messages: list[Outgoing], limiter: RateLimiter | None = None,
                   concurrency: int = 30) -> list[Outcome]:
    limiter = limiter or RateLimiter()
    gate = asyncio.Semaphore(concurrency)

    async def one(message):
        async with gate:
            return await send_one(bot, limiter, message)

    return list(await asyncio.gather(*(one(m) for m in messages)))


def make_bot(token: str, api_url: str) -> Bot:
    from telegram.request import HTTPXRequest

    api_url = api_url.rstrip("/")
    return Bot(token, base_url=f"{api_url}/bot", base_file_url=f"{api_url}/file/bot",
               request=HTTPXRequest(connection_pool_size=32))
