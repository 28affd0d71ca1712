"""Background tasks of the workflow: the mails of review steps."""

import logging
import smtplib

from django.core.mail import get_connection
from django_tasks import task

from . import notifications
from .models import ReviewMessage

logger = logging.getLogger("workflow")


@task()
def notify_review(*, message_id, attempt=1):
    """Mail a review step to whoever acts next; on failure, log and try again later (a few times)."""
    message = ReviewMessage.objects.select_related("author", "content_type").filter(pk=message_id).first()
    if message is None or message.item is None:
        return {"sent": 0}
    mails = [notifications.mail_for(message, user) for user in notifications.recipients(message)]
    if not mails:
        return {"sent": 0}
    try:
        with get_connection() as connection:
            sent = connection.send_messages(mails) or 0
    except (OSError, smtplib.SMTPException) as error:
        retry = attempt < notifications.MAX_ATTEMPTS
        logger.warning(
            "Review message %s: sending failed (attempt %s of %s): %s",
            message_id,
            attempt,
            notifications.MAX_ATTEMPTS,
            error,
        )
        if retry:
            notifications.enqueue(message_id, attempt=attempt + 1, delay=notifications.backoff(attempt))
        return {"sent": 0, "failed": len(mails), "retry": retry}
    return {"sent": sent}
