"""The results screen: figures checked against known data, the steps, the remote, the exports, query budgets."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ResultsScreen
from commitments.results import live_figures
from registry.offers.models import Offer, OfferKind, Region
from registry.participants.models import Participant, Sector
from tests.commitments.factories_commitments import ApprovedCommitmentFactory, CommitmentFactory
from tests.factories import GroupReportFactory, StaffFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory, ServiceFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport, ReportNeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(consultation):
    first = WorkingGroupFactory(
        consultation=consultation, number=1, title_lv="Izglītība", title_en="Education"
    )
    second = WorkingGroupFactory(consultation=consultation, number=2, title_lv="Darbs", title_en="Work")
    return first, second


@pytest.fixture
def known_data(consultation, groups):
    """3 + 1 participants (2 arrived, 1 cancelled), 4 offers (1 pending), 3 commitments (1 proposed)."""
    first, second = groups
    now = timezone.now()
    ParticipantFactory(consultation=consultation, group=first, sector=Sector.NGO, checked_in_at=now)
    ParticipantFactory(consultation=consultation, group=first, sector=Sector.NGO)
    ParticipantFactory(consultation=consultation, group=second, sector=Sector.STATE, checked_in_at=now)
    ParticipantFactory(consultation=consultation, group=second, status=Participant.Status.CANCELLED)
    OfferFactory(consultation=consultation, area=first, regions=[Region.RIGA, Region.KURZEME])
    OfferFactory(consultation=consultation, area=first, kind=OfferKind.PREMISES, regions=[Region.RIGA])
    ServiceFactory(consultation=consultation, area=second, regions=[Region.LATGALE])
    OfferFactory(consultation=consultation, area=second, status=Offer.Status.PENDING)
    ApprovedCommitmentFactory(consultation=consultation, group=first)
    ApprovedCommitmentFactory(consultation=consultation, group=second, resource=Commitment.Resource.MONEY)
    CommitmentFactory(consultation=consultation, group=second)
    return first, second


def _rows(figure) -> list[tuple[str, list[int]]]:
    return [(str(label), values) for label, values in figure.rows]


def _figures(consultation) -> dict:
    return {figure.key: figure for figure in live_figures(consultation=consultation)}


def test_participants_by_group_count_registered_and_arrived(consultation, known_data):
    figure = _figures(consultation)["participants-by-group"]

    assert _rows(figure) == [("1. Izglītība", [2, 1]), ("2. Darbs", [1, 1])]


def test_participants_by_sector_leave_out_empty_sectors(consultation, known_data):
    figure = _figures(consultation)["participants-by-sector"]

    assert _rows(figure) == [(str(Sector.NGO.label), [2, 1]), (str(Sector.STATE.label), [1, 1])]


def test_offers_by_area_split_wall_cards_from_questionnaire_services_and_skip_pending(
    consultation, known_data
):
    figure = _figures(consultation)["offers-by-area"]

    assert _rows(figure) == [("1. Izglītība", [2, 0]), ("2. Darbs", [0, 1])]


def test_offers_by_region_count_an_offer_in_each_of_its_regions(consultation, known_data):
    figure = _figures(consultation)["offers-by-region"]

    assert _rows(figure) == [
        (str(Region.RIGA.label), [2, 0]),
        (str(Region.KURZEME.label), [1, 0]),
        (str(Region.LATGALE.label), [0, 1]),
    ]


def test_offers_by_kind(consultation, known_data):
    figure = _figures(consultation)["offers-by-kind"]

    assert _rows(figure) == [
        (str(OfferKind.VOLUNTEERING.label), [1, 0]),
        (str(OfferKind.PREMISES.label), [1, 0]),
        (str(OfferKind.SERVICE.label), [0, 1]),
    ]


def test_commitments_by_group_and_by_resource(consultation, known_data):
    figures = _figures(consultation)

    assert _rows(figures["commitments-by-group"]) == [("1. Izglītība", [1, 0]), ("2. Darbs", [1, 1])]
    assert _rows(figures["commitments-by-resource"]) == [
        (str(Commitment.Resource.TIME.label), [1]),
        (str(Commitment.Resource.MONEY.label), [1]),
    ]


@pytest.fixture
def public_screen(consultation):
    return ResultsScreen.objects.create(consultation=consultation, is_public=True)


def _screen_url(consultation, name="commitments:results_screen"):
    return reverse(name, kwargs={"slug": consultation.slug})


def test_overview_shows_the_totals_and_each_figure_as_chart_and_table(
    client, consultation, known_data, public_screen
):
    response = client.get(_screen_url(consultation))

    page = response.content.decode()
    assert response.context["totals"] == {"registered": 3, "arrived": 2, "offers": 3, "commitments": 2}
    assert page.count('<svg class="chart"') == 7
    assert page.count('<table class="figure-table visually-hidden">') == 7
    assert '<noscript><meta http-equiv="refresh" content="10"></noscript>' in page


def test_overview_sums_up_each_groups_report_needs_and_gaps(client, consultation, known_data, public_screen):
    first, second = known_data
    report = GroupReportFactory(group=first, status=GroupReport.Status.SUBMITTED)
    ReportNeed.objects.create(report=report, area=first, text_lv="Telpas")
    ReportNeed.objects.create(
        report=report, area=WorkingGroupFactory(consultation=consultation, number=3), text_lv="X"
    )

    response = client.get(_screen_url(consultation))

    summaries = [
        (s.group.number, s.status, s.needs, s.gaps, s.commitments) for s in response.context["summaries"]
    ]
    assert summaries == [(1, "submitted", 2, 1, 1), (2, "draft", 0, 0, 1), (3, "draft", 0, 0, 0)]


def test_group_step_shows_needs_beside_matching_offers_and_the_gaps(
    client, consultation, known_data, public_screen
):
    first, second = known_data
    report = GroupReportFactory(group=first, status=GroupReport.Status.SUBMITTED, findings_lv="Trūkst telpu.")
    ReportNeed.objects.create(report=report, area=first, text_lv="Telpas nodarbībām", position=0)
    empty_area = WorkingGroupFactory(consultation=consultation, number=3)
    ReportNeed.objects.create(report=report, area=empty_area, text_lv="Psihologi", position=1)
    public_screen.step = 1
    public_screen.save()

    response = client.get(_screen_url(consultation))

    step = response.context["step"]
    assert [(m.need.text_lv, m.offer_count, len(m.offers), m.is_gap) for m in step["matches"]] == [
        ("Telpas nodarbībām", 2, 2, False),
        ("Psihologi", 0, 0, True),
    ]
    assert step["commitment_counts"] == {"approved": 1, "proposed": 0}
    assert "Trūkst telpu." in response.content.decode()


def test_group_step_hides_a_draft_report(client, consultation, known_data, public_screen):
    GroupReportFactory(group=known_data[0], findings_lv="Slepens melnraksts.")
    public_screen.step = 1
    public_screen.save()

    response = client.get(_screen_url(consultation))

    assert response.context["step"]["report"] is None
    assert "Slepens melnraksts." not in response.content.decode()


def test_both_languages_side_by_side(client, consultation, known_data, public_screen):
    response = client.get(_screen_url(consultation), {"languages": "both"})

    page = response.content.decode()
    assert (page.count('class="screen-column" lang="lv"'), page.count('class="screen-column" lang="en"')) == (
        1,
        1,
    )
    assert ("Kopaina" in page, "The overall picture" in page) == (True, True)


def test_live_fragment_carries_the_current_step(client, consultation, known_data, public_screen):
    public_screen.step = 2
    public_screen.save()

    response = client.get(_screen_url(consultation, "commitments:results_live"))

    assert response.templates[0].name == "commitments/_screen.html"
    assert 'data-step="2"' in response.content.decode()


@pytest.mark.parametrize("count", [10, 5000])
def test_screen_query_count_does_not_grow_with_data(
    client, consultation, groups, django_assert_num_queries, count
):
    first, second = groups
    ResultsScreen.objects.create(consultation=consultation, is_public=True, step=1)
    report = GroupReportFactory(group=first, status=GroupReport.Status.SUBMITTED)
    ReportNeed.objects.create(report=report, area=first, text_lv="Telpas")
    ReportNeed.objects.create(report=report, area=second, text_lv="Tulki")
    template = ParticipantFactory.build(consultation=consultation, group=first)
    Participant.objects.bulk_create(
        [
            Participant(
                consultation=consultation,
                group=(first, second)[n % 2],
                first_choice=first,
                code=f"Q{n:05d}",
                first_name="Anna",
                last_name=str(n),
                email=f"p{n}@example.org",
                sector=template.sector,
                status=Participant.Status.CONFIRMED,
                consent_data=True,
                checked_in_at=timezone.now() if n % 3 == 0 else None,
            )
            for n in range(count)
        ]
    )
    card = OfferFactory.build(consultation=consultation, area=first)
    Offer.objects.bulk_create(
        [
            Offer(
                consultation=consultation,
                area=(first, second)[n % 2],
                source=Offer.Source.WALL,
                status=Offer.Status.APPROVED,
                author_name="A",
                contact_email="a@example.org",
                kind=card.kind,
                description=f"Piedāvājums {n}",
                regions=[Region.RIGA],
                period=card.period,
            )
            for n in range(count)
        ]
    )

    with django_assert_num_queries(14):
        response = client.get(_screen_url(consultation))

    newest = [
        list(Offer.objects.filter(area=area).order_by("-created_at", "-id").values_list("pk", flat=True)[:3])
        for area in (first, second)
    ]
    assert response.context["totals"]["registered"] == count
    assert response.context["totals"]["offers"] == count
    assert [m.offer_count for m in response.context["step"]["matches"]] == [count // 2, count // 2]
    assert [[offer.pk for offer in m.offers] for m in response.context["step"]["matches"]] == newest


def test_figures_csv_has_a_row_per_figure_label_and_series(client, consultation, known_data, public_screen):
    response = client.get(_screen_url(consultation, "commitments:results_figures_csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == ["rādītāju grupa", "nosaukums", "rādītājs", "skaits"]
    assert ["Dalībnieki pa darba grupām", "1. Izglītība", "pieteikušies", "2"] in rows


# --- the remote --------------------------------------------------------------------------------------------


@pytest.fixture
def organiser():
    return StaffFactory(username="organiser", is_superuser=True)


def _move(client, consultation, **data):
    return client.post(_screen_url(consultation, "commitments:results_remote"), data)


def test_remote_steps_next_through_the_groups_and_back_to_the_overview(
    client, consultation, groups, organiser
):
    client.force_login(organiser)

    steps = []
    for _ in range(3):
        _move(client, consultation, move="next")
        steps.append(ResultsScreen.objects.get(consultation=consultation).step)

    assert steps == [1, 2, 0]


def test_remote_previous_from_the_overview_goes_to_the_last_group(client, consultation, groups, organiser):
    client.force_login(organiser)

    response = _move(client, consultation, move="previous")

    assert response["Location"] == _screen_url(consultation, "commitments:results_remote")
    assert ResultsScreen.objects.get(consultation=consultation).step == 2


def test_remote_jumps_to_a_groups_number(client, consultation, groups, organiser):
    client.force_login(organiser)

    _move(client, consultation, move="group", number="2")

    assert ResultsScreen.objects.get(consultation=consultation).step == 2


@pytest.mark.parametrize("number", ["9", "-1", "x", ""])
def test_remote_refuses_a_forged_group_number_and_keeps_the_step(
    client, consultation, groups, organiser, number
):
    client.force_login(organiser)

    response = _move(client, consultation, move="group", number=number)
    page = client.get(response["Location"])

    assert [str(m) for m in page.context["messages"]] == ["Darba grupas ar šādu numuru nav."]
    assert ResultsScreen.objects.get(consultation=consultation).step == 0


def test_remote_makes_the_screen_public_and_private(client, consultation, groups, organiser):
    client.force_login(organiser)

    _move(client, consultation, public="1")
    public = ResultsScreen.objects.get(consultation=consultation).is_public
    _move(client, consultation, public="0")

    assert (public, ResultsScreen.objects.get(consultation=consultation).is_public) == (True, False)


# --- the reports document ----------------------------------------------------------------------------------


def test_reports_document_shows_every_published_report_to_the_public(client, consultation, groups):
    first, second = groups
    GroupReportFactory(group=first, status=GroupReport.Status.PUBLISHED, findings_lv="Publicēts teksts.")
    GroupReportFactory(group=second, status=GroupReport.Status.SUBMITTED, findings_lv="Iesniegts teksts.")

    response = client.get(_screen_url(consultation, "commitments:results_reports"))

    page = response.content.decode()
    assert ("Publicēts teksts." in page, "Iesniegts teksts." in page) == (True, False)


def test_reports_document_shows_organisers_every_report_with_its_status(
    client, consultation, groups, organiser
):
    first, second = groups
    GroupReportFactory(group=second, status=GroupReport.Status.SUBMITTED, findings_lv="Iesniegts teksts.")
    client.force_login(organiser)

    response = client.get(_screen_url(consultation, "commitments:results_reports"))

    page = response.content.decode()
    assert "Iesniegts teksts." in page
    assert "Statuss: iesniegts" in page


def test_reports_pdf_is_a_pdf_with_the_published_reports(client, consultation, groups):
    from pypdf import PdfReader

    GroupReportFactory(group=groups[0], status=GroupReport.Status.PUBLISHED, findings_en="Too few courses.")

    response = client.get(
        reverse("commitments:results_reports_pdf", kwargs={"slug": consultation.slug, "language": "en"})
    )

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "Too few courses." in text
    assert "Working groups' reports" in text


def test_reports_pdf_in_an_unknown_language_is_not_found(client, consultation):
    response = client.get(
        reverse("commitments:results_reports_pdf", kwargs={"slug": consultation.slug, "language": "de"})
    )

    assert response.status_code == 404


def test_live_content_shows_a_new_offer_on_the_next_view(
    client, consultation, known_data, public_screen, django_capture_on_commit_callbacks
):
    client.get(_screen_url(consultation, "commitments:results_live"))

    with django_capture_on_commit_callbacks(execute=True):
        OfferFactory(consultation=consultation, area=known_data[0])
    response = client.get(_screen_url(consultation, "commitments:results_live"))

    assert '<strong data-total="offers">4</strong>' in response.content.decode()


def test_live_content_follows_a_new_step_at_once(
    client, consultation, known_data, public_screen, django_capture_on_commit_callbacks
):
    client.get(_screen_url(consultation, "commitments:results_live"))

    with django_capture_on_commit_callbacks(execute=True):
        public_screen.step = 2
        public_screen.save()
    response = client.get(_screen_url(consultation, "commitments:results_live"))

    assert 'data-step="2"' in response.content.decode()


def test_the_public_reports_pdf_is_built_once_per_state_of_the_published_reports(
    client, consultation, groups, monkeypatch
):
    from commitments.views import results

    built = []
    monkeypatch.setattr(results, "pdf_from_fragment", lambda **kwargs: built.append(kwargs) or b"%PDF-1.7")
    url = reverse("commitments:results_reports_pdf", kwargs={"slug": consultation.slug, "language": "lv"})
    client.get(url)
    client.get(url)
    GroupReportFactory(group=groups[0], status=GroupReport.Status.PUBLISHED)
    client.get(url)

    assert len(built) == 2
