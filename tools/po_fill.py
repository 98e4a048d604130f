"""Fill translations into .po catalogues from a YAML mapping (a translator's working file).

usage: python tools/po_fill.py LOCALE_DIR TRANSLATIONS.yaml
The YAML maps each msgid to {ru: …, ky: …, tg: …, uz: …}; missing languages are left untranslated
(Kyrgyz, Tajik and Uzbek then fall back to Russian at run time, English shows the msgid).
For a plural entry give a list of forms. Entries already translated are overwritten.
"""

import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po


def fill(locale_dir: Path, translations: dict) -> dict[str, int]:
    counts = {}
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        lang = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang if lang != "tg" else None)
        filled = 0
        for message in catalog:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if not key or key not in translations:
                continue
            value = translations[key].get(lang)
            if value is None:
                continue
            if isinstance(message.id, tuple):
                forms = value if isinstance(value, list) else [value]
                plurals = catalog.num_plurals
                message.string = tuple((forms + [forms[-1]] * plurals)[:plurals])
            else:
                message.string = value
            message.flags.discard("fuzzy")
            filled += 1
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False)
        counts[lang] = filled
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data = yaml.safe_load(Path(sys.argv[2]).read_text(encoding="utf-8"))
    print(fill(Path(sys.argv[1]), data))
