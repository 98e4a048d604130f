"""Find what is left to translate in the gettext catalogues, and fill it in batches.

usage:
  python tools/po_todo.py status
      coverage of every catalogue (huquq/locale and huquq/<app>/locale) per language.
  python tools/po_todo.py dump LOCALE_DIR OUT.yaml [LANG …]
      write the entries untranslated in any of LANGs (default ky tg uz) as a numbered list: the msgid,
      its Russian msgstr and the placeholders it carries; a translator answers with the same numbers.
  python tools/po_todo.py fill LOCALE_DIR OUT.yaml ANSWER.yaml
      ANSWER.yaml maps each number to {ky: …, tg: …, uz: …} (a list for plural forms); the numbers are
      resolved through OUT.yaml (the dump), so the catalogue may be re-dumped at any time.
"""

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from po_fill import fill, read_catalog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "huquq"
TARGET_LANGUAGES = ("ky", "tg", "uz")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def locale_dirs(root: Path = ROOT) -> list[Path]:
    return [root / "locale"] + sorted(p for p in root.glob("*/locale") if p.is_dir())


def _done(string) -> bool:
    forms = string if isinstance(string, tuple) else (string,)
    return all(forms)


def coverage(po_path: Path) -> tuple[int, int]:
    """(translated, total) messages, fuzzy ones counting as untranslated."""
    catalog = read_catalog(po_path)
    messages = [m for m in catalog if m.id]
    done = sum(1 for m in messages if _done(m.string) and "fuzzy" not in m.flags)
    return done, len(messages)


def status() -> None:
    for locale_dir in locale_dirs():
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
            done, total = coverage(po_path)
            share = 100.0 * done / total if total else 100.0
            print(f"{po_path.relative_to(ROOT.parent)}: {done}/{total} ({share:.1f} %)")


def dump(locale_dir: Path, out: Path, languages=TARGET_LANGUAGES) -> int:
    russian = {m.id: m for m in read_catalog(locale_dir / "ru/LC_MESSAGES/django.po") if m.id}
    missing = set()
    for lang in languages:
        for message in read_catalog(locale_dir / lang / "LC_MESSAGES/django.po"):
            if message.id and (not _done(message.string) or "fuzzy" in message.flags):
                missing.add(message.id)
    entries = {}
    for number, (msgid, message) in enumerate((k, v) for k, v in russian.items() if k in missing):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = {"msgid": list(msgid) if isinstance(msgid, tuple) else msgid,
                 "ru": list(message.string) if isinstance(message.string, tuple) else message.string}
        if PLACEHOLDER.search(key):
            entry["placeholders"] = sorted(set(PLACEHOLDER.findall(" ".join(entry["msgid"]) if isinstance(msgid, tuple) else key)))
        entries[number] = entry
    out.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=True, width=1000), encoding="utf-8")
    return len(entries)


def fill_answers(locale_dir: Path, out: Path, answers: Path) -> dict:
    entries = yaml.safe_load(out.read_text(encoding="utf-8"))
    given = yaml.safe_load(answers.read_text(encoding="utf-8"))
    already = {}
    for lang in TARGET_LANGUAGES:
        catalog = read_catalog(locale_dir / lang / "LC_MESSAGES/django.po")
        already[lang] = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog
                         if m.id and _done(m.string) and "fuzzy" not in m.flags}
    translations = {}
    for number, languages in given.items():
        msgid = entries[number]["msgid"]
        key = msgid[0] if isinstance(msgid, list) else msgid
        # a translation already in a catalogue stays: answers only fill what is missing
        translations[key] = {lang: text for lang, text in languages.items() if key not in already.get(lang, ())}
    return fill(locale_dir, translations)


if __name__ == "__main__":
    if sys.argv[1:2] == ["status"]:
        status()
    elif sys.argv[1:2] == ["dump"] and len(sys.argv) >= 4:
        print(dump(Path(sys.argv[2]), Path(sys.argv[3]), tuple(sys.argv[4:]) or TARGET_LANGUAGES))
    elif sys.argv[1:2] == ["fill"] and len(sys.argv) == 5:
        print(fill_answers(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])))
    else:
        sys.exit(__doc__)
