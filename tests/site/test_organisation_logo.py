import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.factories import AssetFactory, LiveOrganisationFactory

pytestmark = pytest.mark.django_db


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def test_organisation_page_shows_its_logo_resized_with_its_size(client):
    organisation = LiveOrganisationFactory(logo=AssetFactory(file=png(1200, 600)))

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert 'class="organisation__logo"' in html
    assert 'width="320" height="160"' in html
    assert organisation.logo.file.url not in html  # the original is never sent


def test_organisation_page_without_logo_has_no_image(client):
    response = client.get(LiveOrganisationFactory().get_absolute_url())
    assert response.status_code == 200
    assert "organisation__logo" not in response.content.decode()
