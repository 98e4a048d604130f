"""A cited passage ("quote") must be found verbatim in the seed report it cites: the one check, for every app.

The rulebook, the help directory, the casework vocabularies and the reference statistics all cite seed
reports (the text files in `settings.SEEDS_DIR`) with a short quoted passage. They all compare the same way:

- whitespace runs (spaces, tabs, line breaks, no-break spaces, …: everything `str.isspace` calls space)
  compare as one space, and leading/trailing whitespace is ignored — the seed tables break lines where
  the quote does not;
- nothing else is folded: letters, case, punctuation and typographic quotes («», “”, '') must match
  exactly, so a quote cannot drift from what the source says;
- an empty (or whitespace-only) quote is found nowhere.

`find_quote` raises `SeedNotFound` or `QuoteNotFound` (both `QuoteError`, a `LookupError`) whose text
says what was looked for and where; callers prefix their own label (the rule, the entry, the term).

Pure Python, no Django: the rules engine uses it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def normalise(text: str) -> str:
    """`text` with every whitespace run as one space and no leading or trailing whitespace."""
    return " ".join(text.split())


class QuoteError(LookupError):
    """A citation could not be verified against its seed report."""

    def __init__(self, message: str, *, seed: str, quote: str = ""):
        super().__init__(message)
        self.seed = seed
        self.quote = quote


class SeedNotFound(QuoteError):
    """The cited seed file does not exist in the seeds directory."""


class QuoteNotFound(QuoteError):
    """The seed file exists but does not contain the quote (after whitespace normalisation)."""


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int) -> str:
    # Keyed on the file's modification time and size, so a changed file is read again.
    return normalise(Path(path).read_text(encoding="utf-8"))


def seed_text(seeds_dir: Path | str, name: str) -> str | None:
    """The normalised text of seed file `name` in `seeds_dir`, or None when there is no such file."""
    if not name:
        return None
    path = Path(seeds_dir) / name
    if not path.is_file():
        return None
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


def contains(text: str, quote: str) -> bool:
    """Whether the non-empty `quote` occurs in `text`, both compared after `normalise`."""
    wanted = normalise(quote) if isinstance(quote, str) else ""
    return bool(wanted) and wanted in normalise(text)


def find_quote(seeds_dir: Path | str, name: str, quote: str) -> int:
    """Where `quote` starts in the normalised text of seed `name`; raises SeedNotFound / QuoteNotFound."""
    text = seed_text(seeds_dir, name)
    if text is None:
        raise SeedNotFound(f"seed file {name!r} not found in {seeds_dir}", seed=name, quote=quote or "")
    wanted = normalise(quote) if isinstance(quote, str) else ""
    position = text.find(wanted) if wanted else -1
    if position < 0:
        shown = quote[:80] if isinstance(quote, str) else quote
        raise QuoteNotFound(f"quote not found in {name}: {shown!r}", seed=name, quote=quote or "")
    return position


def quote_problem(seeds_dir: Path | str, name: str, quote: str) -> str | None:
    """The text of the error `find_quote` would raise, or None when the quote is found."""
    try:
        find_quote(seeds_dir, name, quote)
    except QuoteError as error:
        return str(error)
    return None
