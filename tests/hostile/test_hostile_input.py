"""Property-based: hostile strings, sizes, encodings and query parameters never give a 500 or a half-saved row.

Every public form gets its valid submission with any subset of fields replaced by hostile values (and random
extra fields); every public page's filters and every project admin changelist get random query parameters;
form bodies come in every declared charset. The number of examples comes from the Hypothesis profile
(tests/hostile/conftest.py: ``HYPOTHESIS_PROFILE=thorough`` for many more).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from commitments.models import Commitment
from consultation.admin import SafeLookupsMixin
from consultation.protection import STARTED_FIELD, form_started_token
from registry.offers.models import Offer, OfferKind, QuestionnaireResponse, Region
from registry.participants.models import Participant
from tests.factories import ConsultationFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory
from tests.participants.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

# Text a person or a bot can type: any character an HTTP form can carry (no lone surrogates), NUL included.
HOSTILE_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.builds(lambda text, times: text * times, st.text(min_size=1, max_size=3), st.integers(700, 6000)),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "' OR 1=1 --",
            "9" * 400,
            "-1",
            "1e309",
            "NaN",
            "2015-02-30",
            "99999-01-01",
            "\u202e\u200b\ufeff",
            "Ā" * 300,
            "𝕏" * 100,
        ]
    ),
)
HOSTILE_VALUE = st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, min_size=2, max_size=3))


def _hostile(base: dict, strategy: st.DataObject) -> dict:
    """The valid submission with some of its fields replaced by hostile values, and maybe a few extra fields."""
    names = strategy.draw(st.lists(st.sampled_from(sorted(base)), unique=True, max_size=len(base)))
    data = {**base, **{name: strategy.draw(HOSTILE_VALUE) for name in names}}
    data.update(strategy.draw(st.dictionaries(HOSTILE_TEXT.filter(bool), HOSTILE_VALUE, max_size=3)))
    return data


@pytest.fixture
def world(db, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    consultation = ConsultationFactory(slug="riga", questionnaire_opens_at=None, questionnaire_closes_at=None)
    group = WorkingGroupFactory(consultation=consultation, number=2)
    offer = OfferFactory(consultation=consultation, area=group, status=Offer.Status.APPROVED)
    return consultation, group, offer


def _token() -> dict:
    return {"website": "", STARTED_FIELD: form_started_token(seconds_ago=30)}


def _forms(consultation, group, offer) -> dict[str, tuple[str, dict, Callable]]:
    slug = consultation.slug
    return {
        "registration": (
            reverse("participants:register", kwargs={"slug": slug}),
            {
                "first_name": "Anna",
                "last_name": "Bērziņa",
                "email": "anna@example.org",
                "phone": "",
                "organisation_text": "",
                "sector": "ngo",
                "position": "",
                "first_choice": str(group.pk),
                "second_choice": "",
                "needs_accessibility": "",
                "needs_diet": "",
                "needs_other": "",
                "consent_data": "on",
                "submission_token": "",
            },
            lambda: Participant.objects.count(),
        ),
        "link request": (
            reverse("consultation:private_link_request", kwargs={"slug": slug, "kind": "participant"}),
            {"email": "anna@example.org"},
            lambda: 0,
        ),
        "wall": (
            reverse("offers:wall_post", kwargs={"slug": slug}),
            {
                "author_name": "Biedrība",
                "contact_email": "paligs@example.org",
                "contact_phone": "",
                "description": "Varam palīdzēt.",
                "area": str(group.pk),
                "kind": OfferKind.LANGUAGE,
                "regions": Region.RIGA,
                "available_from": "",
                "available_until": "",
            },
            lambda: Offer.objects.count(),
        ),
        "contact": (
            reverse("offers:offer_contact", kwargs={"slug": slug, "pk": offer.pk}),
            {"name": "Pēteris", "email": "peteris@example.org", "message": "Vai varat palīdzēt?"},
            lambda: 0,
        ),
        "questionnaire": (
            reverse("offers:questionnaire", kwargs={"slug": slug}),
            {
                "organisation_name": "Biedrība “Sirds”",
                "known_organisation": "",
                "contact_name": "Līga",
                "contact_email": "liga@example.org",
                "contact_phone": "",
                "services-TOTAL_FORMS": "1",
                "services-INITIAL_FORMS": "0",
                "services-MIN_NUM_FORMS": "0",
                "services-MAX_NUM_FORMS": "30",
                "services-0-area": str(group.pk),
                "services-0-kind": OfferKind.SERVICE,
                "services-0-description": "Konsultācijas",
                "services-0-target_groups": "",
                "services-0-regions": Region.RIGA,
                "services-0-languages": "lv",
                "services-0-capacity": "10",
                "services-0-cost": "free",
                "services-0-available_from": "",
                "services-0-available_until": "",
            },
            lambda: (QuestionnaireResponse.objects.count(), Offer.objects.count()),
        ),
        "commitment": (
            reverse("commitments:new", kwargs={"slug": slug}),
            {
                "organisation": "",
                "new_organisation_name": "Biedrība",
                "group": str(group.pk),
                "text": "Apņemamies vadīt semināru.",
                "resource": "expertise",
                "starts_on": "2015-11-02",
                "ends_on": "",
                "contact_name": "Anna",
                "contact_email": "anna@example.org",
                "contact_phone": "",
                "may_publish_name": "on",
            },
            lambda: Commitment.objects.count(),
        ),
    }


FORM_NAMES = ["registration", "link request", "wall", "contact", "questionnaire", "commitment"]


@pytest.mark.parametrize("name", FORM_NAMES)
def test_public_form_survives_hostile_fields(world, name):
    url, base, rows = _forms(*world)[name]

    @given(strategy=st.data())
    def submit(strategy):
        cache.clear()
        before = rows()
        response = Client().post(url, {**_hostile(base, strategy), **_token()})
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code != 302:
            assert rows() == before  # refused: nothing saved, not even part of it

    submit()


CHARSETS = ["utf-16", "utf-16-le", "utf-32", "latin-1", "x-no-such-charset", "utf-8", "", "utf-7"]
CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "application/json"]


@pytest.mark.parametrize("name", FORM_NAMES)
def test_public_form_survives_any_declared_encoding(world, name):
    url, _base, rows = _forms(*world)[name]

    @given(
        charset=st.sampled_from(CHARSETS),
        content_type=st.sampled_from(CONTENT_TYPES),
        body=st.one_of(st.binary(max_size=300), HOSTILE_TEXT.map(lambda text: text.encode("utf-8"))),
    )
    def submit(charset, content_type, body):
        client = Client(enforce_csrf_checks=True)
        client.get(url)
        declared = f"{content_type}; charset={charset}" if charset else content_type
        if content_type == "multipart/form-data":
            declared += "; boundary=xyz"
        before = rows()
        response = client.generic("POST", url, body, content_type=declared)
        assert response.status_code in (400, 403), response.status_code
        assert rows() == before

    submit()


def test_admin_login_survives_a_utf16_form():
    client = Client(enforce_csrf_checks=True)
    client.get("/lv/admin/login/")

    response = client.generic(
        "POST",
        "/lv/admin/login/",
        "username=a&password=b".encode("utf-16"),
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )

    assert response.status_code == 400
    assert "Pieprasījumu nevarēja nolasīt" in response.content.decode()


def _public_pages(consultation, group, offer) -> list[str]:
    slug = {"slug": consultation.slug}
    return [
        reverse("offers:wall", kwargs=slug),
        reverse("offers:wall_print", kwargs=slug),
        reverse("offers:directory", kwargs=slug),
        reverse("offers:coverage", kwargs=slug),
        reverse("offers:opendata_csv", kwargs=slug),
        reverse("participants:register", kwargs=slug),
        reverse("commitments:new", kwargs=slug),
        reverse("commitments:document", kwargs=slug),
        reverse("workgroups:list", kwargs=slug),
        reverse("participants:group_participants", kwargs={**slug, "number": group.number}),
        reverse("consultation:programme", kwargs=slug),
    ]


FILTER_NAMES = ["q", "area", "kind", "region", "target_group", "page", "group", "language", "o", "x"]


@pytest.mark.parametrize("index", range(11))
def test_public_page_filters_survive_hostile_query_parameters(world, index):
    url = _public_pages(*world)[index]

    @given(st.dictionaries(st.one_of(st.sampled_from(FILTER_NAMES), HOSTILE_TEXT), HOSTILE_VALUE, max_size=4))
    def visit(query):
        response = Client().get(url, query)
        assert response.status_code in (200, 302, 404), response.status_code

    visit()


LOOKUPS = ["", "__year", "__month", "__day", "__gte", "__lt", "__in", "__isnull", "__exact", "__id__exact"]


def _project_admins() -> list:
    return [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label
        in {"consultation", "workgroups", "participants", "offers", "commitments", "auth"}
    ]


def test_every_project_admin_uses_the_safe_changelist():
    assert [type(a).__name__ for a in _project_admins() if not isinstance(a, SafeLookupsMixin)] == []


@pytest.mark.parametrize("model_admin", _project_admins(), ids=lambda a: a.model.__name__)
def test_admin_changelist_survives_hostile_query_parameters(client, world, model_admin):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    ParticipantFactory(consultation=world[0], group=world[1])
    url = reverse(
        f"admin:{model_admin.model._meta.app_label}_{model_admin.model._meta.model_name}_changelist"
    )
    # Django's UserAdmin refuses any filter on the password hash on purpose (400, a SuspiciousOperation).
    concrete = [field.name for field in model_admin.model._meta.get_fields() if field.concrete]
    fields = [name for name in concrete if name != "password"] + [
        "q",
        "o",
        "p",
        "e",
    ]

    @given(
        st.dictionaries(
            st.builds(
                lambda field, lookup: field + lookup, st.sampled_from(fields), st.sampled_from(LOOKUPS)
            ),
            HOSTILE_VALUE,
            max_size=3,
        )
    )
    def visit(query):
        response = client.get(url, query)
        assert response.status_code in (200, 302), response.status_code

    visit()


def test_admin_changelist_with_an_impossible_year_lists_again_with_the_error_flag(client, world):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    url = reverse("admin:participants_participant_changelist")

    response = client.get(url, {"created_at__year": "99999"})

    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


@pytest.mark.parametrize(
    ("model_name", "query"),
    [
        ("user", {"date_joined__year": "99999"}),
        ("user", {"last_login__gte": "garbage"}),
        ("group", {"name__in": "a\x00b"}),
    ],
)
def test_user_and_group_changelists_answer_a_hostile_filter_with_the_error_flag(
    client, db, model_name, query
):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    url = reverse(f"admin:auth_{model_name}_changelist")

    response = client.get(url, query)

    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")
