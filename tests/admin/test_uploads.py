"""Uploads through the admin forms: refused files show an error beside their field, good ones get a random name."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from directory.models import Organisation

pytestmark = pytest.mark.django_db


def organisation_form(**files):
    return {
        "name_fr": "Agence régionale de santé",
        "name_en": "Regional health agency",
        "kind": Organisation.Kind.AGENCY,
        "country": "FR",
        **files,
    }


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def add_url():
    with translation.override("en"):
        return reverse("admin:directory_organisation_add")


def test_an_svg_renamed_png_is_refused_beside_the_field_and_the_form_keeps_its_text(staff_client):
    svg = SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    response = staff_client.post(add_url(), organisation_form(logo=svg))
    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
    assert 'value="Agence régionale de santé"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_real_png_is_stored_under_a_random_name(staff_client):
    logo = SimpleUploadedFile("Mon logo officiel.png", png_bytes(), content_type="image/png")
    response = staff_client.post(add_url(), organisation_form(logo=logo))
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Organisation.objects.get().logo.name
    assert stored.startswith("logos/") and stored.endswith(".png")
    assert "logo officiel" not in stored.lower()
