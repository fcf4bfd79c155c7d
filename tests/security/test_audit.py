"""The audit trail: who changed what, when, before and after, including the changes made outside the admin's
change forms (desk, moderation, review, imports) and exports; organisers read it in the admin."""

from __future__ import annotations

import io

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from commitments.models import Commitment, Edition
from commitments.services import edition_publish
from registry.offers.models import Offer
from registry.participants.models import Participant


def _latest(obj):
    return obj.history.order_by("-history_id").first()


def test_desk_check_in_is_recorded_with_who_did_it(client, roles, world):
    client.force_login(roles.desk)
    person = world.records[Participant]["other"]

    client.post(
        reverse("participants:desk_check_in", kwargs={"slug": world.consultation.slug, "pk": person.pk})
    )

    record = _latest(person)
    changes = {
        change.field: (change.old, change.new) for change in record.diff_against(record.prev_record).changes
    }
    assert (record.history_user, record.history_change_reason) == (roles.desk, "galds: ieradies")
    assert changes["checked_in_at"][0] is None
    assert changes["checked_in_at"][1] is not None


def test_desk_walk_in_is_recorded(client, roles, world):
    client.force_login(roles.desk)

    client.post(
        reverse("participants:desk_walk_in", kwargs={"slug": world.consultation.slug}),
        {
            "first_name": "Ilze",
            "last_name": "Kalniņa",
            "organisation_text": "",
            "sector": "resident",
            "first_choice": world.other_group.pk,
            "email": "",
            "consent_data": "on",
        },
    )

    record = _latest(Participant.objects.get(last_name="Kalniņa"))
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        roles.desk,
        "galds: reģistrēts uz vietas",
    )


def test_moderation_decision_is_recorded_with_status_before_and_after(client, roles, world):
    client.force_login(roles.organiser)
    pending = world.records[Offer]["other"]
    Offer.objects.filter(pk=pending.pk).update(status=Offer.Status.PENDING)
    pending.refresh_from_db()
    pending.save()  # the state before the decision, as the trail knows it

    client.post(reverse("admin:offers_pendingoffer_decide", args=[pending.pk, "approve"]), {})

    record = _latest(pending)
    changes = {
        change.field: (change.old, change.new) for change in record.diff_against(record.prev_record).changes
    }
    assert record.history_user == roles.organiser
    assert changes["status"] == ("pending", "approved")
    assert record.history_change_reason == "moderācija: apstiprināts"


def test_commitment_review_is_recorded(client, roles, world):
    client.force_login(roles.organiser)
    commitment = world.records[Commitment]["other"]

    client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "approve_selected", "_selected_action": [commitment.pk]},
    )

    record = _latest(commitment)
    assert (record.history_user, record.status, record.history_change_reason) == (
        roles.organiser,
        "approved",
        "izskatīšana: apstiprināta",
    )


def test_published_edition_is_recorded(roles, world):
    commitment = world.records[Commitment]["other"]
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.APPROVED, position=1)

    edition = edition_publish(consultation=world.consultation, user=roles.organiser)

    assert Edition.history.filter(id=edition.pk, history_type="+").count() == 1


def test_import_is_recorded_per_row(client, roles, world):
    client.force_login(roles.organiser)
    content = "consultation,first_name,last_name,email,organisation,sector,group,consent_data\n"
    content += f"{world.consultation.slug},Anna,Importa,anna@example.org,,ngo,1,1\n"
    upload = io.BytesIO(content.encode())
    upload.name = "people.csv"
    preview = client.post(
        reverse("admin:participants_participant_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )

    client.post(
        reverse("admin:participants_participant_process_import"), preview.context["confirm_form"].initial
    )

    record = _latest(Participant.objects.get(last_name="Importa"))
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        roles.organiser,
        "imports",
    )


def test_export_is_logged_with_who_and_how_many(client, roles, world):
    client.force_login(roles.organiser)
    url = reverse("admin:participants_participant_export")

    client.post(url, {"format": "0", "resource": "0", "participantresource_email": "on"})

    entry = LogEntry.objects.filter(user=roles.organiser, object_repr="dalībnieki").get()
    assert entry.change_message == "Eksportētas 2 rindas (CSV)."


def test_organiser_reads_a_participants_history_in_the_admin(client, roles, world):
    person = world.records[Participant]["other"]
    client.force_login(roles.desk)
    client.post(
        reverse("participants:desk_check_in", kwargs={"slug": world.consultation.slug, "pk": person.pk})
    )
    client.force_login(roles.organiser)

    response = client.get(reverse("admin:participants_participant_history", args=[person.pk]))

    assert response.status_code == 200
    assert [record.history_user for record in response.context["page_obj"]][:1] == [roles.desk]
    assert "galds: ieradies" in response.content.decode()


def test_leader_cannot_read_another_groups_history(client, roles, world):
    client.force_login(roles.leader)
    person = world.records[Participant]["other"]

    response = client.get(reverse("admin:participants_participant_history", args=[person.pk]))

    assert response["Location"] == reverse("admin:index")
