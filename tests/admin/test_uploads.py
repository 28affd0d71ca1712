"""Uploads through the admin forms: refused files show an error beside their field, good ones get a random name.

Logos, like every image, are uploaded into the media library; the organisation then chooses its logo there.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from assets.models import Asset
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def asset_form(**files):
    return {
        "title_fr": "Logo de l’Agence régionale de santé",
        "title_en": "",
        "alt_fr": "Agence régionale de santé",
        "alt_en": "Regional health agency",
        "caption_fr": "",
        "caption_en": "",
        "credit": "",
        "licence": "all_rights_reserved",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **files,
    }


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def add_url(model="assets_asset"):
    with translation.override("en"):
        return reverse(f"admin:{model}_add")


def test_an_svg_renamed_png_is_refused_beside_the_field_and_the_form_keeps_its_text(staff_client):
    svg = SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    response = staff_client.post(add_url(), asset_form(file=svg))
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert 'value="Logo de l’Agence régionale de santé"' in response.content.decode()
    assert not Asset.objects.exists()


def test_a_real_png_is_stored_under_a_random_name_and_chosen_as_a_logo(staff_client):
    logo = SimpleUploadedFile("Mon logo officiel.png", png_bytes(), content_type="image/png")
    response = staff_client.post(add_url(), asset_form(file=logo))
    assert response.status_code == 302, response.context["adminform"].form.errors
    asset = Asset.objects.get()
    assert asset.file.name.startswith("assets/") and asset.file.name.endswith(".png")
    assert "logo officiel" not in asset.file.name.lower()

    response = staff_client.post(
        add_url("directory_organisation"),
        {
            "name_fr": "Agence régionale de santé",
            "name_en": "Regional health agency",
            "kind": Organisation.Kind.AGENCY,
            "country": "FR",
            "logo": asset.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Organisation.objects.get().logo == asset
