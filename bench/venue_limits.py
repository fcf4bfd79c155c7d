"""Measure the public-form limits and the staff lockout against a running server (never fails a build).

    python bench/venue_limits.py --url http://127.0.0.1:8104 --slug riga-2015 --people 150 --abuser 40 \
        --staff-user organisers

Phones: each opens the wall's form (its own cookies: CSRF and the browser cookie), waits the minimum fill
time, and posts one card; the abuser's phone posts --abuser cards. Then --wrong wrong passwords are sent to
the admin login for --staff-user, followed by the right one (--staff-password), and the answers counted.
Start the server with RATE_LIMIT_VENUE_ADDRESSES set to the address this script connects from to see the
venue budget; without it, that address has the ordinary budget.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_RE = re.compile(r'name="form_started" value="([^"]+)"')
AREA_RE = re.compile(r'<select name="area"[^>]*>.*?<option value="(\d+)"', re.S)


class Phone:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_card(phone: Phone, slug: str, author: str, fill_seconds: float) -> int:
    path = f"/lv/{slug}/wall/new/"
    status, page = phone.get(path)
    if status != 200:
        return status
    time.sleep(fill_seconds)
    return phone.post(
        path,
        {
            "csrfmiddlewaretoken": CSRF_RE.search(page).group(1),
            "form_started": STARTED_RE.search(page).group(1),
            "website": "",
            "author_name": author,
            "contact_email": "bench@example.org",
            "description": "Varam palīdzēt ar tulkošanu.",
            "area": AREA_RE.search(page).group(1),
            "kind": "language",
            "regions": "riga",
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8104")
    parser.add_argument("--slug", default="riga-2015")
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--abuser", type=int, default=40)
    parser.add_argument("--fill-seconds", type=float, default=1.0)
    parser.add_argument("--staff-user", default="")
    parser.add_argument("--staff-password", default="")
    parser.add_argument("--wrong", type=int, default=100)
    args = parser.parse_args()

    abuser = Phone(args.url)
    abuser.get(f"/lv/{args.slug}/wall/new/")  # one phone: its cookies first, then many cards at once
    with ThreadPoolExecutor(16) as pool:
        abuser_statuses = list(
            pool.map(
                lambda n: post_card(abuser, args.slug, "Bench abuser", args.fill_seconds), range(args.abuser)
            )
        )
        people_statuses = list(
            pool.map(
                lambda n: post_card(Phone(args.url), args.slug, f"Bench person {n}", args.fill_seconds),
                range(args.people),
            )
        )
    print(
        f"abuser: {args.abuser} cards sent -> {dict(Counter(abuser_statuses))} (302 = accepted, 429 = refused)"
    )
    print(f"people: {args.people} phones, one card each -> {dict(Counter(people_statuses))}")

    if args.staff_user:
        staff = Phone(args.url)
        path = "/lv/admin/login/"
        statuses = []
        started = time.monotonic()
        for n in range(args.wrong):
            _status, page = staff.get(path)
            token = CSRF_RE.search(page)
            statuses.append(
                staff.post(
                    path,
                    {
                        "csrfmiddlewaretoken": token.group(1) if token else "",
                        "username": args.staff_user,
                        "password": f"wrong-{n}",
                    },
                )
            )
        elapsed = time.monotonic() - started
        _status, page = staff.get(path)
        token = CSRF_RE.search(page)
        right = staff.post(
            path,
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": args.staff_user,
                "password": args.staff_password,
            },
        )
        print(
            f"login: {args.wrong} wrong passwords in {elapsed:.1f} s -> {dict(Counter(statuses))} "
            f"(200 = form again, 429 = locked); then the right password -> {right}"
        )


if __name__ == "__main__":
    main()
