"""`huquq report shadow --from DATE --to DATE --lang en|ru|ky|tg|uz --format html|pdf|docx`: the GCM shadow-report tables."""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from huquq.accounts import audit
from huquq.reports import shadow


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a date (use YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Documents: `huquq report shadow --from DATE --to DATE --lang en|ru|ky|tg|uz --format html|pdf|docx`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="document", metavar="DOCUMENT")
        sub.required = True
        p = sub.add_parser("shadow", help="GCM shadow-report tables: violations by category and sex, remedies, sources")
        p.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
        p.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
        p.add_argument("--lang", choices=["en", "ru", "ky", "tg", "uz", "uz-cyrl"], default="en")
        p.add_argument("--format", dest="fmt", choices=["html", "pdf", "docx"], default="html")
        p.add_argument("--output", "-o", type=Path, help="file to write (default: shadow-report-FROM-TO-LANG.FORMAT)")
        p.add_argument("--user", help="count the cases this user may see (their organisation)")

    def handle(self, *args, **options):
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if date_from > date_to:
            raise CommandError("--from is after --to")
        if not options["user"]:
            raise CommandError("give --user USERNAME: the report counts the cases that user's organisation may see")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['user']!r}")
        violations, outcomes = shadow.load_facts(user)
        report = shadow.build(violations, outcomes, date_from, date_to, options["lang"], monitoring_user=user)
        content = shadow.RENDERERS[options["fmt"]](report)
        output = options["output"] or Path(f"shadow-report-{date_from}-{date_to}-{options['lang']}.{options['fmt']}")
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
        audit.record(user, "export", object_type="reports.shadow_report",
                     detail={"from": str(date_from), "to": str(date_to), "format": options["fmt"]})
        self.stdout.write(self.style.SUCCESS(f"wrote {output} ({len(content):,} bytes)"))
