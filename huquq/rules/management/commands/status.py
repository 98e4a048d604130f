import json
import sys

from django.core.management.base import BaseCommand, CommandError

from huquq.rules.engine import ProfileError, parse_date
from huquq.rules.engine.evaluate import LANGS, status
from huquq.rules.selectors import current_rulebook

KIND_LABEL = {"obligation": "MUST", "right": "RIGHT", "risk": "RISK", "info": "GOOD TO KNOW", "conflict": "CONFLICT",
              "not_covered": "NOT COVERED"}


class Command(BaseCommand):
    help = ("Know your status: obligations, rights and risks for one person on one date, each with its source. "
            "`huquq status PROFILE.json [--on YYYY-MM-DD] [--lang ru] [--json]` (PROFILE may be - for stdin).")

    def add_arguments(self, parser):
        parser.add_argument("profile", help="JSON file with the profile (see docs/status.md), or - for stdin")
        parser.add_argument("--on", dest="on", help="the as-of date, YYYY-MM-DD (default: today)")
        parser.add_argument("--lang", default="ru", help=f"language of the answer: {', '.join(LANGS)} (default ru)")
        parser.add_argument("--json", action="store_true", help="print the answer as JSON")

    def handle(self, *args, **options):
        try:
            if options["lang"] not in LANGS:
                raise ProfileError("--lang", f"must be one of {', '.join(LANGS)}")
            as_of = parse_date(options["on"], "--on") if options["on"] else None
            text = self._read(options["profile"])
            answer = status(text, as_of, options["lang"], rulebook=current_rulebook())
        except ProfileError as exc:
            raise CommandError(f"invalid input: {exc}", returncode=2) from None
        if options["json"]:
            self.stdout.write(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Status on {answer.as_of.isoformat()}:")
        for item in answer.items:
            head = f"[{KIND_LABEL[item.kind]}] {item.topic}"
            if item.due:
                head += f" - by {item.due.isoformat()}"
                head += " (OVERDUE)" if item.overdue else f" ({item.days_left} days left)"
            if item.document:
                head += f" ({item.document})"
            self.stdout.write("")
            self.stdout.write(head)
            self.stdout.write(f"  {item.text}")
            for s in item.sources:
                where = f"{s.document} <{s.url}> (read {s.retrieved})" if s.is_web else s.document
                self.stdout.write(f"  source: {where}: \"{s.quote}\"" if s.quote else f"  source: {where}")
            if item.source_date:
                self.stdout.write(f"  source written: {item.source_date.isoformat()} (rule {', '.join(item.rule_ids)})")
                self.stdout.write("  read against its source on: " + item.checked_on.isoformat() if item.checked_on
                                  else "  not yet read against its source")
            if item.what_now:
                self.stdout.write(f"  NOW: {item.what_now}")
            if item.notice:
                self.stdout.write(f"  ! {item.notice}")
            if item.help_url and (item.stale or item.kind in ("not_covered", "conflict")):
                self.stdout.write(f"  help: {item.help_url}")

    def _read(self, name: str) -> str:
        try:
            if name == "-":
                return sys.stdin.read()
            with open(name, encoding="utf-8") as fh:
                return fh.read()
        except FileNotFoundError:
            raise ProfileError("PROFILE", f"file {name!r} not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError("PROFILE", f"cannot read {name!r}: {exc}") from None
