"""Failed submissions announced the same way on every page: "Error:" in the title, a summary that links to fields."""

from __future__ import annotations

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


def _validated(value: object) -> bool:
    """A form or formset the view has already validated; asking any other for its errors would validate it
    here, and a bound ModelForm's validation writes the submitted data into its instance."""
    return getattr(value, "_errors", None) is not None


def _has_errors(value: object) -> bool:
    # type(), not isinstance(): isinstance() would evaluate the context's lazy objects (the user, the CSRF
    # token), costing a query and marking the page as uncacheable.
    if issubclass(type(value), forms.BaseForm):
        return _validated(value) and bool(value.errors)
    if issubclass(type(value), BaseFormSet):
        return _validated(value) and value.total_error_count() > 0
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """``"Error: "`` when any form or formset on the page came back with errors, so the title says so first."""
    if any(_has_errors(value) for value in context.flatten().values()):
        return _("Error:") + " "
    return ""


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms_and_formsets: object) -> dict:
    """The errors of the given forms and formsets, each linked to its field (see templates/_error_summary.html)."""
    items: list[dict] = []
    for value in forms_and_formsets:
        if isinstance(value, BaseFormSet):
            if not _validated(value):
                continue
            items += [{"text": error} for error in value.non_form_errors()]
            for form in value.forms:
                items += _form_items(form)
        elif isinstance(value, forms.BaseForm) and _validated(value):
            items += _form_items(value)
    return {"items": items}


@register.inclusion_tag("_error_summary_template.html")
def error_summary_template(form: forms.BaseForm, *codes: str) -> dict:
    """The same summary for a script that checks ``form`` in the browser (the desk, offline): a ``<template>``
    holding every message of the given codes (default: required, invalid) of every field, each linked to its
    field, and the title's prefix; the script shows the messages that apply."""
    codes = codes or ("required", "invalid")
    items = []
    for field in form:
        if field.is_hidden:
            continue
        target = field.id_for_label or f"div_{field.auto_id}"
        # A field's own messages win over its validators' ones, as when the form validates.
        messages = dict(field.field.error_messages)
        for validator in field.field.validators:
            if getattr(validator, "code", None) and getattr(validator, "message", None):
                messages.setdefault(validator.code, validator.message)
        for code in codes:
            if code in messages:
                item = {"text": messages[code], "label": field.label, "target": target}
                items.append({**item, "field": field.name, "code": code})
    return {"items": items, "title_prefix": _("Error:") + " "}


def _form_items(form: forms.BaseForm) -> list[dict]:
    items = [{"text": error} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            if field.is_hidden:
                items.append({"text": error})
            else:
                target = field.id_for_label or f"div_{field.auto_id}"
                items.append({"text": error, "label": field.label, "target": target})
    return items
