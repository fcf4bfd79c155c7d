"""Throughput and latency of the resource wall and the service directory with 10,000 offers, on PostgreSQL.

Loads N offers (90 % approved) into the database named by DATABASE_URL, starts gunicorn on --port, and hits
the wall (plain, filtered, searched) and the directory with --concurrency parallel clients for --seconds
each, next to a trivial view of the same server (the favicon redirect: Django's full middleware stack, no
template, no query). Prints requests per second, p50/p95 latency, and the ratio to the trivial view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/consultation_issue4 .venv/bin/python bench/wall_throughput.py

It never fails the build: it reports what it measured.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/consultation_issue4"
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-a-secret",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": "http://127.0.0.1:8000",
    "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "LOG_LEVEL": "ERROR",
}
WORDS = (
    "palīdzība bēgļi bērni ģimenes valodas kursi latviešu tulkošana arābu juridiskās konsultācijas telpas "
    "transports dzīvoklis apģērbi psihologs veselība darbs izglītība sabiedrība brīvprātīgie nodarbības "
    "semināri skola pārtika mācības atbalsts integrācija kultūra sports mūzika"
).split()


def prepare_database(offer_count: int) -> None:
    """Migrate, load the 2015 consultation, and make exactly ``offer_count`` offers exist."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "consultation_2015", verbosity=0)

    from consultation.models import Consultation, Organisation
    from registry.offers.models import Offer, OfferKind, Region, TargetGroup

    consultation = Consultation.objects.get(slug="riga-2015")
    areas = list(consultation.working_groups.all())
    if Offer.objects.filter(consultation=consultation).count() == offer_count:
        return
    Offer.objects.filter(consultation=consultation).delete()
    organisations = []
    for number in range(200):
        organisation, _created = Organisation.objects.get_or_create(
            slug=f"bench-organisation-{number}", defaults={"name_lv": f"Biedrība “Sēta {number}”"}
        )
        organisations.append(organisation)
    rng = random.Random(2015)
    batch = []
    for number in range(offer_count):
        offer = Offer(
            consultation=consultation,
            source=Offer.Source.WALL if number % 3 else Offer.Source.QUESTIONNAIRE,
            status=Offer.Status.APPROVED if number % 10 else Offer.Status.PENDING,
            organisation=organisations[number % 200] if number % 3 == 0 else None,
            author_name=f"Dalībnieks {number}",
            contact_email=f"bench{number}@example.org",
            area=rng.choice(areas),
            kind=rng.choice(OfferKind.values),
            description=" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize(),
            regions=rng.sample(Region.values, rng.randint(1, 3)),
            target_groups=rng.sample(TargetGroup.values, rng.randint(1, 3)),
            period="before",
        )
        offer.organisation_id = offer.organisation.pk if offer.organisation else None
        offer.search_text = offer.build_search_text()
        batch.append(offer)
    Offer.objects.bulk_create(batch, batch_size=1000)


def vacuum() -> None:
    """What autovacuum does on a live server: fresh statistics and visibility maps for index-only scans."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE offers_offer")


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start on port {port}")


def measure(port: int, path: str, *, seconds: float, concurrency: int) -> dict:
    """Hit ``path`` from ``concurrency`` clients; a path ending in ``&uncached=`` gets a new number each time."""
    latencies: list[float] = []
    counter = iter(range(10**9))
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        local, local_errors = [], 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                target = f"{path}{next(counter)}" if path.endswith("uncached=") else path
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status >= 400:
                    local_errors += 1
            except OSError:
                local_errors += 1
            local.append(time.perf_counter() - started)
        with lock:
            latencies.extend(local)
            errors += local_errors

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000 if latencies else 0,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8024)
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.update(SERVER_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "consultation.settings"
    sys.path.insert(0, str(ROOT))
    _create_database_if_missing(os.environ["DATABASE_URL"])
    print(
        f"Preparing {args.offers} offers in {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]} ...", flush=True
    )
    prepare_database(args.offers)
    vacuum()
    # Persistent database connections, as in production (see docs/resource-wall.md, "Deployment").
    if "conn_max_age" not in os.environ["DATABASE_URL"]:
        separator = "&" if "?" in os.environ["DATABASE_URL"] else "?"
        os.environ["DATABASE_URL"] += f"{separator}conn_max_age=600"

    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "consultation.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        wait_for_port(args.port)
        slug = "riga-2015"
        pages = [
            ("trivial view (favicon redirect)", "/favicon.ico"),
            ("wall", f"/lv/{slug}/wall/"),
            ("wall, filtered (area + region)", f"/lv/{slug}/wall/?area=4&region=riga"),
            ("wall, searched ('begli')", f"/lv/{slug}/wall/?q=begli"),
            ("wall, filtered + searched", f"/lv/{slug}/wall/?kind=language&q=valodas"),
            ("wall, page 100", f"/lv/{slug}/wall/?page=100"),
            ("wall, searched, never cached", f"/lv/{slug}/wall/?q=begli&uncached="),
            ("wall, filtered, never cached", f"/lv/{slug}/wall/?area=4&region=riga&uncached="),
            ("directory", f"/lv/{slug}/directory/"),
            ("directory, filtered (region)", f"/lv/{slug}/directory/?region=latgale"),
            ("directory, searched ('gimenes')", f"/lv/{slug}/directory/?q=gimenes"),
            ("directory, searched, never cached", f"/lv/{slug}/directory/?q=gimenes&uncached="),
        ]
        for _label, path in pages:  # warm every worker's caches
            measure(args.port, path, seconds=0.5, concurrency=args.workers)
        print(
            f"\n{args.offers} offers, gunicorn {args.workers} workers, {args.concurrency} clients, "
            f"{args.seconds:.0f} s per page\n"
        )
        # The machine may be shared: each page is measured right after the trivial view, and compared with it.
        print(
            f"{'page':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'trivial req/s':>14} "
            f"{'ratio':>7}"
        )
        trivial_path = pages[0][1]
        for label, path in pages[1:]:
            trivial = measure(args.port, trivial_path, seconds=args.seconds, concurrency=args.concurrency)
            result = measure(args.port, path, seconds=args.seconds, concurrency=args.concurrency)
            print(
                f"{label:<34} {result['rps']:>8.1f} {result['p50']:>8.1f} {result['p95']:>8.1f} "
                f"{result['errors']:>7} {trivial['rps']:>14.1f} {result['rps'] / trivial['rps']:>6.2f}x",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


def _create_database_if_missing(url: str) -> None:
    import environ
    import psycopg2

    config = environ.Env.db_url_config(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"],
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    connection.close()


if __name__ == "__main__":
    main()
