"""Build and send the messages of the newsroom: HTML and plain text in the recipient's language."""

import logging

from django.conf import settings
from django.core import mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from press.models import PressRelease, create_embargo_link
from workflow.states import format_moment, live_q

from .models import Delivery, Mailing
from .services import backoff, is_scheduled
from .tokens import make_token

logger = logging.getLogger("newsroom")


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def subscriber_links(subscriber, language):
    """Return the manage and unsubscribe addresses of a subscriber, in ``language``."""
    with translation.override(language):
        return {
            "manage_url": absolute(reverse("newsroom:manage", args=[make_token(subscriber, "manage")])),
            "unsubscribe_url": absolute(reverse("newsroom:unsubscribe", args=[make_token(subscriber, "unsubscribe")])),
        }


def unsubscribe_headers(unsubscribe_url):
    """Return the RFC 2369 and RFC 8058 headers of one-click unsubscribing."""
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def build_message(template, context, *, to, language, headers=None, connection=None):
    """Render ``newsroom/email/<template>.{txt,html}`` and its subject in ``language``."""
    with translation.override(language):
        context = {**context, "SITE_NAME": settings.SITE_NAME, "LANGUAGE_CODE": language}
        subject = " ".join(render_to_string(f"newsroom/email/{template}_subject.txt", context).split())
        text = render_to_string(f"newsroom/email/{template}.txt", context)
        html = render_to_string(f"newsroom/email/{template}.html", context)
    message = mail.EmailMultiAlternatives(
        subject, text, to=[to], headers=headers or {}, connection=connection, from_email=settings.NEWSROOM_FROM_EMAIL
    )
    message.attach_alternative(html, "text/html")
    return message


def subscriber_message(subscriber, purpose, language):
    """Return the confirmation ("confirm") or manage-link ("manage") message of a subscriber."""
    with translation.override(language):
        context = {"subscriber": subscriber, **subscriber_links(subscriber, language)}
        if purpose == "confirm":
            context["confirm_url"] = absolute(reverse("newsroom:confirm", args=[make_token(subscriber, "confirm")]))
    return build_message(f"subscriber_{purpose}", context, to=subscriber.email, language=language)


def release_urls(release, language):
    with translation.override(language):
        return absolute(release.get_absolute_url())


def delivery_message(delivery, release, *, connection, now):
    """Return the message of one delivery; an embargoed one creates the recipient's own journalist link."""
    language = delivery.language
    context = {"release": release, "doi_url": f"https://doi.org/{release.journal_doi}" if release.journal_doi else ""}
    headers = {}
    with translation.override(language):
        if delivery.kind == Mailing.Kind.EMBARGO:
            journalist = delivery.journalist
            link, token = create_embargo_link(
                release=release, recipient=str(journalist)[:200], user=delivery.mailing.created_by, now=now
            )
            delivery.embargo_link = link
            context.update(
                journalist=journalist,
                link_url=absolute(reverse("press:embargo", args=[token])),
                embargo_text=format_moment(release.publish_at, journalist.time_zone),
            )
            template = "release_embargo"
        else:
            subscriber = delivery.subscriber
            links = subscriber_links(subscriber, language)
            context.update(links, release_url=release_urls(release, language))
            if subscriber.languages == subscriber.Languages.BOTH and not release.missing_translations("en"):
                context["english_url"] = release_urls(release, "en")
            headers = unsubscribe_headers(links["unsubscribe_url"])
            template = "release_public"
    return build_message(
        template, context, to=delivery.email, language=language, headers=headers, connection=connection
    )


def still_sendable(mailing, now):
    """Tell whether the mailing's release is in the state its kind needs at send time."""
    release = PressRelease.objects.filter(pk=mailing.release_id)
    if mailing.kind == Mailing.Kind.PUBLIC:
        return release.filter(live_q(now)).exists()

    release = release.first()
    return release is not None and is_scheduled(release, now)


def send_batch(mailing, *, now=None):
    """Send the due deliveries of a mailing, at most NEWSROOM_BATCH_SIZE; return counts and whether some remain."""

    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "retry": 0}
    if not still_sendable(mailing, now):
        reason = (
            "The release is no longer live."
            if mailing.kind == Mailing.Kind.PUBLIC
            else "The release is no longer under embargo."
        )
        counts["failed"] = mailing.deliveries.filter(status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.FAILED, reason=reason
        )
        return {**counts, "remaining": 0}
    release = mailing.release
    due = list(
        mailing.deliveries.filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
        .select_related("subscriber", "journalist", "mailing__created_by")
        .order_by("pk")[: settings.NEWSROOM_BATCH_SIZE]
    )
    connection = mail.get_connection(fail_silently=False)
    try:
        for delivery in due:
            # Claim the delivery: a concurrent batch (the scheduled job, a retry) skips what another one took.
            # Until this one saves, the delivery is not due again before its back-off.
            claimed = Delivery.objects.filter(
                pk=delivery.pk, status=Delivery.Status.QUEUED, attempts=delivery.attempts
            ).update(attempts=F("attempts") + 1, next_attempt_at=now + backoff(delivery.attempts + 1))
            if not claimed:
                continue
            delivery.attempts += 1
            try:
                message = delivery_message(delivery, release, connection=connection, now=now)
                message.send()
            except Exception as error:  # any mail failure is logged per recipient, never raised to the release
                if delivery.embargo_link_id:
                    delivery.embargo_link.revoked_at = now
                    delivery.embargo_link.save(update_fields=["revoked_at"])
                    delivery.embargo_link = None
                delivery.reason = f"{type(error).__name__}: {error}"[:300]
                if delivery.attempts >= settings.NEWSROOM_MAX_ATTEMPTS:
                    delivery.status = Delivery.Status.FAILED
                    counts["failed"] += 1
                else:
                    delivery.next_attempt_at = now + backoff(delivery.attempts)
                    counts["retry"] += 1
            else:
                delivery.status = Delivery.Status.SENT
                delivery.sent_at = timezone.now()
                delivery.reason = ""
                counts["sent"] += 1
            delivery.save(update_fields=["attempts", "status", "sent_at", "reason", "next_attempt_at", "embargo_link"])
    finally:
        connection.close()
    remaining = mailing.deliveries.filter(status=Delivery.Status.QUEUED).count()
    logger.info("Sent a mailing batch", extra={"mailing": mailing.pk, **counts, "remaining": remaining})
    return {**counts, "remaining": remaining}
