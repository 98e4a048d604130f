"""Benchmark: evaluate N generated profiles with the rules engine and print the throughput.

usage: python benchmarks/status_engine.py [N] [--workers W] [--parse]
Default N = 1,000,000 profiles, W = number of CPU cores. Profiles are generated deterministically in each
worker (random citizenship, host, region, dates 2008–2026, employment, OKVED, ban, documents, 0–4 earlier stays
in the host country and, for a third, the day the patent is paid until) and evaluated with
`huquq.rules.engine.evaluate` on their as-of date; with --parse each profile goes through the JSON-like dict
parser (`status()`) as the CLI and web page do. The engine is pure Python and needs no Django or database.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from huquq.rules.engine import default_rulebook, evaluate, status  # noqa: E402
from huquq.rules.engine.model import Document, Profile  # noqa: E402

CITIZENSHIPS = ["KG", "TJ", "UZ", "KZ", "AM", "BY", "MD", "UA", "GE", "AZ", "TM", "CN", "RU"]
HOSTS = {"RU": ["RU-MOW", "RU-MOS", "RU-SPE", "RU-LEN", "RU-NVS", "RU-SVE", "RU-TA", "RU-KDA"],
         "KZ": ["KZ-ALA", "KZ-AST", "KZ-ALM", "KZ-YUZ"], "TR": [""]}
OKVED = ["", "", "60.22", "45.21", "13.1", "65", "74.83", "52.1", "49.32", "53.20", "47.11"]
EMPLOYMENT = ["none", "individual", "legal_entity"]
START = date(2008, 1, 1).toordinal()
SPAN = date(2026, 12, 31).toordinal() - START


def make_profiles(seed: int, n: int) -> list[tuple[Profile, date]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        host = rnd.choice(("RU", "RU", "RU", "KZ", "TR"))
        cit = rnd.choice(CITIZENSHIPS)
        if cit == host:
            cit = "TJ"
        entry = date.fromordinal(START + rnd.randrange(SPAN))
        as_of = entry + timedelta(days=rnd.randrange(0, 400))
        ban = (None, None)
        if rnd.random() < 0.2:
            bs = entry - timedelta(days=rnd.randrange(0, 2000))
            ban = (bs, bs + timedelta(days=rnd.choice((365, 1095, 1825))))
        docs = tuple(Document(t, entry) for t in ("patent", "registration") if rnd.random() < 0.3)
        stays, end = [], entry
        for _ in range(rnd.randrange(5)):  # earlier stays, most recent first, each before the next
            last = end - timedelta(days=rnd.randrange(1, 200))
            first = last - timedelta(days=rnd.randrange(0, 120))
            stays.append((first, last))
            end = first
        paid = entry + timedelta(days=rnd.randrange(0, 400)) if rnd.random() < 0.33 else None
        out.append((Profile(citizenship=cit, host_country=host, region=rnd.choice(HOSTS[host]), entry_date=entry,
                            employment=rnd.choice(EMPLOYMENT), activity_okved=rnd.choice(OKVED), documents=docs,
                            ban_start=ban[0], ban_end=ban[1], stays=tuple(sorted(stays)),
                            patent_paid_until=paid), as_of))
    return out


def as_dict(p: Profile) -> dict:
    d = {"citizenship": p.citizenship, "host_country": p.host_country, "region": p.region,
         "entry_date": p.entry_date.isoformat(), "employment": p.employment, "activity_okved": p.activity_okved,
         "documents": [{"type": x.type, "issued": x.issued.isoformat()} for x in p.documents]}
    if p.ban_start:
        d["ban"] = {"start": p.ban_start.isoformat(), "end": p.ban_end.isoformat()}
    if p.stays:
        d["stays"] = [{"entry": a.isoformat(), "exit": b.isoformat()} for a, b in p.stays]
    if p.patent_paid_until:
        d["patent_paid_until"] = p.patent_paid_until.isoformat()
    return d


def work(args) -> tuple[int, int, float, float]:
    seed, n, parse = args
    book = default_rulebook()
    done = items = 0
    elapsed = cpu = 0.0
    chunk = 20000
    while done < n:
        m = min(chunk, n - done)
        batch = make_profiles(seed * 1_000_003 + done, m)
        if parse:
            batch = [(as_dict(p), on) for p, on in batch]
        t0, c0 = time.perf_counter(), time.process_time()
        if parse:
            for d, on in batch:
                items += len(status(d, on, "ru", book).items)
        else:
            for p, on in batch:
                items += len(evaluate(p, on, "ru", book).items)
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += m
    return done, items, elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--parse", action="store_true", help="also parse each profile from a dict")
    args = parser.parse_args()
    book = default_rulebook()
    print(f"rulebook: {len(book.rules)} rules, {len(book.memberships)} group memberships")
    w = max(1, args.workers)
    shares = [args.n // w + (1 if i < args.n % w else 0) for i in range(w)]
    t0 = time.perf_counter()
    if w == 1:
        results = [work((0, shares[0], args.parse))]
    else:
        with Pool(w) as pool:
            results = pool.map(work, [(i, s, args.parse) for i, s in enumerate(shares)])
    wall = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    items = sum(r[1] for r in results)
    eval_time = max(r[2] for r in results)
    print(f"profiles evaluated: {done:,} ({'parsed + evaluated' if args.parse else 'evaluated'}) "
          f"with {w} worker(s)")
    print(f"items produced: {items:,} ({items / max(done, 1):.1f} per profile)")
    print(f"wall time (incl. generating profiles): {wall:.1f} s")
    cpu = sum(r[3] for r in results)
    print(f"evaluation time (slowest worker): {eval_time:.1f} s = {done / max(eval_time, 1e-9):,.0f} profiles/s")
    print(f"evaluation CPU time (all workers): {cpu:.1f} s = {cpu / max(done, 1) * 1e6:.1f} us per profile; "
          f"on {w} idle core(s) that is {cpu / w:.1f} s")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          "(other processes on the machine slow the wall-clock figures)")


if __name__ == "__main__":
    main()
