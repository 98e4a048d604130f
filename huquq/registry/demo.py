"""Demo data of the registry app: each part of the app loads its own."""

from . import demo_employers


def load() -> str:
    return "; ".join([demo_employers.load()])
