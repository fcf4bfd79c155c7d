"""Failed submissions announced the same way on every page: "Error:" in the title, a summary that links to fields."""

from __future__ import annotations

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


def _has_errors(value: object) -> bool:
    # type(), not isinstance(): isinstance() would evaluate the context's lazy objects (the user, the CSRF
    # token), costing a query and marking the page as uncacheable.
    if issubclass(type(value), forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(type(value), BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
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
            if not value.is_bound:
                continue
            items += [{"text": error} for error in value.non_form_errors()]
            for form in value.forms:
                items += _form_items(form)
        elif isinstance(value, forms.BaseForm) and value.is_bound:
            items += _form_items(value)
    return {"items": items}


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
