"""Shared pieces of the benchmarks: a gunicorn server on PostgreSQL and a small threaded load generator.

Benchmarks print figures; they never fail a build. Everything runs on this machine (127.0.0.1 only).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def fresh_database(name: str, admin_url: str = "postgres://postgres@127.0.0.1:5432/postgres") -> str:
    """Drop and create database ``name``; return its URL."""
    parts = urllib.parse.urlsplit(admin_url)
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def server_environment(database_url: str) -> dict[str, str]:
    return dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY="benchmark-only-not-a-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1:8000",
        DATABASE_URL=database_url,
        SECURE_COOKIES="0",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        LOG_LEVEL="ERROR",
    )


def manage(database_url: str, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=server_environment(database_url),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(database_url: str, *fixtures: str) -> None:
    """Migrate, load fixtures and collect static files, as a production deployment would."""
    manage(database_url, "migrate", "--verbosity", "0")
    manage(database_url, "collectstatic", "--noinput", "--verbosity", "0")
    for fixture in fixtures:
        manage(database_url, "loaddata", fixture, "--verbosity", "0")


@contextlib.contextmanager
def gunicorn(database_url: str, *, port: int, workers: int = 4, threads: int = 1) -> Iterator[str]:
    """Run the app under gunicorn on 127.0.0.1:port until the block ends; yields the base URL."""
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "consultation.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_environment(database_url),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if get(base + "/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(url: str) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def line(self, baseline: Result | None = None) -> str:
        ratio = f"  {self.per_second / baseline.per_second:5.2f}x trivial" if baseline else ""
        return (
            f"{self.name:<42} {self.per_second:8.1f} req/s  p50 {self.percentile(0.5):7.1f} ms  "
            f"p95 {self.percentile(0.95):7.1f} ms  errors {self.errors}{ratio}"
        )


def load(
    name: str,
    request: Callable[[http.client.HTTPConnection, int], int],
    *,
    base: str,
    total: int,
    concurrency: int,
) -> Result:
    """Send ``total`` requests from ``concurrency`` threads, each on its own keep-alive connection.

    ``request(connection, index)`` performs one request and returns the status code; 2xx/3xx count as success.
    """
    parts = urllib.parse.urlsplit(base)
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            started = time.perf_counter()
            try:
                status = request(connection, index)
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not 200 <= status < 400:
                    errors += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(name, total, time.perf_counter() - started, latencies, errors)


def get_request(path: str) -> Callable[[http.client.HTTPConnection, int], int]:
    def request(connection: http.client.HTTPConnection, index: int) -> int:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status

    return request


def median(values: list[float]) -> float:
    return statistics.median(values)
