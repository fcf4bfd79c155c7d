"""The report in the leaders' workspace: saving, submitting, autosave, conflicts, bad input, organisers' steps."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import GroupReportFactory, StaffFactory, WorkingGroupFactory, report_post_data
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(group):
    user = StaffFactory(username="leader")
    group.leaders.add(user)
    return user


@pytest.fixture
def organiser():
    return StaffFactory(username="organiser", is_superuser=True)


def _url(group, name="commitments:workspace"):
    return reverse(name, kwargs={"slug": group.consultation.slug, "number": group.number})


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_people_who_took_part_is_prefilled_from_the_check_ins(client, group, leader):
    ParticipantFactory.create_batch(
        3, consultation=group.consultation, group=group, checked_in_at=timezone.now()
    )
    ParticipantFactory(consultation=group.consultation, group=group)
    client.force_login(leader)

    response = client.get(_url(group))

    assert response.context["report_form"]["participant_count"].value() == 3


def test_submit_saves_and_submits_with_needs_and_actions(client, group, leader):
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report"),
        report_post_data(
            action="submit",
            findings_lv="Trūkst tulku.",
            participant_count="14",
            needs=[(group.pk, "Tulki arābu valodā")],
            actions=[("Patvērums “Drošā māja”", "Apmācīt brīvprātīgos", "2015-12-01")],
        ),
    )

    report = GroupReport.objects.get(group=group)
    assert response["Location"] == _url(group)
    assert (report.status, report.participant_count, report.version) == (GroupReport.Status.SUBMITTED, 14, 1)
    assert list(report.needs.values_list("area_id", "text_lv")) == [(group.pk, "Tulki arābu valodā")]
    assert list(report.actions.values_list("owner", flat=True)) == ["Patvērums “Drošā māja”"]


def test_a_text_too_long_is_refused_with_a_translated_message_and_kept_in_the_form(client, group, leader):
    client.force_login(leader)
    text = "ā" * 10001

    response = client.post(_url(group, "commitments:workspace_report"), report_post_data(findings_lv=text))

    assert response.status_code == 400
    assert response.context["report_form"].errors["findings_lv"] == [
        "Vērtībai jābūt ne vairāk kā 10000 zīmei (tajā ir 10001)."
    ]
    assert response.context["report_form"]["findings_lv"].value() == text
    assert not GroupReport.objects.filter(group=group).exists()


def test_a_need_without_an_area_is_refused(client, group, leader):
    client.force_login(leader)
    data = report_post_data(needs=[("", "Telpas")])

    response = client.post(_url(group, "commitments:workspace_report"), data)

    assert response.status_code == 400
    assert response.context["need_formset"].forms[0].errors["area"] == [
        "Norādiet jomu, kurai šī vajadzība pieder, lai to varētu salīdzināt ar piedāvājumiem."
    ]


def test_a_need_in_another_consultations_area_is_refused(client, group, leader):
    foreign = WorkingGroupFactory(number=9)
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report"), report_post_data(needs=[(foreign.pk, "X")])
    )

    assert response.status_code == 400
    assert response.context["need_formset"].forms[0].errors["area"] == [
        "Izvēlieties vienu no šīs konsultācijas jomām."
    ]


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(client, group, leader):
    GroupReportFactory(group=group, findings_lv="Otra līdera teksts.", version=2)
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report"), report_post_data(version=1, findings_lv="Mans teksts.")
    )

    assert response.status_code == 409
    assert _messages(response) == [
        "Kāds cits saglabāja šo ziņojumu, kamēr jūs to rediģējāt (versija 2). Nekas netika pārrakstīts: "
        "salīdziniet abas versijas zemāk un saglabājiet vēlreiz."
    ]
    page = response.content.decode()
    assert "Otra līdera teksts." in page
    assert response.context["report_form"]["findings_lv"].value() == "Mans teksts."
    assert response.context["report_form"]["version"].value() == "2"
    assert GroupReport.objects.get(group=group).findings_lv == "Otra līdera teksts."


def test_saving_again_after_a_conflict_replaces_the_newer_version_on_purpose(client, group, leader):
    GroupReportFactory(group=group, findings_lv="Otra līdera teksts.", version=2)
    client.force_login(leader)

    client.post(
        _url(group, "commitments:workspace_report"), report_post_data(version=2, findings_lv="Mans teksts.")
    )

    assert GroupReport.objects.get(group=group).findings_lv == "Mans teksts."


def test_submitting_a_published_report_gets_a_clear_answer(client, group, leader):
    GroupReportFactory(group=group, status=GroupReport.Status.PUBLISHED, version=3)
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report"),
        report_post_data(version=3, action="submit", findings_lv="Jauns"),
    )

    assert response.status_code == 409
    assert _messages(response) == [
        "Šis ziņojums ir publicēts, un to vairs nevar mainīt. Lūdziet organizatoriem to atgriezt."
    ]
    assert GroupReport.objects.get(group=group).findings_lv == "Valodas kursu trūkst."


def test_autosave_answers_with_the_new_version(client, group, leader):
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report_autosave"), report_post_data(findings_lv="Melnr.")
    )

    body = response.json()
    assert (response.status_code, body["status"], body["version"]) == (200, "saved", 1)
    assert GroupReport.objects.get(group=group).findings_lv == "Melnr."


def test_autosave_of_a_stale_version_answers_conflict(client, group, leader):
    GroupReportFactory(group=group, version=5)
    client.force_login(leader)

    response = client.post(_url(group, "commitments:workspace_report_autosave"), report_post_data(version=4))

    assert (response.status_code, response.json()["status"], response.json()["version"]) == (
        409,
        "conflict",
        5,
    )


def test_autosave_of_bad_input_names_the_fields(client, group, leader):
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report_autosave"), report_post_data(participant_count="-4")
    )

    assert response.status_code == 400
    assert list(json.loads(response.content)["errors"]) == ["report-participant_count"]


def test_organiser_returns_a_submitted_report_with_a_note(client, group, organiser):
    GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=2)
    client.force_login(organiser)

    response = client.post(
        _url(group, "commitments:workspace_report_return"), {"version": "2", "note": "Trūkst termiņu."}
    )

    report = GroupReport.objects.get(group=group)
    assert response["Location"] == _url(group)
    assert (report.status, report.return_note, report.version) == (
        GroupReport.Status.RETURNED,
        "Trūkst termiņu.",
        3,
    )


def test_returning_without_a_note_is_refused(client, group, organiser):
    GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=2)
    client.force_login(organiser)

    response = client.post(_url(group, "commitments:workspace_report_return"), {"version": "2", "note": ""})

    assert response.status_code == 400
    assert _messages(response) == ["Uzrakstiet piezīmi: vadītājiem jāzina, ko mainīt."]
    assert GroupReport.objects.get(group=group).status == GroupReport.Status.SUBMITTED


def test_organiser_publishes_a_submitted_report_and_the_group_page_shows_it(client, group, organiser):
    GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=2, findings_lv="Galvenais.")
    client.force_login(organiser)

    client.post(_url(group, "commitments:workspace_report_publish"), {"version": "2"})
    client.logout()
    page = client.get(group.get_absolute_url())

    assert GroupReport.objects.get(group=group).status == GroupReport.Status.PUBLISHED
    assert page.context["report"].findings_lv == "Galvenais."
    assert "Galvenais." in page.content.decode()


def test_group_page_does_not_show_a_submitted_report(client, group):
    GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, findings_lv="Vēl ne.")

    page = client.get(group.get_absolute_url())

    assert page.context["report"] is None


def test_publishing_a_draft_is_refused_with_a_message(client, group, organiser):
    GroupReportFactory(group=group, version=1)
    client.force_login(organiser)

    response = client.post(_url(group, "commitments:workspace_report_publish"), {"version": "1"})

    assert response.status_code == 409
    assert _messages(response) == [
        "Publicēt var tikai iesniegtu ziņojumu: vispirms to iesniedz grupas vadītāji."
    ]


def test_workspace_shows_the_history_of_changes(client, group, leader):
    client.force_login(leader)
    client.post(_url(group, "commitments:workspace_report"), report_post_data(findings_lv="Pirmais."))
    client.post(
        _url(group, "commitments:workspace_report"),
        report_post_data(version=1, findings_lv="Pirmais.", solutions_lv="Otrais."),
    )

    response = client.get(_url(group))

    history = response.context["history"]
    assert [(entry["record"].version, entry["record"].history_user) for entry in history] == [
        (2, leader),
        (1, leader),
        (0, leader),
    ]
    assert history[0]["changed"] == [str(GroupReport._meta.get_field("solutions_lv").verbose_name)]


@pytest.mark.parametrize("version", ["", "x", "-1"])
def test_a_forged_version_is_refused_with_a_visible_message_and_the_text_kept(client, group, leader, version):
    client.force_login(leader)
    data = {**report_post_data(findings_lv="Mans teksts."), "report-version": version}

    response = client.post(_url(group, "commitments:workspace_report"), data)

    message = "Šī lapa ir novecojusi: atveriet darba vietu vēlreiz (jūsu teksts ir saglabāts zemāk)."
    assert response.status_code == 400
    assert f'<div class="alert alert-danger" role="alert">{message}</div>' in response.content.decode()
    assert response.context["report_form"]["findings_lv"].value() == "Mans teksts."


def test_forged_row_counts_are_refused_without_an_error_page(client, group, leader):
    client.force_login(leader)
    data = {**report_post_data(), "needs-TOTAL_FORMS": "1000"}

    response = client.post(_url(group, "commitments:workspace_report"), data)

    assert response.status_code == 400
    assert response.context["need_formset"].non_form_errors() == [
        "Lūgums iesniegt ne vairāk par 30 veidlapu."
    ]


def test_a_missing_management_form_is_refused_without_an_error_page(client, group, leader):
    client.force_login(leader)
    data = {key: value for key, value in report_post_data().items() if not key.startswith("actions-")}

    response = client.post(_url(group, "commitments:workspace_report"), data)

    assert response.status_code == 400
    assert not GroupReport.objects.filter(group=group).exists()
