"""The event day's staff pages (desk, document draft, results screen), linked from the admin's index."""

from __future__ import annotations

from django import template

from ..models import Consultation

register = template.Library()


@register.simple_tag
def staff_consultations() -> list[Consultation]:
    """The published consultations, current first: the ones whose desk and screens staff open."""
    return list(Consultation.objects.published().order_by("-is_current", "-starts_at"))
