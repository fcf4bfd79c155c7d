"""Forms of registration: the public form, the private-link change form, the link request, the desk walk-in."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from consultation.i18n import active_content_language
from consultation.models import Consultation, Organisation
from consultation.protection import ProtectedFormMixin
from consultation.text import NormalisedTextFormMixin
from workgroups.models import WorkingGroup

from .models import Sector
from .services import RegistrationData

PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{5,30}$")


class GroupChoiceField(forms.ModelChoiceField):
    """A working group of the form's consultation, looked up in the groups the form read once."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups: dict[str, WorkingGroup] = {}

    def label_from_instance(self, group: WorkingGroup) -> str:
        return f"{group.number}. {group.title}"

    def use_groups(self, groups: list[WorkingGroup]) -> None:
        self.groups = {str(group.pk): group for group in groups}
        self.choices = [("", "—"), *((group.pk, self.label_from_instance(group)) for group in groups)]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.groups[str(value)]
        except KeyError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


def _text(label, max_length: int, required: bool = True, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": _("Please fill in this field."),
            "max_length": _("At most %(limit_value)d characters, please (now %(show_value)d)."),
        },
        **kwargs,
    )


class ParticipantDetailsForm(NormalisedTextFormMixin, forms.Form):
    """The fields a person can also change later through their private link."""

    first_name = _text(_("First name"), 100, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = _text(_("Last name"), 100, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    phone = _text(
        _("Phone"),
        30,
        required=False,
        help_text=_("Optional; only the organisers see it."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    organisation_text = _text(
        _("Organisation"),
        200,
        required=False,
        help_text=_("Pick a known organisation from the list, or type a new one."),
        widget=forms.TextInput(attrs={"list": "organisation-list", "autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—"), *Sector.choices],
        error_messages={
            "required": _("Please choose a sector."),
            "invalid_choice": _("Please choose a sector."),
        },
    )
    position = _text(_("Position"), 200, required=False, help_text=_("Your job title or role."))
    first_choice = GroupChoiceField(
        label=_("Working group (first choice)"),
        queryset=WorkingGroup.objects.none(),
        error_messages={
            "required": _("Please choose a working group."),
            "invalid_choice": _("Please choose one of the working groups."),
        },
    )
    second_choice = GroupChoiceField(
        label=_("Second choice"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        help_text=_("Optional: where to put you if your first choice is full."),
        error_messages={"invalid_choice": _("Please choose one of the working groups.")},
    )
    needs_accessibility = _text(_("Accessibility needs"), 500, required=False)
    needs_diet = _text(_("Diet for the break"), 200, required=False, help_text=_("E.g. vegetarian, no nuts."))
    needs_other = _text(_("Other needs"), 500, required=False)
    consent_listing = forms.BooleanField(
        label=_("You may list my name on the working group's page."), required=False
    )

    def __init__(
        self, *args, consultation: Consultation, group_number: str = "", groups=None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        if groups is None:
            groups = WorkingGroup.objects.all()
        groups = list(groups.filter(consultation=consultation).order_by("number"))
        for name in ("first_choice", "second_choice"):
            self.fields[name].use_groups(groups)
        # "Register" on a group's page comes with ?group=<number>: that group is the first choice.
        chosen = next((group for group in groups if str(group.number) == group_number), None)
        if chosen is not None:
            self.initial["first_choice"] = chosen.pk

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Enter a phone number with digits, spaces and an optional +."))
        return phone

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("first_choice"), data.get("second_choice")
        if first and second and first == second:
            self.add_error("second_choice", _("The second choice must be a different group."))
        return data

    def organisation_match(self) -> tuple[Organisation | None, str]:
        typed = " ".join(self.cleaned_data.get("organisation_text", "").split())
        if not typed:
            return None, ""
        known = Organisation.objects.named(typed).first()
        return (known, "") if known else (None, typed)

    def registration_data(self, **extra) -> RegistrationData:
        organisation, organisation_name = self.organisation_match()
        data = self.cleaned_data
        return RegistrationData(
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data.get("email", "") or extra.pop("email", ""),
            phone=data["phone"],
            organisation=organisation,
            organisation_name=organisation_name,
            sector=data["sector"],
            position=data["position"].strip(),
            first_choice=data["first_choice"],
            second_choice=data.get("second_choice"),
            needs_accessibility=data["needs_accessibility"],
            needs_diet=data["needs_diet"],
            needs_other=data["needs_other"],
            consent_data=data.get("consent_data", True),
            consent_listing=data["consent_listing"],
            language=extra.pop("language", None) or active_content_language(),
        )


class RegistrationForm(ProtectedFormMixin, ParticipantDetailsForm):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send your confirmation and private link here; it is never shown publicly."),
        error_messages={
            "required": _("Please fill in this field."),
            "invalid": _("Enter a valid e-mail address, like name@example.org."),
            "max_length": _("At most %(limit_value)d characters, please (now %(show_value)d)."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_data = forms.BooleanField(
        label=_("I agree that the organisers process my personal data to run the consultation."),
        error_messages={"required": _("Registration needs your consent to the processing of your data.")},
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "organisation_text",
        "sector",
        "position",
        "first_choice",
        "second_choice",
        "needs_accessibility",
        "needs_diet",
        "needs_other",
        "consent_data",
        "consent_listing",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean_submission_token(self) -> uuid.UUID | None:
        """A damaged token only loses the double-click protection; it never blocks the person."""
        try:
            return uuid.UUID(self.cleaned_data["submission_token"])
        except ValueError:
            return None


class WalkInForm(ParticipantDetailsForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    consent_data = forms.BooleanField(
        label=_("The person agrees to the processing of their data."),
        error_messages={"required": _("Registration needs the person's consent to the processing of data.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "phone",
            "position",
            "second_choice",
            "needs_accessibility",
            "needs_diet",
            "needs_other",
        ):
            del self.fields[name]
        self.fields["sector"].initial = Sector.OTHER

    def clean(self) -> dict:
        data = super().clean()
        for name in ("phone", "position", "needs_accessibility", "needs_diet", "needs_other"):
            data.setdefault(name, "")
        data.setdefault("second_choice", None)
        return data
