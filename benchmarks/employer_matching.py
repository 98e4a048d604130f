"""Benchmark: cluster 100,000 synthetic employer mentions; print the time and F1 (synthetic and labelled sets).

    .venv/bin/python benchmarks/employer_matching.py            # 100,000 mentions
    .venv/bin/python benchmarks/employer_matching.py 20000      # a smaller run

Synthetic firms are random syllable names with generic words and legal forms; each gets about five
mentions (Cyrillic with «», ICAO Latin, informal migrant typing, hyphen/space changes, a typo, some with a
city or a valid INN), the same kinds of variants as the hand-checked labelled set. Prints figures only.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from huquq.registry.employers.matching.cluster import Mention, cluster, pairwise_scores  # noqa: E402
from huquq.registry.employers.matching.identifiers import make_inn10  # noqa: E402
from huquq.text.translit import INFORMAL, to_latin  # noqa: E402

SYLLABLES = ["ал", "тын", "сам", "ар", "бек", "ка", "ра", "ну", "ер", "мо", "ли", "та", "гор", "вос", "ток", "ле",
             "жан", "қар", "ұл", "дос", "ми", "ро", "ви", "зор", "хан", "це", "щи", "ю", "ян", "шу", "чи", "бай",
             "ди", "ман", "тай", "кур", "са", "пер", "вел", "ом", "ир", "эл", "фа", "гу", "ки", "зу", "лан", "нур"]
GENERIC = ["Строй", "Сервис", "Инвест", "Трейд", "Групп", "Плюс", "Техно", "Транс", "Монтаж", "Профи", "Центр"]
FORMS = [("ООО", ["OOO", "LLC", "000"]), ("ТОО", ["TOO", "LLP"]), ("ИП", ["IP"]), ("АО", ["AO", "JSC"])]
CITIES = ["Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань", "Алматы", "Астана", "Шымкент",
          "Самара", "Краснодар", "Тюмень", "Сургут", "Караганда", "Актобе"]


def make_entities(rng: random.Random, count: int):
    entities = []
    for number in range(count):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        parts = [word]
        if rng.random() < 0.3:
            parts.append("".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize())
        parts += rng.sample(GENERIC, rng.choice([0, 1, 1, 2]))
        name = " ".join(parts) if rng.random() < 0.6 else "".join(parts)
        entities.append((f"E{number}", name, rng.choice(FORMS), rng.choice(CITIES),
                         make_inn10(f"{rng.randrange(10**8, 10**9)}") if rng.random() < 0.3 else ""))
    return entities


def informal(rng, text):
    return "".join(rng.choice(INFORMAL[ch]) if ch in INFORMAL else to_latin(ch) for ch in text.lower())


def typo(rng, text):
    if len(text) < 6:
        return text
    pos = rng.randrange(1, len(text) - 2)
    return text[:pos] + text[pos + 1] + text[pos] + text[pos + 2:] if rng.random() < 0.5 else text[:pos] + text[pos + 1:]


def make_mentions(rng: random.Random, size: int):
    entities = make_entities(rng, max(1, size // 5))
    mentions, gold = [], {}
    while len(mentions) < size:
        for eid, name, (form, latin_forms), city, inn in entities:
            if len(mentions) >= size:
                break
            kind = rng.randrange(6)
            text = [f"{form} «{name}»", f"{rng.choice(latin_forms)} \"{to_latin(name)}\"", informal(rng, name),
                    name.replace(" ", rng.choice(["-", ""])) + f" {form}", typo(rng, name),
                    f"{to_latin(name, 'gost')} {rng.choice(latin_forms)}"][kind]
            mid = f"m{len(mentions)}"
            mentions.append(Mention(mid, text, inn if inn and rng.random() < 0.4 else "",
                                    city if rng.random() < 0.6 else ""))
            gold[mid] = eid
    return mentions, gold


LABELLED_SETS = [
    ("2026 held-out set of record (never tuned on)", "labelled_mentions_2026_heldout3.csv"),
    ("2026 tuning set 1 (held out once, then looked at)", "labelled_mentions_2026.csv"),
    ("2026 tuning set 2 (held out once, then looked at)", "labelled_mentions_2026_heldout.csv"),
    ("2024 set (regression check; generated with the matcher's own tables, in-sample)", "labelled_mentions.csv"),
]


def labelled_scores(filename: str):
    path = ROOT / "huquq" / "registry" / "tests" / "data" / filename
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    mentions = [Mention(r["id"], r["name"], r["inn"], r["city"]) for r in rows]
    return pairwise_scores(cluster(mentions).labels, {r["id"]: r["entity"] for r in rows}), len(rows)


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(7)
    started = time.perf_counter()
    mentions, gold = make_mentions(rng, size)
    generated = time.perf_counter()
    cpu_start = time.process_time()
    result = cluster(mentions)
    finished = time.perf_counter()
    cpu = time.process_time() - cpu_start
    synthetic = pairwise_scores(result.labels, gold)
    print(f"mentions: {len(mentions)}  synthetic entities: {len(set(gold.values()))}")
    print(f"generation: {generated - started:.1f} s  clustering: {finished - generated:.1f} s wall, "
          f"{cpu:.1f} s CPU (one process; the CPU figure is the one that does not depend on other jobs)")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"stats: {result.stats}")
    print(f"synthetic set: precision {synthetic.precision:.3f} recall {synthetic.recall:.3f} F1 {synthetic.f1:.3f}")
    for label, filename in LABELLED_SETS:
        scores, rows = labelled_scores(filename)
        print(f"{label}, {rows} mentions: precision {scores.precision:.3f} recall {scores.recall:.3f} "
              f"F1 {scores.f1:.3f}")


if __name__ == "__main__":
    main()
