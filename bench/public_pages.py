"""Throughput and latency of the public event pages against a trivial view, on gunicorn + PostgreSQL.

.venv/bin/python bench/public_pages.py [--requests 2000] [--concurrency 8] [--workers 4]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import fresh_database, get_request, gunicorn, load, prepare  # noqa: E402

PAGES = [
    ("home /lv/", "/lv/"),
    ("programme /en/riga-2015/programme/", "/en/riga-2015/programme/"),
    ("calendar /lv/riga-2015/programme.ics", "/lv/riga-2015/programme.ics"),
    ("working groups /lv/riga-2015/groups/", "/lv/riga-2015/groups/"),
    ("group /lv/riga-2015/groups/5/", "/lv/riga-2015/groups/5/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8090)
    args = parser.parse_args()

    database = fresh_database("consultation_bench_pages")
    prepare(database, "consultation_2015")
    with gunicorn(database, port=args.port, workers=args.workers) as base:
        for _, path in [("warm-up", "/health/"), *PAGES]:
            load("warm-up", get_request(path), base=base, total=50, concurrency=2)
        trivial = load(
            "trivial /health/",
            get_request("/health/"),
            base=base,
            total=args.requests,
            concurrency=args.concurrency,
        )
        print(
            f"gunicorn workers={args.workers}, concurrency={args.concurrency}, requests={args.requests} each"
        )
        print(trivial.line())
        for name, path in PAGES:
            print(
                load(
                    name, get_request(path), base=base, total=args.requests, concurrency=args.concurrency
                ).line(trivial)
            )


if __name__ == "__main__":
    main()
