"""Fill translations into .po catalogues.

usage:
  python tools/po_fill.py LOCALE_DIR TRANSLATIONS.yaml
      fill from a translator's YAML file: msgid -> {ru: …, ky: …, tg: …, uz: …} (a list for plural forms);
      entries already translated are overwritten, languages not given stay untranslated (Kyrgyz, Tajik and
      Uzbek then fall back to Russian at run time; English shows the msgid).
  python tools/po_fill.py merge TARGET.po SOURCE.po [SOURCE.po …]
      copy translations from other catalogues wherever TARGET has none (for resolving merges: re-run
      makemessages, then fill what either side had translated).
Both keep the header's Plural-Forms for the catalogue's language and clear the header's fuzzy flag.
"""

import sys
from pathlib import Path

import yaml
from babel.core import UnknownLocaleError
from babel.messages.pofile import read_po, write_po


def _language_of(po_path: Path) -> str:
    return po_path.parent.parent.name


def read_catalog(po_path: Path):
    with po_path.open("rb") as handle:
        try:
            return read_po(handle, locale=_language_of(po_path))
        except UnknownLocaleError:
            handle.seek(0)
            return read_po(handle)


def write_catalog(po_path: Path, catalog) -> None:
    catalog.fuzzy = False
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def _translated(string) -> bool:
    forms = string if isinstance(string, tuple) else (string,)
    return any(forms)


def fill(locale_dir: Path, translations: dict) -> dict[str, int]:
    counts = {}
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        lang = _language_of(po_path)
        catalog = read_catalog(po_path)
        filled = 0
        for message in catalog:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if not key or key not in translations or translations[key].get(lang) is None:
                continue
            value = translations[key][lang]
            if isinstance(message.id, tuple):
                forms = value if isinstance(value, list) else [value]
                plurals = catalog.num_plurals
                message.string = tuple((forms + [forms[-1]] * plurals)[:plurals])
            else:
                message.string = value
            message.flags.discard("fuzzy")
            filled += 1
        write_catalog(po_path, catalog)
        counts[lang] = filled
    return counts


def merge(target: Path, sources: list[Path]) -> int:
    catalog = read_catalog(target)
    filled = 0
    for source_path in sources:
        source = read_catalog(source_path) if source_path.suffix == ".po" else None
        for message in catalog:
            # msgmerge's fuzzy guesses are not translations: a source's exact match replaces them
            if not message.id or (_translated(message.string) and "fuzzy" not in message.flags):
                continue
            other = source.get(message.id, message.context)
            if other is not None and _translated(other.string):
                message.string = other.string
                message.flags.discard("fuzzy")
                filled += 1
    write_catalog(target, catalog)
    return filled


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "merge":
        print(merge(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]))
    elif len(sys.argv) == 3:
        print(fill(Path(sys.argv[1]), yaml.safe_load(Path(sys.argv[2]).read_text(encoding="utf-8"))))
    else:
        sys.exit(__doc__)
