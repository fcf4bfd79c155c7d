"""The benchmark: every public page against the trivial view, on a production-like server with data at scale.

    .venv/bin/python bench/run.py [--seconds 3] [--workers 4] [--connections 8] [--registrations 2000]

What it does, in order:
1. a PostgreSQL database (``--database``, created when missing, ``--fresh`` to start over): migrations, the 2015
   consultation, ``manage.py synthetic_data`` (2,000 participants, 10,000 offers, 500 commitments, an edition
   of the document), fresh planner statistics;
2. gunicorn (``--workers``) with ``DEBUG=0``, the Redis cache (``--redis``, its database flushed first) and
   persistent database connections, as in production; every public page is loaded by wrk (Debian's package,
   installed with apt-get when missing) for ``--seconds``, each page right after the trivial view ``/health/``
   on the same server, so the ratio compares two figures measured under the same load from other programs;
3. the same server with a cache that keeps nothing (``CACHE_URL=dummycache://``): every page rendered for
   every request, the uncached figure;
4. the resident memory of each gunicorn worker after ``--memory-requests`` requests spread over the pages;
5. registration submits from concurrent clients (form protection limits raised, as one address sends them
   all), then a check in the database that no group holds more confirmed people than its capacity and that
   every waiting list is numbered 1..n.

It prints a table (req/s, p50, p95, the ratio to the trivial view and its target, cached and uncached side by
side) with the commit it ran on, and never fails a build: whatever it measures, it exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SLUG = "riga-2015"
SYNTHETIC_EMAIL = "@sintetiski.example"  # synthetic_data's mark: its next run removes these registrations too

# (name, path, kind). Targets per kind: (cached, uncached) ratio to the trivial view.
TARGETS = {"page": (0.7, 0.25), "form": (0.4, 0.25), "search": (0.7, 0.15), "file": (0.7, 0.25)}
PAGES = [
    ("home", "/lv/", "page"),
    ("programme", f"/en/{SLUG}/programme/", "page"),
    ("programme calendar", f"/lv/{SLUG}/programme.ics", "file"),
    ("groups", f"/lv/{SLUG}/groups/", "page"),
    ("group page", f"/lv/{SLUG}/groups/4/", "page"),
    ("group participants", f"/lv/{SLUG}/groups/4/participants/", "page"),
    ("privacy", f"/lv/{SLUG}/privacy/", "page"),
    ("registration form", f"/lv/{SLUG}/register/", "form"),
    ("wall", f"/lv/{SLUG}/wall/", "page"),
    ("wall, page 50", f"/lv/{SLUG}/wall/?page=50", "page"),
    ("wall, filtered", f"/lv/{SLUG}/wall/?area=4&region=riga", "page"),
    ("wall, searched 'bērni'", f"/lv/{SLUG}/wall/?q=b%C4%93rni", "search"),
    ("wall, searched 'daugavpils'", f"/lv/{SLUG}/wall/?q=daugavpils", "search"),
    ("wall, searched 'children'", f"/en/{SLUG}/wall/?q=children", "search"),
    ("wall card form", f"/lv/{SLUG}/wall/new/", "form"),
    ("questionnaire", f"/lv/{SLUG}/questionnaire/", "form"),
    ("directory", f"/lv/{SLUG}/directory/", "page"),
    ("directory, searched 'psihologs'", f"/lv/{SLUG}/directory/?q=psihologs", "search"),
    ("directory, one organisation", f"/lv/{SLUG}/directory/sintetiska-1/", "page"),
    ("coverage", f"/lv/{SLUG}/coverage/", "page"),
    ("open data", f"/lv/{SLUG}/open-data/", "page"),
    ("commitment document", f"/lv/{SLUG}/commitments/", "page"),
    ("document edition 1", f"/lv/{SLUG}/commitments/editions/1/", "page"),
    ("follow-up (progress)", f"/lv/{SLUG}/commitments/progress/", "page"),
    ("commitment form", f"/lv/{SLUG}/commitments/new/", "form"),
    ("results screen", f"/lv/{SLUG}/results/", "page"),
    ("results screen, live part", f"/lv/{SLUG}/results/live/", "page"),
]
TRIVIAL = "/health/"
# The results screen is public when the organisers say so; the runner shows it, at its figures step.
RESULTS_SCREEN_PUBLIC = f"""
from commitments.models import ResultsScreen
from consultation.models import Consultation
ResultsScreen.objects.update_or_create(
    consultation=Consultation.objects.get(slug="{SLUG}"), defaults={{"is_public": True, "step": 2}}
)
"""

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "bad_status": %d, "socket": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""

# --- the database ---------------------------------------------------------------------------------------


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def psql(name: str, query: str, *, autocommit: bool = False) -> list[tuple]:
    import psycopg2

    connection = psycopg2.connect(database_url(name))
    connection.autocommit = autocommit
    try:
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.commit() if not autocommit else None
        connection.close()


def ensure_database(name: str, *, fresh: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(database_url("postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def production_environment(*, port: int, **settings: str) -> dict[str, str]:
    """A production-like server's environment (DEBUG off, HTTP on 127.0.0.1:``port``) with ``settings`` on top.

    One address sends every request, so the per-client form limits and the minimum fill time are lifted."""
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY="benchmark-only-not-a-secret-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_COOKIES="0",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",  # enqueued, as in production
        PUBLIC_FORM_RATES=",".join(
            f"{form}=100000000/600"
            for form in ("registration", "link-request", "wall", "contact", "questionnaire", "commitment")
        ),
        FORM_MIN_FILL_SECONDS="0",
    )
    env.update(settings)
    return env


def environment(options: argparse.Namespace, *, cache_url: str) -> dict[str, str]:
    return production_environment(
        port=options.port,
        DATABASE_URL=database_url(options.database),
        CONN_MAX_AGE="600",
        CACHE_URL=cache_url,
        # the uncached server's cache keeps nothing, on purpose (settings refuse such a cache otherwise)
        ALLOW_LOCAL_CACHE="1" if cache_url.startswith("dummycache") else "0",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        EMAIL_URL="dummymail://",  # no worker runs here
        LOG_LEVEL="ERROR",
    )


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout.strip()


def prepare(options: argparse.Namespace) -> str:
    ensure_database(options.database, fresh=options.fresh)
    env = environment(options, cache_url="dummycache://")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "loaddata", "consultation_2015", "--verbosity", "0")
    has_edition = psql(options.database, "SELECT count(*) FROM commitments_edition")[0][0] > 0
    summary = manage(
        env,
        "synthetic_data",
        f"--slug={SLUG}",
        f"--participants={options.participants}",
        f"--offers={options.offers}",
        f"--commitments={options.commitments}",
        *([] if has_edition else ["--publish-edition"]),
    )
    manage(env, "shell", "-c", RESULTS_SCREEN_PUBLIC)
    psql(options.database, "VACUUM ANALYZE", autocommit=True)  # what autovacuum does on a live server
    return summary


# --- the server and the load ----------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(options: argparse.Namespace, *, cache_url: str) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "consultation.wsgi", "--bind", f"127.0.0.1:{options.port}"]
        + ["--workers", str(options.workers), "--log-level", "warning"],
        cwd=ROOT,
        env=environment(options, cache_url=cache_url),
    )
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                if get(options, TRIVIAL)[0] == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(options: argparse.Namespace, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", options.port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=False)
    return shutil.which("wrk") or ""


@dataclass
class Figure:
    requests: int
    per_second: float
    p50: float
    p95: float
    errors: int

    @classmethod
    def none(cls) -> Figure:
        return cls(0, 0.0, 0.0, 0.0, 0)


def wrk(options: argparse.Namespace, path: str, script: str, *, seconds: float) -> Figure:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script + WRK_REPORT)
    try:
        done = subprocess.run(
            [
                options.wrk,
                "-t",
                str(options.threads),
                "-c",
                str(options.connections),
                "-d",
                f"{max(1, round(seconds))}s",
            ]
            + (["-H", "Accept-Encoding: gzip"] if options.gzip else [])
            + ["--timeout", "30s", "-s", file.name, f"http://127.0.0.1:{options.port}{path}"],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
    finally:
        os.unlink(file.name)
    match = re.search(r"^RESULT (\{.*\})$", done.stdout, re.M)
    if not match:
        print(f"  wrk gave no figures for {path}: {done.stderr.strip()[:200]}", flush=True)
        return Figure.none()
    data = json.loads(match.group(1))
    seconds_taken = data["duration_us"] / 1e6 or 1
    return Figure(
        requests=data["requests"],
        per_second=data["requests"] / seconds_taken,
        p50=data["p50_us"] / 1000,
        p95=data["p95_us"] / 1000,
        errors=data["bad_status"] + data["socket"],
    )


def measure_pages(options: argparse.Namespace, pages: list[tuple[str, str, str]]) -> dict[str, tuple]:
    """Each page right after the trivial view; its ratio is to the mean of the trivial runs around it."""
    for _name, path, _kind in pages:  # every worker's first render, imports and connections
        wrk(options, path, "", seconds=1)
    results: dict[str, tuple] = {}
    before = wrk(options, TRIVIAL, "", seconds=options.seconds)
    results["trivial /health/"] = (before, 1.0)
    for name, path, _kind in pages:
        figure = wrk(options, path, "", seconds=options.seconds)
        after = wrk(options, TRIVIAL, "", seconds=options.seconds)
        trivial = (before.per_second + after.per_second) / 2
        results[name] = (figure, figure.per_second / trivial if trivial else 0.0)
        print(f"  {name:<34} {figure.per_second:8.1f} req/s  {results[name][1]:5.2f}x", flush=True)
        before = after
    return results


def worker_memory(master_pid: int) -> list[tuple[int, float]]:
    """Each gunicorn worker (the master's children) with its resident memory in MB, read from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            # "pid (name) state ppid ...": the name may hold spaces, so split after its closing parenthesis
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == master_pid:
                status = (stat.parent / "status").read_text()
                rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
                sizes.append((int(stat.parent.name), rss))
    return sorted(sizes)


def memory_after(options: argparse.Namespace, process: subprocess.Popen, pages: list[tuple]) -> str:
    """Each worker's RSS after ``--memory-requests`` requests spread over every page, by a plain client: the
    speed does not matter here, and every request is answered (wrk's early stop left connections open until
    gunicorn's timeout killed, and so renewed, the workers)."""
    before = {pid for pid, _size in worker_memory(process.pid)}
    paths = [path for _name, path, _kind in pages]
    with ThreadPoolExecutor(max_workers=options.connections) as pool:
        statuses = list(
            pool.map(lambda n: get(options, paths[n % len(paths)])[0], range(options.memory_requests))
        )
    sizes = worker_memory(process.pid)
    if not sizes:
        return f"{len(statuses)} more requests over every page: no gunicorn worker found to measure"
    renewed = len({pid for pid, _size in sizes} - before)
    return (
        f"{len(statuses)} more requests over every page ({statuses.count(200)} answered 200), then worker RSS: "
        + ", ".join(f"pid {pid} {size:.0f} MB" for pid, size in sizes)
        + f" (largest {max(size for _pid, size in sizes):.0f} MB; target < 150 MB; {renewed} of them restarted)"
    )


# --- registration submits -------------------------------------------------------------------------------

HIDDEN_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
GROUP_RE = re.compile(r'<select name="first_choice"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="(\d+)"')


class Browser:
    """One person's browser: a kept-alive connection, the CSRF cookie and the form's hidden fields."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""
        self.hidden: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.cookie = value.split(";", 1)[0]
        return response.status, text


def registrations(options: argparse.Namespace) -> list[str]:
    path = f"/lv/{SLUG}/register/"
    status, page = Browser(options.port).request("GET", path)
    select = GROUP_RE.search(page)
    groups = OPTION_RE.findall(select.group(1)) if select else []
    if status != 200 or not groups:
        return [f"registration: no form with working groups at {path} (status {status})"]
    run = uuid.uuid4().hex[:8]

    def open_form(number: int) -> tuple[Browser, dict[str, str]]:
        """One person opens the form: its tokens are theirs alone (the page itself is shared)."""
        person = Browser(options.port)
        _status, page = person.request("GET", path)
        person.connection.close()  # reopened for the submit: thousands of forms wait open at once
        return person, dict(HIDDEN_RE.findall(page))

    def submit(number: int, person: Browser, hidden: dict[str, str]) -> tuple[float, float, int]:
        form = {
            **hidden,
            "first_name": "Ilze",
            "last_name": f"Bērziņa {number}",
            "email": f"registracija-{run}-{number}{SYNTHETIC_EMAIL}",
            "sector": "ngo",
            "first_choice": groups[number % len(groups)],
            "second_choice": groups[(number + 1) % len(groups)],
            "consent_data": "on",
        }
        started = time.perf_counter()
        status, _ = person.request("POST", path, urllib.parse.urlencode(form))
        person.connection.close()
        return started, time.perf_counter(), status

    numbers = range(options.registrations)
    with ThreadPoolExecutor(max_workers=options.connections) as pool:
        opened = list(pool.map(open_form, numbers))  # every form first, then the submits are timed
        results = list(pool.map(submit, numbers, *zip(*opened, strict=True)))
    done = [(start, end) for start, end, status in results if status == 302]
    if not done:
        return [
            f"registration: all {len(results)} submits failed (status {results[0][2] if results else '-'})"
        ]
    elapsed = max(end for _, end in done) - min(start for start, _ in done)
    latencies = sorted(end - start for start, end in done)
    per_minute = len(done) / elapsed * 60
    lines = [
        f"registration submits (each from its own opened form): {len(done)} of {len(results)} accepted, "
        f"{options.connections} at a time: {per_minute:,.0f}/min (target >= 1,500/min), "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms"
    ]
    stored = psql(
        options.database,
        f"SELECT count(*) FROM {participant_table(options)} WHERE email LIKE 'registracija-{run}-%'",
    )[0][0]
    lines.append(f"  {stored} of them in the database")
    rows = psql(
        options.database,
        f"""
        SELECT g.number, g.capacity,
               count(*) FILTER (WHERE p.status = 'confirmed'),
               count(*) FILTER (WHERE p.status = 'waiting'),
               coalesce(max(p.waiting_position) FILTER (WHERE p.status = 'waiting'), 0),
               count(DISTINCT p.waiting_position)
        FROM workgroups_workinggroup g
        JOIN consultation_consultation c ON c.id = g.consultation_id
        LEFT JOIN {participant_table(options)} p ON p.group_id = g.id
        WHERE c.slug = '{SLUG}' GROUP BY g.number, g.capacity ORDER BY g.number
        """,
    )
    sound = all(
        confirmed <= capacity and last == waiting == distinct
        for _, capacity, confirmed, waiting, last, distinct in rows
    )
    lines.append(
        "  "
        + "; ".join(f"group {n}: {c}/{cap} confirmed, {w} waiting" for n, cap, c, w, _l, _d in rows)
        + (
            "\n  never overbooked, every waiting list numbered 1..n"
            if sound
            else "\n  OVERBOOKED OR A GAP IN A WAITING LIST"
        )
    )
    return lines


def participant_table(options: argparse.Namespace) -> str:
    """The participants' table, before or after the registry's split into two apps."""
    for table in ("participants_participant", "registry_participant"):
        if psql(options.database, f"SELECT to_regclass('{table}')")[0][0]:
            return table
    raise RuntimeError("no participants table")


# --- the report -----------------------------------------------------------------------------------------


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def table(pages: list[tuple], cached: dict, uncached: dict) -> list[str]:
    def cell(figure: Figure, ratio: float, target: float | None) -> str:
        mark = "" if target is None else ("  ok" if ratio >= target else "  --")
        goal = "" if target is None else f" >={target:.2f}"
        errors = f" !{figure.errors} errors" if figure.errors else ""
        return f"{figure.per_second:7.1f} {figure.p50:7.1f} {figure.p95:7.1f} {ratio:5.2f}x{goal:>6}{mark}{errors}"

    head = f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} {'target':>6}"
    lines = [
        f"{'':<34} | {'cached (Redis)':^44} | {'uncached (every request rendered)':^44}",
        f"{'page':<34} | {head:<44} | {head:<44}",
    ]
    rows = [("trivial /health/", None)] + [(name, kind) for name, _path, kind in pages]
    for name, kind in rows:
        targets = TARGETS[kind] if kind else (None, None)
        left = cell(*cached[name], targets[0]) if name in cached else "-"
        right = cell(*uncached[name], targets[1]) if name in uncached else "-"
        lines.append(f"{name:<34} | {left:<44} | {right:<44}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", "consultation_bench"))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9", help="the cache; flushed first")
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3.0, help="per page, and per trivial run")
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--offers", type=int, default=10000)
    parser.add_argument("--commitments", type=int, default=500)
    parser.add_argument("--memory-requests", type=int, default=10000)
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--gzip", action="store_true", help="ask for gzip, as a browser does")
    parser.add_argument("--skip", default="", help="comma-separated: cached,uncached,memory,registration")
    options = parser.parse_args()
    skip = set(filter(None, options.skip.split(",")))
    try:
        run(options, skip)
    except Exception as error:  # a benchmark reports; it never fails a build
        print(f"benchmark stopped: {error!r}")
    sys.exit(0)


def run(options: argparse.Namespace, skip: set[str]) -> None:
    options.wrk = ensure_wrk()
    if not options.wrk:
        print("wrk is not installed and apt-get could not install it: nothing measured")
        return
    print(f"Preparing {options.database} ...", flush=True)
    print(prepare(options), flush=True)
    subprocess.run(["redis-cli", "-u", options.redis, "FLUSHDB"], capture_output=True, check=False)
    pages = [page for page in PAGES if options.only in page[0]]
    cached: dict = {}
    uncached: dict = {}
    memory = ""
    with gunicorn(options, cache_url=options.redis) as process:
        present = []
        for page in pages:
            status = get(options, page[1])[0]
            if status == 200:
                present.append(page)
            else:
                print(f"  skipped {page[0]} {page[1]}: status {status}")
        pages = present
        if "cached" not in skip:
            print("cached:", flush=True)
            cached = measure_pages(options, pages)
        registered = [] if "registration" in skip else registrations(options)
        for line in registered:  # printed at once too: a run stopped later still reports it
            print(line, flush=True)
    with gunicorn(options, cache_url="dummycache://") as process:
        if "uncached" not in skip:
            print("uncached:", flush=True)
            uncached = measure_pages(options, pages)
        if "memory" not in skip:
            memory = memory_after(options, process, pages)
            print(memory, flush=True)
    print()
    print(
        f"commit {commit()}, {time.strftime('%Y-%m-%d %H:%M')}; gunicorn {options.workers} workers, PostgreSQL, "
        f"DEBUG=0; wrk {options.threads} threads, {options.connections} connections, {options.seconds:g} s per "
        f"page, each after /health/ (ratio to the mean of the trivial runs before and after it)"
        + ("; every request asks for gzip" if options.gzip else "")
    )
    print(
        f"data: {options.participants} participants, {options.offers} offers, {options.commitments} commitments"
    )
    for line in table(pages, cached, uncached):
        print(line)
    if memory:
        print(memory)
    for line in registered:
        print(line)


if __name__ == "__main__":
    main()
