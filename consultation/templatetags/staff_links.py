"""The event day's staff pages (desk, document draft, results screen), linked from the admin's index and,
for signed-in staff, from the site's footer."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Consultation
from ..roles import can_use_desk

register = template.Library()


@register.simple_tag
def staff_consultations() -> list[Consultation]:
    """The published consultations, current first: the ones whose desk and screens staff open."""
    return list(Consultation.objects.published().order_by("-is_current", "-starts_at"))


@register.simple_tag(takes_context=True)
def staff_footer_links(context: template.Context, consultation: Consultation | None = None) -> list[dict]:
    """The staff pages a signed-in staff member may open (none for anyone else): the desk and the document's
    draft of ``consultation``, and the admin. Pages for signed-in people never enter the page cache
    (consultation/page_cache.py), so no visitor is ever served these links."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.is_authenticated and user.is_active and user.is_staff):
        return []
    links = []
    if consultation:
        if can_use_desk(user):
            links.append(
                {
                    "url": reverse("participants:desk", args=[consultation.slug]),
                    "label": _("Registration desk"),
                }
            )
        # The draft's own permission (commitments.views.organisers.PUBLISH_PERMISSION).
        if user.has_perm("commitments.add_edition"):
            links.append(
                {
                    "url": reverse("commitments:draft", args=[consultation.slug]),
                    "label": _("Draft of the commitment document"),
                }
            )
    links.append({"url": reverse("admin:index"), "label": _("Administration")})
    return links
