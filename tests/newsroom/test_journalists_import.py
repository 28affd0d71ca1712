"""CSV import of accredited journalists in the admin: a preview reports the bad rows, and a bad file writes nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsroom.models import Journalist
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

HEADER = "name,outlet,email,language,time_zone,beats,accredited_from,accredited_until\n"


def upload(client, text):
    return client.post(
        reverse("admin:newsroom_journalist_import"),
        {
            "import_file": SimpleUploadedFile("journalists.csv", text.encode(), "text/csv"),
            "format": "0",
            "resource": "0",
        },
    )


def test_a_file_with_bad_rows_is_reported_and_nothing_is_written(staff_client):
    ThemeFactory(name_fr="Neurosciences")
    text = (
        HEADER
        + "Ada Martin,Le Monde,ada@example.org,fr,Europe/Paris,neurosciences,2026-01-01,\n"
        + "Bob Stone,Nature,not-an-address,en,Mars/Olympus,,2026-01-01,2025-01-01\n"
        + "Cleo Rey,Science,cleo@example.org,en,UTC,astrologie,2026-01-01,\n"
    )

    response = upload(staff_client, text)

    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide." in response.text
    assert "« Mars/Olympus » n&#x27;est pas un fuseau horaire connu." in response.text
    assert "L’accréditation doit finir après son début." in response.text
    assert "Aucune thématique n’a le slug astrologie." in response.text
    assert "process_import" not in response.text  # no confirm button
    assert not Journalist.objects.exists()


def test_a_good_file_is_previewed_then_imported(staff_client):
    beat = ThemeFactory(name_fr="Neurosciences")
    text = HEADER + "Ada Martin,Le Monde,Ada@Example.org,fr,America/New_York,neurosciences,2026-01-01,2026-12-31\n"

    preview = upload(staff_client, text)

    assert preview.status_code == 200
    assert not Journalist.objects.exists()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', preview.text))
    confirm = staff_client.post(
        reverse("admin:newsroom_journalist_process_import"),
        {name: hidden[name] for name in ("import_file_name", "original_file_name", "format", "resource")},
    )

    assert confirm.status_code == 302
    journalist = Journalist.objects.get()
    assert (journalist.email, journalist.time_zone) == ("ada@example.org", "America/New_York")
    assert list(journalist.beats.all()) == [beat]
