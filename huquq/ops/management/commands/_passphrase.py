"""Reading a backup passphrase without putting it on the command line (where `ps` would show it)."""

import os
from pathlib import Path

from django.core.management.base import CommandError


def add_passphrase_arguments(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file (first line)")
    group.add_argument("--passphrase-env", metavar="VARIABLE",
                       help="read the passphrase from this environment variable")


def read_passphrase(options) -> str | None:
    if options.get("passphrase_file"):
        try:
            text = options["passphrase_file"].read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"cannot read the passphrase file: {exc}") from exc
        passphrase = text[0] if text else ""
    elif options.get("passphrase_env"):
        passphrase = os.environ.get(options["passphrase_env"], "")
    else:
        return None
    if len(passphrase) < 12:
        raise CommandError("the passphrase must have at least 12 characters")
    return passphrase
