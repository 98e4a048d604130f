import sys
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from huquq.registry.directory import citations, seed


class Command(BaseCommand):
    help = ("Help directory: `huquq directory load` loads services and seed entries (idempotent); "
            "`huquq directory check` checks every citation against the seed reports.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load", "check"],
                            help="load: services + seed entries into the database; check: citations vs seeds")
        parser.add_argument("--file", type=Path, default=seed.ENTRIES_FILE, help="entries YAML (default: shipped)")
        parser.add_argument("--seeds", type=Path, default=None, help="seed reports folder (default: settings)")

    def handle(self, *args, action, file, seeds, **options):
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        try:
            data = seed.read_yaml(file)
        except yaml.YAMLError as exc:
            raise CommandError(f"{file} is not valid YAML: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise CommandError(f"{file} must hold a mapping with an `entries:` list")
        if action == "check":
            seeds_dir = seeds or Path(settings.SEEDS_DIR)
            if not seeds_dir.is_dir():
                raise CommandError(f"seed reports not found at {seeds_dir} (set HUQUQ_SEEDS_DIR or --seeds)")
            problems = citations.check_entries(data, seeds_dir)
            if problems:
                raise CommandError("citation problems:\n  " + "\n  ".join(problems))
            self.stdout.write(self.style.SUCCESS(f"{len(data['entries'])} entries: every citation found in the seeds"))
            return
        show = sys.stderr.isatty()

        def progress(done, total):
            if show:
                sys.stderr.write(f"\rloading entries {done}/{total}")

        try:
            report = seed.load(entries_path=file, progress=progress)
        except (KeyError, ValueError) as exc:
            raise CommandError(f"cannot load {file}: {exc}") from exc
        if show:
            sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(str(report)))
