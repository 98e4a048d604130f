"""The `huquq` command: one entry point for every Huquq management command.

`huquq --help` lists Huquq's own commands; Django's (migrate, runserver, createsuperuser …) work too.
"""

from __future__ import annotations

import os
import sys


def _huquq_commands() -> list[tuple[str, str]]:
    from django.core.management import get_commands, load_command_class

    listed = []
    for name, app in sorted(get_commands().items()):
        if not app.startswith("huquq."):
            continue
        try:
            help_text = load_command_class(app, name).help or ""
        except Exception as exc:  # a broken command must not hide the others from --help
            help_text = f"(cannot load: {exc})"
        listed.append((name, help_text.strip().splitlines()[0] if help_text.strip() else ""))
    return listed


def print_help(out=None) -> None:
    out = out or sys.stdout
    out.write("usage: huquq COMMAND [options]   (huquq COMMAND --help for a command's options)\n\n")
    out.write("Huquq commands:\n")
    for name, summary in _huquq_commands():
        out.write(f"  {name:<16} {summary}\n")
    out.write(
        "\nDjango's own commands work as well, e.g. `huquq migrate`, `huquq runserver`, "
        "`huquq createsuperuser`;\n`huquq help --commands` lists every command.\n"
        "Settings come from the environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS (see README).\n"
    )


def main(argv: list[str] | None = None, django_commands: bool = False) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
    import django
    from django.core.management import ManagementUtility

    django.setup()
    if not argv or argv in (["--help"], ["-h"], ["help"]):
        print_help()
        return 0
    ManagementUtility(["huquq", *argv]).execute()
    return 0


if __name__ == "__main__":
    sys.exit(main())
