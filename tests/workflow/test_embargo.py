"""Journalist links to a press release under embargo: signed, expiring, revocable, logged, noindex."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from press.models import EmbargoLink, EmbargoLinkAccess, PressRelease, create_embargo_link
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status
from workflow.transitions import publish

from .conftest import change_form_data

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def embargoed(**kwargs):
    """Return a release scheduled two hours from now: published but under embargo."""
    values = {
        "title_fr": "Vaccin sous embargo",
        "title_en": "Embargoed vaccine",
        "publish_at": timezone.now() + 2 * HOUR,
        "time_zone": "Europe/Paris",
    }
    return factories.PressReleaseFactory(**(values | kwargs))


def link_url(token, language="en"):
    with translation.override(language):
        return reverse("press:embargo", args=[token])


def test_publisher_creates_a_link_shown_once_in_both_languages(publisher_client, publisher):
    release = embargoed()
    url = admin_url("press_pressrelease_journalist_links", release.pk, language="en")

    response = publisher_client.post(url, {"recipient": "Le Monde, service sciences", "create": "1"})

    content = response.content.decode()
    addresses = re.findall(r'value="(http://testserver/[^"]+/embargo/[^"]+/)"', content)
    assert len(addresses) == 2
    assert addresses[0].startswith("http://testserver/fr/") and addresses[1].startswith("http://testserver/en/")
    link = EmbargoLink.objects.get()
    assert link.recipient == "Le Monde, service sciences" and link.created_by == publisher
    token = addresses[1].rstrip("/").rsplit("/", 1)[1]
    assert token not in link.token_hash  # only the digest is stored
    # Shown once: the list page does not show it again.
    assert token not in publisher_client.get(url).content.decode()


def test_a_new_link_can_be_copied_or_sent_in_a_prepared_e_mail(publisher_client):
    release = embargoed(journal_doi="10.1000/xyz123")
    url = admin_url("press_pressrelease_journalist_links", release.pk, language="en")

    response = publisher_client.post(url, {"recipient": "AFP", "create": "1"})

    content = response.content.decode()
    assert content.count('class="button copy-link"') == 2
    assert "Copy the link in English" in content
    mailto = unescape(re.search(r'href="(mailto:[^"]+)"', content).group(1))
    fields = parse_qs(urlsplit(mailto).query)
    assert fields["subject"] == ["Under embargo: Embargoed vaccine"]
    body = fields["body"][0]
    assert "Under embargo until" in body and "(Europe/Paris" in body
    assert "Journal article (DOI): 10.1000/xyz123" in body
    for address in re.findall(r'value="(http://testserver/[^"]+/embargo/[^"]+/)"', content):
        assert address in body


def test_editor_cannot_open_the_journalist_links_page(editor_client):
    release = embargoed(status=Status.REVIEW)

    response = editor_client.post(
        admin_url("press_pressrelease_journalist_links", release.pk, language="en"), {"recipient": "AFP", "create": "1"}
    )

    assert response.status_code == 403
    assert not EmbargoLink.objects.exists()


def test_no_link_for_a_live_release_or_one_without_embargo_time(publisher_client):
    live = factories.PressReleaseFactory()
    unscheduled = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None)

    for release, message in (
        (live, "This press release is already public"),
        (unscheduled, "Set the embargo time"),
    ):
        response = publisher_client.post(
            admin_url("press_pressrelease_journalist_links", release.pk, language="en"),
            {"recipient": "AFP", "create": "1"},
        )
        assert message in response.content.decode()
    assert not EmbargoLink.objects.exists()


def test_link_cannot_outlive_the_embargo(publisher_client):
    release = embargoed()
    after = timezone.localtime(release.publish_at + HOUR, release.zone)

    response = publisher_client.post(
        admin_url("press_pressrelease_journalist_links", release.pk, language="en"),
        {"recipient": "AFP", "expires_at": after.strftime("%Y-%m-%dT%H:%M"), "create": "1"},
    )

    assert "A journalist link cannot outlive the embargo" in response.content.decode()
    assert not EmbargoLink.objects.exists()


def test_journalist_sees_the_release_with_its_embargo_in_their_language(client):
    release = embargoed(
        journal_doi="10.1038/s41586-026-00001-2", publish_at=datetime.datetime(2099, 3, 12, 8, 0, tzinfo=datetime.UTC)
    )
    _link, token = create_embargo_link(release=release, recipient="AFP")

    english = client.get(link_url(token, "en"))
    french = client.get(link_url(token, "fr"))

    assert english.status_code == 200
    content = english.content.decode()
    assert "Embargoed vaccine" in content
    assert "Embargoed until 12 March 2099 at 09:00 (Europe/Paris, UTC+01:00)." in content
    assert "10.1038/s41586-026-00001-2" in content
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in content
    assert english["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert english["Referrer-Policy"] == "no-referrer"
    assert "private" in english["Cache-Control"]
    assert "Vaccin sous embargo" in french.content.decode()
    assert '<html lang="fr"' in french.content.decode()
    assert list(EmbargoLinkAccess.objects.order_by("pk").values_list("language", "outcome")) == [
        ("en", "active"),
        ("fr", "active"),
    ]


def test_release_under_embargo_is_nowhere_public(client):
    release = embargoed(title_fr="Titre secret", title_en="Secret title")
    create_embargo_link(release=release, recipient="AFP")

    for language in ("fr", "en"):
        with translation.override(language):
            urls = [reverse("home"), reverse("press:release-list"), release.get_absolute_url()]
        for url in urls:
            response = client.get(url)
            assert "Titre secret" not in response.content.decode()
            assert "Secret title" not in response.content.decode()
    with translation.override("en"):
        assert client.get(release.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("tamper", "status", "message"),
    [
        (lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), 404, "This journalist link is not valid"),
        (lambda token: token + "x", 404, "This journalist link is not valid"),
        (lambda token: "", 404, None),
    ],
)
def test_tampered_token_is_refused(client, tamper, status, message):
    _link, token = create_embargo_link(release=embargoed(), recipient="AFP")

    url = link_url(tamper(token)) if tamper(token) else link_url(token)[: -len(token) - 1]
    response = client.get(url)

    assert response.status_code == status
    if message:
        assert message in response.content.decode()
        assert response["X-Robots-Tag"].startswith("noindex")
    assert "Embargoed vaccine" not in response.content.decode()


def test_revoked_link_is_refused_and_logged(publisher_client, client, publisher):
    release = embargoed()
    link, token = create_embargo_link(release=release, recipient="AFP")

    publisher_client.post(
        admin_url("press_pressrelease_journalist_links", release.pk, language="en"), {"link": [link.pk], "revoke": "1"}
    )
    response = client.get(link_url(token))

    assert response.status_code == 410
    assert "This journalist link has been withdrawn" in response.content.decode()
    assert "Embargoed vaccine" not in response.content.decode()
    link.refresh_from_db()
    assert link.revoked_by == publisher
    assert list(link.accesses.values_list("outcome", flat=True)) == ["revoked"]


def test_link_expiring_before_the_embargo_is_refused_after_its_time(client):
    release = embargoed()
    link, token = create_embargo_link(release=release, recipient="AFP", expires_at=timezone.now() + HOUR)
    EmbargoLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = client.get(link_url(token))

    assert response.status_code == 410
    assert "This journalist link has expired" in response.content.decode()


def test_after_the_embargo_the_link_leads_to_the_public_page(client):
    release = embargoed()
    _link, token = create_embargo_link(release=release, recipient="AFP")
    type(release).objects.filter(pk=release.pk).update(publish_at=timezone.now() - HOUR)

    response = client.get(link_url(token, "en"))

    with translation.override("en"):
        assert response.status_code == 302
        assert response.url == release.get_absolute_url()
    assert client.get(response.url).status_code == 200


def test_links_page_lists_openings(publisher_client, client):
    release = embargoed()
    _link, token = create_embargo_link(release=release, recipient="Agence France-Presse")
    client.get(link_url(token, "fr"))
    client.get(link_url(token, "en"))

    content = publisher_client.get(
        admin_url("press_pressrelease_journalist_links", release.pk, language="en")
    ).content.decode()

    row = re.search(r'<tr class="link-row" data-recipient="Agence France-Presse">.*?</tr>', content, re.S).group(0)
    assert "<td>2</td>" in row
    assert "Active" in row


def test_withdrawn_release_closes_its_links_and_republishing_does_not_revive_them(client, publisher_client, publisher):
    release = embargoed()
    link, token = create_embargo_link(release=release, recipient="AFP")
    assert client.get(link_url(token)).status_code == 200

    publisher_client.post(
        admin_url("press_pressrelease_changelist"),
        {"action": "unpublish_selected", "_selected_action": [release.pk]},
    )
    PressRelease.objects.filter(pk=release.pk).update(title_en="Unreviewed draft text")
    withdrawn = client.get(link_url(token))
    french = client.get(link_url(token, "fr"))

    assert withdrawn.status_code == 410
    content = withdrawn.content.decode()
    assert "This press release has been withdrawn by the press office." in content
    assert "Unreviewed draft text" not in content and "Embargoed vaccine" not in content
    assert french.status_code == 410
    assert "Ce communiqué a été retiré par le service de presse." in french.content.decode()
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == publisher

    publish([PressRelease.objects.get(pk=release.pk)], user=publisher)
    assert PressRelease.objects.get(pk=release.pk).status == Status.PUBLISHED

    assert client.get(link_url(token)).status_code == 410


def test_withdrawal_from_the_change_form_closes_the_links(client, publisher_client):
    release = embargoed()
    _link, token = create_embargo_link(release=release, recipient="AFP")
    url = admin_url("press_pressrelease_change", release.pk)

    response = publisher_client.post(url, change_form_data(publisher_client, url) | {"status": Status.DRAFT})

    assert response.status_code == 302
    assert client.get(link_url(token)).status_code == 410


def test_a_link_to_a_release_that_is_not_scheduled_shows_nothing(client):
    release = embargoed()
    _link, token = create_embargo_link(release=release, recipient="AFP")
    PressRelease.objects.filter(pk=release.pk).update(status=Status.REVIEW, title_en="Text under review")

    response = client.get(link_url(token))

    assert response.status_code == 410
    assert "Text under review" not in response.content.decode()


def test_no_link_for_a_release_that_is_not_scheduled(publisher_client):
    release = embargoed(status=Status.REVIEW)

    response = publisher_client.post(
        admin_url("press_pressrelease_journalist_links", release.pk, language="en"), {"recipient": "AFP", "create": "1"}
    )

    assert response.status_code == 200
    assert "Schedule the release first" in response.content.decode()
    assert not EmbargoLink.objects.exists()
