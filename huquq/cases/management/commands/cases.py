"""`huquq cases export|import|rotate-keys|reindex|refresh-facts|invalid-codes`: move cases in and out as JSON,
rotate field keys, recompute search keys, rebuild statistics, list stored country codes that are not ISO 3166-1."""

import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from huquq.accounts.models import Organisation
from huquq.cases import selectors, services, transfer
from huquq.cases.facts import refresh_all
from huquq.cases.models import Case, EvidenceFile


def _progress(total, label):
    if not sys.stderr.isatty():
        return None
    done = {"n": 0}

    def tick(n=1):
        before = done["n"]
        done["n"] += n
        if done["n"] // 100 != before // 100 or done["n"] >= total:
            sys.stderr.write(f"\r{label}: {done['n']}/{total}")
            if done["n"] >= total:
                sys.stderr.write("\n")
    return tick


class Command(BaseCommand):
    help = ("Export or import cases as JSON (schema huquq-cases v1), re-encrypt personal data with a new key, or "
            "recompute search keys after a change to the spelling fold.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        exp = sub.add_parser("export", help="Write the cases of one organisation (or all) as JSON.")
        exp.add_argument("--org", help="organisation slug (default: all organisations)")
        exp.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")
        exp.add_argument("--csv", action="store_true", help="CSV without personal fields instead of JSON")
        exp.add_argument("--no-evidence", action="store_true", help="leave evidence file contents out")
        imp = sub.add_parser("import", help="Validate a whole JSON file, then import all of it or nothing.")
        imp.add_argument("path")
        imp.add_argument("--org", required=True, help="organisation slug the cases will belong to")
        imp.add_argument("--dry-run", action="store_true", help="only validate")
        rot = sub.add_parser("rotate-keys", help="Re-encrypt everything under the first key of HUQUQ_FIELD_KEYS "
                                                 "(batches commit one by one; run again to resume).")
        rot.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")
        reindex = sub.add_parser("reindex", help="Recompute every case's search key and blind name index after a "
                                                 "change to the spelling fold (batches commit one by one; a second "
                                                 "run changes nothing).")
        reindex.add_argument("--batch-size", type=int, default=500, help="cases per transaction (default 500)")
        sub.add_parser("refresh-facts", help="Rebuild the statistics fact table from all cases (repair).")
        sub.add_parser("invalid-codes", help="List stored country/citizenship codes that are not ISO 3166-1 "
                                             "and region codes that are not ISO 3166-2 (changes nothing).")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "export":
            return self._export(options)
        if action == "import":
            return self._import(options)
        if action == "invalid-codes":
            return self._invalid_codes()
        if action == "reindex":
            changed = services.reindex_search(progress=_progress(Case.objects.count(), "reindex"),
                                              batch_size=max(1, options["batch_size"]))
            self.stdout.write(f"recomputed the search keys of {changed} cases")
            return None
        if action == "refresh-facts":
            written = refresh_all(progress=_progress(Case.objects.count(), "cases"))
            self.stdout.write(f"rebuilt {written} violation facts")
            return None
        total = (sum(m._base_manager.count() for m, _f in services.encrypted_columns())
                 + EvidenceFile.objects.count() + Case.objects.count())
        counts = services.rotate_keys(progress=_progress(total, "rotate-keys"),
                                      batch_size=max(1, options["batch_size"]))
        self.stdout.write(f"re-encrypted {counts['values']} values and {counts['files']} files; "
                          f"re-indexed the names of {counts['cases']} cases")

    def _invalid_codes(self):
        rows = selectors.invalid_country_codes()
        for r in rows:
            self.stdout.write(f"{r.organisation}\t{r.case_reference}\t{r.table} {r.row_id}\t{r.field}\t{r.value!r}")
        self.stdout.write(f"{len(rows)} invalid country code(s); correct them in the case forms, nothing was changed")
        regions = selectors.invalid_region_codes()
        for r in regions:
            self.stdout.write(f"{r.organisation}\t{r.case_reference}\t{r.table} {r.row_id}\t{r.field}\t{r.value!r}")
        self.stdout.write(f"{len(regions)} invalid region code(s) (not ISO 3166-2, or not in the country stored "
                          "beside them); correct them in the case forms, nothing was changed")
        return None

    def _org(self, slug):
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(f"no organisation with slug {slug!r}")
        return org

    def _export(self, options):
        cases = Case.objects.all()
        if options["org"]:
            cases = cases.filter(organisation=self._org(options["org"]))
        # Exports hold personal data in clear: the file is created readable by its owner only (0600).
        out = sys.stdout if options["output"] == "-" else os.fdopen(
            os.open(options["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8",
            newline="")
        try:
            if options["csv"]:
                import csv

                count = transfer.write_csv(csv.writer(out), cases)
            else:
                document = transfer.export_cases(cases, with_evidence=not options["no_evidence"],
                                                 progress=_progress(cases.count(), "export"))
                json.dump(document, out, ensure_ascii=False, indent=1)
                count = len(document["cases"])
        finally:
            if out is not sys.stdout:
                out.close()
        from huquq.accounts import audit

        audit.record(None, "export", object_type="cases.case", detail={"cli": True, "cases": count,
                                                                       "format": "csv" if options["csv"] else "json"})
        self.stderr.write(f"exported {count} cases")

    def _import(self, options):
        org = self._org(options["org"])
        try:
            with open(options["path"], encoding="utf-8") as handle:
                document = json.load(handle)
        except OSError as exc:
            raise CommandError(f"cannot read {options['path']}: {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{options['path']} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
        try:
            if options["dry_run"]:
                count = len(transfer.validate_document(document, org))
                self.stdout.write(f"{count} cases are valid; nothing imported (dry run)")
                return
            total = len(document.get("cases") or []) if isinstance(document, dict) else 0
            count = transfer.import_document(document, org, progress=_progress(total, "import"))
        except transfer.ImportErrors as exc:
            shown = exc.errors[:50]
            more = f"\n... and {len(exc.errors) - 50} more" if len(exc.errors) > 50 else ""
            raise CommandError("nothing imported; fix these rows:\n" + "\n".join(shown) + more) from exc
        self.stdout.write(f"imported {count} cases into {org.slug}")
