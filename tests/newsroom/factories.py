import datetime

from django.utils import timezone

from tests.factories import JournalistFactory, PressReleaseFactory, SubscriberFactory
from workflow.states import Status

__all__ = ["JournalistFactory", "SubscriberFactory", "embargoed_release"]


def embargoed_release(**kwargs):
    """Return a release published with its go-live a day ahead (under embargo)."""
    return PressReleaseFactory(
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
        journal_doi="10.1038/s41586-026-00001-2",
        **kwargs,
    )
