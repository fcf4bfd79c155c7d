"""The long-list widgets write the same HTML as Django's own, in one pass."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from consultation.forms import LongSelect, datalist_options, organisation_options
from consultation.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _form(widget):
    class Form(forms.Form):
        organisation = forms.ModelChoiceField(
            queryset=Organisation.objects.order_by("name_lv"),
            required=False,
            empty_label="— nav —",
            widget=widget,
        )

    return Form


def test_long_select_renders_as_djangos_select(db):
    chosen = OrganisationFactory(name_lv="Biedrība “Tilts” & <draugi>")
    OrganisationFactory(name_lv="Ārsti bez robežām")

    ours = _form(LongSelect)(initial={"organisation": chosen.pk})["organisation"].as_widget()
    django = _form(forms.Select)(initial={"organisation": chosen.pk})["organisation"].as_widget()

    assert ours == "".join(django.split("\n")).replace("  ", "")
    assert "&lt;draugi&gt;" in ours
    assert f'<option value="{chosen.pk}" selected>' in ours


def test_datalist_options_are_escaped():
    assert (
        datalist_options(["Rīga", 'A "B" <C>'])
        == '<option value="Rīga"><option value="A &quot;B&quot; &lt;C&gt;">'
    )


def test_organisation_options_name_every_organisation():
    OrganisationFactory(name_lv="Biedrība “Gaisma”", name_en="Light association")

    assert organisation_options() == '<option value="Biedrība “Gaisma”">'


def test_long_select_labels_organisations_in_the_active_language_with_the_primary_as_fallback(db):
    OrganisationFactory(name_lv="Gaisma", name_en="Light")
    OrganisationFactory(name_lv="Tilts", name_en="")

    with translation.override("en"):
        ours = _form(LongSelect)()["organisation"].as_widget()
        django = _form(forms.Select)()["organisation"].as_widget()

    assert ours == "".join(django.split("\n")).replace("  ", "")
    assert [label for label in ("Light", "Tilts") if f">{label}</option>" in ours] == ["Light", "Tilts"]


def test_long_select_reads_the_organisations_in_one_query(db, django_assert_num_queries):
    OrganisationFactory.create_batch(5)
    field = _form(LongSelect)()["organisation"]

    with django_assert_num_queries(1):
        html = field.as_widget()

    assert html.count("<option") == 6


def test_long_select_gives_the_field_s_to_field_name_as_each_option_s_value(db):
    OrganisationFactory(name_lv="Gaisma", slug="gaisma")

    def rendered(widget) -> str:
        class Form(forms.Form):
            organisation = forms.ModelChoiceField(
                queryset=Organisation.objects.all(), to_field_name="slug", widget=widget
            )

        return Form(initial={"organisation": "gaisma"})["organisation"].as_widget()

    assert rendered(LongSelect) == "".join(rendered(forms.Select).split("\n")).replace("  ", "")
    assert rendered(LongSelect).endswith('<option value="gaisma" selected>Gaisma</option></select>')
