from __future__ import annotations

import json

import pytest
from django.urls import reverse

from commitments.models import Commitment
from commitments.services import commitment_progress_record, edition_publish
from tests.commitments.factories_commitments import ApprovedCommitmentFactory, CommitmentFactory
from tests.factories import GroupLeadFactory, OrganisationFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _document_url(consultation):
    return reverse("commitments:document", kwargs={"slug": consultation.slug})


def test_document_page_before_any_edition_says_it_is_not_published(client, consultation):
    response = client.get(_document_url(consultation))

    assert response.context["edition"] is None
    assert f'href="/lv/{consultation.slug}/commitments/new/"' in response.content.decode()


def test_document_page_shows_the_latest_edition_frozen(client, consultation, group):
    commitment = ApprovedCommitmentFactory(
        consultation=consultation, group=group, text_lv="Publicētais teksts."
    )
    edition_publish(consultation=consultation)
    commitment.text_lv = "Labots pēc publicēšanas."
    commitment.save()

    response = client.get(_document_url(consultation))

    html = response.content.decode()
    assert response.context["edition"].number == 1
    assert "Publicētais teksts." in html
    assert "Labots pēc publicēšanas." not in html


def test_document_page_in_english_shows_the_english_edition(client, consultation, group):
    ApprovedCommitmentFactory(
        consultation=consultation, group=group, text_lv="Latviski.", text_en="In English."
    )
    edition_publish(consultation=consultation)

    response = client.get(f"/en/{consultation.slug}/commitments/")

    html = response.content.decode()
    assert "In English." in html
    assert "Latviski." not in html


def test_document_page_lists_earlier_editions(client, consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    first = edition_publish(consultation=consultation)
    edition_publish(consultation=consultation)

    response = client.get(_document_url(consultation))

    assert [edition.number for edition in response.context["editions"]] == [2, 1]
    assert reverse("commitments:edition", kwargs={"slug": consultation.slug, "number": first.number}) in (
        response.content.decode()
    )


def test_document_page_hides_the_organisation_that_asked_not_to_be_named(client, consultation, group):
    hidden = OrganisationFactory(name_lv="Slepenā biedrība")
    ApprovedCommitmentFactory(
        consultation=consultation, group=group, organisation=hidden, may_publish_name=False
    )
    edition_publish(consultation=consultation)

    response = client.get(_document_url(consultation))

    assert "Slepenā biedrība" not in response.content.decode()


def test_document_page_never_shows_contact_data(client, consultation, group):
    commitment = ApprovedCommitmentFactory(
        consultation=consultation, group=group, contact_email="anna@example.org"
    )
    edition_publish(consultation=consultation)

    html = client.get(_document_url(consultation)).content.decode()

    assert commitment.contact_email not in html
    assert commitment.contact_phone not in html


@pytest.mark.parametrize("count", [1, 12])
def test_document_page_query_count_is_constant(client, consultation, django_assert_max_num_queries, count):
    for number in range(1, 4):
        group = WorkingGroupFactory(consultation=consultation, number=number)
        ApprovedCommitmentFactory.create_batch(count, consultation=consultation, group=group)
    for _ in range(count if count < 4 else 4):
        edition_publish(consultation=consultation)

    with django_assert_max_num_queries(5):
        response = client.get(_document_url(consultation))

    assert response.context["edition"].commitment_count == 3 * count


def test_edition_page_of_an_older_edition_says_it_is_not_the_latest(client, consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    edition_publish(consultation=consultation)
    edition_publish(consultation=consultation)

    response = client.get(reverse("commitments:edition", kwargs={"slug": consultation.slug, "number": 1}))

    assert response.context["is_latest"] is False
    assert response.context["edition"].number == 1


def test_edition_page_of_an_unknown_number_is_404(client, consultation):
    response = client.get(reverse("commitments:edition", kwargs={"slug": consultation.slug, "number": 9}))

    assert response.status_code == 404


def test_edition_pdf_is_served_as_the_stored_file(
    client, consultation, group, django_capture_on_commit_callbacks
):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    with django_capture_on_commit_callbacks(execute=True):
        edition = edition_publish(consultation=consultation)
    stored_pdf = edition.pdf_for("en")

    response = client.get(
        reverse("commitments:edition_pdf", kwargs={"slug": consultation.slug, "number": 1, "language": "en"})
    )

    body = b"".join(response.streaming_content)
    response.close()
    with stored_pdf.open("rb") as stored:
        assert body == stored.read()
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")


def test_edition_pdf_not_built_yet_answers_503_with_retry(client, consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    edition_publish(consultation=consultation)  # on_commit never runs inside the test transaction

    response = client.get(
        reverse("commitments:edition_pdf", kwargs={"slug": consultation.slug, "number": 1, "language": "lv"})
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_edition_pdf_of_an_unknown_language_is_404(client, consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    edition_publish(consultation=consultation)

    response = client.get(
        reverse("commitments:edition_pdf", kwargs={"slug": consultation.slug, "number": 1, "language": "de"})
    )

    assert response.status_code == 404


def test_progress_page_counts_per_group_and_overall(client, consultation, group):
    second = WorkingGroupFactory(consultation=consultation, number=2)
    done = ApprovedCommitmentFactory(consultation=consultation, group=group)
    commitment_progress_record(commitment=done, progress=Commitment.Progress.DONE, text="Gatavs.")
    ApprovedCommitmentFactory(
        consultation=consultation, group=second, progress=Commitment.Progress.IN_PROGRESS
    )
    ApprovedCommitmentFactory(consultation=consultation, group=second)
    CommitmentFactory(consultation=consultation, group=group)  # proposed: not counted

    response = client.get(reverse("commitments:progress", kwargs={"slug": consultation.slug}))

    rows = [(row.done, row.in_progress, row.open) for _group, row in response.context["rows"]]
    overall = response.context["overall"]
    assert rows == [(1, 0, 0), (0, 1, 1)]
    assert (overall.done, overall.in_progress, overall.open, overall.total) == (1, 1, 1, 3)


@pytest.mark.parametrize("count", [1, 10])
def test_progress_page_query_count_is_constant(client, consultation, django_assert_max_num_queries, count):
    for number in range(1, count + 1):
        group = WorkingGroupFactory(consultation=consultation, number=number)
        ApprovedCommitmentFactory.create_batch(2, consultation=consultation, group=group)

    with django_assert_max_num_queries(2):
        response = client.get(reverse("commitments:progress", kwargs={"slug": consultation.slug}))

    assert response.context["overall"].total == 2 * count


def test_open_data_csv_has_no_personal_data(client, consultation, group):
    commitment = ApprovedCommitmentFactory(consultation=consultation, group=group)
    CommitmentFactory(consultation=consultation, group=group, text_lv="Vēl nav apstiprināts.")

    response = client.get(reverse("commitments:open_data_csv", kwargs={"slug": consultation.slug}))

    body = response.content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].split(",")[:4] == ["id", "group_number", "group", "organisation"]
    assert len(lines) == 2
    assert commitment.text_lv in body
    assert commitment.contact_email not in body
    assert commitment.contact_name not in body


def test_open_data_json_leaves_an_unnamed_organisation_out(client, consultation, group):
    hidden = OrganisationFactory(name_lv="Slepenā biedrība")
    ApprovedCommitmentFactory(
        consultation=consultation, group=group, organisation=hidden, may_publish_name=False
    )

    response = client.get(reverse("commitments:open_data_json", kwargs={"slug": consultation.slug}))

    payload = json.loads(response.content)
    assert [row["organisation"] for row in payload["commitments"]] == [""]
    assert "contact_email" not in payload["commitments"][0]


@pytest.mark.parametrize("count", [1, 15])
def test_open_data_query_count_is_constant(client, consultation, group, django_assert_max_num_queries, count):
    ApprovedCommitmentFactory.create_batch(count, consultation=consultation, group=group)

    with django_assert_max_num_queries(2):
        response = client.get(reverse("commitments:open_data_json", kwargs={"slug": consultation.slug}))

    assert len(json.loads(response.content)["commitments"]) == count


def test_edition_freezes_a_latvian_and_an_english_edition(consultation, group):
    ApprovedCommitmentFactory(
        consultation=consultation, group=group, text_lv="Latviski.", text_en="In English."
    )

    edition = edition_publish(consultation=consultation)

    assert (
        "Saturs" in edition.translation_for("lv").content,
        "Latviski." in edition.translation_for("lv").content,
    ) == (True, True)
    assert (
        "Contents" in edition.translation_for("en").content,
        "In English." in edition.translation_for("en").content,
    ) == (True, True)
    assert 'lang="lv"' in edition.translation_for("lv").content
    assert 'lang="en"' in edition.translation_for("en").content


def test_edition_pdf_downloaded_again_touches_no_database(
    client, consultation, group, django_capture_on_commit_callbacks, django_assert_num_queries
):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    with django_capture_on_commit_callbacks(execute=True):
        edition_publish(consultation=consultation)
    url = reverse(
        "commitments:edition_pdf", kwargs={"slug": consultation.slug, "number": 1, "language": "lv"}
    )
    client.get(url).close()

    with django_assert_num_queries(0):
        response = client.get(url)

    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response.close()


@pytest.mark.parametrize("count", [1, 6])
def test_edition_page_query_count_is_constant(
    client, consultation, group, django_assert_max_num_queries, count
):
    ApprovedCommitmentFactory.create_batch(count, consultation=consultation, group=group)
    for _ in range(count):
        edition_publish(consultation=consultation)

    with django_assert_max_num_queries(4):
        response = client.get(reverse("commitments:edition", kwargs={"slug": consultation.slug, "number": 1}))

    assert len(response.context["editions"]) == count


def test_open_data_csv_never_carries_a_spreadsheet_formula(client, consultation, group):
    ApprovedCommitmentFactory(consultation=consultation, group=group, text_lv='=HYPERLINK("http://x","y")')

    response = client.get(reverse("commitments:open_data_csv", kwargs={"slug": consultation.slug}))

    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body


def test_document_names_leading_organisations_in_the_invitations_order(client, consultation, group):
    GroupLeadFactory(group=group, organisation=OrganisationFactory(name_lv="Žubīte"), position=1)
    GroupLeadFactory(group=group, organisation=OrganisationFactory(name_lv="Aita"), position=2)
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(reverse("commitments:draft", kwargs={"slug": consultation.slug})).content.decode()

    assert html.index("Žubīte") < html.index("Aita")
