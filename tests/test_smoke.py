import pytest

from tests.factories import AgreementFactory, PressReleaseFactory


@pytest.mark.django_db
def test_factories_make_live_objects():
    release = PressReleaseFactory()
    agreement = AgreementFactory()
    assert release.slug_fr and release.slug_en
    assert agreement.end_date_value is not None
