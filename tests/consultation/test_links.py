"""consultation/links.py: one token per object, revocable, expiring as the consultation says."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.urls import reverse

from commitments.models import Commitment
from consultation.links import (
    LinkExpired,
    LinkInvalid,
    link_secrets_renew,
    linkable_kinds,
    private_link,
    private_object,
    private_token,
)
from consultation.protection import STARTED_FIELD, form_started_token
from tests.commitments.factories_commitments import CommitmentFactory
from tests.factories import ConsultationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    return CommitmentFactory(contact_email="Anna@Example.org")


def test_private_object_returns_what_the_token_names(commitment):
    token = private_token(commitment)

    assert private_object(Commitment, token, consultation=commitment.consultation) == commitment


def test_private_object_refuses_a_tampered_token(commitment):
    token = private_token(commitment)

    with pytest.raises(LinkInvalid):
        private_object(Commitment, token[:-2] + "xx", consultation=commitment.consultation)


def test_private_object_refuses_a_token_of_another_kind(commitment, monkeypatch):
    token = private_token(commitment)
    monkeypatch.setattr(Commitment._meta, "model_name", "offer")

    with pytest.raises(LinkInvalid):
        private_object(Commitment, token, consultation=commitment.consultation)


def test_private_object_refuses_a_token_of_another_consultation(commitment):
    token = private_token(commitment)

    with pytest.raises(LinkInvalid):
        private_object(Commitment, token, consultation=ConsultationFactory())


def test_revoking_the_link_kills_tokens_sent_before(commitment):
    old = private_token(commitment)

    commitment.link_revoke()

    with pytest.raises(LinkInvalid):
        private_object(Commitment, old, consultation=commitment.consultation)
    assert (
        private_object(Commitment, private_token(commitment), consultation=commitment.consultation)
        == commitment
    )


def test_link_expires_the_consultations_days_after_it_was_sent(commitment):
    consultation = commitment.consultation
    consultation.private_link_days = 7
    sent = consultation.ends_at + datetime.timedelta(days=300)
    token = private_token(commitment, issued_at=sent)

    with time_machine.travel(sent + datetime.timedelta(days=7, seconds=1)), pytest.raises(LinkExpired):
        private_object(Commitment, token, consultation=consultation)


def test_link_without_a_set_lifetime_works_until_180_days_after_the_event(commitment):
    consultation = commitment.consultation
    token = private_token(commitment, issued_at=consultation.starts_at - datetime.timedelta(days=20))

    with time_machine.travel(consultation.ends_at + datetime.timedelta(days=179)):
        assert private_object(Commitment, token, consultation=consultation) == commitment
    with time_machine.travel(consultation.ends_at + datetime.timedelta(days=180, seconds=1)):
        with pytest.raises(LinkExpired):
            private_object(Commitment, token, consultation=consultation)


def test_link_sent_long_after_the_event_works_180_days_from_sending(commitment):
    consultation = commitment.consultation
    sent = consultation.ends_at + datetime.timedelta(days=400)
    token = private_token(commitment, issued_at=sent)

    with time_machine.travel(sent + datetime.timedelta(days=179)):
        assert private_object(Commitment, token, consultation=consultation) == commitment


def test_private_link_is_absolute_from_site_url_in_the_asked_language(commitment, settings):
    settings.SITE_URL = "https://konsultacija.example.lv/"

    link = private_link(commitment, language="en")

    assert link.startswith(
        f"https://konsultacija.example.lv/en/{commitment.consultation.slug}/commitments/link/"
    )


def test_every_model_with_private_links_is_known_by_its_kind():
    assert linkable_kinds()["commitment"] is Commitment


def _request_data(email: str) -> dict:
    return {"email": email, "website": "", STARTED_FIELD: form_started_token(seconds_ago=30)}


def _request_url(consultation, kind="commitment") -> str:
    return reverse("consultation:private_link_request", kwargs={"slug": consultation.slug, "kind": kind})


def test_link_request_sends_a_fresh_link_when_the_address_matches(
    client, commitment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_request_url(commitment.consultation), _request_data("anna@example.ORG"))

    assert response["Location"] == _request_url(commitment.consultation)
    assert [message.to for message in mail.outbox] == [["Anna@Example.org"]]
    assert f"/lv/{commitment.consultation.slug}/commitments/link/" in mail.outbox[0].body


def test_link_request_answers_the_same_and_sends_nothing_for_an_unknown_address(
    client, commitment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            _request_url(commitment.consultation), _request_data("anna@example.org"), follow=True
        )
        unknown = client.post(
            _request_url(commitment.consultation), _request_data("eve@example.org"), follow=True
        )

    assert [str(m) for m in unknown.context["messages"]] == [str(m) for m in known.context["messages"]]
    assert len(mail.outbox) == 1


def test_link_request_for_an_unknown_kind_is_not_found(client, commitment):
    response = client.get(_request_url(commitment.consultation, kind="nothing"))

    assert response.status_code == 404


def test_link_request_with_a_bad_address_says_so(client, commitment):
    response = client.post(_request_url(commitment.consultation), _request_data("not-an-address"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Ievadiet derīgu e-pasta adresi, piemēram, vards@example.org."
    ]


def test_person_stops_their_link_and_gets_a_new_one(client, commitment, django_capture_on_commit_callbacks):
    token = private_token(commitment)
    stop = reverse(
        "consultation:private_link_revoke",
        kwargs={"slug": commitment.consultation.slug, "kind": "commitment", "token": token},
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(stop)

    old_page = client.get(
        reverse("commitments:private", kwargs={"slug": commitment.consultation.slug, "token": token})
    )
    new_link = mail.outbox[0].body.split("http://testserver", 1)[1].split()[0]
    assert old_page.status_code == 404
    assert client.get(new_link).context["commitment"] == commitment


def test_admin_action_revokes_the_private_link(client, commitment):
    organiser = StaffFactory(is_superuser=True)
    client.force_login(organiser)
    token = private_token(commitment)

    client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "revoke_private_link", "_selected_action": [commitment.pk]},
    )

    with pytest.raises(LinkInvalid):
        private_object(Commitment, token, consultation=commitment.consultation)


def test_bad_link_page_is_in_the_links_language_and_offers_a_fresh_link(client, commitment):
    url = reverse(
        "commitments:private", kwargs={"slug": commitment.consultation.slug, "token": "broken"}
    ).replace("/lv/", "/en/")

    response = client.get(url)

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert response.context["form"].fields["email"].label == "E-mail"


@pytest.mark.parametrize(
    "token",
    ["", "x", "a:b", "W10:bad", ".eJz:bad:sig", "%00", "1" * 500, "WyJjb21taXRtZW50IiwxLCJ4IiwxXQ:forged"],
)
def test_any_junk_token_is_an_invalid_link_never_an_error(commitment, token):
    with pytest.raises(LinkInvalid):
        private_object(Commitment, token, consultation=commitment.consultation)


def test_link_request_page_costs_one_query(client, commitment, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(_request_url(commitment.consultation))

    assert response.context["purpose"] == "jūsu apņemšanos"


def test_migration_helper_gives_every_existing_row_its_own_secret(db):
    first, second = CommitmentFactory.create_batch(2)
    Commitment.objects.update(link_secret="same-for-all")

    link_secrets_renew(apps, None, models=["commitments.Commitment"])

    secrets = set(Commitment.objects.values_list("link_secret", flat=True))
    assert (len(secrets), "same-for-all" in secrets) == (2, False)
