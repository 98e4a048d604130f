"""`huquq monitoring ...`: questionnaires, imports and scorecards from the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huquq.accounts.models import Organisation, User
from huquq.monitoring import exports, selectors, services, xlsform
from huquq.monitoring.imports import ImportProblems
from huquq.monitoring.models import Questionnaire


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = ("Monitoring: `huquq monitoring forms check [FILE ...]`, `huquq monitoring forms install`, "
            "`huquq monitoring offices load`, `huquq monitoring import --form ID FILE ...`, "
            "`huquq monitoring scorecard --form ID [--office CODE] [--from DATE --to DATE] [--json]`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="area", metavar="AREA")
        sub.required = True
        forms = sub.add_parser("forms", help="check or install XLSForm questionnaires")
        forms_sub = forms.add_subparsers(dest="action", metavar="ACTION")
        forms_sub.required = True
        check = forms_sub.add_parser("check", help="validate XLSForms (default: the shipped ones) with pyxform")
        check.add_argument("files", nargs="*", type=Path)
        forms_sub.add_parser("install", help="store the shipped questionnaires (idempotent)")
        offices = sub.add_parser("offices", help="load the offices the seed reports name")
        offices.add_argument("action", choices=["load"])
        imp = sub.add_parser("import", help="import a KoBoToolbox or ODK Central export (all or nothing)")
        imp.add_argument("--form", required=True, help="questionnaire id or form_id")
        imp.add_argument("--organisation", help="organisation slug (default: the --user's)")
        imp.add_argument("--user", help="username recorded as the importer")
        imp.add_argument("files", nargs="+", type=Path)
        card = sub.add_parser("scorecard", help="print a scorecard per office and quarter")
        card.add_argument("--form", required=True, help="questionnaire id or form_id")
        card.add_argument("--office", help="office code")
        card.add_argument("--from", dest="date_from", type=_date)
        card.add_argument("--to", dest="date_to", type=_date)
        card.add_argument("--json", action="store_true", help="JSON instead of a table")

    def handle(self, *args, **options):
        area = options["area"]
        if area == "forms":
            return self.forms(options)
        if area == "offices":
            self.stdout.write(f"{services.load_offices()} offices created")
            return None
        if area == "import":
            return self.do_import(options)
        return self.scorecard(options)

    def forms(self, options):
        if options["action"] == "install":
            for questionnaire in services.install_shipped_forms():
                self.stdout.write(f"{questionnaire.pk}\t{questionnaire.form_id}\t{questionnaire.title}")
            return
        files = options["files"] or xlsform.shipped()
        failed = 0
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path} does not exist")
            try:
                spec = xlsform.load(path.read_bytes(), path.name)
            except xlsform.XLSFormError as exc:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{path.name}: refused"))
                for problem in exc.problems:
                    self.stdout.write(f"  - {problem}")
                continue
            self.stdout.write(self.style.SUCCESS(
                f"{path.name}: ok ({spec.form_id}, {len(spec.pages)} pages, {len(spec.questions)} questions, "
                f"{len(spec.scorecard_questions())} scorecard indicators)"))
        if failed:
            raise CommandError(f"{failed} form(s) refused")

    def _questionnaire(self, ref: str) -> Questionnaire:
        qs = Questionnaire.objects.filter(pk=int(ref)) if ref.isdigit() else Questionnaire.objects.filter(form_id=ref)
        found = list(qs[:2])
        if not found:
            raise CommandError(f"no questionnaire {ref!r} (see `huquq monitoring forms install`)")
        if len(found) > 1:
            raise CommandError(f"several questionnaires have form_id {ref!r}: give the numeric id")
        return found[0]

    def do_import(self, options):
        questionnaire = self._questionnaire(options["form"])
        user = User.objects.filter(username=options["user"]).first() if options["user"] else None
        if options["user"] and user is None:
            raise CommandError(f"no user {options['user']!r}")
        organisation = (Organisation.objects.filter(slug=options["organisation"]).first()
                        if options["organisation"] else getattr(user, "organisation", None))
        if organisation is None:
            raise CommandError("give --organisation SLUG or --user USERNAME (whose organisation receives the data)")
        files = []
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path} does not exist")
            files.append((path.name, path.read_bytes()))
        try:
            result = services.import_submissions(user, questionnaire, files, organisation=organisation)
        except ImportProblems as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError("nothing imported") from exc
        self.stdout.write(self.style.SUCCESS(
            f"{result['read']} read, {result['added']} added, {result['already_there']} already there"))

    def scorecard(self, options):
        questionnaire = self._questionnaire(options["form"])
        superuser = User(is_superuser=True, is_active=True)
        card = selectors.scorecard(superuser, questionnaire, office_code=options["office"],
                                   date_from=options["date_from"], date_to=options["date_to"])
        rows = exports.rows(card)
        if options["json"]:
            keys = ["office", "office_code", "period", "indicator", "kind", "n", "value", "low", "high",
                    "problems", "note"]
            self.stdout.write(json.dumps([dict(zip(keys, row, strict=True)) for row in rows[1:]],
                                         ensure_ascii=False, indent=1))
            return
        for row in rows:
            self.stdout.write("\t".join("" if v is None else str(v) for v in row))
