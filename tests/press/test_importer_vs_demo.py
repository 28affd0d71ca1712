"""The importer and load_demo agree: importing the seed releases after the demo creates and changes nothing."""

import io

import pytest
from django.core.management import call_command

from tests.helpers import snapshot
from tests.press.test_importer import SEED_BRETAGNE, SEED_EN, SEED_FR, run

pytestmark = pytest.mark.django_db


def test_importing_the_seeds_after_load_demo_finds_the_same_releases():
    call_command("load_demo", stdout=io.StringIO())
    before = snapshot("press", "directory")

    output = run(SEED_FR, SEED_EN, SEED_BRETAGNE)

    assert snapshot("press", "directory") == before, output
