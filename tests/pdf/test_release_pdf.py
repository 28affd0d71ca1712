"""PDF versions of press releases: content per language, visibility, cache, and no network access."""

import datetime
import socket
from io import BytesIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from PIL import Image
from pypdf import PdfReader

from press import pdf as press_pdf
from tests.factories import (
    AssetFactory,
    OrganisationFactory,
    PressContactFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
)
from workflow.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test without PDFs made by another one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def release():
    """Return a live release with an issuer (its "about" block) and a press contact."""
    release = PressReleaseFactory(
        title_fr="L'Anses et l'Inserm signent un partenariat",
        title_en="ANSES and Inserm sign a partnership",
        lead_fr="Les deux organismes renforcent leur coopération.",
        lead_en="The two bodies strengthen their cooperation.",
        body_fr="<p>Texte du communiqué.</p>",
        body_en="<p>Text of the release.</p>",
        dateline_place="Maisons-Alfort",
        release_date=datetime.date(2020, 2, 5),
    )
    anses = OrganisationFactory(
        name_fr="Agence nationale de sécurité sanitaire",
        name_en="French Agency for Food Safety",
        acronym="Anses",
        about_fr="<p>L'Anses évalue les risques.</p>",
        about_en="<p>ANSES assesses risks.</p>",
    )
    PressReleaseIssuerFactory(release=release, organisation=anses)
    PressContactFactory(release=release, organisation=anses, email="presse@anses.fr")
    return release


def pdf_url(release, language):
    with override(language):
        return reverse("press:release-pdf", kwargs={"slug": release.slug})


def pdf_text(content):
    """Return the text of every page of a PDF, its whitespace collapsed."""
    reader = PdfReader(BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def png_bytes():
    buffer = BytesIO()
    Image.new("RGB", (300, 100), (0, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "L'Anses et l'Inserm signent un partenariat",
                "Maisons-Alfort, le 5 février 2020",
                "Les deux organismes renforcent leur coopération.",
                "Texte du communiqué.",
                "L'Anses évalue les risques.",
                "presse@anses.fr",
            ],
        ),
        (
            "en",
            [
                "ANSES and Inserm sign a partnership",
                "Maisons-Alfort, 5 February 2020",
                "The two bodies strengthen their cooperation.",
                "Text of the release.",
                "ANSES assesses risks.",
                "presse@anses.fr",
            ],
        ),
    ],
)
def test_live_release_downloads_as_pdf_in_the_url_language(client, release, language, expected):
    response = client.get(pdf_url(release, language))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    slug = getattr(release, f"slug_{language}")
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.pdf"'
    text = pdf_text(response.content)
    for passage in expected:
        assert passage in text
    other = {"fr": "ANSES and Inserm sign a partnership", "en": "L'Anses et l'Inserm signent un partenariat"}
    assert other[language] not in text


def test_pdf_metadata_names_title_language_and_issuers(client, release):
    response = client.get(pdf_url(release, "en"))

    reader = PdfReader(BytesIO(response.content))
    assert reader.metadata.title == "ANSES and Inserm sign a partnership"
    assert "French Agency for Food Safety (Anses)" in reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_english_pdf_of_a_french_only_release_uses_french_text_and_says_so(client):
    release = PressReleaseFactory(title_fr="Communiqué en français seulement", title_en="", lead_en="", body_en="")

    response = client.get(pdf_url(release, "en"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{release.slug_fr}-en.pdf"'
    text = pdf_text(response.content)
    assert "Communiqué en français seulement" in text
    assert "This release is only available in French." in text


@pytest.mark.parametrize(
    "visibility",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=2)},
        {
            "status": Status.PUBLISHED,
            "publish_at": timezone.now() - datetime.timedelta(days=10),
            "unpublish_at": timezone.now() - datetime.timedelta(days=1),
        },
    ],
    ids=["draft", "in-review", "scheduled", "withdrawn"],
)
def test_release_that_is_not_live_has_no_pdf(client, visibility):
    release = PressReleaseFactory(**visibility)

    with mock.patch.object(press_pdf, "render_pdf") as renderer:
        responses = [client.get(pdf_url(release, language)) for language in ("fr", "en")]

    assert [response.status_code for response in responses] == [404, 404]
    renderer.assert_not_called()


def test_second_download_comes_from_the_cache_until_the_release_is_saved(client, release):
    url = pdf_url(release, "fr")
    with mock.patch.object(press_pdf, "render_pdf", wraps=press_pdf.render_pdf) as renderer:
        first = client.get(url)
        second = client.get(url)
        assert renderer.call_count == 1
        assert second.content == first.content

        client.get(pdf_url(release, "en"))
        assert renderer.call_count == 2, "each language has its own PDF"

        release.title_fr = "L'Anses et l'Inserm renouvellent leur partenariat"
        release.save()
        third = client.get(url)
        assert renderer.call_count == 3
    assert "L'Anses et l'Inserm renouvellent leur partenariat" in pdf_text(third.content)


def test_a_save_without_visible_change_still_makes_a_new_pdf(client, release):
    url = pdf_url(release, "fr")
    with mock.patch.object(press_pdf, "render_pdf", wraps=press_pdf.render_pdf) as renderer:
        client.get(url)
        release.save()
        client.get(url)
    assert renderer.call_count == 2


def test_change_to_a_contact_or_an_about_block_gives_a_new_pdf(client, release):
    url = pdf_url(release, "fr")
    client.get(url)
    contact = release.contacts.get()
    contact.email = "relations.presse@anses.fr"
    contact.save()
    organisation = contact.organisation
    organisation.about_fr = "<p>L'Anses protège la santé.</p>"
    organisation.save()

    text = pdf_text(client.get(url).content)

    assert "relations.presse@anses.fr" in text
    assert "L'Anses protège la santé." in text


def test_release_page_links_to_its_pdf_in_the_page_language(client, release):
    for language in ("fr", "en"):
        with override(language):
            page = client.get(release.get_absolute_url())
        assert f'href="{pdf_url(release, language)}"' in page.content.decode()
        assert f'type="application/pdf" hreflang="{language}"' in page.content.decode()


def test_page_of_a_release_not_yet_live_offers_no_pdf(rf):
    """Pages that show a release before it goes live (the journalists' embargo link) link to no PDF that would 404."""
    release = PressReleaseFactory(publish_at=timezone.now() + datetime.timedelta(days=2))
    request = rf.get("/")

    with override("fr"):
        html = render_to_string("press/release_detail.html", {"release": release, "document": release}, request=request)

    assert release.title_fr in html
    assert "/pdf/" not in html


def test_fetcher_serves_our_static_and_media_files_from_disk(settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "logos").mkdir()
    (settings.MEDIA_ROOT / "logos" / "anses.png").write_bytes(png_bytes())
    fetcher = press_pdf.LocalFilesFetcher(site_url="http://testserver/")

    stylesheet = fetcher.fetch("http://testserver/static/css/pdf.css")
    logo = fetcher.fetch("http://testserver/media/logos/anses.png")

    assert stylesheet.content_type == "text/css"
    assert b"@page" in stylesheet.read()
    assert logo.content_type == "image/png"
    assert logo.read() == png_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/logo.png",
        "http://example.org/static/css/pdf.css",
        "http://testserver/fr/presse/",
        "http://testserver/static/../inserm_cms/settings.py",
        "http://testserver/media/%2e%2e/manage.py",
        "file:///etc/passwd",
    ],
)
def test_fetcher_refuses_every_other_url(url):
    fetcher = press_pdf.LocalFilesFetcher(site_url="http://testserver/")

    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch(url)


def test_rendering_opens_no_network_connection_and_embeds_local_logos(client, release):
    organisation = release.issuers.get().organisation
    organisation.logo = AssetFactory(file=ContentFile(png_bytes(), name="anses.png"), alt_fr="Anses")
    organisation.save()
    connect = mock.Mock(side_effect=AssertionError("network access"))

    with (
        mock.patch.object(socket.socket, "connect", connect),
        mock.patch.object(socket, "create_connection", connect),
    ):
        response = client.get(pdf_url(release, "fr"))
        foreign = '<img src="https://example.org/pixel.png"><link rel="stylesheet" href="http://x.test/a.css">'
        press_pdf.render_pdf(html=f"<p>Tracker</p>{foreign}", site_url="http://testserver/")

    connect.assert_not_called()
    assert response.status_code == 200
    images = [image for page in PdfReader(BytesIO(response.content)).pages for image in page.images]
    assert len(images) == 1


def test_without_the_pdf_libraries_the_download_answers_503_not_500(client, release, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "press.pdf", None)  # as when WeasyPrint cannot load Pango
    response = client.get(pdf_url(release, "en"))
    assert response.status_code == 503
    assert "not available" in response.content.decode()
