"""Small, shared defences for text that crosses a trust boundary.

- `neutralise_formula`: a cell that starts with =, +, -, @, tab or carriage return is a formula to Excel,
  LibreOffice and Google Sheets (`=HYPERLINK(...)`); such text gets a leading apostrophe. Every CSV and XLSX
  export passes its cells through here (or through `SafeCsvWriter`, or `streaming_csv_writer` for streamed CSV).
- `clean_text`: strips the Unicode bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C)
  that make a name or note display differently from what it contains ("Trojan Source" spoofing).
- `safe_redirect`: a `next` target only if it stays on this site.
"""

from __future__ import annotations

import csv
import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))


def neutralise_formula(value):
    """Text a spreadsheet would run as a formula, made inert; numbers and other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _NUMBER.match(value):
        return "'" + value
    return value


class SafeCsvWriter:
    """Wraps a csv.writer so every cell written is passed through `neutralise_formula`."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([neutralise_formula(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _LineBuffer:
    """A file-like object whose write() hands the CSV line back, so csv.writer's writerow() returns it."""

    def write(self, value: str) -> str:
        return value


def streaming_csv_writer() -> SafeCsvWriter:
    """A formula-safe CSV writer whose writerow() returns the line instead of writing it: for responses streamed
    row by row, whose memory stays flat however many rows they carry."""
    return SafeCsvWriter(csv.writer(_LineBuffer()))


def clean_text(value: str) -> str:
    return value.translate(BIDI_CONTROLS) if isinstance(value, str) else value


def safe_redirect(request, target: str | None, fallback: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


def is_web_url(value: str) -> bool:
    """Only http:// and https:// addresses with a host (no javascript:, data:, file: ...)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit((value or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


LINE_MAX_CHARS = 300
TEXT_MAX_CHARS = 20_000


class SafeTextFormMixin:
    """For forms: every text field loses bidirectional controls, and gets a length cap where none is set
    (LINE_MAX_CHARS for one line, TEXT_MAX_CHARS for a text area), so a 2 MB "name" is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django import forms
        from django.core.validators import MaxLengthValidator

        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                cap = TEXT_MAX_CHARS if isinstance(field.widget, forms.Textarea) else LINE_MAX_CHARS
                field.max_length = cap
                field.validators.append(MaxLengthValidator(cap))
                field.widget.attrs.setdefault("maxlength", str(cap))

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = clean_text(value)
        return data
