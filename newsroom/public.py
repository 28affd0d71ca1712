"""What the other apps may use of newsroom: who may send a release, and a release's mailings for its admin page."""

from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from workflow.permissions import can_publish

from .models import Delivery, Mailing


def may_send(user, release_model):
    """Tell whether ``user`` may send a release: mailing permission and the right to publish releases."""
    return user.has_perm("newsroom.send_mailing") and can_publish(user, release_model)


def mailing_log(release):
    """Return the mailings of a release with their per-status counts and latest failures, for its admin page."""
    if release is None or release.pk is None:
        return "—"
    rows = (
        Delivery.objects.filter(release=release)
        .values("kind", "status")
        .annotate(count=Count("pk"))
        .order_by("kind", "status")
    )
    labels = {**dict(Mailing.Kind.choices), **dict(Delivery.Status.choices)}
    summary = format_html_join(
        "", "<li>{}: {} {}</li>", ((labels[row["kind"]], row["count"], labels[row["status"]]) for row in rows)
    )
    failures = Delivery.objects.filter(release=release, status=Delivery.Status.FAILED).order_by("-pk")[:10]
    failed = format_html_join("", "<li>{} — {}</li>", ((row.email, row.reason) for row in failures))
    url = reverse("admin:newsroom_delivery_changelist") + f"?release__id__exact={release.pk}"
    return format_html(
        '<ul>{}</ul>{}<p><a href="{}">{}</a></p>',
        summary or format_html("<li>{}</li>", gettext("Not mailed yet.")),
        format_html("<p>{}</p><ul>{}</ul>", gettext("Latest failures:"), failed) if failures else "",
        url,
        gettext("Every recipient and their delivery"),
    )
