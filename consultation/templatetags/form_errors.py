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
