"""Which rule texts lack a fresh Kyrgyz, Tajik or Uzbek translation, and fill them in.

usage:
  python tools/rule_translations.py todo [LANG …]
      list the rules whose translation is missing or stale (the Russian text changed since), with the
      Russian text to translate.
  python tools/rule_translations.py fill ANSWERS.yaml
      ANSWERS.yaml maps rule id -> {ky: …, tg: …, uz: …}; each is written to
      huquq/rules/rulebook/translations/<lang>.yaml with the hash of the current Russian text.
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from huquq.languages.uz_cyrl import normalise_apostrophes  # noqa: E402
from huquq.rules.engine import translations  # noqa: E402
from huquq.rules.engine.rulebook import RULEBOOK_DIR, read_files  # noqa: E402

HEADER = ("# {name} wording of the rulebook's texts, keyed by rule id and field; `source` is the hash of the\n"
          "# Russian text translated (huquq/rules/engine/translations.py). Fill with tools/rule_translations.py.\n")
NAMES = {"ky": "Kyrgyz", "tg": "Tajik", "uz": "Uzbek (Latin)"}


def todo(languages):
    rules, _ = read_files()
    by_id = {r["id"]: r for r in rules}
    for lang in languages:
        for rule_id, state in translations.stale_or_missing(rules, RULEBOOK_DIR, lang).items():
            print(f"{lang} {state} {rule_id} | {' '.join(by_id[rule_id]['text']['ru'].split())}")


def fill(answers_path: Path):
    answers = yaml.safe_load(answers_path.read_text(encoding="utf-8"))
    rules, _ = read_files()
    russian = {r["id"]: r["text"]["ru"] for r in rules}
    for lang in translations.TRANSLATED_LANGUAGES:
        table = translations.load(RULEBOOK_DIR, lang)
        for rule_id, given in answers.items():
            if rule_id in russian and given.get(lang):
                text = " ".join(given[lang].split())
                text = normalise_apostrophes(text) if lang == "uz" else text
                table[rule_id] = {"text": {"source": translations.source_hash(russian[rule_id]), "translation": text}}
        path = RULEBOOK_DIR / "translations" / f"{lang}.yaml"
        path.parent.mkdir(exist_ok=True)
        body = yaml.safe_dump(dict(sorted(table.items())), allow_unicode=True, sort_keys=False, width=110)
        path.write_text(HEADER.format(name=NAMES[lang]) + body, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(table)} rules")


if __name__ == "__main__":
    if sys.argv[1:2] == ["todo"]:
        todo(sys.argv[2:] or translations.TRANSLATED_LANGUAGES)
    elif sys.argv[1:2] == ["fill"] and len(sys.argv) == 3:
        fill(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
