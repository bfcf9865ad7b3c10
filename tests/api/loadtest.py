"""Loopback load test of the API (a script, not a timed test): requests/s and p50/p99 latency.

Run: ``.venv/bin/python tests/api/loadtest.py [--requests 2000] [--workers 8] [--pg URL]``. Builds the
examples database with the real pipeline, serves it with uvicorn on 127.0.0.1 and sends a bounded number
of GETs from a thread pool (one keep-alive httpx client per worker), stopping early after ``--seconds``.
With ``--pg postgresql://...`` the same store is copied into a fresh schema of that server (dropped
afterwards) and served from PostgreSQL instead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from api.conftest import build_examples_db, copy_store, start_server, stop_server
from conftest import with_search_path

PATHS = (
    "/api/incidents",
    "/api/incidents?min_sources=2&sort=killed",
    "/api/claims?kind=killed",
    "/api/events?limit=20&modality=asserted",
    "/api/incidents?q=Kirkuk",
    "/api/health",
)


@contextmanager
def served_store(db: Path, pg: str | None) -> Iterator[str]:
    """``db`` itself, or a copy of it in a fresh schema of the PostgreSQL server ``pg`` (dropped after)."""
    if pg is None:
        yield str(db)
        return
    import psycopg
    from psycopg import sql

    schema = f"tacitus_load_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        url = with_search_path(pg, schema)
        copy_store(db, url)
        yield url
    finally:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--pg", default=None, help="serve from this PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        served_store(build_examples_db(Path(folder) / "load.db"), args.pg) as db,
    ):
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
