"""Background tasks of the newsroom: subscription mails, mailing batches, and the job that mails releases gone live."""

import logging

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks import task

from inserm_cms.tasks import once_per_run

from .mail import send_batch, subscriber_message
from .models import Delivery, Mailing, Subscriber
from .services import enqueue_batch, purge_unconfirmed, queue_public_mailings

logger = logging.getLogger("newsroom")


@task()
def send_subscriber_mail(*, subscriber_id, purpose, language):
    """Send a subscriber their confirmation link ("confirm") or the link to manage their choices ("manage")."""

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return {"sent": 0}
    subscriber_message(subscriber, purpose, language).send()
    return {"sent": 1}


@task()
def send_mailing_batch(*, mailing_id):
    """Send one batch of a mailing, then enqueue the next one after NEWSROOM_BATCH_INTERVAL (the rate limit)."""

    mailing = Mailing.objects.select_related("release").filter(pk=mailing_id).first()
    if mailing is None:
        return {"sent": 0, "remaining": 0}
    result = send_batch(mailing)
    if result["remaining"]:
        next_due = mailing.deliveries.filter(status=Delivery.Status.QUEUED).aggregate(at=Min("next_attempt_at"))["at"]
        enqueue_batch(mailing, delay=max(settings.NEWSROOM_BATCH_INTERVAL, next_due - timezone.now()))
    return result


@task()
@once_per_run
def send_release_mailings():
    """Queue the public version of the releases gone live for their subscribers, and send every due batch."""

    created = queue_public_mailings()
    for mailing in created:
        enqueue_batch(mailing)  # the worker sends it batch after batch; this job picks up what is left
    now = timezone.now()
    due = Mailing.objects.filter(
        deliveries__status=Delivery.Status.QUEUED, deliveries__next_attempt_at__lte=now
    ).distinct()
    totals = {"mailings": len(created), "sent": 0, "failed": 0, "retry": 0}
    for mailing in due.select_related("release"):
        result = send_batch(mailing, now=now)
        for key in ("sent", "failed", "retry"):
            totals[key] += result[key]
    logger.info("Release mailings", extra=totals)
    return totals


@task()
@once_per_run
def purge_unconfirmed_subscribers():
    """Delete the addresses whose confirmation link has expired unused: kept no longer than needed."""

    deleted = purge_unconfirmed()
    logger.info("Purged unconfirmed subscribers", extra={"deleted": deleted})
    return {"deleted": deleted}
