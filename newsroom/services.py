"""Writes of the newsroom: subscriptions (double opt-in, consent), and mailings queued for the background tasks."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from press.models import PressRelease
from workflow.states import Status, live_q

from .models import ConsentRecord, Delivery, Journalist, Mailing, Subscriber
from .public import may_send

logger = logging.getLogger("newsroom")


def scope_of(subscriber):
    """Return what a subscriber agrees to receive, as stored in the consent records and the export."""
    return {
        "languages": subscriber.languages,
        "all_releases": subscriber.all_themes,
        "themes": [] if subscriber.all_themes else sorted(theme.slug for theme in subscriber.themes.all()),
    }


def record_consent(*, subscriber, action, source, language):
    return ConsentRecord.objects.create(
        subscriber=subscriber, action=action, scope=scope_of(subscriber), source=source, language=language[:8]
    )


def set_choices(subscriber, *, languages, all_themes, themes):
    subscriber.languages = languages
    subscriber.all_themes = all_themes or not themes
    subscriber.save()
    subscriber.themes.set([] if subscriber.all_themes else themes)


def request_subscription(*, email, languages, all_themes, themes, source, language):
    """Record a subscription request and return ("requested" | "already", subscriber).

    A new or unconfirmed address gets (again) a confirmation link; an active one gets a link to manage its choices
    instead, and its choices are left as they are.
    """
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email.strip().lower()).first()
        if subscriber is not None and subscriber.is_active:
            outcome = "already"
        else:
            if subscriber is None:
                subscriber = Subscriber(email=email)
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = None
            set_choices(subscriber, languages=languages, all_themes=all_themes, themes=themes)
            record_consent(
                subscriber=subscriber, action=ConsentRecord.Action.REQUESTED, source=source, language=language
            )
            outcome = "requested"
    from .tasks import send_subscriber_mail

    send_subscriber_mail.enqueue(
        subscriber_id=subscriber.pk, purpose="confirm" if outcome == "requested" else "manage", language=language
    )
    return outcome, subscriber


def confirm_subscription(*, subscriber, source, language, now=None):
    """Confirm a subscription (a second confirmation changes nothing); return whether this one confirmed it."""
    with transaction.atomic():
        if subscriber.is_active:
            return False
        subscriber.confirmed_at = now or timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
        record_consent(subscriber=subscriber, action=ConsentRecord.Action.CONFIRMED, source=source, language=language)
    return True


def update_subscription(*, subscriber, languages, all_themes, themes, source, language):
    """Change what an active subscriber receives, recording the new consent."""
    with transaction.atomic():
        set_choices(subscriber, languages=languages, all_themes=all_themes, themes=themes)
        record_consent(subscriber=subscriber, action=ConsentRecord.Action.CHANGED, source=source, language=language)


def unsubscribe(*, subscriber, source, language, now=None):
    """Stop every mail to a subscriber; return False when they had already unsubscribed."""
    with transaction.atomic():
        if subscriber.unsubscribed_at is not None:
            return False
        subscriber.unsubscribed_at = now or timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
        record_consent(
            subscriber=subscriber, action=ConsentRecord.Action.UNSUBSCRIBED, source=source, language=language
        )
        Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.QUEUED).delete()
    return True


def export_subscriber_data(subscriber):
    """Return everything stored about a subscriber, as a JSON-ready dict."""
    return {
        "email": subscriber.email,
        **scope_of(subscriber),
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "unsubscribed_at": subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None,
        "consents": [
            {
                "at": record.at.isoformat(),
                "action": record.action,
                "scope": record.scope,
                "source": record.source,
                "language": record.language,
            }
            for record in subscriber.consents.all()
        ],
        "mails": [
            {
                "release": delivery.release.slug,
                "status": delivery.status,
                "queued_at": delivery.queued_at.isoformat(),
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in Delivery.objects.filter(subscriber=subscriber).select_related("release")
        ],
    }


def delete_subscriber(*, subscriber):
    """Delete a subscriber with their consent records and delivery log."""
    with transaction.atomic():
        subscriber.delete()


def purge_unconfirmed(*, now=None):
    """Delete the subscribers who did not confirm within the life of their last confirmation link; return how many."""
    now = now or timezone.now()
    since = now - datetime.timedelta(seconds=settings.NEWSROOM_LINK_MAX_AGE["confirm"])
    stale = (
        Subscriber.objects.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)
        .annotate(last_request=Max("consents__at"))
        .filter(last_request__lt=since)
    )
    return Subscriber.objects.filter(pk__in=stale.values("pk")).delete()[1].get(Subscriber._meta.label, 0)


def staff_addresses():
    """Return the addresses of active staff: the only recipients in test mode."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return {email.lower() for email in users.values_list("email", flat=True)}


def is_scheduled(release, now=None):
    """Tell whether a release is published with a go-live time still to come (under embargo)."""
    now = now or timezone.now()
    return release.status == Status.PUBLISHED and release.publish_at is not None and release.publish_at > now


def queue_deliveries(mailing, recipients):
    """Queue one delivery per (address, language, recipient) not mailed this release yet; return how many."""
    if mailing.test_mode:
        staff = staff_addresses()
        recipients = [recipient for recipient in recipients if recipient[0] in staff]
    done = set(Delivery.objects.filter(release=mailing.release_id, kind=mailing.kind).values_list("email", flat=True))
    rows, seen = [], set()
    for email, language, subscriber, journalist in recipients:
        if email in done or email in seen:
            continue
        seen.add(email)
        rows.append(
            Delivery(
                mailing=mailing,
                release_id=mailing.release_id,
                kind=mailing.kind,
                email=email,
                language=language,
                subscriber=subscriber,
                journalist=journalist,
            )
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def send_embargoed_release(*, release, user, journalists=(), beats=(), now=None):
    """Queue the release under embargo for the chosen accredited journalists and those of the chosen beats.

    Return the mailing and how many messages were queued (those already mailed this release are skipped).
    """
    now = now or timezone.now()
    if not may_send(user, type(release)):
        raise PermissionDenied
    if not is_scheduled(release, now):
        raise ValidationError(
            _("Only a release published with a go-live time to come (under embargo) can be sent to journalists.")
        )
    chosen = Journalist.objects.accredited(timezone.localdate(now)).filter(
        Q(pk__in=[journalist.pk for journalist in journalists]) | Q(beats__in=list(beats))
    )
    recipients = [
        (journalist.email, journalist.language, None, journalist) for journalist in chosen.distinct().order_by("pk")
    ]
    if not recipients:
        raise ValidationError(_("Choose at least one accredited journalist or one beat with journalists."))
    with transaction.atomic():
        mailing = Mailing.objects.create(
            release=release, kind=Mailing.Kind.EMBARGO, created_by=user, test_mode=settings.NEWSROOM_TEST_MODE
        )
        queued = queue_deliveries(mailing, recipients)
    logger.info("Queued embargo mailing", extra={"mailing": mailing.pk, "queued": queued})
    enqueue_batch(mailing)
    return mailing, queued


def releases_gone_live(now=None):
    """Return the live releases that went live within NEWSROOM_LOOKBACK and have no public mailing yet."""
    now = now or timezone.now()
    return (
        PressRelease.objects.filter(live_q(now))
        .annotate(went_live=Coalesce("publish_at", "created_at"))
        .filter(went_live__gt=now - settings.NEWSROOM_LOOKBACK)
        .exclude(mailings__kind=Mailing.Kind.PUBLIC)
        .prefetch_related("themes")
    )


def queue_public_mailings(*, now=None):
    """Queue the public version of each release gone live for its subscribers; return the mailings created."""
    mailings = []
    for release in releases_gone_live(now):
        recipients = [
            (subscriber.email, subscriber.mail_language, subscriber, None)
            for subscriber in Subscriber.objects.for_release(release).order_by("pk")
        ]
        try:
            with transaction.atomic():
                mailing = Mailing.objects.create(
                    release=release, kind=Mailing.Kind.PUBLIC, test_mode=settings.NEWSROOM_TEST_MODE
                )
                queued = queue_deliveries(mailing, recipients)
        except IntegrityError:  # another run marked it first
            continue
        logger.info("Queued public mailing", extra={"mailing": mailing.pk, "queued": queued})
        mailings.append(mailing)
    return mailings


def retry_failed(*, mailing, now=None):
    """Put the failed deliveries of a mailing back in the queue; return how many."""
    count = mailing.deliveries.filter(status=Delivery.Status.FAILED).update(
        status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=now or timezone.now()
    )
    enqueue_batch(mailing)
    return count


def enqueue_batch(mailing, delay=None):
    """Enqueue the next batch of a mailing, after ``delay`` when the task backend can defer."""
    from .tasks import send_mailing_batch

    task = send_mailing_batch
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    elif delay:
        return None  # the scheduled job picks the rest up on its next run
    return task.enqueue(mailing_id=mailing.pk)


def backoff(attempts):
    """Return the wait before the next attempt: one minute, then 5, then 25…"""
    return datetime.timedelta(minutes=5 ** (attempts - 1))
