"""A consultation with user text planted in every field people type, and every page that shows it.

``plant(text)`` fills each typed field with ``text(label)`` (a payload, or a secret that must never be
published), so one crawl serves the markup test and the personal-data test.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone, translation

from commitments.models import Commitment, ProgressNote
from commitments.pdf import edition_pdfs_build
from commitments.services import edition_publish
from consultation.links import private_path
from consultation.models import AgendaItem
from registry.offers.models import Offer
from tests.commitments.factories_commitments import CommitmentFactory, DocumentSettingsFactory
from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    GroupLeadFactory,
    OrganisationFactory,
    WorkingGroupFactory,
)
from tests.offers.factories import OfferFactory, QuestionnaireResponseFactory, ServiceFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport


@dataclass
class Planted:
    consultation: object
    group: object
    organisation: object
    offer: object
    commitment: object
    edition: object
    private_urls: list[str] = field(default_factory=list)


def plant(text: Callable[[str], str], private: Callable[[str], str] | None = None) -> Planted:
    """Every field a person types, filled with ``text(name of the field)``; published where it can be.

    Fields that are never to be published (contacts, names of people who did not agree to be shown, an
    organisation that asked not to be named) get ``private(name of the field)`` (by default a short token).
    """
    private = private or (lambda label: "p" + "".join(word[:3] for word in label.split()))
    consultation = ConsultationFactory(slug="riga")
    AgendaItemFactory(
        consultation=consultation,
        title_lv=text("agenda title"),
        title_en=text("agenda title en"),
        speaker_name=text("speaker"),
        kind=AgendaItem.Kind.TALK,
    )
    organisation = OrganisationFactory(
        slug="planted", name_lv=text("organisation"), name_en=text("organisation en"), short_name="PL"
    )
    group = WorkingGroupFactory(
        consultation=consultation,
        number=1,
        moderator=text("moderator"),
        room=text("room"),
        capacity=50,
    )
    GroupLeadFactory(group=group, organisation=organisation)
    GroupReport.objects.create(
        group=group,
        findings_lv=text("findings"),
        findings_en=text("findings en"),
        solutions_lv=text("solutions"),
        solutions_en=text("solutions en"),
        resources_lv=text("resources"),
        resources_en=text("resources en"),
        status=GroupReport.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    listed = ParticipantFactory(
        consultation=consultation,
        group=group,
        first_name=text("listed first name"),
        last_name=text("listed last name"),
        organisation_name=text("listed organisation"),
        email=private("email") + "@example.org",
        phone=private("phone"),
        consent_listing=True,
    )
    ParticipantFactory(
        consultation=consultation,
        group=group,
        first_name=private("unlisted first name"),
        last_name=private("unlisted last name"),
        email=private("unlisted email") + "@example.org",
        phone=private("unlisted phone"),
        needs_diet=private("diet"),
        consent_listing=False,
    )
    offer = OfferFactory(
        consultation=consultation,
        area=group,
        description=text("offer"),
        author_name=private("wall author"),
        contact_email=private("wall email") + "@example.org",
        contact_phone=private("wall phone"),
        status=Offer.Status.APPROVED,
    )
    response = QuestionnaireResponseFactory(
        consultation=consultation,
        organisation=organisation,
        organisation_name=text("questionnaire organisation"),
        contact_name=private("questionnaire contact"),
        contact_email=private("questionnaire email") + "@example.org",
        contact_phone=private("questionnaire phone"),
    )
    ServiceFactory(
        consultation=consultation,
        area=group,
        response=response,
        organisation=organisation,
        description=text("service"),
        status=Offer.Status.APPROVED,
    )
    DocumentSettingsFactory(
        consultation=consultation,
        introduction_lv=text("introduction"),
        introduction_en=text("introduction en"),
    )
    commitment = CommitmentFactory(
        consultation=consultation,
        group=group,
        organisation=organisation,
        text_lv=text("commitment"),
        text_en=text("commitment en"),
        contact_name=private("commitment contact"),
        contact_email=private("commitment email") + "@example.org",
        contact_phone=private("commitment phone"),
        status=Commitment.Status.APPROVED,
        approved_at=timezone.now(),
        position=1,
    )
    CommitmentFactory(
        consultation=consultation,
        group=group,
        organisation=OrganisationFactory(
            slug="unnamed", name_lv=private("unnamed organisation"), is_listed=False
        ),
        may_publish_name=False,
        text_lv=text("unnamed commitment"),
        text_en=text("unnamed commitment en"),
        contact_name=private("unnamed contact"),
        status=Commitment.Status.APPROVED,
        approved_at=timezone.now(),
        position=2,
    )
    ProgressNote.objects.create(
        commitment=commitment,
        noted_on=datetime.date(2015, 11, 1),
        text=text("progress note"),
    )
    edition = edition_publish(consultation=consultation)
    edition_pdfs_build(edition=edition)
    return Planted(
        consultation=consultation,
        group=group,
        organisation=organisation,
        offer=offer,
        commitment=commitment,
        edition=edition,
        private_urls=[private_path(obj, language="lv") for obj in (listed, offer, response, commitment)],
    )


def public_pages(world: Planted) -> list[str]:
    """Every public HTML page of the planted consultation, in Latvian and English."""
    slug, number = world.consultation.slug, world.group.number
    names = [
        ("consultation:home", {}),
        ("consultation:detail", {"slug": slug}),
        ("consultation:programme", {"slug": slug}),
        ("workgroups:list", {"slug": slug}),
        ("workgroups:detail", {"slug": slug, "number": number}),
        ("participants:group_participants", {"slug": slug, "number": number}),
        ("participants:register", {"slug": slug}),
        ("participants:privacy", {"slug": slug}),
        ("offers:wall", {"slug": slug}),
        ("offers:wall_post", {"slug": slug}),
        ("offers:wall_print", {"slug": slug}),
        ("offers:offer_detail", {"slug": slug, "pk": world.offer.pk}),
        ("offers:offer_contact", {"slug": slug, "pk": world.offer.pk}),
        ("offers:questionnaire", {"slug": slug}),
        ("offers:directory", {"slug": slug}),
        ("offers:directory_detail", {"slug": slug, "organisation": world.organisation.slug}),
        ("offers:coverage", {"slug": slug}),
        ("offers:opendata", {"slug": slug}),
        ("commitments:document", {"slug": slug}),
        ("commitments:new", {"slug": slug}),
        ("commitments:progress", {"slug": slug}),
        ("commitments:edition", {"slug": slug, "number": world.edition.number}),
    ]
    urls = []
    for language in ("lv", "en"):
        with translation.override(language):
            urls += [reverse(name, kwargs=kwargs) for name, kwargs in names]
    return urls


def open_data(world: Planted) -> list[str]:
    slug = world.consultation.slug
    return [
        reverse("consultation:programme_ics", kwargs={"slug": slug}),
        reverse("offers:opendata_csv", kwargs={"slug": slug}),
        reverse("offers:opendata_json", kwargs={"slug": slug}),
        reverse("commitments:open_data_csv", kwargs={"slug": slug}),
        reverse("commitments:open_data_json", kwargs={"slug": slug}),
    ]


def public_pdfs(world: Planted) -> list[str]:
    slug, number = world.consultation.slug, world.edition.number
    return [
        reverse("commitments:edition_pdf", kwargs={"slug": slug, "number": number, "language": language})
        for language in ("lv", "en")
    ]


def staff_pages(world: Planted) -> list[str]:
    """Pages and PDFs of the back office outside the admin that show people's text."""
    slug, number = world.consultation.slug, world.group.number
    return [
        reverse("commitments:draft", kwargs={"slug": slug}),
        reverse("commitments:workspace", kwargs={"slug": slug, "number": number}),
        reverse("participants:desk", kwargs={"slug": slug}) + "?q=a",
    ]


def staff_pdfs(world: Planted) -> list[str]:
    slug, number = world.consultation.slug, world.group.number
    return [
        reverse("commitments:draft_pdf", kwargs={"slug": slug, "language": "lv"}),
        reverse("participants:attendance_sheet", kwargs={"slug": slug, "number": number}),
        reverse("participants:badges", kwargs={"slug": slug, "number": number}),
    ]
