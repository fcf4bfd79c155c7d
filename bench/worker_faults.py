"""Background work under faults, measured on a production-like run: every registration's mail arrives once.

gunicorn (3 workers, DEBUG=0, Redis cache), ``manage.py task_worker`` and an SMTP server that counts what it
accepts (aiosmtpd, each message held 0.2 s at RCPT so the worker is usually in the middle of one). People
register through the real form; after a third of them every database connection of the app is killed
(``pg_terminate_backend``: gunicorn's and the worker's), after two thirds the worker is killed with
SIGKILL and started again; ``manage.py tasks_sweep`` (TASK_RUNNING_TIMEOUT=5 here) puts back what the dead
worker left RUNNING. A person whose submission was refused (the connection died under it) sends it again,
as a person would. At the end: how many mails each address received.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_worker .venv/bin/python bench/worker_faults.py \
        --port 8201 --smtp-port 8225 --redis redis://127.0.0.1:6379/2 --people 50
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import signal
import subprocess
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg2
from aiosmtpd.controller import Controller
from run import GROUP_RE, HIDDEN_RE, OPTION_RE, PYTHON, ROOT, SLUG, Browser, production_environment


class CountingSink:
    def __init__(self) -> None:
        self.received: list[str] = []
        self.times: list[tuple[str, float]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await asyncio.sleep(0.2)  # a mail server's round trip: the worker is usually mid-message
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.extend(envelope.rcpt_tos)
        self.times.extend((address, time.time()) for address in envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def env_for(options) -> dict[str, str]:
    return production_environment(
        port=options.port,
        CACHE_URL=options.redis,
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        EMAIL_URL=f"smtp://127.0.0.1:{options.smtp_port}",
        TASK_RUNNING_TIMEOUT="5",
        LOG_LEVEL="WARNING",
        LOG_FORMAT="plain",
    )


def database_query(sql: str, params=()) -> list[tuple]:
    with psycopg2.connect(os.environ["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def kill_app_connections() -> int:
    database = urllib.parse.urlparse(os.environ["DATABASE_URL"]).path.lstrip("/")
    return database_query(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND pid <> "
        "pg_backend_pid()",
        [database],
    )[0][0]


def start_worker(env, log) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "manage.py", "task_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--smtp-port", type=int, default=8225)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--people", type=int, default=50)
    options = parser.parse_args()
    env = env_for(options)
    run_id = uuid.uuid4().hex[:6]
    addresses = [f"fault-{run_id}-{n}@example.org" for n in range(options.people)]

    sink = CountingSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=options.smtp_port)
    smtp.start()
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / "worker_faults.log", "w")  # noqa: SIM115 - open for the whole run
    web = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "consultation.wsgi",
            "--bind",
            f"127.0.0.1:{options.port}",
            "--workers",
            "3",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = start_worker(env, log)
    events: list[str] = []
    statuses: collections.Counter = collections.Counter()
    try:
        path = f"/lv/{SLUG}/register/"
        for _ in range(100):
            try:
                status, page = Browser(options.port).request("GET", path)
                break
            except OSError:
                time.sleep(0.2)
        groups = OPTION_RE.findall(GROUP_RE.search(page).group(1))
        done = threading.Semaphore(0)
        lock = threading.Lock()

        def register(number: int) -> None:
            for attempt in range(1, 6):
                browser = Browser(options.port)
                _status, form_page = browser.request("GET", path)
                form = {
                    **dict(HIDDEN_RE.findall(form_page)),
                    "first_name": "Ilze",
                    "last_name": f"Kļūda {number}",
                    "email": addresses[number],
                    "sector": "ngo",
                    "first_choice": groups[number % len(groups)],
                    "consent_data": "on",
                }
                status, _ = browser.request("POST", path, urllib.parse.urlencode(form))
                with lock:
                    statuses[status] += 1
                if status == 302:
                    break
                with lock:
                    events.append(
                        f"person {number}: answer {status} (attempt {attempt}), sends the form again"
                    )
            done.release()

        with ThreadPoolExecutor(max_workers=5) as pool:
            futures = [pool.submit(register, n) for n in range(options.people)]
            for finished in range(1, options.people + 1):
                done.acquire()
                if finished == options.people // 3:
                    events.append(
                        f"after {finished} registrations: {kill_app_connections()} connections killed"
                    )
                if finished == 2 * options.people // 3:
                    running = database_query(
                        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
                    )[0][0]
                    events.append(
                        f"worker still running after the connections were killed: {worker.poll() is None}"
                    )
                    worker.send_signal(signal.SIGKILL)
                    worker.wait()
                    events.append(
                        f"after {finished} registrations: worker killed (SIGKILL), {running} task running"
                    )
                    time.sleep(1)
                    worker = start_worker(env, log)
                    events.append("worker started again")
            for future in futures:
                future.result()

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            left = database_query(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            )[0][0]
            if not left:
                break
            time.sleep(6)
            sweep = subprocess.run(
                [PYTHON, "manage.py", "tasks_sweep"], cwd=ROOT, env=env, capture_output=True, text=True
            )
            if not sweep.stdout.startswith("0 "):
                events.append(f"tasks_sweep: {sweep.stdout.strip()}")
        time.sleep(1)
    finally:
        alive = worker.poll() is None
        worker.terminate()
        worker.wait()
        web.terminate()
        web.wait()
        smtp.stop()
        log.close()

    counts = collections.Counter(address for address in sink.received if address in set(addresses))
    registered = database_query(
        "SELECT count(*), count(*) FILTER (WHERE email_status = 'sent') FROM participants_participant "
        "WHERE email LIKE %s",
        [f"fault-{run_id}-%"],
    )[0]
    for line in events:
        print(line)
    print(f"answers to the registration POSTs: {dict(sorted(statuses.items()))}")
    print(f"registered: {registered[0]} of {options.people}; recorded as sent: {registered[1]}")
    print(
        f"mails received by the SMTP server: {sum(counts.values())} to {len(counts)} addresses; "
        f"once: {sum(1 for c in counts.values() if c == 1)}, twice or more: "
        f"{sum(1 for c in counts.values() if c > 1)}, none: {options.people - len(counts)}"
    )
    print(f"worker alive at the end: {alive}")
    for address, count in counts.items():
        if count > 1:
            accepted = [
                time.strftime("%H:%M:%S", time.localtime(t)) + f"{t % 1:.3f}"[1:]
                for a, t in sink.times
                if a == address
            ]
            print(f"  {address} accepted at {', '.join(accepted)}")


if __name__ == "__main__":
    main()
