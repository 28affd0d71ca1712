"""Staff journeys in a real browser: write and submit, schedule under embargo, share with journalists, go live."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pagecache.generation import bump_generation
from press.models import EmbargoLinkAccess, PressRelease
from tests import factories
from workflow.states import Status

from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_page(browser):
    """Return a function opening a page in a new browser context; the contexts close at the end of the test."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB"))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(new_page, live_server, username):
    """Return a page of a new browser context, logged in to the admin as ``username``."""
    page = new_page()
    page.goto(f"{live_server.url}/en/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def type_rich_text(page, field, text):
    page.click(f'a[href="#tab_id_{field}"]')
    editor = page.locator(f"#tab_id_{field} [contenteditable=true]")
    editor.click()
    page.keyboard.type(text)


def public_paths(release, language):
    with translation.override(language):
        return {
            "home": reverse("home"),
            "list": reverse("press:release-list"),
            "detail": reverse("press:release-detail", kwargs={"slug": getattr(release, f"slug_{language}")}),
        }


def test_release_goes_from_editor_to_journalists_to_the_public(new_page, live_server, django_user_model):
    make_user(django_user_model, "eloise", "Editors")
    make_user(django_user_model, "paul", "Publishers")
    errors = []

    # An Editor writes the release in French and English and submits it for review.
    editor = log_in(new_page, live_server, "eloise")
    editor.on("pageerror", lambda error: errors.append(str(error)))
    editor.goto(f"{live_server.url}/en/admin/press/pressrelease/add/")
    assert editor.locator('#id_status option[value="published"]').count() == 0
    editor.click('a[href="#tab_id_title_fr"]')
    editor.fill("#id_title_fr", "Un vaccin à ARN contre la grippe aviaire")
    editor.click('a[href="#tab_id_title_en"]')
    editor.fill("#id_title_en", "An mRNA vaccine against avian flu")
    editor.click('a[href="#tab_id_lead_fr"]')
    editor.fill("#id_lead_fr", "Des chercheurs de l'Inserm publient un essai.")
    editor.click('a[href="#tab_id_lead_en"]')
    editor.fill("#id_lead_en", "Inserm researchers publish a trial.")
    type_rich_text(editor, "body_fr", "Le corps du communiqué.")
    type_rich_text(editor, "body_en", "The body of the release.")
    editor.fill("#id_release_date", "2099-03-12")
    editor.select_option("#id_status", "review")
    editor.click("input[name=_save]")
    editor.wait_for_selector(".messagelist .success")

    release = PressRelease.objects.get()
    assert release.status == Status.REVIEW
    assert (release.title_fr, release.title_en) == (
        "Un vaccin à ARN contre la grippe aviaire",
        "An mRNA vaccine against avian flu",
    )
    assert release.body_en == "<p>The body of the release.</p>"
    assert release.created_by.username == "eloise"
    assert "In review" in editor.locator("td.field-state").first.inner_text()

    # A Publisher schedules it with an embargo, in Paris time, and names the journal article. The
    # pre-publication checks first refuse it: it has no issuing organisation and no press contact yet.
    publisher = log_in(new_page, live_server, "paul")
    publisher.on("pageerror", lambda error: errors.append(str(error)))
    change_url = f"{live_server.url}/en/admin/press/pressrelease/{release.pk}/change/"
    publisher.goto(change_url)
    publisher.select_option("#id_status", "published")
    publisher.click("input[name=_continue]")
    publisher.wait_for_selector(".errornote")
    assert "Not published: No issuing organisation" in publisher.locator(".errorlist.nonfield").inner_text()
    assert PressRelease.objects.get().status == Status.REVIEW
    factories.PressReleaseIssuerFactory(release=release)
    factories.PressContactFactory(release=release)
    publisher.goto(change_url)
    assert "Nothing to correct before publishing." in publisher.locator(".field-publication_checks").inner_text()
    publisher.select_option("#id_status", "published")
    publisher.select_option("#id_time_zone", "Europe/Paris")
    publisher.fill("#id_publish_at_0", "2099-03-12")
    publisher.fill("#id_publish_at_1", "09:00")
    publisher.fill("#id_journal_doi", "10.1038/s41586-099-00001-2")
    publisher.click("input[name=_continue]")
    publisher.wait_for_selector(".messagelist .success")
    assert "Scheduled for 12 March 2099 at 09:00 (Europe/Paris, UTC+01:00)" in publisher.inner_text(
        ".field-state .readonly"
    )
    assert publisher.input_value("#id_publish_at_1").startswith("09:00")  # shown back in Paris time, not UTC
    release.refresh_from_db()
    assert release.publish_at == datetime.datetime(2099, 3, 12, 8, 0, tzinfo=datetime.UTC)

    # ... and creates a link for a journalist.
    publisher.click("text=Journalist links")
    publisher.fill("#id_recipient", "Le Monde, service sciences")
    publisher.click("input[name=create]")
    link = publisher.input_value('input.journalist-link[data-language="en"]')
    assert re.fullmatch(rf"{re.escape(live_server.url)}/en/press/embargo/[\w-]+/", link)

    # An anonymous visitor cannot see it anywhere; the journalist's link shows it.
    visitor = new_page()
    for language in ("fr", "en"):
        paths = public_paths(release, language)
        for name in ("home", "list"):
            visitor.goto(live_server.url + paths[name])
            assert "grippe aviaire" not in visitor.content() and "avian flu" not in visitor.content()
        response = visitor.goto(live_server.url + paths["detail"])
        assert response.status == 404
    response = visitor.goto(link)
    assert response.status == 200
    assert response.headers["x-robots-tag"].startswith("noindex")
    assert visitor.inner_text("h1") == "An mRNA vaccine against avian flu"
    assert "Embargoed until 12 March 2099 at 09:00 (Europe/Paris, UTC+01:00)." in visitor.inner_text(".embargo-notice")
    assert visitor.locator('meta[name="robots"]').get_attribute("content").startswith("noindex")
    assert EmbargoLinkAccess.objects.count() == 1

    # After the embargo time (the clock shifted by moving the embargo into the past) the release is public ...
    PressRelease.objects.filter(pk=release.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    bump_generation()  # what the passing of the scheduled time does to the page cache; update() sends no signal
    paths = public_paths(release, "en")
    visitor.goto(live_server.url + paths["list"])
    assert "An mRNA vaccine against avian flu" in visitor.content()
    visitor.goto(live_server.url + paths["home"])
    assert "An mRNA vaccine against avian flu" in visitor.content()
    # ... and the journalist's link leads to the public page.
    visitor.goto(link)
    assert visitor.url == live_server.url + paths["detail"]
    assert visitor.locator(".embargo-notice").count() == 0
    assert errors == []


def test_second_editors_stale_save_is_refused_and_nothing_is_lost(new_page, live_server, django_user_model):
    make_user(django_user_model, "eloise", "Editors")
    make_user(django_user_model, "bruno", "Editors")
    release = factories.PressReleaseFactory(
        status=Status.DRAFT, publish_at=None, title_en="Vaccine trial", lead_en="First lead."
    )
    url = f"{live_server.url}/en/admin/press/pressrelease/{release.pk}/change/"
    first = log_in(new_page, live_server, "eloise")
    second = log_in(new_page, live_server, "bruno")
    first.goto(url)
    second.goto(url)

    first.click('a[href="#tab_id_title_en"]')
    first.fill("#id_title_en", "Vaccine trial: first results")
    first.click("input[name=_continue]")
    first.wait_for_selector(".messagelist .success")

    second.click('a[href="#tab_id_lead_en"]')
    second.fill("#id_lead_en", "Bruno's better lead.")
    second.click("input[name=_continue]")
    refusal = second.inner_text(".errorlist.nonfield")
    assert "Not saved: eloise saved this item on" in refusal
    assert "They changed: title [en]." in refusal
    second.click('a[href="#tab_id_lead_en"]')
    assert second.input_value("#id_lead_en") == "Bruno's better lead."
    release.refresh_from_db()
    assert (release.title_en, release.lead_en) == ("Vaccine trial: first results", "First lead.")

    # Bruno merges Eloise's title into his form and saves again.
    second.click('a[href="#tab_id_title_en"]')
    second.fill("#id_title_en", "Vaccine trial: first results")
    second.click("input[name=_continue]")
    second.wait_for_selector(".messagelist .success")
    release.refresh_from_db()
    assert (release.title_en, release.lead_en) == ("Vaccine trial: first results", "Bruno's better lead.")
    assert release.history.count() == 3
