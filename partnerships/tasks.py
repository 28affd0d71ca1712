"""Background tasks of partnerships: the agreement expiry digest, run daily by the scheduler."""

import logging

from django.conf import settings
from django_tasks import task

from inserm_cms.tasks import once_per_run
from partnerships.digest import default_recipients, digest_days, send_digest

logger = logging.getLogger("partnerships.tasks")


class DigestNotConfigured(Exception):
    """The digest has nobody to write to, or no address for its links."""


@task()
@once_per_run
def send_agreements_digest():
    """E-mail the agreements ending soon to the digest's recipients; nothing when none ends soon."""
    if not settings.SITE_URL:
        raise DigestNotConfigured("SITE_URL is not set: the links of the digest would not open from a mailbox.")
    recipients = default_recipients()
    if not recipients:
        raise DigestNotConfigured(
            "Nobody to write to: set AGREEMENTS_DIGEST_RECIPIENTS or give the Publishers an e-mail."
        )
    days = digest_days()
    sent = send_digest(days=days, recipients=recipients)
    logger.info(
        "Agreement digest: %d agreement(s) to %d recipient(s)",
        sent,
        len(recipients) if sent else 0,
        extra={"agreements": sent, "recipients": len(recipients) if sent else 0, "days": days},
    )
    return {"agreements": sent, "recipients": len(recipients) if sent else 0}
