"""The contract check engine (issue 20): answers per second through `rules.engine.contract.check`.

Prints wall time and process CPU time for N random questionnaires (default 20,000). No target is set by the
issue; the figure shows the check costs nothing next to rendering the page. Pure Python, no database.

    python benchmarks/contract_check.py [N]
"""

import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huquq.rules.engine import contract, default_rulebook  # noqa: E402


def random_answers(rng: random.Random) -> contract.Answers:
    written = rng.random() < 0.7
    return contract.Answers(
        origin=rng.choice(["TJ", "UZ", "KG", "KZ", ""]), host=rng.choice(["RU", "KZ", ""]), written=written,
        understood=rng.random() < 0.8,
        terms=frozenset(t for t in contract.TERMS if written and rng.random() < 0.6),
        copy=rng.random() < 0.7, notarised=rng.random() < 0.5,
        pays=frozenset(p for p in contract.PAYMENTS if rng.random() < 0.2), passport=rng.random() < 0.3,
        substitution=rng.random() < 0.2)


def main(n: int) -> None:
    default_rulebook()  # loaded once per process, as in the web server
    rng = random.Random(20)
    answers = [random_answers(rng) for _ in range(n)]
    on = date(2026, 12, 2)
    wall, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(contract.check(a, on, "ru")) for a in answers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"contract check: {n} questionnaires, {findings} findings")
    print(f"  wall {wall:.2f} s ({wall / n * 1e6:.0f} µs each); process CPU {cpu:.2f} s ({cpu / n * 1e6:.0f} µs each)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
