"""One person's data as one file, anonymised everywhere; the retention periods; a cancelled registration's
private link."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from commitments.models import Commitment
from commitments.personal_data import personal_data_purge
from consultation.links import private_path
from registry.offers.models import Offer, QuestionnaireResponse
from registry.participants.models import Participant
from tests.commitments.factories_commitments import CommitmentFactory
from tests.factories import ConsultationFactory, UserFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory, QuestionnaireResponseFactory
from tests.participants.factories import ParticipantFactory

EMAIL = "inese.slepena@example.org"
PHONE = "+371 20001111"


@pytest.fixture
def person(db):
    """One person who registered, left a wall card, answered the questionnaire and recorded a commitment."""
    consultation = ConsultationFactory(slug="riga")
    group = WorkingGroupFactory(consultation=consultation, number=1)
    participant = ParticipantFactory(
        consultation=consultation,
        group=group,
        first_name="Inese",
        last_name="Slepenā",
        email=EMAIL,
        phone=PHONE,
    )
    participant.position = "Valdes locekle"
    participant.save()  # a second version in the audit trail
    offer = OfferFactory(
        consultation=consultation,
        area=group,
        author_name="Inese Slepenā",
        contact_email=EMAIL,
        contact_phone=PHONE,
    )
    response = QuestionnaireResponseFactory(
        consultation=consultation, contact_name="Inese Slepenā", contact_email=EMAIL, contact_phone=PHONE
    )
    commitment = CommitmentFactory(
        consultation=consultation,
        group=group,
        contact_name="Inese Slepenā",
        contact_email=EMAIL,
        contact_phone=PHONE,
    )
    mail = DBTaskResult.objects.create(
        args_kwargs={"args": ["offers.Offer", 0, "offers/emails/offer_contact", {}, [EMAIL]], "kwargs": {}},
        task_path="consultation.mail.mail_deliver",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
    )
    ParticipantFactory(consultation=consultation, group=group, first_name="Cits", email="cits@example.org")
    return {
        "consultation": consultation,
        "participant": participant,
        "offer": offer,
        "response": response,
        "commitment": commitment,
        "mail": mail,
    }


URL = "admin:commitments_personal_data"


def test_organiser_exports_everything_about_one_person_as_one_file(client, roles, person):
    client.force_login(roles.organiser)

    response = client.post(reverse(URL), {"email": EMAIL.upper(), "_export": "1"})

    document = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    assert [row["pk"] for row in document["registrations"]] == [person["participant"].pk]
    assert [row["pk"] for row in document["offers"]] == [person["offer"].pk]
    assert [row["pk"] for row in document["questionnaire_responses"]] == [person["response"].pk]
    assert [row["pk"] for row in document["commitments"]] == [person["commitment"].pk]
    assert [mail["arguments"]["args"][4] for mail in document["mails"]] == [[EMAIL]]
    assert [row["fields"]["position"] for row in document["history"]["registrations"]] == [
        "",
        "Valdes locekle",
    ]
    assert "cits@example.org" not in response.content.decode()


def test_organiser_anonymises_a_person_everywhere(client, roles, person):
    client.force_login(roles.organiser)

    response = client.post(reverse(URL), {"email": EMAIL, "_anonymise": "1", "confirm": "on"})

    assert response.status_code == 302
    held = [
        json.dumps(list(model.objects.values()), default=str)
        + json.dumps(list(model.history.values()), default=str)
        for model in (Participant, Offer, QuestionnaireResponse, Commitment)
    ]
    text = "".join(held) + json.dumps(list(DBTaskResult.objects.values("args_kwargs")))
    assert (EMAIL in text, PHONE in text, "Slepenā" in text) == (False, False, False)
    assert Participant.objects.filter(email="cits@example.org").count() == 1
    offer = Offer.objects.get(pk=person["offer"].pk)
    assert offer.description == person["offer"].description  # what was offered stays, without its author


def test_anonymising_needs_the_confirmation(client, roles, person):
    client.force_login(roles.organiser)

    response = client.post(reverse(URL), {"email": EMAIL, "_anonymise": "1"})

    assert response.context["form"].errors["confirm"] == [
        "Atzīmējiet šo rūtiņu, lai personu anonimizētu visur."
    ]
    assert Participant.objects.filter(email=EMAIL).count() == 1


@pytest.mark.parametrize("role", ["bare_staff", "desk", "leader"])
def test_personal_data_page_is_for_organisers_only(client, roles, person, role):
    client.force_login(getattr(roles, role))

    response = client.post(reverse(URL), {"email": EMAIL, "_export": "1"})

    assert response.status_code == 403


def _ended(person, days_ago: int) -> None:
    consultation = person["consultation"]
    consultation.starts_at = timezone.now() - datetime.timedelta(days=days_ago, hours=8)
    consultation.ends_at = timezone.now() - datetime.timedelta(days=days_ago)
    consultation.save()


def test_purge_keeps_everything_within_the_periods(person, settings):
    _ended(person, 10)

    report = personal_data_purge()

    assert Participant.objects.filter(email=EMAIL).count() == 1
    assert Offer.objects.get(pk=person["offer"].pk).contact_email == EMAIL
    assert Commitment.objects.get(pk=person["commitment"].pk).contact_email == EMAIL
    assert report["registrations_deleted"] == 0


def test_purge_removes_contacts_registrations_and_their_history_past_the_periods(person, settings):
    settings.OFFER_CONTACTS_KEEP_DAYS = settings.COMMITMENT_CONTACTS_KEEP_DAYS = 100
    settings.REGISTRATION_KEEP_DATA_DAYS = 100
    _ended(person, 101)

    call_command("personal_data_purge", stdout=io.StringIO())

    assert Participant.objects.filter(consultation=person["consultation"]).count() == 0
    assert Participant.history.filter(consultation=person["consultation"]).count() == 0
    offer, response = (
        Offer.objects.get(pk=person["offer"].pk),
        QuestionnaireResponse.objects.get(pk=person["response"].pk),
    )
    commitment = Commitment.objects.get(pk=person["commitment"].pk)
    assert (offer.contact_email, offer.contact_phone, offer.author_name) == ("", "", "—")
    assert (response.contact_name, response.contact_email) == ("—", "")
    assert (commitment.contact_name, commitment.contact_email, commitment.contact_phone) == ("—", "", "")
    assert EMAIL not in json.dumps(list(Offer.history.values("contact_email", "author_name")))


def roles_user():
    return UserFactory(username="organiser-of-the-log", is_staff=True)


def test_purge_deletes_old_task_payloads_and_admin_log(person, settings):
    settings.TASK_RESULTS_KEEP_DAYS = settings.ADMIN_LOG_KEEP_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=31)
    DBTaskResult.objects.filter(pk=person["mail"].pk).update(finished_at=old)
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(person["participant"].pk),
        object_repr="Inese Slepenā",
        action_flag=CHANGE,
        user=roles_user(),
    )
    LogEntry.objects.filter(pk=entry.pk).update(action_time=old)

    report = personal_data_purge()

    assert (report["task_results_deleted"], report["admin_log_deleted"]) == (1, 1)
    assert (DBTaskResult.objects.count(), LogEntry.objects.count()) == (0, 0)


def test_privacy_page_states_every_period(client, person, settings):
    settings.OFFER_CONTACTS_KEEP_DAYS, settings.COMMITMENT_CONTACTS_KEEP_DAYS = 111, 222
    settings.TASK_RESULTS_KEEP_DAYS, settings.ADMIN_LOG_KEEP_DAYS, settings.HISTORY_KEEP_DAYS = 33, 444, 555

    page = client.get(reverse("participants:privacy", kwargs={"slug": "riga"})).content.decode()

    for days in ("111", "222", "33", "444", "555"):
        assert f" {days} " in page


def test_cancelled_registrations_private_link_shows_no_personal_details(client, person):
    participant = person["participant"]
    Participant.objects.filter(pk=participant.pk).update(status=Participant.Status.CANCELLED)
    page = client.get(private_path(participant, language="lv")).content.decode()

    assert "Šī reģistrācija ir atcelta." in page
    for detail in ("Inese", "Slepenā", EMAIL, PHONE, participant.code, participant.code_display):
        assert detail not in page
