"""seed_bulk: synthetic content at a chosen scale, the same from the same seed, never over real content."""

import pytest
from django.core.management import CommandError, call_command

from partnerships.models import Agreement
from press.models import PressRelease
from tests.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command(
        "seed_bulk", releases=40, agreements=5, sites=4, places=3, organisations=6, themes=5, years=3, **options
    )


def releases():
    return list(PressRelease.objects.order_by("slug_fr").values_list("slug_fr", "title_fr", "title_en", "release_date"))


def test_creates_live_bilingual_content_at_the_scale_asked(client):
    seed()

    assert PressRelease.objects.live().count() == 40
    assert Agreement.objects.live().count() == 5
    release = PressRelease.objects.live().first()
    assert release.title_fr and release.title_en and release.body_en
    assert release.themes.exists() and release.issuers.exists()
    assert client.get(release.get_absolute_url()).status_code == 200


def test_the_same_seed_gives_the_same_content_and_a_rerun_replaces_it():
    seed(seed=7)
    first = releases()
    seed(seed=7)

    assert releases() == first
    seed(seed=8)
    assert releases() != first
    assert PressRelease.objects.count() == 40


def test_refuses_a_database_with_real_published_content_unless_forced():
    PressReleaseFactory(title_fr="Un vrai communiqué")

    with pytest.raises(CommandError, match="--force"):
        seed()
    assert PressRelease.objects.count() == 1

    seed(force=True)
    assert PressRelease.objects.count() == 41
