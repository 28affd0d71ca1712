import datetime

import factory
from django.utils import timezone

from inserm_cms.publishing import Status
from newsroom.models import Journalist, Subscriber
from tests.factories import PressReleaseFactory


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lecteur{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)


class JournalistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journalist

    name = factory.Sequence(lambda n: f"Journaliste {n}")
    outlet = "Le Quotidien"
    email = factory.Sequence(lambda n: f"journaliste{n}@example.org")
    accredited_from = datetime.date(2020, 1, 1)


def embargoed_release(**kwargs):
    """Return a release published with its go-live a day ahead (under embargo)."""
    return PressReleaseFactory(
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
        journal_doi="10.1038/s41586-026-00001-2",
        **kwargs,
    )
