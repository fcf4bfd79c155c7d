from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ProgressNote
from consultation.links import private_token
from tests.commitments.factories_commitments import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    ProgressNoteFactory,
)

pytestmark = pytest.mark.django_db


def _url(commitment, name="commitments:private"):
    return reverse(name, kwargs={"slug": commitment.consultation.slug, "token": private_token(commitment)})


def _edit_data(commitment, **changes):
    data = {
        "organisation": str(commitment.organisation_id),
        "new_organisation_name": "",
        "group": str(commitment.group_id),
        "text": "Labots teksts.",
        "resource": "money",
        "starts_on": "2015-11-05",
        "ends_on": "",
        "contact_name": "Anna",
        "contact_email": "anna@example.org",
        "contact_phone": "",
        "may_publish_name": "",
    }
    return {**data, **changes}


def test_private_page_shows_the_edit_form_of_a_proposed_commitment(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    response = client.get(_url(commitment))

    assert response.context["commitment"] == commitment
    assert response.context["form"].initial["text"] == commitment.text_lv
    assert response.context["progress_form"] is None


def test_private_page_post_saves_the_authors_changes(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    response = client.post(_url(commitment), _edit_data(commitment))

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert (commitment.text_lv, commitment.resource, commitment.may_publish_name) == (
        "Labots teksts.",
        "money",
        False,
    )


def test_private_page_shows_the_organisers_note_of_a_returned_commitment(client, consultation, group):
    commitment = CommitmentFactory(
        consultation=consultation, group=group, status=Commitment.Status.RETURNED, review_note="Precizējiet."
    )

    response = client.get(_url(commitment))

    assert "Precizējiet." in response.content.decode()


def test_private_page_post_on_an_approved_commitment_changes_nothing(client, consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group, text_lv="Apstiprināts.")

    response = client.post(_url(commitment), _edit_data(commitment), follow=True)

    commitment.refresh_from_db()
    assert commitment.text_lv == "Apstiprināts."
    assert [str(m) for m in response.context["messages"]] == [
        "Šī apņemšanās ir apstiprināta, tāpēc to vairs nevar mainīt ar šo saiti."
    ]


def test_private_page_of_an_approved_commitment_offers_progress_not_editing(client, consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)

    response = client.get(_url(commitment))

    assert response.context["form"] is None
    assert response.context["progress_form"] is not None


def test_progress_post_through_the_link_saves_a_note_by_the_organisation(client, consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)

    client.post(
        _url(commitment, "commitments:report_progress"),
        {"progress": "in_progress", "text": "Pirmais seminārs notika.", "noted_on": "2015-12-01"},
    )

    note = ProgressNote.objects.get()
    commitment.refresh_from_db()
    assert (note.author, note.text) == (ProgressNote.Author.ORGANISATION, "Pirmais seminārs notika.")
    assert commitment.progress == Commitment.Progress.IN_PROGRESS


def test_progress_post_with_a_future_date_is_refused(client, consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        _url(commitment, "commitments:report_progress"),
        {"progress": "done", "text": "Gatavs.", "noted_on": tomorrow.isoformat()},
    )

    assert response.status_code == 400
    assert response.context["progress_form"].errors["noted_on"] == ["Datums nevar būt nākotnē."]
    assert ProgressNote.objects.count() == 0


def test_withdraw_through_the_link_withdraws_a_proposed_commitment(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    client.post(_url(commitment, "commitments:withdraw"), {"confirmed": "yes"})

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.WITHDRAWN


def test_private_link_with_a_broken_signature_says_it_does_not_work(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    url = reverse(
        "commitments:private", kwargs={"slug": consultation.slug, "token": "x" + private_token(commitment)}
    )

    response = client.get(url)

    assert response.status_code == 404
    assert "Šī saite nedarbojas" in response.content.decode()


def test_private_link_expires_after_the_consultations_limit(client, consultation, group):
    consultation.private_link_days = 30
    consultation.save()
    commitment = CommitmentFactory(consultation=consultation, group=group)
    url = _url(commitment)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = client.get(url)

    assert response.status_code == 410
    assert "Šīs saites derīguma laiks ir beidzies" in response.content.decode()


def test_private_link_without_a_limit_works_until_180_days_after_the_event(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    url = _url(commitment)

    with time_machine.travel(consultation.ends_at + datetime.timedelta(days=179)):
        response = client.get(url)

    assert response.context["commitment"] == commitment


def test_private_link_without_a_limit_expires_180_days_after_the_event(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    url = _url(commitment)

    with time_machine.travel(consultation.ends_at + datetime.timedelta(days=181)):
        response = client.get(url)

    assert response.status_code == 410


def test_private_link_of_another_consultation_does_not_open(client, consultation, group):
    commitment = CommitmentFactory()
    url = reverse(
        "commitments:private", kwargs={"slug": consultation.slug, "token": private_token(commitment)}
    )

    response = client.get(url)

    assert response.status_code == 404


def test_private_page_never_shows_other_commitments_contact_data(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    other = CommitmentFactory(consultation=consultation, group=group, contact_email="secret@example.org")

    response = client.get(_url(commitment))

    assert other.contact_email not in response.content.decode()


@pytest.mark.parametrize("count", [1, 15])
def test_private_page_query_count_is_constant(
    client, consultation, group, django_assert_max_num_queries, count
):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)
    ProgressNoteFactory.create_batch(count, commitment=commitment)

    with django_assert_max_num_queries(3):
        response = client.get(_url(commitment))

    assert len(response.context["notes"]) == count


def test_withdraw_unconfirmed_asks_first_and_keeps_the_commitment(client, consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    response = client.post(_url(commitment, "commitments:withdraw"))

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PROPOSED
    assert response.context["question"] == "Atsaukt apņemšanos?"
