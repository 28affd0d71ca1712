"""Review that talks: each step of a review is kept with its message and mailed to whoever acts next.

Submitting for review mails the users who may publish that kind of item; sending back and publishing mail the
item's author (who created it, and who submitted it). Mails leave after the transaction commits, through the
background tasks (``workflow.tasks.notify_review``): a failed send is logged and retried later, and never undoes
or blocks the save that caused it.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import permissions
from .models import ReviewMessage
from .preferences import language_of

logger = logging.getLogger("workflow")

MAX_ATTEMPTS = 4


def record(obj, kind, *, user, text=""):
    """Keep a review step of ``obj`` and mail it once the transaction commits. ``user`` None (the system) is silent."""
    if user is None or obj.pk is None:
        return None
    message = ReviewMessage.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind,
        text=(text or "").strip(),
        author=user,
    )
    transaction.on_commit(lambda: enqueue(message.pk))
    return message


def messages_of(obj):
    """Return the review messages of ``obj``, oldest first."""
    return ReviewMessage.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("author")


def backoff(attempt):
    """Return the wait before the next try: 1, 5, then 25 minutes."""
    return datetime.timedelta(minutes=5 ** (attempt - 1))


def enqueue(message_id, *, attempt=1, delay=None):
    """Queue the mails of a review step (after ``delay`` when the task backend can defer)."""
    from .tasks import notify_review

    task = notify_review
    if delay is not None:
        if not task.get_backend().supports_defer:
            logger.error("Review message %s: the task backend cannot retry later; not sent.", message_id)
            return None
        task = task.using(run_after=timezone.now() + delay)
    return task.enqueue(message_id=message_id, attempt=attempt)


def recipients(message):
    """Return the users to tell about ``message``: publishers for a submission, the author otherwise."""
    item = message.item
    users = (
        get_user_model()._default_manager.filter(is_active=True).exclude(email="").select_related("staff_preference")
    )
    if message.kind == ReviewMessage.Kind.SUBMITTED:
        chosen = [user for user in users if permissions.can_publish(user, type(item))]
    else:
        authors = {getattr(item, "created_by_id", None)}
        authors |= set(messages_of(item).filter(kind=ReviewMessage.Kind.SUBMITTED).values_list("author_id", flat=True))
        chosen = list(users.filter(pk__in=[pk for pk in authors if pk is not None]))
    return [user for user in chosen if user.pk != message.author_id]


def mail_for(message, user):
    """Return the mail telling ``user`` about ``message``, in the language they use the back office in."""
    item = message.item
    opts = item._meta
    with translation.override(language_of(user)):
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
        context = {
            "message": message,
            "item": item,
            "kind": opts.verbose_name,
            "author": message.author.get_full_name() or message.author.get_username() if message.author else "",
            "url": f"{settings.SITE_URL}{path}",
            "recipient": user,
        }
        subject = render_to_string("workflow/mail/review_subject.txt", context).strip()
        body = render_to_string("workflow/mail/review_body.txt", context)
    return EmailMessage(subject, body, to=[user.email])
