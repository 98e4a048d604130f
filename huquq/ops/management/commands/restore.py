import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huquq.ops.backup import BackupError, key_locations, restore_backup

from ._passphrase import add_passphrase_arguments, read_passphrase


class Command(BaseCommand):
    help = "Restore a `huquq backup` archive; refuses to overwrite existing data without --force."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the file `huquq backup` wrote")
        parser.add_argument("--force", action="store_true",
                            help="replace the data of this installation (database and evidence files)")
        add_passphrase_arguments(parser)

    def handle(self, *args, **options):
        show = sys.stderr.isatty()

        def progress(message):
            if show:
                sys.stderr.write(f"\r{message:<60}")

        try:
            manifest = restore_backup(options["archive"], passphrase=read_passphrase(options),
                                      force=options["force"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if show:
            sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(
            f"restored the backup of {manifest['created']}: {sum(manifest['counts'].values())} rows, "
            f"{len(manifest['media'])} evidence files; row counts checked"))
        self.stdout.write("Personal data is readable only with the field keys of the backed-up installation:")
        for place in key_locations():
            self.stdout.write(f"  - {place}")
        self.stdout.write("Then run `huquq migrate` (if this version is newer) and `huquq audit verify`.")
