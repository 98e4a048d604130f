import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huquq.accounts import audit
from huquq.accounts.models import AuditEntry


class Command(BaseCommand):
    help = ("Check the audit log: `huquq audit verify` recomputes the keyed chain and compares it with the last "
            "checkpoint; `huquq audit checkpoint` records the signed head (count + hash) outside the database.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"],
                            help="verify: check every entry and the last checkpoint; "
                                 "checkpoint: append the signed head to the checkpoint file")
        parser.add_argument("--checkpoint-file", type=Path, default=None,
                            help="checkpoint file (default: HUQUQ_AUDIT_CHECKPOINT_DIR or var/, "
                                 f"file {audit.CHECKPOINT_FILE})")

    def handle(self, *args, **options):
        path = options["checkpoint_file"] or audit.checkpoint_path()
        try:
            if options["action"] == "checkpoint":
                point = audit.write_checkpoint(path)
                self.stdout.write(self.style.SUCCESS(
                    f"checkpoint written to {path}: {point.count} entries, last hash {point.last_hash}. "
                    "Keep a copy where the database's administrators cannot write."))
                return
            checkpoint = audit.last_checkpoint(path)
        except (audit.BadCheckpoint, audit.MissingAuditKey) as exc:
            raise CommandError(str(exc)) from exc
        total = AuditEntry.objects.count()
        show_progress = sys.stderr.isatty() and total > 10000

        def progress(done):
            if show_progress and (done % 5000 == 0 or done == total):
                sys.stderr.write(f"\rchecked {done}/{total} ({done * 100 // max(total, 1)}%)")

        report = audit.verify_chain(progress, checkpoint=checkpoint)
        if show_progress:
            sys.stderr.write("\n")
        if not report.ok:
            where = f"entry {report.first_bad_id}: " if report.first_bad_id else ""
            raise CommandError(
                f"audit log tampered: {where}{report.reason} ({report.checked} entries before it are intact)"
            )
        if checkpoint is None:
            self.stderr.write(f"no checkpoint in {path}: removal of the last entries cannot be detected; "
                              "run `huquq audit checkpoint` regularly")
        else:
            self.stdout.write(f"checkpoint of {checkpoint.at} ({checkpoint.count} entries) matches")
        self.stdout.write(self.style.SUCCESS(f"audit log intact: {report.checked} entries verified"))
