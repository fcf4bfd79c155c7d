"""The offline desk's two requests, in process on PostgreSQL: the roster a device downloads, and a sync.

Builds a consultation with 7 groups and N confirmed people in a scratch database (created and dropped),
then times with Django's test client: the roster (bytes, gzip bytes, median of 20 downloads), a sync of
100 queued check-ins, the same 100 sent again (each answered from its DeskAction row, nothing changed),
and 20 walk-ins in one sync (each under the places lock). Prints the figures; never fails a build.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/consultation_desk_bench \
        .venv/bin/python bench/desk_sync.py --people 500
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from consultation.roles import DESK_GROUP
    from registry.participants.models import DeskAction, Participant
    from tests.factories import ConsultationFactory, StaffFactory, WorkingGroupFactory
    from tests.participants.factories import ParticipantFactory

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        consultation = ConsultationFactory(slug="bench")
        groups = [WorkingGroupFactory(consultation=consultation, number=n, capacity=200) for n in range(1, 8)]
        people = [
            ParticipantFactory(consultation=consultation, group=groups[i % 7]) for i in range(args.people)
        ]
        volunteer = StaffFactory(username="bench-desk")
        volunteer.groups.add(Group.objects.get_or_create(name=DESK_GROUP)[0])
        client = Client()
        client.force_login(volunteer)
        roster_url = reverse("participants:desk_roster", kwargs={"slug": "bench"})
        sync_url = reverse("participants:desk_sync", kwargs={"slug": "bench"})

        timings = []
        for _ in range(20):
            started = time.perf_counter()
            body = client.get(roster_url).content
            timings.append(time.perf_counter() - started)
        print(
            f"roster of {args.people} people: {len(body):,} bytes ({len(gzip.compress(body)):,} gzipped), "
            f"median {statistics.median(timings) * 1000:.1f} ms over 20 downloads"
        )

        def sync(actions: list[dict]) -> float:
            started = time.perf_counter()
            response = client.post(
                sync_url, json.dumps({"actions": actions}), content_type="application/json"
            )
            assert response.status_code == 200, response.content
            return time.perf_counter() - started

        check_ins = [
            {"id": str(uuid.uuid4()), "kind": "check_in", "participant": person.pk} for person in people[:100]
        ]
        first = sync(check_ins)
        again = sync(check_ins)
        print(f"sync of 100 check-ins: {first * 1000:.0f} ms; the same 100 sent again: {again * 1000:.0f} ms")
        walk_ins = [
            {
                "id": str(uuid.uuid4()),
                "kind": "walk_in",
                "data": {
                    "first_name": "Walk",
                    "last_name": f"In {n}",
                    "sector": "other",
                    "first_choice": str(groups[n % 7].pk),
                    "consent_data": "on",
                },
            }
            for n in range(20)
        ]
        print(f"sync of 20 walk-ins: {sync(walk_ins) * 1000:.0f} ms")
        checked_in = Participant.objects.filter(checked_in_at__isnull=False).count()
        print(
            f"checked in afterwards: {checked_in} (100 + 20 walk-ins); desk actions: {DeskAction.objects.count()}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
