"""Places left in a working group, for pages of the apps below that show a group (its public page)."""

from __future__ import annotations

from django import template

from workgroups.models import WorkingGroup

from ..selectors import group_places_left

register = template.Library()


@register.simple_tag
def places_left(group: WorkingGroup) -> int:
    return group_places_left(group=group)
