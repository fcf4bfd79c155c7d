"""Where an uncached page's milliseconds go: each public page rendered in this process, with no cache.

    .venv/bin/python bench/profile_pages.py [--database consultation_bench] [--only home] [--top 25] [--explain]

Run ``bench/run.py`` once first: it fills the database with the data at scale. Every page is rendered through the
whole middleware stack (Django's test client, production settings, a cache that keeps nothing) ``--repeat``
times; the table gives its median time, its SQL queries and its Python function calls, each as a ratio to the
trivial view ``/health/`` rendered the same way in the same run. With ``--only`` the profile of the matching
pages follows: the functions that take the most time of their own and in all (cProfile). It never fails a
build: whatever it measures, it exits 0.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import PAGES, TRIVIAL, database_url, production_environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", "consultation_bench"))
    parser.add_argument("--only", default="", help="profile the pages whose name contains this")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--explain", action="store_true", help="with --only: each query's EXPLAIN ANALYZE times"
    )
    options = parser.parse_args()
    try:
        run(options)
    except Exception as error:  # a benchmark reports; it never fails a build
        print(f"profile stopped: {error!r}")
    sys.exit(0)


def run(options: argparse.Namespace) -> None:
    os.environ.update(
        production_environment(
            port=8000,
            DATABASE_URL=database_url(options.database),
            CACHE_URL="dummycache://",
            ALLOW_LOCAL_CACHE="1",
            EMAIL_URL="dummymail://",
            LOG_LEVEL="ERROR",
            STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        )
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultation.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")

    def measure(path: str) -> tuple[float, int, int]:
        client.get(path)  # templates compiled, connection open
        times = []
        for _ in range(options.repeat):
            started = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            profile = cProfile.Profile()
            profile.enable()
            client.get(path)
            profile.disable()
        calls = pstats.Stats(profile).total_calls
        return statistics.median(times) * 1000, len(queries), calls

    trivial_ms, _, trivial_calls = measure(TRIVIAL)
    print(f"trivial view {TRIVIAL}: {trivial_ms:.2f} ms, {trivial_calls} calls")
    print(f"{'page':<34} | {'ms':>7} | {'ratio':>6} | {'queries':>7} | {'calls':>7}")
    for name, path, _kind in PAGES:
        response = client.get(path)
        if response.status_code != 200:
            print(f"{name:<34} | status {response.status_code}")
            continue
        ms, queries, calls = measure(path)
        print(f"{name:<34} | {ms:7.2f} | {trivial_ms / ms:6.2f} | {queries:7} | {calls:7}", flush=True)
    if not options.only:
        return
    for name, path, _kind in PAGES:
        if options.only not in name:
            continue
        if options.explain:
            explain(client, name, path)
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(options.repeat):
            client.get(path)
        profile.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(options.top)
            print(f"\n== {name} ({path}), {options.repeat} renders, by {order}")
            print(out.getvalue().split("\n", 6)[-1])


def explain(client, name: str, path: str) -> None:
    """Each query the page runs, with PostgreSQL's own planning and execution time for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    print(f"\n== {name} ({path}): {len(queries)} queries, PostgreSQL's planning + execution ms")
    for query in queries.captured_queries:
        if not query["sql"].startswith(
            "SELECT"
        ):  # a write or a savepoint would run again under EXPLAIN ANALYZE
            print(f"  {'(not explained)':>15}  {query['sql'][:110]}")
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            plan = cursor.fetchone()[0][0]
        print(f"  {plan['Planning Time']:6.2f} + {plan['Execution Time']:6.2f}  {query['sql'][:110]}")


if __name__ == "__main__":
    main()
