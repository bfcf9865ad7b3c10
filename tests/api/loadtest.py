"""Loopback load test of the API (a script, not a timed test): requests/s and p50/p99 latency.

Run: ``.venv/bin/python tests/api/loadtest.py [--requests 2000] [--workers 8]``. Builds the examples
database with the real pipeline, serves it with uvicorn on 127.0.0.1 and sends a bounded number of GETs
from a thread pool (one keep-alive httpx client per worker), stopping early after ``--seconds``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from api.conftest import build_examples_db, start_server, stop_server

PATHS = (
    "/api/incidents",
    "/api/incidents?min_sources=2&sort=killed",
    "/api/claims?kind=killed",
    "/api/events?limit=20&modality=asserted",
    "/api/incidents?q=Kirkuk",
    "/api/health",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build_examples_db(Path(folder) / "load.db")
        server, thread, url = start_server(db)
        local = threading.local()
        latencies: list[float] = []
        failures = 0
        deadline = time.monotonic() + args.seconds

        def hit(i: int) -> None:
            nonlocal failures
            if time.monotonic() > deadline:
                return
            client = getattr(local, "client", None)
            if client is None:
                client = local.client = httpx.Client(base_url=url, timeout=30)
            start = time.perf_counter()
            status = client.get(PATHS[i % len(PATHS)]).status_code
            latencies.append(time.perf_counter() - start)
            failures += status != 200

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(hit, range(args.requests)))
        elapsed = time.perf_counter() - began
        stop_server(server, thread)
    cuts = statistics.quantiles(latencies, n=100)
    print(f"requests: {len(latencies)} ({failures} not 200) in {elapsed:.1f} s with {args.workers} workers")
    print(f"throughput: {len(latencies) / elapsed:.0f} requests/s")
    p50, p99, worst = cuts[49] * 1000, cuts[98] * 1000, max(latencies) * 1000
    print(f"latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
