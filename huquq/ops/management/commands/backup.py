import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from huquq.ops.backup import BackupError, create_backup, key_locations

from ._passphrase import add_passphrase_arguments, read_passphrase


class Command(BaseCommand):
    help = "Back up the database and the evidence files into one archive (optionally encrypted); keys are kept apart."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path,
                            help="archive to write (default huquq-backup-<UTC time>.tar, .tar.enc when encrypted)")
        add_passphrase_arguments(parser)

    def handle(self, *args, **options):
        passphrase = read_passphrase(options)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        output = options["output"] or Path(f"huquq-backup-{stamp}.tar{'.enc' if passphrase else ''}")
        if output.exists():
            raise CommandError(f"{output} exists already; choose another --output")
        if not output.parent.is_dir():
            raise CommandError(f"no directory {output.parent}")
        show = sys.stderr.isatty()

        def progress(message):
            if show:
                sys.stderr.write(f"\r{message:<60}")

        try:
            manifest = create_backup(output, passphrase=passphrase, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if show:
            sys.stderr.write("\n")
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(
            f"backup written to {output}: {manifest['database']['vendor']} database ({rows} rows), "
            f"{len(manifest['media'])} evidence files{', encrypted' if passphrase else ''}"))
        self.stdout.write("The keys are NOT in the archive. Keep them safe and apart from it:")
        for place in key_locations():
            self.stdout.write(f"  - {place}")
        self.stdout.write("Without the field keys a restored installation cannot read personal data.")
