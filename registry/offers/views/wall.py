"""The resource wall: the public cards, posting a card, one card with its contact form, the author's link."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consultation.confirmation import confirmation_page, is_confirmed
from consultation.i18n import active_content_language
from consultation.links import LinkExpired, LinkInvalid, link_problem_page, private_object, private_path
from consultation.models import Consultation
from consultation.page_cache import cached_public_page
from consultation.protection import Refused, admit, protected_form
from consultation.views import get_published_consultation

from ..forms import OfferContactForm, OfferFilterForm, WallPostForm
from ..models import Offer
from ..selectors import PRINT_LIMIT, WALL_PAGE_SIZE, SearchPaginator, areas_of, public_offers
from ..services import (
    offer_contact,
    offer_create_from_wall,
    offer_withdraw,
)
from .cards import offer_cards


def _filter_form(request: HttpRequest, consultation) -> OfferFilterForm:
    return OfferFilterForm(request.GET or None, areas=areas_of(consultation=consultation))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@cached_public_page
def wall(request: HttpRequest, consultation) -> HttpResponse:
    filter_form = _filter_form(request, consultation)
    filters = filter_form.filters()
    offers = public_offers(consultation=consultation, filters=filters, by_relevance=True)
    paginator = SearchPaginator if filters.get("q") else Paginator  # a page of the newest needs no sort
    page_obj = paginator(offers, WALL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "offers/wall_list.html",
        {
            "consultation": consultation,
            "filter_form": filter_form,
            "page_obj": page_obj,
            "cards": offer_cards(page_obj, consultation=consultation, search=filters.get("q", "")),
            "query": _query_without_page(request),
        },
    )


def wall_print(request: HttpRequest, slug: str) -> HttpResponse:
    """The newest cards, large and without navigation, for printing and pinning on the physical wall."""
    consultation = get_published_consultation(slug)
    filter_form = _filter_form(request, consultation)
    filters = filter_form.filters()
    offers = list(public_offers(consultation=consultation, filters=filters, by_relevance=True)[:PRINT_LIMIT])
    return render(
        request,
        "offers/wall_print.html",
        {
            "consultation": consultation,
            "offers": offers,
            "cards": offer_cards(
                offers, consultation=consultation, printable=True, search=filters.get("q", "")
            ),
            "limit": PRINT_LIMIT,
        },
    )


@require_http_methods(["GET", "POST"])
@protected_form
@cached_public_page  # the form is shared; each visitor's tokens are filled in (consultation/page_cache.py)
def wall_post(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = WallPostForm(request.POST or None, consultation=consultation)
    context = {"consultation": consultation, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            with admit(request, form, rate="wall"):
                offer = offer_create_from_wall(
                    consultation=consultation, data=_model_data(form), language=active_content_language()
                )
        except Refused as refusal:
            return refusal.respond(render(request, "offers/wall_post.html", context))
        messages.success(
            request,
            _(
                "Thank you! Your card waits for an organiser's approval. Keep this page: it is your private "
                "link to withdraw the card (we also sent it to your e-mail)."
            ),
        )
        return redirect(private_path(offer, language=offer.language))
    return render(request, "offers/wall_post.html", context)


def _model_data(form: WallPostForm) -> dict:
    return {name: form.cleaned_data[name] for name in form._meta.fields}


def _public_offer(consultation, pk: int) -> Offer:
    """An approved offer, knowing whether its author can be written to (without loading the address)."""
    can_be_contacted = ExpressionWrapper(~Q(contact_email=""), output_field=BooleanField())
    return get_object_or_404(
        public_offers(consultation=consultation).annotate(can_be_contacted=can_be_contacted), pk=pk
    )


@protected_form
def offer_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_published_consultation(slug)
    offer = _public_offer(consultation, pk)
    return render(
        request,
        "offers/offer_detail.html",
        {"consultation": consultation, "offer": offer, "form": OfferContactForm()},
    )


@require_http_methods(["GET", "POST"])
@protected_form
def offer_contact_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_published_consultation(slug)
    offer = _public_offer(consultation, pk)
    if not offer.can_be_contacted:
        messages.error(
            request, _("The author of this offer left no e-mail address; please ask the organisers.")
        )
        return redirect(offer.get_absolute_url())
    form = OfferContactForm(request.POST or None)
    context = {"consultation": consultation, "offer": offer, "form": form}
    if request.method == "POST" and form.is_valid():
        contact = Offer.objects.only("contact_email", "consultation").get(pk=offer.pk)
        try:
            with admit(request, form, rate="contact"):
                offer_contact(
                    offer=contact,
                    sender_name=form.cleaned_data["name"],
                    sender_email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                )
        except Refused as refusal:
            return refusal.respond(render(request, "offers/offer_detail.html", context))
        messages.success(request, _("Your message was sent. The author will reply to your e-mail."))
        return redirect(offer.get_absolute_url())
    return render(request, "offers/offer_detail.html", context)


def _offer_for_link(view):
    """Call ``view(request, consultation, offer, token)`` for the offer the author's link names, or answer a
    bad or expired link with the one page that offers a fresh link."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, token: str) -> HttpResponse:
        consultation = get_published_consultation(slug)
        try:
            offer = private_object(
                Offer, token, consultation=consultation, queryset=Offer.objects.select_related("area")
            )
        except (LinkInvalid, LinkExpired) as problem:
            return link_problem_page(request, problem, consultation=consultation, model=Offer)
        return view(request, consultation, offer, token)

    return wrapped


@_offer_for_link
def offer_manage(request: HttpRequest, consultation, offer: Offer, token: str) -> HttpResponse:
    """The author's private page: the card as sent, its moderation status, and a button to withdraw it."""
    return render(
        request,
        "offers/offer_manage.html",
        {"consultation": consultation, "offer": offer, "token": token, "kind": "offer"},
    )


@require_POST
@_offer_for_link
def offer_withdraw_view(request: HttpRequest, consultation, offer: Offer, token: str) -> HttpResponse:
    manage_url = reverse("offers:offer_manage", kwargs={"slug": consultation.slug, "token": token})
    if not is_confirmed(request):
        return confirmation_page(
            request,
            question=_("Withdraw your offer?"),
            explanation=_("It disappears from the wall and the directory at once; this cannot be undone."),
            confirm_label=_("Yes, withdraw my offer"),
            back_url=manage_url,
            consultation=consultation,
        )
    offer_withdraw(offer=offer)
    messages.success(request, _("Your offer was withdrawn. It no longer appears on the site."))
    return redirect(manage_url)
