"""The editorial journey in a real browser, in the French admin (issue 14).

An Editor writes a release in French and English with an image from the media library and submits it with a message; the Publisher is mailed,
opens the history, compares the two versions and sends it back with a comment; the Editor reads the comment,
fixes the text and submits again; the Publisher schedules it; once its time has come the public page shows it, with the image, its credit and its licence.
axe-core checks every admin page the journey visits (WCAG 2.1 A and AA). Each step's duration is printed
(run with ``-s``) and logged: the journey's timings, not a check on them.
"""

import datetime
import logging
import re
import time
from contextlib import contextmanager

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from pagecache.generation import bump_generation
from press.models import PressRelease
from tests import factories
from tests.browser.test_accessibility import AXE_TAGS, describe_violations
from tests.workflow.conftest import PASSWORD, make_user
from workflow.models import ReviewMessage
from workflow.states import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

logger = logging.getLogger("tests.journey")

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Journey:
    """The steps of a journey: each one timed, printed and logged."""

    def __init__(self):
        self.timings = []

    @contextmanager
    def step(self, name):
        started = time.perf_counter()
        yield
        elapsed = time.perf_counter() - started
        self.timings.append((name, elapsed))
        print(f"journey step: {name}: {elapsed:.2f} s")
        logger.info("journey step: %s: %.2f s", name, elapsed)

    def report(self):
        total = sum(elapsed for _name, elapsed in self.timings)
        print(f"journey total: {total:.2f} s over {len(self.timings)} steps")
        logger.info("journey total: %.2f s over %s steps", total, len(self.timings))


@pytest.fixture
def immediate_mail(settings, live_server):
    """Run the review mails' task at once (in the server's thread, after its commit), links to the server."""
    settings.TASKS = IMMEDIATE
    settings.SITE_URL = live_server.url
    mail.outbox = []


# Violations in third-party widgets whose markup we do not write: each excused by its rule id, on the elements
# of that widget only (a CSS selector list), with the reason. Anything else fails the test.
THIRD_PARTY = {
    # modeltranslation's language tabs are jQuery UI tabs: a focusable <a href> inside each <li role="tab">, the
    # markup jQuery UI builds (its tabs widget reads the anchors' href again on every refresh).
    "nested-interactive": "li[role=tab][aria-controls^='tab_id_']",
    # modeltranslation's "all fields in one language" switch is a <select> it adds without a label.
    "select-name": "#modeltranslation-main-switch",
    # Django's autocomplete (select2 4) names its combobox by the span showing the chosen value, empty until a
    # choice is made; django-prose-editor's editable area (tiptap) gets no name from the field's label.
    "aria-input-field-name": ".select2-selection[role=combobox], .select2-selection__rendered, .prose-editor .tiptap",
    # select2's search box inside a multiple choice (themes, funders, experts) has no label of its own.
    "label": ".select2-search__field",
}
RUN_AXE_EXCUSED = """([tags, excused]) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(results => results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.filter(node => !(excused[v.id] && document.querySelector(node.target[0])?.matches(excused[v.id])))
            .map(node => node.target.join(' ')),
    })).filter(v => v.targets.length))"""


def check_axe(page, checked, found):
    """Run axe-core's WCAG 2.1 A and AA rules on the page now open; keep what it finds for the end of the test."""
    violations = page.evaluate(RUN_AXE_EXCUSED, [AXE_TAGS, THIRD_PARTY])
    path = "/" + page.url.split("://", 1)[1].split("/", 1)[1]
    checked.append(path)
    if violations:
        found.append(describe_violations(path, violations))


def log_in(new_page, live_server, username):
    page = new_page()
    page.goto(f"{live_server.url}/fr/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def fill_translated(page, field, text):
    """Fill one language's tab of a translated field (modeltranslation's FR / EN tabs)."""
    page.click(f'a[href="#tab_id_{field}"]')
    page.fill(f"#id_{field}", text)


def type_rich_text(page, field, text):
    page.click(f'a[href="#tab_id_{field}"]')
    page.locator(f"#tab_id_{field} [contenteditable=true]").click()
    page.keyboard.type(text)


def choose_organisation(page, select_id, name):
    """Pick ``name`` in an autocomplete (select2) field, as a person does: open, type, choose."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").press_sequentially(name)
    page.locator(".select2-results__option", has_text=name).first.click()


def choose_image_from_library(page, title):
    """Choose the release's image in the media library's chooser, as a person does: open, type, choose."""
    page.locator("#id_image + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").press_sequentially(title[:6])
    page.locator(".select2-results__option", has_text=title).first.click()


def save_and_continue(page):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")


def review_step(page, status, message):
    """Choose a state and write the message sent with it."""
    page.select_option("#id_status", status)
    page.fill("#id_review_message", message)


def mail_link(message, live_server):
    match = re.search(rf"{re.escape(live_server.url)}(/fr/admin/\S+/change/)", message.body)
    assert match, message.body
    return live_server.url + match.group(1)


def test_editor_and_publisher_take_a_release_from_draft_to_public(
    new_page, live_server, django_user_model, immediate_mail
):
    make_user(django_user_model, "eloise", "Editors")
    make_user(django_user_model, "paul", "Publishers")
    factories.OrganisationFactory(name_fr="Institut national de la santé", acronym="Inserm")
    # Already in the media library, uploaded and described by someone else.
    factories.AssetFactory(
        title_fr="Culture de cellules",
        alt_fr="Des cellules en culture au microscope",
        alt_en="Cells in culture under the microscope",
        credit="Inserm/Jean Dupont",
        licence="cc_by_4",
    )
    journey, checked, found, errors = Journey(), [], [], []

    with journey.step("editor writes the release in French and English"):
        editor = log_in(new_page, live_server, "eloise")
        editor.on("pageerror", lambda error: errors.append(str(error)))
        editor.goto(f"{live_server.url}/fr/admin/press/pressrelease/add/")
        check_axe(editor, checked, found)
        fill_translated(editor, "title_fr", "Un vaccin à ARN contre la grippe aviaire")
        fill_translated(editor, "title_en", "An mRNA vaccine against avian flu")
        fill_translated(editor, "lead_fr", "Des chercheurs de l'Inserm publient un essai.")
        fill_translated(editor, "lead_en", "Inserm researchers publish a trial.")
        type_rich_text(editor, "body_fr", "Le corps du communiqué.")
        type_rich_text(editor, "body_en", "The body of the release.")
        choose_image_from_library(editor, "Culture de cellules")
        editor.fill("#id_release_date", "2099-03-12")
        editor.locator("#issuers-group .add-row a").click()
        choose_organisation(editor, "id_issuers-0-organisation", "Inserm")
        editor.fill("#id_contacts-0-name", "Service de presse")
        editor.fill("#id_contacts-0-email", "presse@inserm.example")
        save_and_continue(editor)
        check_axe(editor, checked, found)
    release = PressRelease.objects.get()
    assert (release.title_fr, release.title_en, release.status) == (
        "Un vaccin à ARN contre la grippe aviaire",
        "An mRNA vaccine against avian flu",
        Status.DRAFT,
    )
    assert release.issuers.count() == 1 and release.contacts.count() == 1
    assert release.image.title_fr == "Culture de cellules"

    with journey.step("editor submits it for review with a message"):
        review_step(editor, Status.REVIEW, "Prêt : les chiffres sont vérifiés.")
        save_and_continue(editor)
        check_axe(editor, checked, found)
    assert PressRelease.objects.get().status == Status.REVIEW

    with journey.step("publisher receives the mail and opens the release"):
        (submitted,) = mail.outbox
        assert submitted.to == ["paul@inserm.example"]
        assert "Prêt : les chiffres sont vérifiés." in submitted.body
        publisher = log_in(new_page, live_server, "paul")
        publisher.on("pageerror", lambda error: errors.append(str(error)))
        publisher.goto(mail_link(submitted, live_server))
        check_axe(publisher, checked, found)
        assert "Prêt : les chiffres sont vérifiés." in publisher.inner_text(".field-review_messages")

    with journey.step("publisher opens the history and compares the two versions"):
        publisher.click("a.historylink")
        publisher.wait_for_selector("#change-history")
        check_axe(publisher, checked, found)
        publisher.click("#change-history + .submit-row input[type=submit]")
        publisher.wait_for_selector(".compare-table")
        check_axe(publisher, checked, found)
        status_row = publisher.locator(".compare-table tr", has=publisher.locator("th", has_text="Statut"))
        assert "Brouillon" in status_row.inner_text() and "En relecture" in status_row.inner_text()

    with journey.step("publisher sends it back with a comment"):
        publisher.goto(f"{live_server.url}/fr/admin/press/pressrelease/{release.pk}/change/")
        review_step(publisher, Status.DRAFT, "Le titre anglais doit dire « bird flu ».")
        save_and_continue(publisher)
        check_axe(publisher, checked, found)
    assert PressRelease.objects.get().status == Status.DRAFT
    sent_back = mail.outbox[-1]
    assert sent_back.to == ["eloise@inserm.example"]
    assert "Le titre anglais doit dire « bird flu »." in sent_back.body

    with journey.step("editor reads the comment, fixes the text and submits again"):
        editor.goto(mail_link(sent_back, live_server))
        assert "Le titre anglais doit dire « bird flu »." in editor.inner_text(".field-review_messages")
        check_axe(editor, checked, found)
        fill_translated(editor, "title_en", "An mRNA vaccine against bird flu")
        review_step(editor, Status.REVIEW, "Corrigé.")
        save_and_continue(editor)
        check_axe(editor, checked, found)
    release = PressRelease.objects.get()
    assert (release.title_en, release.status) == ("An mRNA vaccine against bird flu", Status.REVIEW)
    assert list(ReviewMessage.objects.order_by("pk").values_list("kind", flat=True)) == [
        "submitted",
        "sent_back",
        "submitted",
    ]

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with journey.step("publisher schedules it for tomorrow 09:00, Paris time"):
        publisher.goto(mail_link(mail.outbox[-1], live_server))
        check_axe(publisher, checked, found)
        # Only a note (the French title confirmed against the older English one): nothing stops publishing.
        assert publisher.locator(".publication-checks strong").all_inner_texts() == ["Remarque"]
        publisher.select_option("#id_status", Status.PUBLISHED)
        publisher.select_option("#id_time_zone", "Europe/Paris")
        publisher.fill("#id_publish_at_0", tomorrow.isoformat())
        publisher.fill("#id_publish_at_1", "09:00")
        save_and_continue(publisher)
        check_axe(publisher, checked, found)
        assert "Programmé pour le" in publisher.inner_text(".field-state .readonly")
    release = PressRelease.objects.get()
    assert release.status == Status.PUBLISHED and release.publish_at > timezone.now()

    with translation.override("en"):
        detail = live_server.url + reverse("press:release-detail", kwargs={"slug": release.slug_en})
    with journey.step("the public page shows it once its time has come"):
        visitor = new_page()
        assert visitor.goto(detail).status == 404
        # The clock moved on: the scheduled time is now past (as the passing of time does, the cache follows).
        PressRelease.objects.filter(pk=release.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
        bump_generation()
        response = visitor.goto(detail)
        assert response.status == 200
        assert visitor.inner_text("h1") == "An mRNA vaccine against bird flu"
        image = visitor.locator(".release__image img")
        assert image.get_attribute("alt") == "Cells in culture under the microscope"
        caption = visitor.inner_text(".release__image figcaption")
        assert "© Inserm/Jean Dupont" in caption and "CC BY 4.0" in caption
        assert visitor.locator('.release__image a[rel="license"]').get_attribute("href") == (
            "https://creativecommons.org/licenses/by/4.0/"
        )
    journey.report()
    print("axe-core checked:", ", ".join(checked))
    assert errors == []
    assert not found, "\n".join(found)
