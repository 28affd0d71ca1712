"""The importer and load_demo agree: importing the seed releases after the demo creates and changes nothing."""

import io

import pytest
from django.core.management import call_command

from press.models import PressRelease
from tests.press.test_importer import SEED_BRETAGNE, SEED_EN, SEED_FR, counts, run

pytestmark = pytest.mark.django_db

COMPARED = ("title", "slug", "kind", "lead", "body")


def snapshot():
    return {
        release.slug_fr: {
            **{f"{name}_{lang}": getattr(release, f"{name}_{lang}") for name in COMPARED for lang in ("fr", "en")},
            "dateline_place": release.dateline_place,
            "release_date": release.release_date,
            "issuers": [issuer.organisation.acronym for issuer in release.issuers.all()],
            "contacts": [(c.email, c.phone, c.handle) for c in release.contacts.all()],
            "quotes": [(q.text_fr, q.speaker.last_name if q.speaker else None) for q in release.quotes.all()],
        }
        for release in PressRelease.objects.order_by("slug_fr")
    }


def test_importing_the_seeds_after_load_demo_finds_the_same_releases():
    call_command("load_demo", stdout=io.StringIO())
    before_counts, before = counts(), snapshot()

    output = run(SEED_FR, SEED_EN, SEED_BRETAGNE)

    assert counts() == before_counts, output
    assert snapshot() == before, output
