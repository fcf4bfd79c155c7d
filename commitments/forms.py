"""Validation of the commitment forms: the public one, the group leaders' one, and progress."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultation.forms import LongSelect
from consultation.i18n import primary_name
from consultation.models import Consultation, Organisation
from consultation.protection import ProtectedFormMixin
from consultation.text import NormalisedTextFormMixin, nfc
from workgroups.models import WorkingGroup

from .models import Commitment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _nfc(value: str) -> str:
    return nfc(value).strip()


class CommitmentForm(NormalisedTextFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— not in the list —"),
        help_text=_("Choose your organisation, or type its name below if it is not in the list."),
        widget=LongSelect,
    )
    new_organisation_name = forms.CharField(
        label=_("New organisation's name"), max_length=200, required=False
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.none(),
        error_messages={"invalid_choice": _("Choose one of this consultation's working groups.")},
    )
    text = forms.CharField(
        label=_("What your organisation commits to do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Concretely: what, for whom, how much. At most 2000 characters."),
    )
    resource = forms.ChoiceField(label=_("Kind of resource"), choices=Commitment.Resource.choices)
    starts_on = forms.DateField(label=_("When: from (or on)"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Until"), required=False, widget=DATE, help_text=_("Leave empty for a single date.")
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        max_length=254,
        help_text=_("Never published. Your private link goes here."),
    )
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    may_publish_name = forms.BooleanField(
        label=_("The organisation agrees to be named in the published document"), required=False, initial=True
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["group"].queryset = WorkingGroup.objects.filter(consultation=consultation).order_by(
            "number"
        )
        self.fields["organisation"].queryset = Organisation.objects.listed().order_by(primary_name("name"))

    @classmethod
    def initial_from(cls, commitment: Commitment) -> dict:
        return {
            "organisation": commitment.organisation_id,
            "new_organisation_name": commitment.proposed_organisation_name,
            "group": commitment.group_id,
            "text": commitment.text,
            "resource": commitment.resource,
            "starts_on": commitment.starts_on,
            "ends_on": commitment.ends_on,
            "contact_name": commitment.contact_name,
            "contact_email": commitment.contact_email,
            "contact_phone": commitment.contact_phone,
            "may_publish_name": commitment.may_publish_name,
        }

    def clean_new_organisation_name(self) -> str:
        return _nfc(self.cleaned_data["new_organisation_name"])

    def clean_text(self) -> str:
        return _nfc(self.cleaned_data["text"])

    def clean_contact_name(self) -> str:
        return _nfc(self.cleaned_data["contact_name"])

    def clean(self):
        cleaned = super().clean()
        organisation, new_name = cleaned.get("organisation"), cleaned.get("new_organisation_name")
        if organisation and new_name:
            self.add_error(
                "new_organisation_name",
                _("Choose an organisation from the list or type a new name, not both."),
            )
        elif not organisation and not new_name and "new_organisation_name" not in self.errors:
            self.add_error(
                "organisation", _("Choose your organisation, or type its name if it is not listed.")
            )
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned


class PublicCommitmentForm(ProtectedFormMixin, CommitmentForm):
    pass


class ProgressForm(NormalisedTextFormMixin, forms.Form):
    progress = forms.ChoiceField(label=_("Progress"), choices=Commitment.Progress.choices)
    text = forms.CharField(
        label=_("What has happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    noted_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)

    def clean_text(self) -> str:
        return _nfc(self.cleaned_data["text"])

    def clean_noted_on(self):
        noted_on = self.cleaned_data["noted_on"]
        if noted_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return noted_on
