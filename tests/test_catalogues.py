"""The Kyrgyz, Tajik and Uzbek catalogues stay complete, well-formed and in the right script.

CI fails when any ky/tg/uz catalogue (huquq/locale and every huquq/<app>/locale) drops below 98 % of its
messages, when `msgfmt --check-format` rejects a catalogue, when a translation loses or invents a
placeholder, or when the Plural-Forms header is not the CLDR one.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

HUQUQ = Path(__file__).resolve().parent.parent / "huquq"
TARGET_LANGUAGES = ("ky", "tg", "uz")
MINIMUM_SHARE = 0.98
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"  # CLDR: ky, tg, uz have "one" (n = 1) and "other"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]+\}")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def catalogues(languages=TARGET_LANGUAGES):
    locale_dirs = [HUQUQ / "locale"] + sorted(p for p in HUQUQ.glob("*/locale") if p.is_dir())
    return [d / lang / "LC_MESSAGES" / "django.po" for d in locale_dirs for lang in languages
            if (d / lang / "LC_MESSAGES" / "django.po").exists()]


def _read(path):
    with path.open("rb") as handle:
        return read_po(handle)


def _forms(string):
    return string if isinstance(string, tuple) else (string,)


def _name(path):
    return str(path.relative_to(HUQUQ.parent))


def test_every_app_catalogue_exists_in_every_target_language():
    for locale_dir in [HUQUQ / "locale"] + sorted(HUQUQ.glob("*/locale")):
        for lang in TARGET_LANGUAGES:
            assert (locale_dir / lang / "LC_MESSAGES" / "django.po").exists(), f"{locale_dir} lacks {lang}"


@pytest.mark.parametrize("po_path", catalogues(), ids=_name)
def test_catalogue_is_at_least_98_percent_translated(po_path):
    messages = [m for m in _read(po_path) if m.id]
    missing = [m.id for m in messages if not all(_forms(m.string)) or m.fuzzy]
    share = 1 - len(missing) / len(messages) if messages else 1
    assert share >= MINIMUM_SHARE, f"{_name(po_path)}: {share:.1%} translated; missing e.g. {missing[:5]}"


@pytest.mark.parametrize("po_path", catalogues(), ids=_name)
def test_plural_forms_header_is_cldr(po_path):
    header = po_path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert f'"Plural-Forms: {PLURAL_FORMS}\\n"' in header
    assert f'"Language: {po_path.parent.parent.name}\\n"' in header


@pytest.mark.parametrize("po_path", catalogues(), ids=_name)
def test_placeholders_are_kept(po_path):
    for message in _read(po_path):
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        for form in _forms(message.string):
            if form:
                assert set(PLACEHOLDER.findall(form)) == expected, f"{_name(po_path)}: {message.id!r} -> {form!r}"


@pytest.mark.parametrize("po_path", catalogues(("uz",)), ids=_name)
def test_uzbek_latin_catalogue_has_no_cyrillic(po_path):
    for message in _read(po_path):
        for form in _forms(message.string):
            if message.id and form and not CYRILLIC.search(" ".join(_forms(message.id))):
                assert not CYRILLIC.search(form), f"{_name(po_path)}: Cyrillic in {form!r}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is installed by `make system-deps`")
@pytest.mark.parametrize("po_path", catalogues(("ru", "en") + TARGET_LANGUAGES), ids=_name)
def test_msgfmt_check_format_accepts_catalogue(po_path):
    result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(po_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
