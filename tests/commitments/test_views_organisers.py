from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from commitments.models import Commitment, Edition
from commitments.services import edition_publish
from consultation.services import organisers_group_sync
from tests.commitments.factories_commitments import ApprovedCommitmentFactory, CommitmentFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(db):
    user = StaffFactory()
    user.groups.add(organisers_group_sync())
    return user


def test_draft_page_needs_an_organiser(client, consultation):
    client.force_login(UserFactory())

    response = client.get(reverse("commitments:draft", kwargs={"slug": consultation.slug}))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_draft_page_shows_approved_commitments_and_counts_the_queue(client, consultation, group, organiser):
    ApprovedCommitmentFactory(consultation=consultation, group=group, text_lv="Apstiprināts darbs.")
    CommitmentFactory(consultation=consultation, group=group, text_lv="Gaida pārbaudi.")
    client.force_login(organiser)

    response = client.get(reverse("commitments:draft", kwargs={"slug": consultation.slug}))

    html = response.content.decode()
    assert (response.context["approved_count"], response.context["proposed_count"]) == (1, 1)
    assert "Apstiprināts darbs." in html
    assert "Gaida pārbaudi." not in html


def test_draft_pdf_is_a_pdf_for_organisers(client, consultation, group, organiser):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)

    response = client.get(
        reverse("commitments:draft_pdf", kwargs={"slug": consultation.slug, "language": "lv"})
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_publish_creates_an_edition_and_builds_its_pdfs(
    client, consultation, group, organiser, django_capture_on_commit_callbacks
):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("commitments:publish", kwargs={"slug": consultation.slug}), {"confirmed": "yes"}
        )

    edition = Edition.objects.get()
    assert response["Location"] == reverse(
        "commitments:edition", kwargs={"slug": consultation.slug, "number": 1}
    )
    assert (edition.published_by, bool(edition.pdf_for("lv")), bool(edition.pdf_for("en"))) == (
        organiser,
        True,
        True,
    )


def test_publish_with_no_approved_commitment_explains_why_not(client, consultation, group, organiser):
    CommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)

    response = client.post(
        reverse("commitments:publish", kwargs={"slug": consultation.slug}), {"confirmed": "yes"}, follow=True
    )

    assert Edition.objects.count() == 0
    assert len(list(response.context["messages"])) == 1
    assert response.context["approved_count"] == 0


def test_publish_by_a_get_request_is_not_allowed(client, consultation, organiser):
    client.force_login(organiser)

    response = client.get(reverse("commitments:publish", kwargs={"slug": consultation.slug}))

    assert response.status_code == 405


def test_admin_queue_lists_proposed_commitments(client, consultation, group, organiser):
    CommitmentFactory(
        consultation=consultation, group=group, proposed_organisation_name="Jauna", organisation=None
    )
    client.force_login(organiser)

    response = client.get(reverse("admin:commitments_commitment_changelist") + "?status__exact=proposed")

    assert response.context["cl"].result_count == 1
    assert reverse("commitments:draft", kwargs={"slug": consultation.slug}) in response.content.decode()


def test_admin_approve_action_approves_the_selection(client, consultation, group, organiser):
    commitments = CommitmentFactory.create_batch(2, consultation=consultation, group=group)
    client.force_login(organiser)

    client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "approve_selected", "_selected_action": [c.pk for c in commitments]},
    )

    assert set(Commitment.objects.values_list("status", flat=True)) == {Commitment.Status.APPROVED}


def test_admin_return_button_returns_with_the_note(client, consultation, group, organiser):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    data = {
        "consultation": consultation.pk,
        "group": group.pk,
        "organisation": commitment.organisation_id,
        "proposed_organisation_name": "",
        "text_lv": commitment.text_lv,
        "text_en": commitment.text_en,
        "resource": commitment.resource,
        "starts_on": "2015-11-01",
        "ends_on": "",
        "may_publish_name": "on",
        "contact_name": commitment.contact_name,
        "contact_email": commitment.contact_email,
        "contact_phone": "",
        "review_note": "Lūdzu, norādiet datumu.",
        "position": 0,
        "progress": "planned",
        "progress_notes-TOTAL_FORMS": 0,
        "progress_notes-INITIAL_FORMS": 0,
        "_return": "1",
    }

    response = client.post(url, data)

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert (commitment.status, commitment.review_note) == (
        Commitment.Status.RETURNED,
        "Lūdzu, norādiet datumu.",
    )


def test_admin_export_as_csv_includes_contacts_for_organisers(client, consultation, group, organiser):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    organiser.user_permissions.add(Permission.objects.get(codename="view_commitment"))
    client.force_login(organiser)

    response = client.post(
        reverse("admin:commitments_commitment_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"commitmentresource_{name}": "on" for name in ["id", "contact_email"]},
        },
    )

    assert response["Content-Type"].startswith("text/csv")
    assert commitment.contact_email in response.content.decode()


def test_admin_progress_note_added_inline_sets_the_commitments_progress(
    client, consultation, group, organiser
):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)
    data = {
        "consultation": consultation.pk,
        "group": group.pk,
        "organisation": commitment.organisation_id,
        "proposed_organisation_name": "",
        "text_lv": commitment.text_lv,
        "text_en": commitment.text_en,
        "resource": commitment.resource,
        "starts_on": "2015-11-01",
        "ends_on": "",
        "may_publish_name": "on",
        "contact_name": commitment.contact_name,
        "contact_email": commitment.contact_email,
        "contact_phone": "",
        "review_note": "",
        "position": 1,
        "progress": "planned",
        "progress_notes-TOTAL_FORMS": 1,
        "progress_notes-INITIAL_FORMS": 0,
        "progress_notes-0-noted_on": "2016-02-01",
        "progress_notes-0-progress": "done",
        "progress_notes-0-text": "Organizācija ziņoja pa tālruni.",
        "progress_notes-0-author": "organisers",
        "_save": "1",
    }

    response = client.post(reverse("admin:commitments_commitment_change", args=[commitment.pk]), data)

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert commitment.progress == Commitment.Progress.DONE


def test_admin_export_as_xlsx_is_a_spreadsheet(client, consultation, group, organiser):
    CommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)

    response = client.post(
        reverse("admin:commitments_commitment_export"),
        {
            "format": "1",
            "resource": "0",
            **{f"commitmentresource_{name}": "on" for name in ["id", "text_lv"]},
        },
    )

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.content.startswith(b"PK")


def test_admin_edition_cannot_be_changed_or_deleted_by_organisers(client, consultation, group, organiser):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    edition = edition_publish(consultation=consultation)
    client.force_login(organiser)

    response = client.post(reverse("admin:commitments_edition_delete", args=[edition.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Edition.objects.filter(pk=edition.pk).exists()


def test_admin_edition_cannot_be_deleted_even_by_a_superuser(client, consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    edition = edition_publish(consultation=consultation)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    client.post(reverse("admin:commitments_edition_delete", args=[edition.pk]), {"post": "yes"})

    assert Edition.objects.filter(pk=edition.pk).exists()


def test_publish_unconfirmed_asks_first_and_publishes_nothing(client, consultation, group, organiser):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    client.force_login(organiser)

    response = client.post(reverse("commitments:publish", kwargs={"slug": consultation.slug}))

    assert Edition.objects.count() == 0
    assert response.context["question"] == "Publicēt jaunu izdevumu?"
    assert response.context["back_url"] == reverse("commitments:draft", kwargs={"slug": consultation.slug})
