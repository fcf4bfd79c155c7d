"""Validation of a group report: its texts, the needs identified and the actions agreed.

The needs and actions are plain formsets (a row per need or action, plus empty rows to fill in); an empty row
is skipped, so a leader without JavaScript gets more rows by saving.
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from consultation.i18n import content_languages, translated_names
from consultation.text import NormalisedTextFormMixin, nfc

from .models import GroupReport, ReportAction, ReportNeed, WorkingGroup

EXTRA_ROWS = 2
MAX_ROWS = 30
MAX_PARTICIPANTS = 10000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _nfc(value: str) -> str:
    return nfc(value).strip()


REPORT_TEXTS = GroupReport.TEXT_FIELDS


class GroupReportForm(NormalisedTextFormMixin, forms.ModelForm):
    """The report's own fields; ``version`` is the version the leader's page was built from."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("This page is out of date: open the workspace again (your text is kept below)."),
            "invalid": _("This page is out of date: open the workspace again (your text is kept below)."),
            "min_value": _("This page is out of date: open the workspace again (your text is kept below)."),
        },
    )

    class Meta:
        model = GroupReport
        fields = [*REPORT_TEXTS, "participant_count"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in REPORT_TEXTS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count = self.fields["participant_count"]
        count.widget.attrs["max"] = MAX_PARTICIPANTS
        count.validators.append(MaxValueValidator(MAX_PARTICIPANTS))
        self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        for name in REPORT_TEXTS:
            if cleaned.get(name):
                cleaned[name] = _nfc(cleaned[name])
        return cleaned


class ReportNeedForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of this consultation's areas.")},
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else WorkingGroup.objects.none()
        for language, name in zip(content_languages(), translated_names("text"), strict=True):
            field = ReportNeed._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=capfirst(field.verbose_name), max_length=field.max_length, required=False
            )
            self.fields[name].widget.attrs["lang"] = language

    def clean(self):
        cleaned = super().clean()
        texts = [cleaned.get(name, "") for name in translated_names("text")]
        cleaned.update({name: _nfc(cleaned.get(name) or "") for name in translated_names("text")})
        if any(texts) and not cleaned.get("area") and "area" not in self.errors:
            self.add_error("area", _("Choose the area this need belongs to, so it can be matched to offers."))
        cleaned["is_empty"] = not any(texts)
        return cleaned


class ReportActionForm(forms.Form):
    owner = forms.CharField(
        label=capfirst(ReportAction._meta.get_field("owner").verbose_name), max_length=200, required=False
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language, name in zip(content_languages(), translated_names("action"), strict=True):
            field = ReportAction._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=capfirst(field.verbose_name), max_length=field.max_length, required=False
            )
            self.fields[name].widget.attrs["lang"] = language
        self.order_fields(["owner", *translated_names("action"), "deadline"])

    def clean(self):
        cleaned = super().clean()
        cleaned["owner"] = _nfc(cleaned.get("owner") or "")
        cleaned.update({name: _nfc(cleaned.get(name) or "") for name in translated_names("action")})
        texts = [cleaned[name] for name in translated_names("action")]
        filled = any(texts) or cleaned["owner"] or cleaned.get("deadline")
        if filled and not cleaned["owner"] and "owner" not in self.errors:
            self.add_error("owner", _("Name the organisation that takes on this action."))
        if filled and not any(texts):
            self.add_error(translated_names("action")[0], _("Say what the action is."))
        cleaned["is_empty"] = not filled
        return cleaned


class _RowFormSet(forms.BaseFormSet):
    def __init__(self, *args, areas=None, **kwargs):
        self.areas = areas
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.form is ReportNeedForm:
            kwargs["areas"] = self.areas
        return kwargs

    @property
    def rows(self) -> list[dict]:
        """The filled rows' cleaned data, in order; call after ``is_valid()``."""
        return [
            {key: value for key, value in form.cleaned_data.items() if key != "is_empty"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("is_empty")
        ]


NeedFormSet = forms.formset_factory(
    ReportNeedForm,
    formset=_RowFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=60,
)
ActionFormSet = forms.formset_factory(
    ReportActionForm,
    formset=_RowFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=60,
)


def need_initial(report: GroupReport) -> list[dict]:
    return [
        {"area": need.area_id, **{name: getattr(need, name) for name in translated_names("text")}}
        for need in (report.needs.all() if report.pk else [])
    ]


def action_initial(report: GroupReport) -> list[dict]:
    return [
        {
            "owner": action.owner,
            "deadline": action.deadline,
            **{name: getattr(action, name) for name in translated_names("action")},
        }
        for action in (report.actions.all() if report.pk else [])
    ]


class ReturnReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("What the leaders should change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a note: the leaders need to know what to change.")},
    )

    def clean_note(self) -> str:
        return _nfc(self.cleaned_data["note"])


class PublishReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
