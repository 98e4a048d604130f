"""`huquq reports load-reference`: load the sourced reference statistics from huquq/reports/reference/*.yaml."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huquq.reports.reference_data import ReferenceDataError
from huquq.reports.services import load_reference


class Command(BaseCommand):
    help = "Reference statistics: `huquq reports load-reference [--dir DIR]` loads and checks the seed tables."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="ACTION")
        sub.required = True
        load = sub.add_parser("load-reference", help="load every reference table and report the totals checks")
        load.add_argument("--dir", type=Path, default=None, help="folder of *.yaml files (default: the bundled ones)")

    def handle(self, *args, **options):
        if options["action"] == "load-reference":
            directory = options["dir"]
            if directory is not None and not directory.is_dir():
                raise CommandError(f"{directory} is not a folder")
            try:
                report = load_reference(directory)
            except ReferenceDataError as exc:
                raise CommandError(str(exc)) from exc
            for line in report.lines():
                self.stdout.write(line)
            flagged = sum(1 for t in report.tables for c in t.checks if c.status == "mismatch")
            self.stdout.write(self.style.SUCCESS(
                f"{len(report.tables)} tables, {report.observations} figures loaded; "
                f"{flagged} places where a source does not add up (stored as notes on the tables)."))
