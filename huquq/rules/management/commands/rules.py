from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from huquq.rules.engine import check, default_rulebook
from huquq.rules.engine.rulebook import never_checked
from huquq.rules.selectors import approved_rule_dicts


class Command(BaseCommand):
    help = ("Rulebook tools: `huquq rules check` validates the rulebook files and approved lawyer changes "
            "(schema, dates, and every quote against its seed file when the seeds are present) and lists the "
            "rules never read against their sources in context (no `checked_on`).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check"], help="check: validate the rulebook")
        parser.add_argument("--seeds", help="directory of the seed reports (default: settings.SEEDS_DIR)")
        parser.add_argument("--require-seeds", action="store_true",
                            help="fail when the seed reports are missing instead of skipping the quote check")

    def handle(self, *args, **options):
        seeds = Path(options["seeds"] or settings.SEEDS_DIR)
        if not seeds.is_dir():
            if options["require_seeds"]:
                raise CommandError(f"seed reports not found at {seeds}", returncode=2)
            self.stderr.write(f"warning: seed reports not found at {seeds}; quotes not checked")
            seeds = None
        problems = check(seeds_dir=seeds, extra_rules=approved_rule_dicts())
        if problems:
            for p in problems:
                self.stderr.write(p)
            raise CommandError(f"rulebook invalid: {len(problems)} problem(s)")
        rules = default_rulebook().rules
        quoted = "quotes checked against the seeds" if seeds else "quotes NOT checked"
        self.stdout.write(self.style.SUCCESS(f"rulebook valid: {len(rules)} file rules, {quoted}"))
        unchecked = never_checked(rules)
        if unchecked:
            self.stdout.write(f"{len(unchecked)} rule(s) never read against their sources in context "
                              f"(no checked_on):")
            for rule_id in unchecked:
                self.stdout.write(f"  {rule_id}")
        else:
            self.stdout.write("every rule has been read against its sources in context (checked_on set)")
