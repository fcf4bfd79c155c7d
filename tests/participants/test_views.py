from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from consultation.links import private_path
from consultation.protection import STARTED_FIELD, form_started_token
from registry.participants.models import Participant
from registry.participants.services import RegistrationBusy
from registry.participants.views import registration as registration_views
from tests.factories import OrganisationFactory, OrganiserFactory, WorkingGroupFactory

from .factories import ParticipantFactory


def _form(group, **changes) -> dict:
    data = {
        "first_name": "Anna",
        "last_name": "Bērziņa",
        "email": "anna@example.org",
        "phone": "+371 2000 0000",
        "organisation_text": "",
        "sector": "ngo",
        "position": "valdes locekle",
        "first_choice": group.pk,
        "second_choice": "",
        "needs_accessibility": "",
        "needs_diet": "",
        "needs_other": "",
        "consent_data": "on",
        "website": "",
        "submission_token": str(uuid.uuid4()),
        STARTED_FIELD: form_started_token(seconds_ago=30),
    }
    data.update(changes)
    return data


def _post(client, group, capture, **changes):
    with capture(execute=True):
        return client.post(
            reverse("participants:register", kwargs={"slug": group.consultation.slug}),
            _form(group, **changes),
        )


@pytest.mark.parametrize("row_count", [1, 20])
def test_register_form_query_count_is_constant(
    client, consultation, django_assert_max_num_queries, row_count
):
    for number in range(1, row_count + 1):
        group = WorkingGroupFactory(consultation=consultation, number=number)
        ParticipantFactory.create_batch(2, consultation=consultation, group=group)
        OrganisationFactory()

    with django_assert_max_num_queries(4):
        response = client.get(reverse("participants:register", kwargs={"slug": consultation.slug}))

    assert len(response.context["groups"]) == row_count


def test_register_form_links_to_the_privacy_page(client, group):
    response = client.get(reverse("participants:register", kwargs={"slug": group.consultation.slug}))

    assert (
        reverse("participants:privacy", kwargs={"slug": group.consultation.slug}) in response.content.decode()
    )


def test_register_creates_a_confirmed_participant_and_redirects(
    client, group, django_capture_on_commit_callbacks
):
    response = _post(client, group, django_capture_on_commit_callbacks)

    participant = Participant.objects.get()
    assert response.url == reverse("participants:registration_done", kwargs={"slug": group.consultation.slug})
    assert (participant.email, participant.status, participant.language) == (
        "anna@example.org",
        "confirmed",
        "lv",
    )


def test_register_matches_a_known_organisation(client, group, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name_lv="Providus", short_name="PROVIDUS")

    _post(client, group, django_capture_on_commit_callbacks, organisation_text="providus")

    assert (Participant.objects.get().organisation, Participant.objects.get().organisation_name) == (
        organisation,
        "",
    )


def test_register_keeps_a_new_organisation_as_typed(client, group, django_capture_on_commit_callbacks):
    _post(client, group, django_capture_on_commit_callbacks, organisation_text="Jauna  biedrība")

    assert Participant.objects.get().organisation_name == "Jauna biedrība"


def test_register_sends_the_confirmation_email(client, group, mailoutbox, django_capture_on_commit_callbacks):
    _post(client, group, django_capture_on_commit_callbacks)

    assert [message.to for message in mailoutbox] == [["anna@example.org"]]
    assert Participant.objects.get().email_status == "sent"


def test_register_twice_answers_the_same_and_sends_the_link(
    client, group, mailoutbox, django_capture_on_commit_callbacks
):
    first = _post(client, group, django_capture_on_commit_callbacks)
    second = _post(client, group, django_capture_on_commit_callbacks, first_name="Someone")

    assert first.url == second.url
    assert Participant.objects.count() == 1
    assert len(mailoutbox) == 2
    assert "palūdzāt jaunu privāto saiti" in mailoutbox[1].body


def test_register_double_submit_creates_one_registration(client, group, django_capture_on_commit_callbacks):
    token = str(uuid.uuid4())

    _post(client, group, django_capture_on_commit_callbacks, submission_token=token)
    _post(client, group, django_capture_on_commit_callbacks, submission_token=token)

    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "Ievadiet derīgu e-pasta adresi"),
        ({"consent_data": ""}, "consent_data", "nepieciešama jūsu piekrišana"),
        ({"first_name": "x" * 101}, "first_name", "Ne vairāk kā 100"),
        ({"first_choice": ""}, "first_choice", "Lūdzu, izvēlieties darba grupu"),
        ({"first_choice": "99999"}, "first_choice", "Lūdzu, izvēlieties vienu no darba grupām"),
        ({"phone": "call me"}, "phone", "tālruņa"),
        ({"sector": "pirates"}, "sector", "Lūdzu, izvēlieties sektoru"),
    ],
)
def test_register_bad_input_gets_a_clear_message(client, group, changes, field, message):
    response = client.post(
        reverse("participants:register", kwargs={"slug": group.consultation.slug}), _form(group, **changes)
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Participant.objects.count() == 0


def test_register_second_choice_must_differ(client, group):
    response = client.post(
        reverse("participants:register", kwargs={"slug": group.consultation.slug}),
        _form(group, second_choice=group.pk),
    )

    assert response.context["form"].errors["second_choice"]


def test_register_honeypot_creates_nothing(client, group, django_capture_on_commit_callbacks):
    response = _post(client, group, django_capture_on_commit_callbacks, website="http://spam.example")

    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == ["honeypot"]
    assert Participant.objects.count() == 0


def test_register_sent_faster_than_a_person_creates_nothing_and_keeps_the_input(
    client, group, settings, django_capture_on_commit_callbacks
):
    settings.FORM_MIN_FILL_SECONDS = 5
    too_fast = {STARTED_FIELD: form_started_token(seconds_ago=1)}

    response = _post(client, group, django_capture_on_commit_callbacks, **too_fast)

    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == ["too_fast"]
    assert response.context["form"]["email"].value() == "anna@example.org"
    assert Participant.objects.count() == 0


def test_register_is_rate_limited_per_client(client, group, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "registration": "1/3600"}
    _post(client, group, django_capture_on_commit_callbacks, email="one@example.org")

    response = _post(client, group, django_capture_on_commit_callbacks, email="two@example.org")

    assert (response.status_code, response.context["form"]["email"].value()) == (429, "two@example.org")
    assert Participant.objects.count() == 1


def test_register_same_form_sent_twice_answers_done_both_times(
    client, group, django_capture_on_commit_callbacks
):
    form = _form(group)
    url = reverse("participants:register", kwargs={"slug": group.consultation.slug})
    with django_capture_on_commit_callbacks(execute=True):
        first, second = client.post(url, form), client.post(url, form)

    done = reverse("participants:registration_done", kwargs={"slug": group.consultation.slug})
    assert (first.url, second.url) == (done, done)
    assert Participant.objects.count() == 1


def test_register_reused_form_token_with_a_new_submission_token_is_refused(
    client, group, django_capture_on_commit_callbacks
):
    token = form_started_token(seconds_ago=30)
    _post(client, group, django_capture_on_commit_callbacks, **{STARTED_FIELD: token})

    response = _post(
        client, group, django_capture_on_commit_callbacks, email="other@example.org", **{STARTED_FIELD: token}
    )

    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == ["used"]
    assert Participant.objects.count() == 1


def test_register_without_a_submission_token_still_finds_the_duplicate_address(
    client, group, mailoutbox, django_capture_on_commit_callbacks
):
    _post(client, group, django_capture_on_commit_callbacks, submission_token="")

    response = _post(client, group, django_capture_on_commit_callbacks, submission_token="")

    assert response.url == reverse("participants:registration_done", kwargs={"slug": group.consultation.slug})
    assert Participant.objects.count() == 1
    assert len(mailoutbox) == 2


def test_register_closed_says_so(client, group):
    group.consultation.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    group.consultation.save()

    response = client.get(reverse("participants:register", kwargs={"slug": group.consultation.slug}))

    assert "Reģistrācija ir slēgta" in response.content.decode()
    assert "form" not in response.context


def test_register_not_yet_open_says_when_it_opens(client, group):
    group.consultation.registration_opens_at = timezone.now() + datetime.timedelta(days=2)
    group.consultation.save()

    response = client.get(reverse("participants:register", kwargs={"slug": group.consultation.slug}))

    assert "Reģistrācija sāksies" in response.content.decode()


def test_manage_shows_the_status_and_code(client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = client.get(private_path(participant, language="lv"))

    assert participant.code_display in response.content.decode()
    assert response.context["participant"] == participant


def test_manage_tampered_link_gets_a_clear_page(client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    url = private_path(participant, language="lv")

    response = client.get(url[:-3] + "xyz/")

    assert response.status_code == 404
    assert "Šī saite nedarbojas" in response.content.decode()


def test_manage_expired_link_gets_a_clear_page(client, group):
    group.consultation.private_link_days = 3
    group.consultation.save()
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    url = private_path(participant, language="lv")

    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        response = client.get(url)

    assert response.status_code == 410
    assert "Šīs saites derīguma laiks ir beidzies" in response.content.decode()


def test_manage_cancel_frees_the_place_for_the_first_waiting(
    client, group, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(consultation=group.consultation, group=group)
    waiting = ParticipantFactory(
        consultation=group.consultation, group=group, status="waiting", waiting_position=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(private_path(participant, language="lv"), {"action": "cancel", "confirmed": "yes"})

    participant.refresh_from_db()
    waiting.refresh_from_db()
    assert (participant.status, waiting.status) == ("cancelled", "confirmed")


def test_manage_change_group(client, group, other_group, django_capture_on_commit_callbacks):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    data = _form(other_group, organisation_text="")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(private_path(participant, language="lv"), data)

    participant.refresh_from_db()
    assert response.status_code == 302
    assert participant.group == other_group


def test_manage_change_to_a_full_group_is_refused(client, group, other_group):
    ParticipantFactory.create_batch(2, consultation=group.consultation, group=other_group)
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = client.post(private_path(participant, language="lv"), _form(other_group))

    participant.refresh_from_db()
    assert participant.group == group
    assert "ir pilna" in response.content.decode()


def _link_request(email: str) -> dict:
    return {"email": email, STARTED_FIELD: form_started_token(seconds_ago=30)}


def test_link_request_without_a_genuine_form_token_sends_nothing(
    client, group, mailoutbox, django_capture_on_commit_callbacks
):
    ParticipantFactory(consultation=group.consultation, group=group, email="known@example.org")
    url = reverse(
        "consultation:private_link_request", kwargs={"slug": group.consultation.slug, "kind": "participant"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "known@example.org"})

    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == ["no_timestamp"]
    assert mailoutbox == []


def test_link_request_over_the_rate_says_nothing_was_sent(
    client, group, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "link-request": "1/3600"}
    ParticipantFactory(consultation=group.consultation, group=group, email="known@example.org")
    url = reverse(
        "consultation:private_link_request", kwargs={"slug": group.consultation.slug, "kind": "participant"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _link_request("known@example.org"))
        response = client.post(url, _link_request("known@example.org"))

    assert (response.status_code, response.context["form"]["email"].value()) == (429, "known@example.org")
    assert len(mailoutbox) == 1


def test_link_request_answers_the_same_for_unknown_addresses(
    client, group, mailoutbox, django_capture_on_commit_callbacks
):
    ParticipantFactory(consultation=group.consultation, group=group, email="known@example.org")
    url = reverse(
        "consultation:private_link_request", kwargs={"slug": group.consultation.slug, "kind": "participant"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, _link_request("known@example.org"), follow=True)
        unknown = client.post(url, _link_request("stranger@example.org"), follow=True)

    assert [str(m) for m in known.context["messages"]] == [str(m) for m in unknown.context["messages"]]
    assert [message.to for message in mailoutbox] == [["known@example.org"]]


def test_privacy_page_names_the_keepers_and_the_time(client, consultation, settings):
    settings.REGISTRATION_KEEP_DATA_DAYS = 365
    OrganiserFactory(consultation=consultation, organisation__name_lv="Providus")

    response = client.get(reverse("participants:privacy", kwargs={"slug": consultation.slug}))

    assert "Providus" in response.content.decode()
    assert "365 dienas pēc pasākuma" in response.content.decode()


def test_register_in_english_writes_in_english(client, group, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/{group.consultation.slug}/register/", _form(group))

    (message,) = mailoutbox
    assert Participant.objects.get().language == "en"
    assert message.subject.startswith("Your place is confirmed")


def test_register_with_a_damaged_submission_token_still_registers(
    client, group, django_capture_on_commit_callbacks
):
    response = _post(client, group, django_capture_on_commit_callbacks, submission_token="not-a-uuid")

    assert response.status_code == 302
    assert Participant.objects.get().submission_token is None


JUNK = [
    "",
    "\x00",
    "x" * 5000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "🙂" * 50,
    "-1",
    "99999999999999999999",
]


@pytest.mark.parametrize("junk", JUNK)
def test_register_never_fails_on_junk(client, group, junk):
    data = {key: junk for key in _form(group)}

    response = client.post(reverse("participants:register", kwargs={"slug": group.consultation.slug}), data)

    assert response.status_code in (200, 302)
    assert Participant.objects.count() == 0


@pytest.mark.parametrize("junk", JUNK)
def test_manage_never_fails_on_junk(client, group, junk):
    participant = ParticipantFactory(consultation=group.consultation, group=group, first_name="Anna")
    data = {key: junk for key in _form(group)}

    response = client.post(private_path(participant, language="lv"), data)

    participant.refresh_from_db()
    assert response.status_code == 200
    assert participant.first_name == "Anna"


@pytest.mark.parametrize("row_count", [1, 15])
@pytest.mark.parametrize(
    ("page", "budget"),
    [
        ("participants:registration_done", 1),
        ("participants:privacy", 2),
        ("manage", 6),
    ],
)
def test_public_registration_pages_query_count_is_constant(
    client, consultation, django_assert_max_num_queries, row_count, page, budget
):
    for number in range(1, row_count + 1):
        group = WorkingGroupFactory(consultation=consultation, number=number)
        ParticipantFactory.create_batch(2, consultation=consultation, group=group)
        OrganiserFactory(consultation=consultation)
    participant = Participant.objects.first()
    if page == "manage":
        url = private_path(participant, language="lv")
    else:
        url = reverse(page, kwargs={"slug": consultation.slug})

    with django_assert_max_num_queries(budget):
        response = client.get(url)

    assert response.status_code == 200


def test_manage_cancel_when_the_places_lock_is_busy_says_try_again(client, group, monkeypatch):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    def busy(**kwargs):
        raise RegistrationBusy("Pārāk daudz cilvēku reģistrējas vienlaikus. Lūdzu, mēģiniet vēlreiz.")

    monkeypatch.setattr(registration_views, "registration_cancel", busy)

    response = client.post(
        private_path(participant, language="lv"), {"action": "cancel", "confirmed": "yes"}, follow=True
    )

    participant.refresh_from_db()
    assert response.status_code == 200
    assert participant.status == "confirmed"
    assert [str(message) for message in response.context["messages"]] == [
        "Pārāk daudz cilvēku reģistrējas vienlaikus. Lūdzu, mēģiniet vēlreiz."
    ]


def test_manage_cancel_unconfirmed_shows_the_question_with_the_same_post(client, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = client.post(private_path(participant, language="lv"), {"action": "cancel"})

    participant.refresh_from_db()
    assert participant.status == "confirmed"
    assert response.context["question"] == "Atcelt jūsu reģistrāciju?"
    assert response.context["fields"] == [("action", "cancel")]
