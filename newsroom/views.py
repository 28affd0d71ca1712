"""Public pages of subscriptions: subscribe, confirm, manage (export, delete) and unsubscribe from signed links."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.clientip import client_ip

from . import services
from .forms import ChoicesForm, SubscribeForm
from .tokens import BadToken, make_token, read_token


def private_page(response):
    """Keep a page reached from a signed link out of search engines, shared caches and other sites' Referer.

    "same-origin", not "no-referrer": with no referrer the browser posts the page's forms with ``Origin: null``,
    which Django's CSRF check refuses.
    """
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def rate_limited(request, email):
    """Count a subscription request; tell whether its address or its client IP asked too often this hour."""
    limits = settings.NEWSROOM_SUBSCRIBE_LIMITS
    keys = {
        "address": "newsroom:subscribe:address:" + hashlib.sha256(email.lower().encode()).hexdigest(),
        "ip": "newsroom:subscribe:ip:" + hashlib.sha256((client_ip(request) or "").encode()).hexdigest(),
    }
    over = False
    for kind, key in keys.items():
        cache.add(key, 0, 3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, 3600)
            count = 1
        over = over or count > limits[kind]
    return over


def language():
    return get_language() or "fr"


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Show the subscription form; a valid request gets a confirmation link by e-mail (double opt-in)."""
    form = SubscribeForm(request.POST or None, initial={"languages": language(), "source": "subscribe-page"})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect("newsroom:requested")  # a bot: answer as if it worked, store nothing
        email = form.cleaned_data["email"]
        if rate_limited(request, email):
            form.add_error(None, _("Too many subscription requests: please try again in an hour."))
            return render(request, "newsroom/subscribe.html", {"form": form}, status=429)
        outcome, _subscriber = services.request_subscription(
            email=email, source=form.cleaned_data["source"], language=language(), **form.choices()
        )
        if outcome == "already":
            form.add_error(
                "email",
                _("This address is already subscribed: we have sent it a link to change its choices or unsubscribe."),
            )
            return render(request, "newsroom/subscribe.html", {"form": form}, status=409)
        return redirect("newsroom:requested")
    return render(request, "newsroom/subscribe.html", {"form": form}, status=400 if form.errors else 200)


def requested(request):
    return render(request, "newsroom/requested.html")


def refused(request, reason):
    return private_page(render(request, "newsroom/link_refused.html", {"reason": reason}, status=400))


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Ask to confirm a subscription (a button: mail scanners open links), then confirm it."""
    try:
        subscriber = read_token(token, "confirm")
    except BadToken as error:
        return refused(request, error.reason)
    if request.method == "POST":
        services.confirm_subscription(subscriber=subscriber, source="confirm-link", language=language())
        return redirect("newsroom:manage", token=_manage_token(subscriber))
    return private_page(render(request, "newsroom/confirm.html", {"subscriber": subscriber}))


def _manage_token(subscriber):
    return make_token(subscriber, "manage")


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """Show and change what a subscriber receives; links to export and delete their data."""
    try:
        subscriber = read_token(token, "manage")
    except BadToken as error:
        return refused(request, error.reason)
    saved = False
    initial = {
        "languages": subscriber.languages,
        "scope": "all" if subscriber.all_themes else "themes",
        "themes": list(subscriber.themes.all()),
    }
    form = ChoicesForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if not subscriber.is_active:
                services.confirm_subscription(subscriber=subscriber, source="manage-page", language=language())
            services.update_subscription(
                subscriber=subscriber, source="manage-page", language=language(), **form.choices()
            )
            saved = True
        else:
            status = 400
    context = {
        "form": form,
        "subscriber": subscriber,
        "token": token,
        "unsubscribe_token": make_token(subscriber, "unsubscribe"),
        "saved": saved,
    }
    return private_page(render(request, "newsroom/manage.html", context, status=status))


def export(request, token):
    """Download everything stored about the subscriber, as JSON."""
    try:
        subscriber = read_token(token, "manage")
    except BadToken as error:
        return refused(request, error.reason)
    data = json.dumps(services.export_subscriber_data(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inserm-subscription.json"'
    return private_page(response)


@require_POST
def delete(request, token):
    """Delete the subscriber and everything stored about them."""
    try:
        subscriber = read_token(token, "manage")
    except BadToken as error:
        return refused(request, error.reason)
    services.delete_subscriber(subscriber=subscriber)
    return private_page(render(request, "newsroom/deleted.html"))


@csrf_exempt  # RFC 8058: mail clients POST here without a session; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Unsubscribe in one click: a POST (from the mail client or the button); a GET shows the button."""
    try:
        subscriber = read_token(token, "unsubscribe")
    except BadToken as error:
        return refused(request, error.reason)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber, source="unsubscribe-link", language=language())
        return private_page(render(request, "newsroom/unsubscribed.html", {"token": _manage_token(subscriber)}))
    return private_page(render(request, "newsroom/unsubscribe.html", {"subscriber": subscriber}))
