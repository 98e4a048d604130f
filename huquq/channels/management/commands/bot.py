"""`huquq bot run` (long polling), `huquq bot set-webhook URL`, `huquq bot delete-webhook`."""

from __future__ import annotations

import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the Telegram bot by long polling (run), or register/remove its webhook (set-webhook, delete-webhook)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="long polling until Ctrl-C")
        run.add_argument("--once", action="store_true", help="handle the updates waiting now, then exit")
        hook = sub.add_parser("set-webhook", help="ask Telegram to POST updates to URL (…/telegram/webhook/)")
        hook.add_argument("url")
        sub.add_parser("delete-webhook", help="stop the webhook (needed before long polling)")
        opt = sub.add_parser("opt-in", help="let an organisation receive bot reports (or --off to stop)")
        opt.add_argument("--org", required=True, help="organisation slug")
        opt.add_argument("--cities", default="", help="comma-separated city names; empty = the whole country")
        opt.add_argument("--languages", default="", help="comma-separated language codes; empty = any")
        opt.add_argument("--off", action="store_true")

    def handle(self, *args, **options):
        from huquq.channels.bot.app import build_application, process_pending_updates

        if options["action"] == "opt-in":
            return self._opt_in(options)
        try:
            app = build_application()
        except ValueError as exc:
            raise CommandError(f"{exc}: export TELEGRAM_BOT_TOKEN (see README)") from None
        action = options["action"]
        if action == "run" and not options["once"]:
            self.stdout.write(f"huquq bot: long polling {settings.TELEGRAM_API_URL}; stop with Ctrl-C")
            app.run_polling(allowed_updates=["message", "callback_query"])
            return

        async def once():
            async with app:
                if action == "run":
                    await process_pending_updates(app)
                elif action == "set-webhook":
                    if not settings.TELEGRAM_WEBHOOK_SECRET:
                        raise CommandError("set TELEGRAM_WEBHOOK_SECRET first: the webhook view checks it")
                    await app.bot.set_webhook(options["url"], secret_token=settings.TELEGRAM_WEBHOOK_SECRET,
                                              allowed_updates=["message", "callback_query"])
                else:
                    await app.bot.delete_webhook()

        asyncio.run(once())
        self.stdout.write("done")

    def _opt_in(self, options):
        from huquq.accounts.models import Organisation
        from huquq.channels.services import opt_in

        org = Organisation.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(f"no organisation with the slug {options['org']!r}")
        languages = [c.strip() for c in options["languages"].split(",") if c.strip()]
        known = {code for code, _name in settings.LANGUAGES}
        if set(languages) - known:
            raise CommandError(f"unknown language codes {sorted(set(languages) - known)}; use {sorted(known)}")
        recipient = opt_in(org, cities=options["cities"], languages=",".join(languages), active=not options["off"])
        state = "receives" if recipient.active else "no longer receives"
        self.stdout.write(f"{org.name} {state} bot reports (cities: {recipient.cities or 'all'}; "
                          f"languages: {recipient.languages or 'any'})")
