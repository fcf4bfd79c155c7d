"""Benchmark: the commitment document's PDF with 500 commitments across the seven groups, and serving it.

    .venv/bin/python bench/commitment_pdf.py [--commitments 500] [--requests 200]

Runs on a throw-away SQLite database and media folder (nothing of the demo is touched), prints figures and
never fails the build. Targets (issue 5): PDF under 10 s and 300 MB; a published edition's PDF served as
fast as a static file.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-commitments-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "consultation.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "media"),
        "ALLOWED_HOSTS": "testserver,localhost",
        "SITE_URL": "http://testserver",
        "LOG_LEVEL": "ERROR",
        # publishing enqueues the PDF task; here it is timed on its own instead
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed_get(client, url: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200 and body, url
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--repeat", type=int, default=3, help="PDF builds to time; the best and median are shown"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone, translation

    from commitments.models import Commitment
    from commitments.pdf import edition_pdfs_build, render_pdf
    from commitments.services import edition_publish
    from consultation.models import Consultation, Organisation
    from workgroups.models import GroupReport

    call_command("migrate", verbosity=0)
    call_command("loaddata", "consultation_2015", verbosity=0)
    consultation = Consultation.objects.get(slug="riga-2015")
    groups = list(consultation.working_groups.order_by("number"))
    organisations = Organisation.objects.bulk_create(
        Organisation(slug=f"bench-{n}", name_lv=f"Biedrība „Ūdeņu ķēķis Nr. {n}”", name_en=f"Association {n}")
        for n in range(120)
    )
    for group in groups:
        GroupReport.objects.create(
            group=group,
            findings_lv="Secinājumi: ā č ē ģ ī ķ ļ ņ š ū ž. " * 20,
            findings_en="Findings. " * 40,
            solutions_lv="Risinājumi šķēršļu novēršanai. " * 20,
            solutions_en="Solutions. " * 40,
            is_published=True,
        )
    now = timezone.now()
    Commitment.objects.bulk_create(
        Commitment(
            consultation=consultation,
            group=groups[n % len(groups)],
            organisation=organisations[n % len(organisations)],
            contact_name="Bench",
            contact_email="bench@example.org",
            text_lv=f"Apņemamies ({n}) nodrošināt konsultācijas ģimenēm, ķīmiski tīru ūdeni un žurnālus šķūnī. "
            * 2,
            text_en=f"We commit ({n}) to advise families and provide clean water. " * 2,
            resource=Commitment.Resource.values[n % len(Commitment.Resource.values)],
            starts_on=now.date(),
            status=Commitment.Status.APPROVED,
            approved_at=now,
            position=n,
            may_publish_name=n % 9 != 0,
        )
        for n in range(args.commitments)
    )

    start = time.perf_counter()
    edition = edition_publish(consultation=consultation)  # freezes the lv and en content
    freeze_s = time.perf_counter() - start

    rss_before = current_rss_mb()
    walls, cpus = [], []
    for _ in range(max(1, args.repeat)):
        start, cpu_start = time.perf_counter(), time.process_time()
        pdf = render_pdf(edition=edition, language="lv")
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    peak = rss_mb()

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    edition_pdfs_build(edition=edition)
    edition.refresh_from_db()

    client = Client()
    with translation.override("lv"):
        pdf_url = reverse(
            "commitments:edition_pdf",
            kwargs={"slug": consultation.slug, "number": edition.number, "language": "lv"},
        )
    static_url = "/static/fonts/DejaVuSans.ttf"  # a static file served by WhiteNoise, ~750 kB
    timed_get(client, pdf_url, 5)
    timed_get(client, static_url, 5)
    pdf_times = timed_get(client, pdf_url, args.requests)
    static_times = timed_get(client, static_url, args.requests)

    print(
        f"commitments: {args.commitments} approved across {len(groups)} groups; PDF {pages} pages, "
        f"{len(pdf) / 1024:.0f} kB"
    )
    print(f"publish (freeze lv+en content): {freeze_s:.2f} s")
    print(
        f"PDF build (one language, {len(walls)} runs): best {min(walls):.2f} s wall / {min(cpus):.2f} s CPU, "
        f"median {statistics.median(walls):.2f} s wall / {statistics.median(cpus):.2f} s CPU  [target < 10 s]; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"process RSS before PDF: {rss_before:.0f} MB; peak RSS of the whole process: {peak:.0f} MB "
        f"[target < 300 MB]"
    )
    print(
        f"serve the published PDF (FileResponse, {args.requests} requests): median "
        f"{statistics.median(pdf_times):.2f} ms, p95 {sorted(pdf_times)[int(0.95 * len(pdf_times))]:.2f} ms"
    )
    print(
        f"serve a static file via WhiteNoise ({args.requests} requests): median "
        f"{statistics.median(static_times):.2f} ms, p95 {sorted(static_times)[int(0.95 * len(static_times))]:.2f} ms"
    )


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a benchmark reports, it never fails the build
        print(f"benchmark did not complete: {type(error).__name__}: {error}")
