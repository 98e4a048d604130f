"""Pairwise precision / recall / F1 on the 2026 labelled sets (issue 18), as regression floors.

- `labelled_mentions_2026.csv` is tuning data (both of its parts: its first held-out part was looked at).
- `labelled_mentions_2026_heldout.csv` was frozen before the last matcher changes and never used for tuning.
  Measured on it when it was first run: precision 0.934, recall 0.884, F1 0.908. That is BELOW the issue's
  target (precision >= 0.97, F1 >= 0.95): the floors below only stop it getting worse. docs/employers.md
  says which figure is which and what the held-out misses are.
"""

import csv
from pathlib import Path

from huquq.registry.employers.matching.cluster import Mention, cluster, pairwise_scores

DATA = Path(__file__).parent.parent / "data"


def _scores(filename: str):
    with open(DATA / filename, encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    result = cluster([Mention(r["id"], r["name"], r["inn"], r["city"]) for r in rows])
    return pairwise_scores(result.labels, {r["id"]: r["entity"] for r in rows})


def test_tuning_set_2026():
    scores = _scores("labelled_mentions_2026.csv")
    assert scores.precision >= 0.97 and scores.f1 >= 0.95, scores


def test_held_out_set_2026_does_not_get_worse():
    scores = _scores("labelled_mentions_2026_heldout.csv")
    assert scores.precision >= 0.93 and scores.f1 >= 0.90, scores
