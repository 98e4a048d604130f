"""Navigation that apps contribute without editing the base template.

An app may define `navigation.py` with `items(request) -> list[NavItem]`; the base layout shows every
item in the menu and, with `home_card=True`, as a card on the home page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    text: str = ""
    home_card: bool = False

    @property
    def title(self) -> str:
        return self.label


@lru_cache(maxsize=1)
def _navigation_modules() -> tuple:
    """The apps' navigation modules, looked up once per process (a missing module raises, which is slow)."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("huquq."):
            continue
        try:
            modules.append(import_module(f"{config.name}.navigation"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.navigation":
                raise
    return tuple(modules)


def collect(request) -> list[NavItem]:
    items: list[NavItem] = []
    for module in _navigation_modules():
        items.extend(module.items(request))
    return items
