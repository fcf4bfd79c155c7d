"""Every public page that does not change per visitor comes from the one page cache, and every kind of change
to what it shows is on the very next view."""

from __future__ import annotations

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment
from commitments.services import edition_publish
from consultation.models import Consultation
from tests.commitments.factories_commitments import ApprovedCommitmentFactory
from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    GroupLeadFactory,
    OrganisationFactory,
    OrganiserFactory,
    WorkingGroupFactory,
)
from tests.offers.factories import OfferFactory
from tests.participants.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    consultation = ConsultationFactory(slug="riga", is_current=True)
    group = WorkingGroupFactory(consultation=consultation, number=1, title_lv="Izglītība")
    organisation = OrganisationFactory(slug="tilts", name_lv="Biedrība “Tilts”")
    GroupLeadFactory(group=group, organisation=organisation)
    OrganiserFactory(consultation=consultation, organisation=organisation)
    AgendaItemFactory(consultation=consultation, title_lv="Atklāšana")
    OfferFactory(consultation=consultation, area=group, organisation=organisation, description="Telpas")
    ApprovedCommitmentFactory(consultation=consultation, group=group, organisation=organisation)
    edition_publish(consultation=consultation)
    return consultation, group, organisation


PAGES = [
    "/lv/",
    "/lv/riga/",
    "/lv/riga/programme/",
    "/lv/riga/programme.ics",
    "/lv/riga/groups/",
    "/lv/riga/groups/1/",
    "/lv/riga/groups/1/participants/",
    "/lv/riga/privacy/",
    "/lv/riga/directory/tilts/",
    "/lv/riga/coverage/",
    "/lv/riga/open-data/",
    "/lv/riga/commitments/",
    "/lv/riga/commitments/editions/1/",
    "/lv/riga/commitments/progress/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_second_view_is_served_from_the_cache(client, event, path):
    first = client.get(path)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content
    assert len(queries) == 0  # the consultation, its version and the page all come from the shared cache


def test_the_calendar_file_from_the_cache_is_still_a_calendar_attachment(client, event):
    first = client.get("/lv/riga/programme.ics")

    again = client.get("/lv/riga/programme.ics")

    assert (again["Content-Type"], again["Content-Disposition"]) == (
        first["Content-Type"],
        first["Content-Disposition"],
    )
    assert again["Content-Disposition"] == 'attachment; filename="riga-programme.ics"'


def test_a_stored_page_goes_gzip_compressed_to_a_browser_that_accepts_gzip(client, event):
    plain = client.get("/lv/riga/commitments/")

    with CaptureQueriesContext(connection) as queries:
        compressed = client.get("/lv/riga/commitments/", headers={"accept-encoding": "gzip, deflate, br"})

    assert (compressed["Content-Encoding"], compressed["Vary"]) == ("gzip", "Cookie, Accept-Encoding")
    assert gzip.decompress(compressed.content) == plain.content
    assert len(queries) == 0


def test_a_stored_page_is_compressed_once_not_on_every_request(client, event):
    client.get("/lv/riga/commitments/")
    served = [
        client.get("/lv/riga/commitments/", headers={"accept-encoding": "gzip"}).content
        for _request in range(2)
    ]

    # GZipMiddleware pads every compression at random; the stored copy is the same bytes each time
    assert served[0] == served[1]


def test_a_stored_page_goes_uncompressed_to_a_client_that_does_not_accept_gzip(client, event):
    client.get("/lv/riga/commitments/", headers={"accept-encoding": "gzip"})

    again = client.get("/lv/riga/commitments/", headers={"accept-encoding": "identity"})

    assert again.has_header("Content-Encoding") is False
    assert again.content.startswith(b"<!doctype html>")


def test_a_stored_form_page_is_compressed_for_each_visitor_with_their_own_token(event):
    visitors = [Client(), Client()]
    pages = [
        gzip.decompress(visitor.get("/lv/riga/register/", headers={"accept-encoding": "gzip"}).content)
        for visitor in visitors
    ]

    tokens = [re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1) for page in pages]
    assert tokens[0] != tokens[1]


def _rename_consultation(consultation, group, organisation):
    consultation.title_lv = "Jauns nosaukums"
    consultation.save()
    return "Jauns nosaukums"


def _rename_group(consultation, group, organisation):
    group.title_lv = "Veselība un drošība"
    group.save()
    return "Veselība un drošība"


def _rename_organisation(consultation, group, organisation):
    organisation.name_lv = "Nodibinājums “Jaunais tilts”"
    organisation.save()
    return "Nodibinājums “Jaunais tilts”"


def _new_agenda_item(consultation, group, organisation):
    AgendaItemFactory(consultation=consultation, title_lv="Noslēgums")
    return "Noslēgums"


def _new_organiser(consultation, group, organisation):
    OrganiserFactory(consultation=consultation, organisation=OrganisationFactory(name_lv="Biedrība “Gaisma”"))
    return "Biedrība “Gaisma”"


def _listed_participant(consultation, group, organisation):
    ParticipantFactory(consultation=consultation, group=group, first_name="Ilze", consent_listing=True)
    return "Ilze"


def _new_offer(consultation, group, organisation):
    OfferFactory(consultation=consultation, area=group, organisation=organisation, description="Transports")
    return "Transports"


def _new_edition(consultation, group, organisation):
    ApprovedCommitmentFactory(
        consultation=consultation, group=group, organisation=organisation, text_lv="Mācīsim valodu"
    )
    edition_publish(consultation=consultation)
    return "Mācīsim valodu"


def _commitment_done(consultation, group, organisation):
    commitment = Commitment.objects.get(consultation=consultation)
    commitment.progress = Commitment.Progress.DONE
    commitment.save()
    return "100%"


CHANGES = [
    ("/lv/", _rename_consultation),
    ("/lv/", _rename_group),
    ("/lv/", _rename_organisation),
    ("/lv/", _new_organiser),
    ("/lv/riga/programme/", _new_agenda_item),
    ("/lv/riga/programme/", _rename_consultation),
    ("/lv/riga/groups/", _rename_group),
    ("/lv/riga/groups/", _rename_organisation),
    ("/lv/riga/groups/1/", _rename_group),
    ("/lv/riga/groups/1/participants/", _listed_participant),
    ("/lv/riga/privacy/", _new_organiser),
    ("/lv/riga/directory/tilts/", _new_offer),
    ("/lv/riga/directory/tilts/", _rename_organisation),
    ("/lv/riga/coverage/", _rename_group),
    ("/lv/riga/open-data/", _rename_consultation),
    ("/lv/riga/commitments/", _new_edition),
    ("/lv/riga/commitments/editions/1/", _rename_consultation),
    ("/lv/riga/commitments/progress/", _commitment_done),
]


@pytest.mark.parametrize(("path", "change"), CHANGES, ids=[f"{p} {c.__name__}" for p, c in CHANGES])
def test_public_page_shows_a_change_on_the_next_view(
    client, event, django_capture_on_commit_callbacks, path, change
):
    before = client.get(path).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        expected = change(*event)
    after = client.get(path).content.decode()

    assert expected not in before
    assert expected in after


def test_public_page_is_never_served_from_the_cache_to_a_signed_in_user(client, event, admin_user):
    client.get("/lv/riga/groups/")
    client.force_login(admin_user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/lv/riga/groups/")

    assert response.status_code == 200
    assert len(queries) > 1


def test_home_page_shows_the_consultation_made_current_on_the_next_view(
    client, event, django_capture_on_commit_callbacks
):
    client.get("/lv/")

    with django_capture_on_commit_callbacks(execute=True):
        ConsultationFactory(slug="liepaja", title_lv="Liepājas konsultācija", is_current=True)
        Consultation.objects.filter(slug="riga").update(is_current=False)  # not signalled: its own bump
    after = client.get("/lv/").content.decode()

    assert "Liepājas konsultācija" in after


def test_a_renamed_consultation_leaves_its_old_address_at_once(
    client, event, django_capture_on_commit_callbacks
):
    consultation = event[0]
    client.get("/lv/riga/programme/")

    with django_capture_on_commit_callbacks(execute=True):
        consultation.slug = "riga-2"
        consultation.save()

    assert (
        client.get("/lv/riga/programme/").status_code,
        client.get("/lv/riga-2/programme/").status_code,
    ) == (
        404,
        200,
    )


def test_an_unpublished_consultation_is_gone_on_the_next_view(
    client, event, django_capture_on_commit_callbacks
):
    consultation = event[0]
    client.get("/lv/riga/groups/")

    with django_capture_on_commit_callbacks(execute=True):
        consultation.is_published = False
        consultation.save()

    assert client.get("/lv/riga/groups/").status_code == 404


def test_a_deleted_consultation_is_gone_from_the_home_page_on_the_next_view(
    client, django_capture_on_commit_callbacks
):
    consultation = ConsultationFactory(slug="riga", is_current=True)
    served = (client.get("/lv/").status_code, client.get("/lv/riga/").status_code)

    with django_capture_on_commit_callbacks(execute=True):
        consultation.delete()

    assert served == (200, 200)
    assert (client.get("/lv/").status_code, client.get("/lv/riga/").status_code) == (404, 404)
