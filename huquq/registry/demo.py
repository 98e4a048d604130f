"""Demo data of the registry app: each part of the app loads its own (employers, help directory)."""

from . import demo_directory, demo_employers


def load() -> str:
    return "; ".join([demo_directory.load(), demo_employers.load()])
