from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from consultation.i18n import translated_language, translated_names, translated_text
from consultation.models import Consultation
from tests.factories import OrganisationFactory
from workgroups.models import WorkingGroup


def test_translated_names_follow_the_configured_languages():
    assert translated_names("title") == ["title_lv", "title_en"]


def test_translated_field_labels_each_column_with_its_language():
    with translation.override("en"):
        labels = [str(WorkingGroup._meta.get_field(name).verbose_name) for name in translated_names("title")]

    assert labels == ["title (Latvian)", "title (English)"]


def test_translated_field_labels_read_as_latvian_in_latvian():
    with translation.override("lv"):
        label = str(WorkingGroup._meta.get_field("title_en").verbose_name)

    assert label == "nosaukums (angļu valodā)"


def test_only_the_primary_language_may_be_required():
    blanks = [Consultation._meta.get_field(name).blank for name in translated_names("title")]

    assert blanks == [False, True]


@pytest.mark.django_db
def test_translated_value_falls_back_to_the_primary_language():
    organisation = OrganisationFactory(name_lv="Biedrība", name_en="")

    with translation.override("en"):
        read = (organisation.name, translated_language(organisation, "name"))

    assert read == ("Biedrība", "lv")


@pytest.mark.django_db
def test_translated_value_reads_the_active_language():
    organisation = OrganisationFactory(name_lv="Biedrība", name_en="Association")

    with translation.override("en"):
        read = organisation.name

    assert read == "Association"


def test_the_language_a_text_is_read_in_follows_changed_language_settings():
    """The fallback order is worked out once per active language, and again when LANGUAGES changes."""
    texts = {"lv": "Biedrība", "en": "Association", "lt": "Draugija"}
    with translation.override("en"):
        before = translated_text(texts)
    with override_settings(LANGUAGES=[("lt", "Lithuanian"), ("lv", "Latvian")]), translation.override("en"):
        during = translated_text(texts)  # English is not configured: the primary language, Lithuanian
    with translation.override("en"):
        after = translated_text(texts)

    assert (before, during, after) == ("Association", "Draugija", "Association")
