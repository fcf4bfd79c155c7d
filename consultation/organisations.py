"""Merging duplicate organisations: one merge, over references every app lists explicitly.

Every foreign key to ``Organisation``, in any app, is registered with ``organisation_reference()`` from its
app's ``AppConfig.ready()`` (consultation, the bottom app, never imports the apps above). The system check
``consultation.E001`` fails when a model refers to an organisation without being listed, so a new foreign
key cannot be forgotten by the merge.

``organisation_merge`` moves every reference from the duplicates to the organisation kept, in one
transaction, and deletes the duplicates. What cannot move (the two would both be organisers of one
consultation, or both lead one group: a uniqueness rule) is refused, with a message naming it, and nothing
changes. Every consultation's cached pages are invalidated, since any of them may show the duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core import checks
from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import Organisation
from .page_cache import content_changed


@dataclass(frozen=True)
class OrganisationReference:
    model: str  # "app_label.ModelName"
    field: str
    after_merge: Callable[[Organisation], None] | None = None  # e.g. refresh text derived from the name


_references: dict[tuple[str, str], OrganisationReference] = {}


class OrganisationMergeRefused(Exception):
    """Something points at both organisations where only one may be; ``problems`` says what, translated."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def organisation_reference(
    model: str, field: str, *, after_merge: Callable[[Organisation], None] | None = None
) -> None:
    """List ``model.field`` (a foreign key to Organisation) for the merge; call from ``AppConfig.ready()``."""
    _references[(model.lower(), field)] = OrganisationReference(model, field, after_merge)


def organisation_references() -> list[OrganisationReference]:
    return list(_references.values())


def _foreign_keys_to_organisation() -> list[tuple[str, str]]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue  # its table is its concrete model's, listed there
        for field in model._meta.local_fields:  # foreign and one-to-one keys; many-to-many go through one
            if field.is_relation and field.related_model is Organisation:
                found.append((model._meta.label_lower, field.name))
    return found


def organisation_references_missing() -> list[str]:
    """Foreign keys to Organisation that no app has listed for the merge."""
    return [
        f"{model}.{field}"
        for model, field in _foreign_keys_to_organisation()
        if (model, field) not in _references
    ]


@checks.register(checks.Tags.models)
def check_organisation_references(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"{reference} refers to an organisation but is not listed for merging.",
            hint="Call consultation.organisations.organisation_reference() in its app's AppConfig.ready().",
            id="consultation.E001",
        )
        for reference in organisation_references_missing()
    ]


def _unique_partners(model: type[models.Model], field: str) -> list[tuple[str, ...]]:
    """For each uniqueness rule that includes ``field``: the other fields of the rule."""
    rules = [
        constraint.fields
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields and not constraint.condition
    ]
    rules += list(model._meta.unique_together)
    partners = [tuple(name for name in rule if name != field) for rule in rules if field in rule]
    if model._meta.get_field(field).unique:
        partners.append(())
    return partners


def _conflicts(reference: OrganisationReference, keep: Organisation, ids: list[int]) -> list[str]:
    model = apps.get_model(reference.model)
    rows = list(model._default_manager.filter(**{f"{reference.field}__in": ids}).order_by("pk"))
    problems = []
    for partners in _unique_partners(model, reference.field):
        seen: dict[tuple, models.Model] = {}
        for row in rows:
            key = tuple(getattr(row, model._meta.get_field(name).attname) for name in partners)
            if key in seen:
                where = ", ".join(str(getattr(row, name)) for name in partners)
                problems.append(
                    _(
                        "“%(one)s” and “%(other)s” are both recorded as %(relation)s of “%(where)s”, where "
                        "only one may be. Remove one of them there, then merge again."
                    )
                    % {
                        "one": getattr(seen[key], reference.field),
                        "other": getattr(row, reference.field),
                        "relation": model._meta.verbose_name,
                        "where": where or model._meta.verbose_name_plural,
                    }
                )
            else:
                seen[key] = row
    return problems


def organisation_merge(*, keep: Organisation, duplicates: Iterable[Organisation]) -> int:
    """Move every reference from ``duplicates`` to ``keep`` and delete them; returns how many were merged.

    Raises ``OrganisationMergeRefused`` (and changes nothing) when a reference cannot move.
    """
    duplicate_ids = sorted({organisation.pk for organisation in duplicates} - {keep.pk})
    if not duplicate_ids:
        return 0
    with transaction.atomic():
        list(Organisation.objects.select_for_update().filter(pk__in=[keep.pk, *duplicate_ids]).order_by("pk"))
        problems = [
            problem
            for reference in organisation_references()
            for problem in _conflicts(reference, keep, [keep.pk, *duplicate_ids])
        ]
        if problems:
            raise OrganisationMergeRefused(problems)
        for reference in organisation_references():
            model = apps.get_model(reference.model)
            model._default_manager.filter(**{f"{reference.field}__in": duplicate_ids}).update(
                **{reference.field: keep}
            )
        for reference in organisation_references():
            if reference.after_merge:
                reference.after_merge(keep)
        Organisation.objects.filter(pk__in=duplicate_ids).delete()
        content_changed(None)  # any consultation's pages may have shown a duplicate
    return len(duplicate_ids)
