from __future__ import annotations

import csv
import io

import pytest
import tablib
from django.contrib import admin as django_admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from consultation.services import group_leaders_group_sync, organisers_group_sync
from consultation.spreadsheets import SafeCSV, TypedXLSX
from registry.participants.admin import ParticipantAdmin, ParticipantResource
from registry.participants.models import Participant
from tests.factories import OrganisationFactory, StaffFactory

from .factories import ParticipantFactory

CHANGELIST = "admin:participants_participant_changelist"


@pytest.fixture
def organiser_client(client, db):
    user = StaffFactory()
    user.groups.add(organisers_group_sync())
    client.force_login(user)
    return client


def _action(client, action, participants, **extra):
    data = {"action": action, "_selected_action": [p.pk for p in participants], "index": 0, **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_admin_leader_sees_only_their_groups_participants(client, group, other_group):
    leader = StaffFactory()
    leader.user_permissions.add(Permission.objects.get(codename="view_participant"))
    group.leaders.add(leader)
    mine = ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(consultation=group.consultation, group=other_group)
    client.force_login(leader)

    response = client.get(reverse(CHANGELIST))

    assert list(response.context["cl"].queryset) == [mine]


def test_admin_organiser_sees_everyone(organiser_client, group, other_group):
    ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(consultation=group.consultation, group=other_group)

    response = organiser_client.get(reverse(CHANGELIST))

    assert response.context["cl"].result_count == 2


def test_admin_filter_by_checked_in(organiser_client, group):
    arrived = ParticipantFactory(
        consultation=group.consultation, group=group, checked_in_at="2015-10-26T09:00:00+02:00"
    )
    ParticipantFactory(consultation=group.consultation, group=group)

    response = organiser_client.get(reverse(CHANGELIST), {"checked_in": "yes"})

    assert list(response.context["cl"].queryset) == [arrived]


def test_admin_action_cancel_promotes_the_waiting(
    organiser_client, group, django_capture_on_commit_callbacks
):
    leaving = ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(consultation=group.consultation, group=group)
    waiting = ParticipantFactory(
        consultation=group.consultation, group=group, status="waiting", waiting_position=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        _action(organiser_client, "cancel", [leaving])

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_admin_action_confirm_from_waiting_list_when_full_warns(organiser_client, group):
    ParticipantFactory.create_batch(2, consultation=group.consultation, group=group)
    waiting = ParticipantFactory(
        consultation=group.consultation, group=group, status="waiting", waiting_position=1
    )

    response = _action(organiser_client, "confirm_from_waiting_list", [waiting])

    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    assert "ir pilna" in response.content.decode()


def test_admin_action_move_to_group(organiser_client, group, other_group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    _action(organiser_client, "move_to_group", [participant], group=other_group.pk)

    participant.refresh_from_db()
    assert participant.group == other_group


def test_admin_action_move_without_a_group_says_so(organiser_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = _action(organiser_client, "move_to_group", [participant], group="")

    assert response.status_code == 200
    assert "Izvēlieties grupu" in response.content.decode()


def test_admin_action_resend_email(organiser_client, group, mailoutbox, django_capture_on_commit_callbacks):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    with django_capture_on_commit_callbacks(execute=True):
        _action(organiser_client, "resend_email", [participant])

    assert [message.to for message in mailoutbox] == [[participant.email]]


def test_admin_action_print_badges_returns_a_pdf(organiser_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = organiser_client.post(
        reverse(CHANGELIST), {"action": "print_badges", "_selected_action": [participant.pk], "index": 0}
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_export_escapes_cells_that_would_run_as_formulas(group, formula):
    ParticipantFactory(consultation=group.consultation, group=group, position=formula)

    dataset = ParticipantResource().export(Participant.objects.all())

    (row,) = csv.DictReader(io.StringIO(SafeCSV().export_data(dataset).removeprefix("\ufeff")))
    assert row["position"] == "'" + formula


def test_export_xlsx_keeps_the_formula_as_text(group):
    ParticipantFactory(consultation=group.consultation, group=group, last_name="=1+1")
    dataset = ParticipantResource().export(Participant.objects.all())

    workbook = load_workbook(io.BytesIO(TypedXLSX().export_data(dataset)))

    row = [cell.value for cell in next(workbook.active.iter_rows(min_row=2, max_row=2))]
    assert "=1+1" in row
    assert all(cell.data_type != "f" for cell in next(workbook.active.iter_rows(min_row=2, max_row=2)))


def test_export_never_shows_other_groups_to_a_leader(group, other_group):
    leader = StaffFactory()
    leader.user_permissions.add(Permission.objects.get(codename="view_participant"))
    group.leaders.add(leader)
    ParticipantFactory(consultation=group.consultation, group=group, last_name="Mine")
    ParticipantFactory(consultation=group.consultation, group=other_group, last_name="Other")

    request = RequestFactory().get(reverse(CHANGELIST))
    request.user = leader
    queryset = ParticipantAdmin(Participant, django_admin.site).get_export_queryset(request)

    assert [p.last_name for p in queryset] == ["Mine"]


def _dataset(rows):
    headers = [
        "consultation",
        "first_name",
        "last_name",
        "email",
        "organisation",
        "sector",
        "group",
        "consent_data",
    ]
    return tablib.Dataset(*rows, headers=headers)


def test_import_adds_people_with_the_capacity_rules(group):
    slug = group.consultation.slug
    rows = [(slug, f"P{n}", "X", f"p{n}@example.org", "Jauna", "ngo", group.number, "1") for n in range(3)]

    result = ParticipantResource().import_data(_dataset(rows), dry_run=False, use_transactions=True)

    assert not result.has_errors() and not result.has_validation_errors()
    statuses = sorted(Participant.objects.values_list("status", "waiting_position"))
    assert statuses == [("confirmed", None), ("confirmed", None), ("waiting", 1)]


def test_import_with_one_bad_row_imports_nothing_and_names_the_row(group):
    slug = group.consultation.slug
    rows = [
        (slug, "Anna", "X", "anna@example.org", "", "ngo", group.number, "1"),
        (slug, "Bad", "Y", "not-an-email", "", "pirates", 99, "1"),
    ]

    result = ParticipantResource().import_data(_dataset(rows), dry_run=False, use_transactions=True)

    assert Participant.objects.count() == 0
    (invalid,) = result.invalid_rows
    assert invalid.number == 2
    assert set(invalid.field_specific_errors) >= {"email", "sector", "group"}


def test_import_refuses_an_address_already_registered(group):
    ParticipantFactory(consultation=group.consultation, group=group, email="anna@example.org")
    rows = [(group.consultation.slug, "Anna", "X", "ANNA@example.org", "", "ngo", group.number, "1")]

    result = ParticipantResource().import_data(_dataset(rows), dry_run=True, use_transactions=True)

    assert result.has_validation_errors()


def test_admin_import_page_shows_row_errors(organiser_client, group):
    content = "consultation,first_name,last_name,email,organisation,sector,group,consent_data\n"
    content += f"{group.consultation.slug},Anna,X,bad-address,,ngo,{group.number},1\n"
    upload = io.BytesIO(content.encode())
    upload.name = "people.csv"

    response = organiser_client.post(
        reverse("admin:participants_participant_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )

    assert response.status_code == 200
    assert "bad-address" in response.content.decode()
    assert Participant.objects.count() == 0


def test_admin_action_fill_free_places_after_raising_a_capacity(organiser_client, group):
    ParticipantFactory.create_batch(2, consultation=group.consultation, group=group)
    waiting = ParticipantFactory(
        consultation=group.consultation, group=group, status="waiting", waiting_position=1
    )
    group.capacity = 3
    group.save()

    _action(organiser_client, "fill_free_places", [waiting])

    waiting.refresh_from_db()
    assert (waiting.status, waiting.waiting_position) == ("confirmed", None)


def test_admin_export_writes_only_the_chosen_columns(organiser_client, group):
    ParticipantFactory(
        consultation=group.consultation, group=group, last_name="@Bērziņa", email="a@example.org"
    )

    response = organiser_client.post(
        reverse("admin:participants_participant_export"),
        {
            "format": "0",
            "resource": "0",
            "participantresource_last_name": "on",
            "participantresource_group": "on",
        },
    )

    content = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
        "utf-8-sig"
    )
    assert content.splitlines() == ["last_name,group", f"'@Bērziņa,{group.number}"]


def test_admin_change_page_shows_status_and_group_read_only(organiser_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = organiser_client.get(reverse("admin:participants_participant_change", args=[participant.pk]))

    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields
    assert "group" not in response.context["adminform"].form.fields


def test_admin_change_page_saves_details(organiser_client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    url = reverse("admin:participants_participant_change", args=[participant.pk])
    form = organiser_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(first_name="Inese", sector="ngo", language="lv", consent_data="on")

    response = organiser_client.post(url, data)

    participant.refresh_from_db()
    assert response.status_code == 302
    assert participant.first_name == "Inese"


def test_admin_leader_without_model_permissions_looks_after_their_group(client, group, other_group):
    leader = StaffFactory()
    group.leaders.add(leader)
    mine = ParticipantFactory(consultation=group.consultation, group=group)
    theirs = ParticipantFactory(consultation=group.consultation, group=other_group)
    client.force_login(leader)

    listing = client.get(reverse(CHANGELIST))
    own_page = client.get(reverse("admin:participants_participant_change", args=[mine.pk]))
    other_page = client.get(reverse("admin:participants_participant_change", args=[theirs.pk]))

    assert list(listing.context["cl"].queryset) == [mine]
    assert own_page.status_code == 200
    assert other_page.status_code == 302  # "does not exist" for them: back to the list


def test_admin_leader_cannot_import(client, group):
    leader = StaffFactory()
    group.leaders.add(leader)
    client.force_login(leader)

    response = client.get(reverse("admin:participants_participant_import"))

    assert response.status_code == 403


def test_admin_leader_in_the_group_leaders_group_cannot_import(client, group):
    leader = StaffFactory()
    leader.groups.add(group_leaders_group_sync())
    group.leaders.add(leader)
    client.force_login(leader)

    response = client.get(reverse("admin:participants_participant_import"))

    assert response.status_code == 403


def test_admin_staff_who_lead_nothing_see_no_participants(client, group):
    ParticipantFactory(consultation=group.consultation, group=group)
    client.force_login(StaffFactory())

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 403


def test_admin_links_typed_organisations_to_a_known_one(organiser_client, group):
    known = OrganisationFactory(name_lv="Providus")
    typed = ParticipantFactory.create_batch(
        2, consultation=group.consultation, group=group, organisation_name="Providus biedrība"
    )

    listed = organiser_client.get(reverse(CHANGELIST), {"typed_organisation": "yes"})
    _action(organiser_client, "link_organisation", typed, organisation=known.pk)

    assert listed.context["cl"].result_count == 2
    assert set(Participant.objects.values_list("organisation", "organisation_name")) == {(known.pk, "")}


def test_admin_leader_cannot_fill_places_across_the_consultation(client, group):
    leader = StaffFactory()
    group.leaders.add(leader)
    client.force_login(leader)

    response = client.get(reverse(CHANGELIST))

    actions = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert "fill_free_places" not in actions
    assert "confirm_from_waiting_list" in actions
