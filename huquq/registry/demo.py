"""Demo data of the registry app: each domain of the app loads its own (employers, help directory)."""

from .directory import demo as directory_demo
from .employers import demo as employer_demo


def load() -> str:
    return "; ".join([directory_demo.load(), employer_demo.load()])
