"""Demo data of the registry app: the help directory's services and seed entries (idempotent)."""

from .directory import seed


def load() -> str:
    return str(seed.load())
