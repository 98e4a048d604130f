"""Benchmark: find the due bot reminders among N subscriptions (default 1,000,000), and the send rate the
reminder sender reaches against the local fake Bot API (Telegram's limits: 30 messages/s, 1/s per chat).

    python benchmarks/reminders_due.py [--rows N] [--messages M] [--no-limit]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14 python benchmarks/reminders_due.py

Works in a throw-away test database. Subscriptions are bulk-inserted (COPY on PostgreSQL) spread over a
year of send times, a tenth already sent; then `huquq.channels.selectors.due_reminders(now)` — the query the
scan runs — is timed for a "now" at which about 0.1 % are due, with and without `collect()` (the chat
decryption and grouping the scan does for each due reminder). The target in issue 14 is < 60 s.
The send rate is measured with `huquq.channels.sending.send_all` and its RateLimiter at Telegram's limits
(--no-limit: as fast as the fake server answers, to show the limiter is what bounds it).
Prints figures only.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")

from _throwaway_db import bulk_insert, throwaway_database  # noqa: E402

START = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
CHATS = 20_000


def _rows(n: int, chat_ids: list[int], batch: int = 50_000):
    rng = random.Random(14)
    topics = ["registration", "work_authorization", "stay", "entry_document"]
    for first in range(0, n, batch):
        rows = []
        for i in range(first, min(n, first + batch)):
            send_at = START + dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
            due = (send_at + dt.timedelta(days=rng.choice((7, 1, 0)))).date()
            sent = send_at if rng.random() < 0.1 else None
            # (chat, topic, document, due, days_before) must be unique: the row number keeps it so
            rows.append((chat_ids[i % len(chat_ids)], topics[i % 4], f"d{i}", due, i % 3, send_at, sent, None))
        yield rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--no-limit", action="store_true")
    parser.add_argument("--chats", type=int, default=CHATS)
    args = parser.parse_args()

    with throwaway_database() as connection:
        from huquq.channels import reminders, selectors, services
        from huquq.channels.models import BotChat

        t0 = time.perf_counter()
        chats = [BotChat(chat_hash=f"{i:064x}", chat_id=str(1_000_000 + i), language="ru") for i in range(args.chats)]
        BotChat.objects.bulk_create(chats, batch_size=2000)
        chat_ids = list(BotChat.objects.values_list("id", flat=True))
        with connection.cursor() as cursor:
            bulk_insert(cursor, connection.vendor, "channels_remindersubscription",
                        ["chat_id", "topic", "document", "due", "days_before", "send_at", "sent_at", "queued_at"],
                        _rows(args.rows, chat_ids), args.rows)
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE channels_remindersubscription")
        print(f"{connection.vendor}: {args.rows:,} subscriptions over {args.chats:,} chats inserted in "
              f"{time.perf_counter() - t0:.1f} s")

        now = START + dt.timedelta(hours=9)  # the first ~9 hours of the year: about 0.1 % due
        t0 = time.perf_counter()
        due = list(selectors.due_reminders(now, limit=10_000_000).values_list("id", flat=True))
        t_query = time.perf_counter() - t0
        print(f"due_reminders(now): {len(due):,} due found in {t_query * 1000:.0f} ms")
        t0 = time.perf_counter()
        messages, stale = reminders.collect(now)
        t_collect = time.perf_counter() - t0
        print(f"collect(now) (query + decrypt chat ids + group): {len(messages):,} messages, {len(stale):,} stale, "
              f"{t_collect:.2f} s")
        later = START + dt.timedelta(days=180)
        t0 = time.perf_counter()
        count = selectors.due_reminders(later, limit=10_000_000).count()
        print(f"worst case (half a year of backlog): {count:,} due counted in "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        services.mark_sent(due[:1000])

    from django.conf import settings

    from huquq.channels.fake_bot_api import FakeBotAPI
    from huquq.channels.sending import Outgoing, RateLimiter, make_bot, send_all

    with FakeBotAPI() as api:
        if not args.no_limit:
            api.limit_per_second = 30
            api.limit_per_chat_seconds = 1.0
        per_second = 1_000_000 if args.no_limit else settings.TELEGRAM_RATE_PER_SECOND
        limiter = RateLimiter(per_second, 0 if args.no_limit else settings.TELEGRAM_RATE_PER_CHAT_SECONDS)
        outgoing = [Outgoing(chat_id=10_000 + (i % (args.messages // 2 or 1)), text="Huquq: reminder")
                    for i in range(args.messages)]

        async def run():
            bot = make_bot(api.token, api.url)
            async with bot:
                return await send_all(bot, outgoing, limiter)

        t0, c0 = time.perf_counter(), time.process_time()
        outcomes = asyncio.run(run())
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    ok = sum(1 for o in outcomes if o.ok)
    print(f"send rate against the fake Bot API ({'no limiter' if args.no_limit else 'limiter at 30/s, 1/s per chat'}"
          f"; every chat gets 2 messages): {ok}/{len(outcomes)} sent in {elapsed:.1f} s = {ok / elapsed:.1f} msg/s, "
          f"{api.too_many} answers 429")
    print(f"  CPU of bot + fake server: {cpu * 1000 / max(ok, 1):.1f} ms per message; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (a loaded machine stretches the wall time)")


if __name__ == "__main__":
    main()
