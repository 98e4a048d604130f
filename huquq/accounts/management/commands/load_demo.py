from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load demo organisations, users, rulebook and cases (each app's demo.py), idempotently."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not config.name.startswith("huquq."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{config.label}: {summary}")
