"""Register N people concurrently against a running server and print throughput and latency.

Each client thread loads the form once (CSRF cookie and token, untimed), then submits registrations; the
submits are timed (throughput from the first submit's start to the last one's end).
A trivial view on the same server (the favicon redirect, no database) is timed the same way for the ratio.
With --database-url the script then checks in PostgreSQL that no group holds more confirmed people than its
capacity and that every waiting list is numbered 1..n without gaps.

    python bench/registration_throughput.py --url http://127.0.0.1:8023 --slug riga-2015 -n 2000 -c 16 \
        --database-url postgres://postgres@127.0.0.1:5432/consultation_issue3_bench

The server needs the registration rate raised (all requests come from one address):
PUBLIC_FORM_RATES=registration=1000000/600 and FORM_MIN_FILL_SECONDS=0. Never fails the build:
it prints what it measured.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_RE = re.compile(r'name="form_started" value="([^"]+)"')
GROUP_RE = re.compile(r'<select name="first_choice"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="(\d+)"')


class Client:
    """One person's browser: a kept-alive connection and the CSRF cookie."""

    def __init__(self, base: str) -> None:
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookie = ""
        self.cookies: dict[str, str] = {}

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
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt:
                    raise
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        self.cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return response.status, text


_local = threading.local()


def _client(base: str) -> Client:
    if not hasattr(_local, "client"):
        _local.client = Client(base)
    return _local.client


def register_one(
    base: str, slug: str, groups: list[str], number: int, run_id: str
) -> tuple[float, float, int]:
    """Submit one registration; returns (start, end, status).

    The form is loaded before each submit, untimed: its form token is single-use, as a person's would be.
    """
    client = _client(base)
    path = f"/lv/{slug}/register/"
    status, page = client.request("GET", path)
    token, started_token = TOKEN_RE.search(page), STARTED_RE.search(page)
    if status != 200 or not token or not started_token:
        return 0.0, 0.0, status
    form = {
        "csrfmiddlewaretoken": token.group(1),
        "form_started": started_token.group(1),
        "first_name": "Bench",
        "last_name": f"Person {number}",
        "email": f"bench-{run_id}-{number}@example.org",
        "sector": "ngo",
        "first_choice": groups[number % len(groups)],
        "second_choice": groups[(number + 1) % len(groups)],
        "consent_data": "on",
        "submission_token": str(uuid.uuid4()),
    }
    started = time.perf_counter()
    status, _ = client.request("POST", path, urllib.parse.urlencode(form))
    return started, time.perf_counter(), status


def trivial_one(base: str, _number: int) -> tuple[float, float, int]:
    client = _client(base)
    started = time.perf_counter()
    status, _ = client.request("GET", "/favicon.ico")
    return started, time.perf_counter(), status


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(label: str, job, count: int, concurrency: int, ok_status: int) -> float:
    global _local
    _local = threading.local()  # fresh clients for each phase
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(job, range(count)))
    done = [(start, end) for start, end, status in results if status == ok_status]
    failures = len(results) - len(done)
    if not done:
        print(f"{label}: all {failures} failed")
        return 0.0
    elapsed = max(end for _, end in done) - min(start for start, _ in done)
    latencies = [end - start for start, end in done]
    per_second = len(done) / elapsed if elapsed else 0.0
    print(
        f"{label}: {len(done)} ok, {failures} failed in {elapsed:.1f} s; "
        f"{per_second:.0f}/s = {per_second * 60:.0f}/min; "
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {percentile(latencies, 0.95) * 1000:.1f} ms"
    )
    return per_second


def check_database(database_url: str, slug: str) -> None:
    import psycopg2

    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT g.number, g.capacity,
                   count(*) FILTER (WHERE p.status = 'confirmed'),
                   count(*) FILTER (WHERE p.status = 'waiting'),
                   coalesce(max(p.waiting_position), 0),
                   count(DISTINCT p.waiting_position)
            FROM workgroups_workinggroup g
            JOIN consultation_consultation c ON c.id = g.consultation_id
            LEFT JOIN participants_participant p ON p.group_id = g.id
            WHERE c.slug = %s GROUP BY g.number, g.capacity ORDER BY g.number
            """,
            [slug],
        )
        sound = True
        for number, capacity, confirmed, waiting, last, distinct in cursor.fetchall():
            ok = confirmed <= capacity and last == waiting == distinct
            sound &= ok
            print(
                f"  group {number}: {confirmed}/{capacity} confirmed, {waiting} waiting (1..{last}) {'ok' if ok else 'WRONG'}"
            )
        print(
            "never overbooked, waiting lists without gaps" if sound else "CAPACITY OR WAITING LIST VIOLATED"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8023")
    parser.add_argument("--slug", default="riga-2015")
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("-c", "--concurrency", type=int, default=16)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    _, page = Client(options.url).request("GET", f"/lv/{options.slug}/register/")
    select = GROUP_RE.search(page)
    groups = OPTION_RE.findall(select.group(1)) if select else []
    if not groups:
        print("No registration form with working groups at", options.url)
        return
    run_id = uuid.uuid4().hex[:8]
    print(
        f"{options.count} registrations, {options.concurrency} at a time, {len(groups)} groups, {options.url}"
    )
    trivial = run(
        "trivial view", lambda n: trivial_one(options.url, n), options.count, options.concurrency, 301
    )
    submits = run(
        "registration submit",
        lambda n: register_one(options.url, options.slug, groups, n, run_id),
        options.count,
        options.concurrency,
        302,
    )
    if trivial:
        print(f"ratio registration/trivial throughput: {submits / trivial:.2f}")
    if options.database_url:
        check_database(options.database_url, options.slug)


if __name__ == "__main__":
    main()
