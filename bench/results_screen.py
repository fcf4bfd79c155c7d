"""The results screen with 5,000 participants and 5,000 offers, on gunicorn + PostgreSQL.

Many open screens (the projector, phones when the screen is public) ask for the live content every 3 s:
how many of them one machine serves, against the trivial view. The live content is shared for 2 s; the
full page is built for each request.

.venv/bin/python bench/results_screen.py [--requests 2000] [--concurrency 8] [--rows 5000] [--port 8111]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import fresh_database, get_request, gunicorn, load, manage, prepare  # noqa: E402

POPULATE = """
from django.utils import timezone
from commitments.models import ResultsScreen
from consultation.models import Consultation
from registry.offers.models import Offer, OfferKind, Period, Region
from registry.participants.models import Participant, Sector
from workgroups.models import GroupReport, ReportNeed

rows = {rows}
consultation = Consultation.objects.get(slug="riga-2015")
groups = list(consultation.working_groups.order_by("number"))
sectors, regions = list(Sector.values), list(Region.values)
Participant.objects.bulk_create(
    Participant(
        consultation=consultation, group=groups[n % len(groups)], first_choice=groups[n % len(groups)],
        code=f"B{{n:05d}}", first_name="Anna", last_name=str(n), email=f"bench{{n}}@example.org",
        sector=sectors[n % len(sectors)], consent_data=True,
        checked_in_at=timezone.now() if n % 3 else None,
    )
    for n in range(rows)
)
Offer.objects.bulk_create(
    Offer(
        consultation=consultation, area=groups[n % len(groups)], status=Offer.Status.APPROVED,
        source=Offer.Source.WALL if n % 2 else Offer.Source.QUESTIONNAIRE, author_name="A",
        contact_email="a@example.org", kind=OfferKind.VOLUNTEERING, description=f"Piedāvājums {{n}}",
        regions=[regions[n % len(regions)]], period=Period.DURING,
    )
    for n in range(rows)
)
for group in groups:
    report = GroupReport.objects.create(group=group, status=GroupReport.Status.SUBMITTED, findings_lv="Atziņa.")
    for position, area in enumerate(groups[:3]):
        ReportNeed.objects.create(report=report, area=area, text_lv="Vajadzība", position=position)
ResultsScreen.objects.update_or_create(consultation=consultation, defaults={{"is_public": True, "step": 2}})
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--port", type=int, default=8111)
    args = parser.parse_args()

    database = fresh_database("cp_results_bench")
    prepare(database, "consultation_2015")
    manage(database, "shell", "-c", POPULATE.format(rows=args.rows))
    pages = [
        ("live content (group step)", "/lv/riga-2015/results/live/"),
        ("live content, both languages", "/lv/riga-2015/results/live/?languages=both"),
        ("full screen page", "/lv/riga-2015/results/"),
        ("figures CSV", "/lv/riga-2015/results/figures.csv"),
    ]
    with gunicorn(database, port=args.port, workers=args.workers) as base:
        for _, path in [("warm-up", "/health/"), *pages]:
            load("warm-up", get_request(path), base=base, total=40, concurrency=2)
        trivial = load(
            "trivial /health/",
            get_request("/health/"),
            base=base,
            total=args.requests,
            concurrency=args.concurrency,
        )
        print(
            f"{args.rows} participants and offers; gunicorn workers={args.workers}, concurrency={args.concurrency}"
        )
        print(trivial.line())
        for name, path in pages:
            print(
                load(
                    name, get_request(path), base=base, total=args.requests, concurrency=args.concurrency
                ).line(trivial)
            )


if __name__ == "__main__":
    main()
