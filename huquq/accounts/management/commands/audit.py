import sys

from django.core.management.base import BaseCommand, CommandError

from huquq.accounts.audit import verify_chain
from huquq.accounts.models import AuditEntry


class Command(BaseCommand):
    help = "Check the audit log: `huquq audit verify` recomputes the hash chain and names the first tampered entry."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify: check every entry's hash and link")

    def handle(self, *args, **options):
        total = AuditEntry.objects.count()
        show_progress = sys.stderr.isatty() and total > 10000

        def progress(done):
            if show_progress and (done % 5000 == 0 or done == total):
                sys.stderr.write(f"\rchecked {done}/{total} ({done * 100 // max(total, 1)}%)")

        report = verify_chain(progress)
        if show_progress:
            sys.stderr.write("\n")
        if not report.ok:
            raise CommandError(
                f"audit log tampered: entry {report.first_bad_id}: {report.reason} "
                f"({report.checked} entries before it are intact)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit log intact: {report.checked} entries verified"))
