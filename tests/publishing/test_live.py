"""``live()`` is the one public filter: what it hides, nobody sees."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.factories import (
    AgreementFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    PageFactory,
    PressReleaseFactory,
)
from tests.workflow.conftest import make_user
from workflow.states import Status
from workflow.transitions import publish, unpublish

PUBLISHABLE_FACTORIES = [
    PressReleaseFactory,
    AgreementFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    PageFactory,
]
HOUR = datetime.timedelta(hours=1)


@pytest.mark.django_db
@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
def test_live_shows_only_published_items_inside_their_window(factory):
    now = timezone.now()
    visible = [
        factory(status=Status.PUBLISHED, publish_at=now - HOUR),
        factory(status=Status.PUBLISHED, publish_at=None),
        factory(status=Status.PUBLISHED, publish_at=now - HOUR, unpublish_at=now + HOUR),
    ]
    factory(status=Status.DRAFT, publish_at=now - HOUR)
    factory(status=Status.REVIEW, publish_at=now - HOUR)
    factory(status=Status.PUBLISHED, publish_at=now + HOUR)  # scheduled / under embargo
    factory(status=Status.PUBLISHED, publish_at=now - 2 * HOUR, unpublish_at=now - HOUR)  # expired

    model = factory._meta.model
    assert set(model.objects.live()) == set(visible)
    assert all(obj.is_live for obj in visible)


@pytest.mark.django_db
def test_scheduled_item_goes_live_at_its_time_without_any_worker():
    now = timezone.now()
    release = PressReleaseFactory(status=Status.PUBLISHED, publish_at=now + HOUR)
    assert not release.__class__.objects.live(now=now).exists()
    assert list(release.__class__.objects.live(now=now + 2 * HOUR)) == [release]


@pytest.mark.django_db
def test_publish_and_unpublish_services(django_user_model):
    user = make_user(django_user_model, "paul", "Publishers")
    draft = PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    model = draft.__class__

    assert publish([draft], user=user) == 1
    draft.refresh_from_db()
    assert draft.is_live and draft.updated_by == user and draft.publish_at is not None
    assert model.objects.live().count() == 1

    assert unpublish([draft], user=user) == 1
    assert not model.objects.live().exists()


@pytest.mark.django_db
def test_each_save_increments_the_version():
    release = PressReleaseFactory()
    first = release.version
    release.save()
    assert release.version == first + 1


@pytest.mark.django_db
@pytest.mark.parametrize("service", [publish, unpublish])
def test_publish_services_refuse_a_user_who_may_not_publish(django_user_model, service):
    editor = make_user(django_user_model, "eloise", "Editors")
    draft = PressReleaseFactory(status=Status.REVIEW, publish_at=None)
    live = PressReleaseFactory()

    with pytest.raises(PermissionDenied):
        service([draft, live], user=editor)

    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status, live.status) == (Status.REVIEW, Status.PUBLISHED)
