"""Reading and writing the mention CSV files of `huquq employers match|import` (no Django needed).

Input: UTF-8 CSV with a header; columns `id` and `name` are required, `inn` (any INN/OGRN/BIN) and `city`
are optional, other columns are ignored. Every problem is reported with its line number, and nothing is
written when there is any problem.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from huquq.safety import SafeCsvWriter

from .matching import identifiers
from .matching.cluster import Mention

REQUIRED = ("id", "name")
OPTIONAL = ("inn", "city")
MAX_ERRORS_SHOWN = 20


class MentionFileError(Exception):
    """A problem with the input file; the message names the line (and the id when known)."""


def read_mentions(path: str | os.PathLike) -> list[Mention]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise MentionFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise MentionFileError(
            f"line {line}: the file is not UTF-8 text (bad byte at position {exc.start}); "
            "save it as 'CSV UTF-8' and try again") from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise MentionFileError(f"line {line}: the file contains a NUL byte; is it really a CSV file?")
    return parse_mentions(text)


def parse_mentions(text: str) -> list[Mention]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise MentionFileError("line 1: the file is empty; expected a header with columns id,name") from None
    except csv.Error as exc:
        raise MentionFileError(f"line 1: malformed CSV header: {exc}") from exc
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise MentionFileError(
            f"line 1 (header): missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"found: {', '.join(columns) or '(nothing)'}; expected id,name and optionally inn,city")
    index = {c: columns.index(c) for c in (*REQUIRED, *OPTIONAL) if c in columns}
    mentions: list[Mention] = []
    errors: list[str] = []
    first_line_of: dict[str, int] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(f"line {reader.line_num}: malformed CSV: {exc}")
            break
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            errors.append(f"line {line}: expected {len(columns)} fields like the header, found {len(row)}")
            continue
        values = {c: row[i].strip() for c, i in index.items()}
        mention_id = values["id"]
        label = f"line {line} (id {mention_id})" if mention_id else f"line {line}"
        if not mention_id:
            errors.append(f"{label}: empty id")
        elif mention_id in first_line_of:
            errors.append(f"{label}: id repeats line {first_line_of[mention_id]}")
        else:
            first_line_of[mention_id] = line
        if not values["name"]:
            errors.append(f"{label}: empty name")
        inn = values.get("inn", "")
        if inn and identifiers.classify(inn) is None:
            errors.append(f"{label}: inn {inn!r} is not a valid INN, OGRN or BIN ({identifiers.explain_invalid(inn)})")
        mentions.append(Mention(mention_id, values["name"], identifiers.clean(inn) if inn else "",
                                values.get("city", "")))
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        raise MentionFileError("\n".join(shown) + (f"\n… and {more} more problems" if more > 0 else ""))
    if not mentions:
        raise MentionFileError("line 2: no mentions after the header")
    return mentions


def write_rows(path: str | os.PathLike, header: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
    """Write a CSV atomically: a temporary file in the same folder, renamed over `path` when complete."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = SafeCsvWriter(csv.writer(handle, lineterminator="\n"))
            writer.writerow(list(header))
            writer.writerows(rows)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
