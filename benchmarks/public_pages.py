"""Throughput of the public pages on the production server, beside the home page in the same run.

Builds a throw-away installation (SQLite in a temporary folder, demo data, collected static files), starts
`huquq serve` (gunicorn) on 127.0.0.1 on a free port, and sends a bounded load to each page: at most
--requests requests or --seconds seconds per page, from --concurrency client threads, one connection per
request (gunicorn's sync workers close it). Prints req/s, p50 and p99 per page. Only loopback is used.

    .venv/bin/python benchmarks/public_pages.py [--workers 2] [--requests 2000] [--seconds 15] [--concurrency 8]

The target (issue 15): each public page >= 500 req/s with p99 < 100 ms on 2 workers / 2 cores, or at least
half the home page's rate in the same run when the machine is slower (the client shares the cores).
Beside the wall-clock figures it prints the server's CPU time per request (master and workers, from /proc)
and the client's, and the load average: on a shared machine the CPU time is the figure that does not move.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HUQUQ = [sys.executable, "-m", "huquq.cli"]

STATUS_ANSWER = {
    "citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2026-10-01",
    "employment": "legal_entity", "as_of": "2026-11-15", "doc_patent_issued": "2026-10-20",
    "doc_patent_expires": "2027-10-19",
}
PAGES = [
    ("home", "GET", "/ru/", None),
    ("status form", "GET", "/ru/rules/", None),
    ("status answer", "POST", "/ru/rules/", STATUS_ANSWER),
    ("help search", "GET", "/ru/registry/help/?" + urlencode({"country": "RU", "service": "legal_advice"}), None),
    ("warnings", "GET", "/ru/registry/warnings/", None),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict) -> None:
    subprocess.run([*HUQUQ, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def prepare(tmp: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(HUQUQ_VAR_DIR=str(tmp / "var"), HUQUQ_STATIC_ROOT=str(tmp / "static"), DEBUG="false",
               HUQUQ_LOG_LEVEL="WARNING", HUQUQ_FIELD_KEYS=secrets.token_urlsafe(32))  # a throw-away field key
    print("preparing: migrate, load_demo, collectstatic …", file=sys.stderr)
    run(["migrate", "--noinput", "-v", "0"], env)
    run(["load_demo"], env)
    run(["collectstatic", "--noinput", "-v", "0"], env)
    return env


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            request(port, "GET", "/healthz", None, {})
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def request(port: int, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, bytes, list]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        conn.close()


def csrf_headers(port: int) -> tuple[dict, str]:
    """A CSRF cookie and the matching form token, taken once from the status form."""
    _status, html, headers = request(port, "GET", "/ru/rules/", None, {})
    cookie = next(value.split(";")[0] for name, value in headers
                  if name.lower() == "set-cookie" and value.startswith("csrftoken="))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    return {"Cookie": cookie, "Referer": f"http://127.0.0.1:{port}/ru/rules/"}, token


def load(port, method, path, form, headers, token, total, seconds, concurrency) -> dict:
    body = None
    headers = dict(headers) if method == "POST" else {}
    if form is not None:
        body = urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    for _ in range(10):  # warm-up, not counted
        request(port, method, path, body, headers)
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.monotonic() + seconds

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    return
            started = time.perf_counter()
            status, _content, _headers = request(port, method, path, body, headers)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "n": len(latencies), "rps": len(latencies) / wall, "errors": len(errors),
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of the server process, its live children (the gunicorn workers) and the
    children it has already reaped (a worker gunicorn recycled mid-run), from /proc; 0.0 without /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    # utime, stime, then cutime, cstime: the CPU of workers that exited, which would otherwise vanish
    own = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return own / tick + sum(server_cpu(int(child)) for child in children)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=2000, help="at most this many requests per page")
    parser.add_argument("--seconds", type=float, default=15, help="at most this long per page")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(Path(tmp))
        port = free_port()
        server = subprocess.Popen([*HUQUQ, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(port, server)
            headers, token = csrf_headers(port)
            for _name, method, path, form in PAGES:  # both workers booted and warm before anything is measured
                load(port, method, path, form, headers, token, 40, args.seconds, args.concurrency)
            print(f"gunicorn, {args.workers} workers, {os.cpu_count()} cores, {args.concurrency} client threads, "
                  f"<= {args.requests} requests / {args.seconds:g} s per page")
            print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            print(f"{'page':<14} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-200':>8} "
                  f"{'vs home':>8} {'srv CPU ms/req':>15} {'client CPU ms/req':>18}")
            home_rps = None
            for name, method, path, form in PAGES:
                cpu_before, client_before = server_cpu(server.pid), time.process_time()
                figures = load(port, method, path, form, headers, token, args.requests, args.seconds,
                               args.concurrency)
                served = max(figures["n"] + 10, 1)  # with the warm-up requests
                cpu = (server_cpu(server.pid) - cpu_before) * 1000 / served
                client_cpu = (time.process_time() - client_before) * 1000 / served
                home_rps = home_rps or figures["rps"]
                print(f"{name:<14} {figures['n']:>8} {figures['rps']:>8.0f} {figures['p50']:>8.1f} "
                      f"{figures['p99']:>8.1f} {figures['errors']:>8} {figures['rps'] / home_rps:>8.2f} "
                      f"{cpu:>15.1f} {client_cpu:>18.1f}", flush=True)
            print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        finally:
            server.terminate()
            server.wait(timeout=40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
