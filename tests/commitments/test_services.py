from __future__ import annotations

import datetime

import pytest
from django.core import mail

from commitments.models import Commitment, Edition, ProgressNote
from commitments.services import (
    CommitmentError,
    commitment_approve,
    commitment_create,
    commitment_progress_record,
    commitment_reject,
    commitment_return,
    commitment_update_by_author,
    commitment_withdraw,
    edition_publish,
)
from consultation.models import Organisation
from tests.commitments.factories_commitments import ApprovedCommitmentFactory, CommitmentFactory
from tests.factories import OrganisationFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _data(group, **changes):
    data = {
        "group": group,
        "organisation": None,
        "new_organisation_name": "Jauna biedrība",
        "contact_name": "Anna",
        "contact_email": "anna@example.org",
        "contact_phone": "",
        "text": "Apņemamies palīdzēt.",
        "resource": Commitment.Resource.TIME,
        "starts_on": datetime.date(2015, 11, 1),
        "ends_on": None,
        "may_publish_name": True,
    }
    return {**data, **changes}


def test_commitment_create_emails_the_private_link_after_commit(
    consultation, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        commitment = commitment_create(consultation=consultation, data=_data(group), language="lv")

    assert commitment.status == Commitment.Status.PROPOSED
    assert commitment.text_lv == "Apņemamies palīdzēt."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert f"http://testserver/lv/{consultation.slug}/commitments/link/" in mail.outbox[0].body


def test_commitment_create_stores_english_text_in_the_english_field(consultation, group):
    commitment = commitment_create(
        consultation=consultation, data=_data(group, text="We help."), language="en"
    )

    assert (commitment.text_lv, commitment.text_en) == ("", "We help.")


def test_commitment_create_refuses_a_group_of_another_consultation(consultation):
    other_group = WorkingGroupFactory()

    with pytest.raises(CommitmentError):
        commitment_create(consultation=consultation, data=_data(other_group), language="lv")

    assert Commitment.objects.count() == 0


def test_commitment_approve_creates_the_new_organisation(consultation, group):
    commitment = commitment_create(consultation=consultation, data=_data(group), language="lv")

    approved = commitment_approve(commitment=commitment)

    assert approved.status == Commitment.Status.APPROVED
    assert approved.organisation.name_lv == "Jauna biedrība"
    assert approved.approved_at is not None


def test_commitment_approve_reuses_an_organisation_of_the_same_name(consultation, group):
    existing = OrganisationFactory(name_lv="Jauna Biedrība")
    commitment = commitment_create(consultation=consultation, data=_data(group), language="lv")

    approved = commitment_approve(commitment=commitment)

    assert approved.organisation == existing
    assert Organisation.objects.count() == 1


def test_commitment_approve_puts_it_last_in_its_group(consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group, position=7)
    commitment = CommitmentFactory(consultation=consultation, group=group)

    approved = commitment_approve(commitment=commitment)

    assert approved.position == 8


def test_commitment_approve_refuses_a_rejected_commitment(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group, status=Commitment.Status.REJECTED)

    with pytest.raises(CommitmentError):
        commitment_approve(commitment=commitment)


def test_commitment_return_needs_a_note(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    with pytest.raises(CommitmentError):
        commitment_return(commitment=commitment, note="  ")

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PROPOSED


def test_author_update_of_a_returned_commitment_puts_it_back_in_the_queue(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)
    commitment_return(commitment=commitment, note="Lūdzu, precizējiet datumu.")

    updated = commitment_update_by_author(
        commitment=commitment, data=_data(group, text="Precizēts."), language="lv"
    )

    assert (updated.status, updated.text_lv) == (Commitment.Status.PROPOSED, "Precizēts.")


def test_author_update_of_an_approved_commitment_is_refused(consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group, text_lv="Sākotnējais.")

    with pytest.raises(CommitmentError):
        commitment_update_by_author(commitment=commitment, data=_data(group, text="Mainīts."), language="lv")

    commitment.refresh_from_db()
    assert commitment.text_lv == "Sākotnējais."


def test_withdraw_of_a_proposed_commitment_marks_it_withdrawn(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    assert commitment_withdraw(commitment=commitment).status == Commitment.Status.WITHDRAWN


def test_withdraw_of_an_approved_commitment_is_refused(consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)

    with pytest.raises(CommitmentError):
        commitment_withdraw(commitment=commitment)


def test_reject_keeps_the_note(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    rejected = commitment_reject(commitment=commitment, note="Nav saistīts ar tēmu.")

    assert (rejected.status, rejected.review_note) == (Commitment.Status.REJECTED, "Nav saistīts ar tēmu.")


def test_progress_record_updates_status_and_adds_a_dated_note(consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)

    note = commitment_progress_record(
        commitment=commitment,
        progress=Commitment.Progress.DONE,
        text="Paveikts.",
        noted_on=datetime.date(2016, 3, 1),
        author=ProgressNote.Author.ORGANISATION,
    )

    commitment.refresh_from_db()
    assert commitment.progress == Commitment.Progress.DONE
    assert (note.noted_on, note.author) == (datetime.date(2016, 3, 1), ProgressNote.Author.ORGANISATION)


def test_progress_record_on_a_proposed_commitment_is_refused(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group)

    with pytest.raises(CommitmentError):
        commitment_progress_record(commitment=commitment, progress=Commitment.Progress.DONE, text="x")

    assert ProgressNote.objects.count() == 0


def test_edition_publish_without_approved_commitments_is_refused(consultation, group):
    CommitmentFactory(consultation=consultation, group=group)

    with pytest.raises(CommitmentError):
        edition_publish(consultation=consultation)

    assert Edition.objects.count() == 0


def test_edition_publish_numbers_editions_one_after_another(consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group)

    numbers = [edition_publish(consultation=consultation).number for _ in range(2)]

    assert numbers == [1, 2]


def test_edition_publish_freezes_the_content(consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group, text_lv="Pirmā versija.")
    edition = edition_publish(consultation=consultation)

    commitment.text_lv = "Vēlāk labots."
    commitment.save()
    ApprovedCommitmentFactory(consultation=consultation, group=group, text_lv="Pievienots vēlāk.")

    edition.refresh_from_db()
    assert "Pirmā versija." in edition.translation_for("lv").content
    assert "Vēlāk labots." not in edition.translation_for("lv").content
    assert "Pievienots vēlāk." not in edition.translation_for("lv").content
    assert edition.commitment_count == 1


def test_commitment_return_tells_the_author_in_their_language(
    consultation, group, django_capture_on_commit_callbacks
):
    commitment = commitment_create(
        consultation=consultation, data=_data(group, text="We help."), language="en"
    )

    with django_capture_on_commit_callbacks(execute=True):
        commitment_return(commitment=commitment, note="Please add a date.")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Your commitment is returned to the author")
    assert "Please add a date." in mail.outbox[0].body
    assert f"http://testserver/en/{consultation.slug}/commitments/link/" in mail.outbox[0].body


def test_commitment_approve_tells_the_author_it_can_report_progress(
    consultation, group, django_capture_on_commit_callbacks
):
    commitment = commitment_create(consultation=consultation, data=_data(group), language="lv")

    with django_capture_on_commit_callbacks(execute=True):
        commitment_approve(commitment=commitment)

    assert mail.outbox[0].subject.startswith("Jūsu apņemšanās ir apstiprināta")


def test_author_update_in_another_language_drops_the_stale_translation(consultation, group):
    commitment = CommitmentFactory(consultation=consultation, group=group, text_lv="Vecais.", text_en="Old.")

    updated = commitment_update_by_author(
        commitment=commitment, data=_data(group, text="New."), language="en"
    )

    assert (updated.text_lv, updated.text_en, updated.language) == ("", "New.", "en")
