"""Matching engine for employer names: pure Python (no Django), so the CLI, the benchmark and the web
pages share it.

- `translit`    Cyrillic (Russian, Kazakh, Kyrgyz, Tajik, Uzbek letters) to Latin, and the Latin "skeleton"
                that makes standard and informal spellings meet (щ = shch = sch = sh, ж = zh = j …).
- `normalise`   quotes, case, ё, punctuation, legal-form tokens in any script, generic words.
- `identifiers` INN, OGRN/OGRNIP (Russia) and BIN (Kazakhstan) check digits.
- `cluster`     exact identifier match, then blocked fuzzy scoring (rapidfuzz) and union-find clustering,
                every merge with a reason string.
"""
