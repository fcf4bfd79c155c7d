from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Q

from commitments.models import Commitment, ProgressNote
from consultation.models import Organisation
from registry.offers.models import Offer, QuestionnaireResponse
from registry.participants.models import Participant
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db

SMALL = {"participants": 300, "offers": 200, "commitments": 40, "organisations": 30}


def synthetic(**options) -> None:
    call_command("synthetic_data", slug="riga-2015", **{**SMALL, **options})


def counts(consultation) -> tuple[int, ...]:
    return (
        Participant.objects.filter(consultation=consultation).count(),
        Offer.objects.filter(consultation=consultation).count(),
        Commitment.objects.filter(consultation=consultation).count(),
        GroupReport.objects.filter(group__consultation=consultation).count(),
        QuestionnaireResponse.objects.filter(consultation=consultation).count(),
    )


def test_synthetic_data_creates_the_counts_asked_for(consultation_2015):
    synthetic()

    assert counts(consultation_2015)[:4] == (300, 200, 40, 7)
    assert Organisation.objects.filter(slug__startswith="sintetiska-").count() == 30


def test_synthetic_participants_never_overbook_and_wait_in_numbered_lists(consultation_2015):
    synthetic()

    for group in consultation_2015.working_groups.annotate(
        confirmed=Count("participants", filter=Q(participants__status=Participant.Status.CONFIRMED)),
        waiting=Count("participants", filter=Q(participants__status=Participant.Status.WAITING)),
    ):
        assert group.confirmed == group.capacity  # 300 people for 7 groups of 30: every group is full
        positions = sorted(group.participants.waiting().values_list("waiting_position", flat=True))
        assert positions == list(range(1, group.waiting + 1))


def test_synthetic_data_is_latvian_and_spread_over_groups_and_sectors(consultation_2015):
    synthetic()

    participants = Participant.objects.filter(consultation=consultation_2015)
    names = " ".join(f"{p.first_name} {p.last_name}" for p in participants)
    assert set("āēīūčģķļņšž") <= set(names.casefold())
    assert len(Counter(participants.values_list("sector", flat=True))) >= 8
    assert participants.values("first_choice").distinct().count() == 7
    offers = Offer.objects.filter(consultation=consultation_2015)
    assert offers.filter(source=Offer.Source.QUESTIONNAIRE, response__isnull=False).exists()
    assert offers.filter(description__contains="Daugavpilī").exists()
    assert offers.filter(description__contains="children").exists()
    assert all(offer.search_text for offer in offers)
    assert ProgressNote.objects.filter(commitment__consultation=consultation_2015).exists()


def test_synthetic_data_run_twice_replaces_its_own_rows(consultation_2015):
    synthetic()
    first = counts(consultation_2015)

    synthetic()

    assert counts(consultation_2015) == first
    assert Organisation.objects.filter(slug__startswith="sintetiska-").count() == 30


def test_synthetic_reset_keeps_real_rows_and_renumbers_their_waiting_list(consultation_2015):
    from tests.participants.factories import ParticipantFactory

    synthetic()
    group = consultation_2015.working_groups.get(number=1)
    last = group.participants.waiting().aggregate(last=Max("waiting_position"))["last"]
    real = ParticipantFactory(
        consultation=consultation_2015,
        group=group,
        status=Participant.Status.WAITING,
        waiting_position=last + 1,
        email="real@example.org",
    )

    call_command("synthetic_data", slug="riga-2015", reset=True)

    assert counts(consultation_2015) == (1, 0, 0, 0, 0)
    real.refresh_from_db()
    assert (real.status, real.waiting_position) == (Participant.Status.WAITING, 1)
    assert Organisation.objects.filter(slug__startswith="sintetiska-").count() == 0
