"""Write translations into Markdown XLSForms (pyxform's .md layout): label/hint columns per language.

usage: python tools/xlsform_translate.py huquq/monitoring/forms/translations.yaml huquq/monitoring/forms/*.md

The English text is the key. `label` and `hint` (or `label::English (en)` …) become `label::English (en)`,
`label::Russian (ru)`, `label::Kyrgyz (ky)`, `label::Tajik (tg)`, `label::Uzbek (uz)`; the settings sheet
gets `default_language: English (en)`. A text missing from the YAML stops the run (nothing half-written).
"""

import sys
from pathlib import Path

import yaml

LANGUAGES = [("en", "English (en)"), ("ru", "Russian (ru)"), ("ky", "Kyrgyz (ky)"), ("tg", "Tajik (tg)"),
             ("uz", "Uzbek (uz)")]
TRANSLATED = ("label", "hint")


def read_md(text: str) -> list[tuple[str, list[str], list[list[str]]]]:
    sheets, sheet = [], None
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0]:
            sheet = (cells[0], None, [])
            sheets.append(sheet)
            continue
        name, header, rows = sheets[-1]
        if header is None:
            sheets[-1] = (name, cells[1:], rows)
        else:
            rows.append(cells[1:] + [""] * (len(header) - len(cells) + 1))
    return sheets


def _base(column: str) -> str:
    return column.split("::")[0]


def translate_sheet(header, rows, translations, missing):
    out_header, sources = [], []
    for index, column in enumerate(header):
        base = _base(column)
        if base in TRANSLATED:
            if "::" in column and not column.endswith("(en)"):
                continue  # rewritten from the English column
            for code, language in LANGUAGES:
                out_header.append(f"{base}::{language}")
                sources.append((index, code))
        else:
            out_header.append(column)
            sources.append((index, None))
    out_rows = []
    for row in rows:
        out = []
        for index, code in sources:
            value = row[index] if index < len(row) else ""
            if code not in (None, "en") and value:
                if value not in translations or code not in translations[value]:
                    missing.add(value)
                    value = ""
                else:
                    value = translations[value][code]
            out.append(value)
        out_rows.append(out)
    return out_header, out_rows


def write_md(sheets) -> str:
    lines = []
    for name, header, rows in sheets:
        lines.append(f"| {name} |")
        for row in [header, *rows]:
            lines.append("| | " + " | ".join(c.replace("|", "/") for c in row) + " |")
    return "\n".join(lines) + "\n"


def main(argv) -> int:
    translations = yaml.safe_load(Path(argv[0]).read_text(encoding="utf-8"))
    missing: set[str] = set()
    results = {}
    for path in map(Path, argv[1:]):
        sheets = []
        for name, header, rows in read_md(path.read_text(encoding="utf-8")):
            if name in ("survey", "choices"):
                header, rows = translate_sheet(header, rows, translations, missing)
            elif name == "settings" and "default_language" not in header:
                header = [*header, "default_language"]
                rows = [[*r, "English (en)"] for r in rows]
            sheets.append((name, header, rows))
        results[path] = write_md(sheets)
    if missing:
        print("no translation for:\n  " + "\n  ".join(sorted(missing)), file=sys.stderr)
        return 1
    for path, text in results.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 2 else __doc__)
