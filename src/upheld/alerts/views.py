"""The alert pages: subscribe, confirm, unsubscribe. Thin: the workflow is in `subscriptions`.

Confirming and unsubscribing change nothing on GET: a GET shows a button that
POSTs. Mail systems and security scanners open the links in emails to look
at them, and a GET that confirmed would subscribe an address its owner never
saw the email for; one that unsubscribed would end alerts nobody asked to end.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from upheld.alerts import subscriptions, throttle, tokens
from upheld.alerts.forms import SubscribeForm
from upheld.alerts.links import unsubscribe_url
from upheld.authorities.models import Authority


def _council(slug: str) -> Authority:
    """A council that exists today: there will be no news about one that has been abolished."""
    return get_object_or_404(Authority.objects.existing_on(timezone.localdate()), slug=slug)


def _page(request, template: str, context: dict | None = None, status: int = 200):
    """Render with how long addresses are kept, which most of these pages tell the reader."""
    return render(request, template, {**subscriptions.keeping(), **(context or {})}, status=status)


def _invalid_link(request):
    return _page(request, "alerts/invalid_link.html", status=404)


@require_http_methods(["GET", "POST"])
def subscribe(request, slug: str):
    authority = _council(slug)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not throttle.allow(email, request.META.get("REMOTE_ADDR")):
            return _page(request, "alerts/too_many.html", {"authority": authority}, status=429)
        try:
            subscriptions.subscribe(authority, email, form.chosen, request=request)
        except subscriptions.ConfirmationNotSent:
            form.add_error(None, "We could not send the confirmation email just now. Please try again later.")
        else:
            return redirect("alerts:check-email", slug=authority.slug)
    return _page(request, "alerts/subscribe.html", {"authority": authority, "form": form},
                 status=400 if form.errors else 200)


@require_GET
def check_email(request, slug: str):
    """The same page whether or not the address was already subscribed: the form tells nobody which."""
    return _page(request, "alerts/check_email.html", {"authority": _council(slug)})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscription = tokens.subscription_for(token, tokens.CONFIRM)
    if subscription is None or not subscriptions.may_confirm(subscription):
        return _invalid_link(request)
    if request.method == "POST":
        subscription = subscriptions.confirm(subscription, request=request)
    elif not subscription.confirmed_at:
        return _page(request, "alerts/confirm.html", {"subscription": subscription})
    return _page(request, "alerts/confirmed.html", {"subscription": subscription,
                                                    "unsubscribe": unsubscribe_url(subscription)})


# CSRF-exempt: RFC 8058 one-click unsubscribe is a POST from the mail client (the List-Unsubscribe-Post
# header), which has no CSRF token to send. The token in the address is the authority: only the
# subscriber's own emails carry it, and it can do nothing but stop that subscription's alerts.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscription = tokens.subscription_for(token, tokens.UNSUBSCRIBE)
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscription = subscriptions.unsubscribe(subscription, request=request)
    if subscription.unsubscribed_at:
        return _page(request, "alerts/unsubscribed.html", {"subscription": subscription})
    return _page(request, "alerts/unsubscribe.html", {"subscription": subscription})
