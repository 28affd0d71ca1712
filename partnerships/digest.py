"""The agreement expiry digest: the agreements that end soon, e-mailed to the staff who renew them."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from partnerships.models import ENDING_SOON_DAYS, Agreement

# Without AGREEMENTS_DIGEST_RECIPIENTS (or --to), the digest goes to the staff of these groups.
RECIPIENT_GROUPS = ("Publishers", "Administrators")


def ending_agreements(*, days, today=None):
    """Return the agreements (any publication state) whose last day falls within ``days`` from ``today``."""
    today = today or timezone.localdate()
    return (
        Agreement.objects.with_end_date()
        .filter(end_date__gte=today, end_date__lte=today + datetime.timedelta(days=days))
        .prefetch_related("parties__organisation", "renewals")
        .order_by("end_date", "pk")
    )


def default_recipients():
    """Return the configured recipients, else the e-mail addresses of active Publishers and Administrators."""
    configured = getattr(settings, "AGREEMENTS_DIGEST_RECIPIENTS", None)
    if configured:
        return list(configured)
    users = (
        get_user_model()
        ._default_manager.filter(is_active=True, is_staff=True, groups__name__in=RECIPIENT_GROUPS)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def digest_text(agreements, *, days, today):
    """Return the subject and body of the digest, in the active language."""
    count = len(agreements)
    subject = ngettext(
        "%(count)d agreement ends within %(days)d days",
        "%(count)d agreements end within %(days)d days",
        count,
    ) % {"count": count, "days": days}
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    lines = []
    for agreement in agreements:
        parties = ", ".join(str(party.organisation) for party in agreement.parties.all())
        left = (agreement.end_date - today).days
        lines.append(
            ngettext(
                "- %(title)s (%(parties)s): ends on %(date)s, in %(days)d day.",
                "- %(title)s (%(parties)s): ends on %(date)s, in %(days)d days.",
                left,
            )
            % {
                "title": agreement.title_fr,
                "parties": parties or "—",
                "date": date_format(agreement.end_date, "DATE_FORMAT"),
                "days": left,
            }
        )
        lines.append("  " + base + reverse("admin:partnerships_agreement_change", args=[agreement.pk]))
        if agreement.renewals.all():
            lines.append("  " + gettext("A renewal is already recorded."))
    return subject, "\n".join([subject + ".", "", *lines, ""])


def digest_days():
    """Return the window of the digest in days: AGREEMENTS_DIGEST_DAYS, else six months."""
    days = getattr(settings, "AGREEMENTS_DIGEST_DAYS", None)
    return ENDING_SOON_DAYS if days is None else int(days)


def send_digest(*, days, recipients, today=None):
    """E-mail the agreements ending within ``days`` to ``recipients``; return how many were listed (0: no mail)."""
    today = today or timezone.localdate()
    agreements = list(ending_agreements(days=days, today=today))
    if not agreements:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = digest_text(agreements, days=days, today=today)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return len(agreements)
