"""Forms of the resource wall, the questionnaire, the wall's filters and the contact form: validation only."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from consultation.forms import LongSelect
from consultation.i18n import primary_name, translated_names
from consultation.models import Consultation, Organisation
from consultation.protection import ProtectedFormMixin
from consultation.text import NormalisedTextFormMixin
from workgroups.models import WorkingGroup

from .models import Offer, OfferKind, QuestionnaireResponse, Region, TargetGroup

WALL_DESCRIPTION_MAX = 500
SEARCH_MAX = 100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: WorkingGroup) -> str:
        return f"{obj.number}. {obj.title}"


def _areas(consultation: Consultation):
    return WorkingGroup.objects.filter(consultation=consultation).order_by("number")


class OfferFieldsMixin:
    """What wall cards and questionnaire services share: the area is one of this consultation's groups."""

    def _limit_area(self, consultation: Consultation) -> None:
        self.fields["area"] = AreaChoiceField(
            queryset=_areas(consultation),
            label=_("Area"),
            empty_label=_("Choose an area"),
            help_text=_("The working group of the consultation your offer fits best."),
        )
        if "available_from" in self.fields:
            self.fields["available_from"].widget = DateInput()
            self.fields["available_until"].widget = DateInput()

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("The end date must not be before the start date."))
        return cleaned


class WallPostForm(ProtectedFormMixin, NormalisedTextFormMixin, OfferFieldsMixin, forms.ModelForm):
    """A card for the resource wall; short enough to fill in on a phone within a minute."""

    class Meta:
        model = Offer
        fields = [
            "author_name",
            "show_author_name",
            "contact_email",
            "contact_phone",
            "description",
            "area",
            "kind",
            "regions",
            "target_groups",
            "available_from",
            "available_until",
        ]
        labels = {
            "author_name": _("Your name or organisation"),
            "show_author_name": _("Show my name on the card (otherwise it says “private person”)"),
            "contact_email": _("Your e-mail"),
            "contact_phone": _("Your phone (optional)"),
            "description": _("What can you offer?"),
            "kind": _("Kind of contribution"),
            "regions": _("Where"),
            "target_groups": _("For whom (optional)"),
            "available_from": _("From (optional)"),
            "available_until": _("Until (empty means ongoing)"),
        }
        help_texts = {
            "contact_email": _("Kept private: never shown on the wall. People reach you through the site."),
            "contact_phone": _("Kept private: only the organisers see it."),
            "description": _("What you are ready to do, help with or contribute (at most 500 characters)."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": WALL_DESCRIPTION_MAX})}

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area(consultation)
        self.fields["contact_email"].required = True
        self.fields["description"].validators.append(MaxLengthValidator(WALL_DESCRIPTION_MAX))
        self.fields["description"].widget.attrs["maxlength"] = WALL_DESCRIPTION_MAX
        self.fields["regions"].required = True


class QuestionnaireResponseForm(ProtectedFormMixin, NormalisedTextFormMixin, forms.ModelForm):
    """The organisation and its contact person; the services come in a formset below it."""

    known_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Your organisation, if it is in this list"),
        empty_label=_("— not in the list —"),
        widget=LongSelect,
    )

    class Meta:
        model = QuestionnaireResponse
        fields = ["organisation_name", "contact_name", "contact_email", "contact_phone"]
        labels = {
            "organisation_name": _("Or its name, if it is not in the list"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact e-mail"),
            "contact_phone": _("Contact phone (optional)"),
        }
        help_texts = {
            "organisation_name": _("As it should appear in the service directory."),
            "contact_email": _("Never shown publicly. Your private link to edit these answers is sent here."),
        }

    field_order = [
        "known_organisation",
        "organisation_name",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listed = Organisation.objects.listed()
        if self.instance.pk and self.instance.organisation_id:
            listed = listed | Organisation.objects.filter(pk=self.instance.organisation_id)
        self.fields["known_organisation"].queryset = listed.only("id", *translated_names("name"))
        self.fields["organisation_name"].required = False
        if self.instance.pk and self.instance.organisation_id:
            self.fields["known_organisation"].initial = self.instance.organisation_id

    def clean(self) -> dict:
        cleaned = super().clean()
        known = cleaned.get("known_organisation")
        if known and not cleaned.get("organisation_name"):
            cleaned["organisation_name"] = getattr(known, primary_name("name"))
        if not known and not cleaned.get("organisation_name"):
            self.add_error("organisation_name", _("Choose your organisation from the list or type its name."))
        return cleaned


class ServiceForm(NormalisedTextFormMixin, OfferFieldsMixin, forms.ModelForm):
    """One service of an organisation."""

    class Meta:
        model = Offer
        fields = [
            "area",
            "kind",
            "description",
            "target_groups",
            "regions",
            "languages",
            "capacity",
            "cost",
            "available_from",
            "available_until",
        ]
        labels = {
            "kind": _("Kind of contribution"),
            "target_groups": _("Target groups"),
            "regions": _("Regions"),
            "languages": _("Languages in which it is given"),
            "cost": _("Cost"),
            "description": _("Description of the service"),
            "capacity": _("Capacity (people per month)"),
            "available_from": _("Offered since"),
            "available_until": _("Offered until (empty means ongoing)"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_area(consultation)
        self.fields["regions"].required = True


class BaseServiceFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            # Django's bare "Delete" is translated by several catalogues, one of them as a past participle.
            form.fields["DELETE"].label = _("Remove this service")

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise forms.ValidationError(_("Describe at least one service."), code="no_services")


ServiceFormSet = forms.modelformset_factory(
    Offer,
    form=ServiceForm,
    formset=BaseServiceFormSet,
    extra=1,
    can_delete=True,
    max_num=30,
    validate_max=True,
    absolute_max=30,
)


class OfferFilterForm(forms.Form):
    """The wall's and directory's filters, read from the query string; a bad value is ignored, not a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX)
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *OfferKind.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("Anywhere")), *Region.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("Anyone")), *TargetGroup.choices]
    )

    def __init__(self, *args, areas: list[WorkingGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("Any area"))] + [
            (group.number, f"{group.number}. {group.title}") for group in areas
        ]

    def filters(self) -> dict:
        """The valid filters only (an invalid one is dropped, and its error shown next to it)."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "")
        }


class OfferContactForm(ProtectedFormMixin, NormalisedTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254, help_text=_("The author replies to this address.")
    )
    message = forms.CharField(
        label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000})
    )


class ModerationNoteForm(forms.Form):
    note = forms.CharField(label=_("Note to the author (optional)"), required=False, max_length=1000)
