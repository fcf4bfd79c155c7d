from __future__ import annotations

import io

import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from consultation.services import organisers_group_sync
from registry.participants.models import Participant
from registry.participants.selectors import participants_listed
from tests.factories import StaffFactory, UserFactory, WorkingGroupFactory

from .factories import ParticipantFactory


@pytest.fixture
def organiser(db):
    user = StaffFactory()
    user.groups.add(organisers_group_sync())
    return user


@pytest.fixture
def desk_client(client, organiser):
    client.force_login(organiser)
    return client


def _desk(consultation, name="participants:desk", **kwargs) -> str:
    return reverse(name, kwargs={"slug": consultation.slug, **kwargs})


def test_desk_needs_a_staff_login(client, consultation):
    response = client.get(_desk(consultation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_desk_refuses_a_non_staff_user(client, consultation):
    client.force_login(UserFactory())

    response = client.get(_desk(consultation))

    assert response.status_code == 302


def test_desk_search_finds_by_name(desk_client, group):
    anna = ParticipantFactory(
        consultation=group.consultation, group=group, first_name="Anna", last_name="Liepa"
    )
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Jānis", last_name="Ozols")

    response = desk_client.get(_desk(group.consultation, "participants:desk_results"), {"q": "anna lie"})

    assert response.context["results"] == [anna]


def test_desk_search_finds_by_code_with_a_dash(desk_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group, code="K7MR4P")

    response = desk_client.get(_desk(group.consultation, "participants:desk_results"), {"q": "k7m-r4p"})

    assert response.context["results"] == [participant]


def test_desk_search_wrong_code_says_so(desk_client, group):
    ParticipantFactory(consultation=group.consultation, group=group, code="K7MR4P")

    response = desk_client.get(_desk(group.consultation, "participants:desk_results"), {"q": "K7MR4A"})

    assert "Nevienai reģistrācijai nav koda K7MR4A" in response.content.decode()


def test_desk_search_does_not_show_other_consultations(desk_client, group):
    ParticipantFactory(first_name="Anna")

    response = desk_client.get(_desk(group.consultation, "participants:desk_results"), {"q": "Anna"})

    assert response.context["results"] == []


@pytest.mark.parametrize("row_count", [1, 25])
def test_desk_search_query_count_is_constant(desk_client, group, django_assert_max_num_queries, row_count):
    ParticipantFactory.create_batch(
        row_count, consultation=group.consultation, group=group, first_name="Anna"
    )

    # session, user, the desk's door (the account's permissions: its own, its groups'), the role, the search
    with django_assert_max_num_queries(7):
        response = desk_client.get(_desk(group.consultation, "participants:desk_results"), {"q": "Anna"})

    assert len(response.context["results"]) == row_count


@pytest.mark.parametrize("row_count", [1, 25])
def test_desk_page_query_count_is_constant(
    desk_client, consultation, django_assert_max_num_queries, row_count
):
    for number in range(1, row_count + 1):
        group = WorkingGroupFactory(consultation=consultation, number=number)
        ParticipantFactory(consultation=consultation, group=group, first_name="Anna")

    with django_assert_max_num_queries(10):
        response = desk_client.get(_desk(consultation), {"q": "Anna"})

    assert len(response.context["counts"]) == row_count


def test_desk_check_in_and_undo(desk_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    url = _desk(group.consultation, "participants:desk_check_in", pk=participant.pk)

    desk_client.post(url, {"q": participant.code})
    participant.refresh_from_db()
    checked_in = participant.checked_in_at
    desk_client.post(url, {"q": participant.code, "undo": "1"})
    participant.refresh_from_db()

    assert checked_in is not None
    assert participant.checked_in_at is None


def test_desk_check_in_needs_post(desk_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = desk_client.get(_desk(group.consultation, "participants:desk_check_in", pk=participant.pk))

    assert response.status_code == 405


def test_desk_walk_in_registers_and_checks_in(desk_client, group):
    response = desk_client.post(
        _desk(group.consultation, "participants:desk_walk_in"),
        {
            "first_name": "Ilze",
            "last_name": "Kalniņa",
            "organisation_text": "",
            "sector": "resident",
            "first_choice": group.pk,
            "email": "",
            "consent_data": "on",
        },
    )

    participant = Participant.objects.get()
    assert response.status_code == 302
    assert (participant.is_walk_in, participant.is_checked_in, participant.email) == (True, True, "")


def test_desk_walk_in_to_a_full_group_is_refused(desk_client, group):
    ParticipantFactory.create_batch(2, consultation=group.consultation, group=group)

    response = desk_client.post(
        _desk(group.consultation, "participants:desk_walk_in"),
        {
            "first_name": "Ilze",
            "last_name": "K",
            "sector": "resident",
            "first_choice": group.pk,
            "consent_data": "on",
        },
    )

    assert response.status_code == 400
    assert "Šī grupa ir pilna" in response.content.decode()


def test_desk_counts_expected_arrived_and_walk_ins(desk_client, group):
    ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(
        consultation=group.consultation, group=group, checked_in_at="2015-10-26T09:05:00+02:00"
    )
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        is_walk_in=True,
        checked_in_at="2015-10-26T09:10:00+02:00",
    )

    response = desk_client.get(_desk(group.consultation, "participants:desk_counts"))

    (row,) = response.context["counts"]
    assert (row.expected, row.arrived, row.walk_ins) == (2, 2, 1)


def test_group_leader_sees_only_their_group_at_the_desk(client, group, other_group):
    leader = StaffFactory()
    group.leaders.add(leader)
    mine = ParticipantFactory(consultation=group.consultation, group=group, first_name="Anna")
    ParticipantFactory(consultation=group.consultation, group=other_group, first_name="Anna")
    client.force_login(leader)

    response = client.get(_desk(group.consultation, "participants:desk_results"), {"q": "Anna"})

    assert response.context["results"] == [mine]


def _pdf_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_attendance_sheet_pdf_lists_the_confirmed_names(desk_client, group):
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Anna", last_name="Bērziņa")
    ParticipantFactory(
        consultation=group.consultation, group=group, status="waiting", waiting_position=1, last_name="Gaida"
    )

    response = desk_client.get(
        _desk(group.consultation, "participants:attendance_sheet", number=group.number)
    )

    text = _pdf_text(response)
    assert response["Content-Type"] == "application/pdf"
    assert "Bērziņa, Anna" in text
    assert "Gaida" not in text
    assert "Paraksts" in text


def test_badges_pdf_has_names_organisations_and_group(desk_client, group):
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Anna",
        last_name="Bērziņa",
        organisation_name="Biedrība X",
    )

    response = desk_client.get(_desk(group.consultation, "participants:badges", number=group.number))

    text = _pdf_text(response)
    assert "Anna" in text and "Bērziņa" in text and "Biedrība X" in text
    assert str(group.number) in text


def test_group_leader_cannot_print_another_group(client, group, other_group):
    leader = StaffFactory()
    group.leaders.add(leader)
    client.force_login(leader)

    response = client.get(
        _desk(group.consultation, "participants:attendance_sheet", number=other_group.number)
    )

    assert response.status_code == 404


def test_participants_listed_shows_only_those_who_agreed(group, django_assert_num_queries):
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Anna",
        last_name="Liepa",
        consent_listing=True,
    )
    ParticipantFactory(
        consultation=group.consultation, group=group, first_name="Slēpts", consent_listing=False
    )
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Gaida",
        consent_listing=True,
        status="waiting",
        waiting_position=1,
    )

    with django_assert_num_queries(1):
        listed = participants_listed(group=group)

    assert listed == [("Anna Liepa", "")]


@pytest.mark.parametrize("junk", ["", "\x00", "x" * 5000, "<b>", "🙂" * 50, "-1"])
def test_desk_never_fails_on_junk(desk_client, group, junk):
    walk_in = desk_client.post(
        _desk(group.consultation, "participants:desk_walk_in"),
        {key: junk for key in ("first_name", "last_name", "sector", "first_choice", "email", "consent_data")},
    )
    search = desk_client.get(_desk(group.consultation, "participants:desk_results"), {"q": junk})

    assert (walk_in.status_code, search.status_code) == (400, 200)
    assert Participant.objects.count() == 0


def test_desk_counts_total_row_in_latvian(desk_client, group):
    ParticipantFactory(consultation=group.consultation, group=group)

    response = desk_client.get(_desk(group.consultation, "participants:desk_counts"))

    assert '<th scope="row">Kopā</th>' in response.content.decode()
    assert response.context["totals"] == {"expected": 1, "arrived": 0, "walk_ins": 0, "waiting": 0}


def _pdf(response) -> PdfReader:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return PdfReader(io.BytesIO(content))


def test_badges_carry_the_event_the_group_title_and_a_qr_code_of_the_code(desk_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = desk_client.get(_desk(group.consultation, "participants:badges", number=group.number))

    reader = _pdf(response)
    text = reader.pages[0].extract_text()
    assert group.consultation.title_lv in text
    assert group.title_lv in text
    (image,) = reader.pages[0].images
    assert [result.text for result in zxingcpp.read_barcodes(image.image)] == [participant.code]


def test_badges_and_attendance_sheet_have_pdf_titles(desk_client, group):
    ParticipantFactory(consultation=group.consultation, group=group)

    badges = _pdf(desk_client.get(_desk(group.consultation, "participants:badges", number=group.number)))
    sheet = _pdf(
        desk_client.get(_desk(group.consultation, "participants:attendance_sheet", number=group.number))
    )

    assert badges.metadata.title == f"Vārdu kartes · {group.consultation.title_lv}"
    assert sheet.metadata.title == f"Apmeklējuma lapa · {group.number}. {group.title_lv}"
