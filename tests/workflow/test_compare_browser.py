"""In a browser, at 1280 px: the comparison of two versions, and the rich-text editor in French."""

import os

import pytest

from tests import factories
from workflow.states import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def logged_in_page(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("ada", "ada@example.org", PASSWORD, first_name="Ada")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/fr/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def test_two_versions_compare_side_by_side_at_1280_px(logged_in_page, live_server, tmp_path):
    page = logged_in_page
    release = factories.PressReleaseFactory(
        status=Status.DRAFT,
        publish_at=None,
        title_fr="Un vaccin protège les adultes",
        body_fr="<p>Le vaccin protège les <strong>adultes</strong> de plus de 65 ans.</p><p>Essai mené à Lyon.</p>",
    )
    release.title_fr = "Un vaccin protège les enfants"
    release.body_fr = "<p>Le vaccin protège les enfants de moins de 5 ans.</p><p>Essai mené à Lyon et à Dakar.</p>"
    release.status = Status.REVIEW
    release.save()
    release.themes.add(factories.ThemeFactory(name_fr="Immunologie"))

    page.goto(f"{live_server.url}/fr/admin/press/pressrelease/{release.pk}/history/")
    page.click("text=Comparer les versions choisies")
    page.wait_for_selector(".compare-table")
    page.screenshot(path=os.environ.get("COMPARE_SCREENSHOT", str(tmp_path / "compare.png")), full_page=True)

    body = page.locator(".compare-table tr", has=page.locator("th", has_text="Corps du texte [fr]"))
    assert body.locator("td").nth(0).locator("del").all_inner_texts()[0].startswith("adultes")
    assert any("Dakar" in text for text in body.locator("td").nth(1).locator("ins").all_inner_texts())
    assert "<strong>" not in body.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_the_rich_text_editor_speaks_french(logged_in_page, live_server):
    page = logged_in_page
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)

    page.goto(f"{live_server.url}/fr/admin/press/pressrelease/{release.pk}/change/")
    page.wait_for_selector(".prose-menubar button[data-l10n]")
    titles = page.eval_on_selector_all(".prose-menubar button[title]", "buttons => buttons.map(b => b.title)")

    assert "gras" in titles and "italique" in titles
    assert not {"bold", "italic", "paragraph", "insert link"} & set(titles)
    page.locator("#tab_id_body_fr [contenteditable=true]").click()
    page.keyboard.type("Inserm")
    # The block-type menu: the library writes "Paragraph" and "Heading 2" without gettext.
    page.locator("#tab_id_body_fr .prose-menubar__selected").first.click()
    options = page.locator("#tab_id_body_fr .prose-menubar__option").all_inner_texts()
    assert options == ["Titre de niveau 2", "Titre de niveau 3", "Titre de niveau 4", "Paragraphe"]
    page.keyboard.press("Escape")
    page.locator("#tab_id_body_fr [contenteditable=true]").click()
    page.keyboard.press("Control+a")
    page.locator("#tab_id_body_fr .prose-menubar button[title='insérer un lien']").click()
    dialog = page.locator("dialog[open]")
    assert "Modifier le lien" in dialog.inner_text()
    assert dialog.locator("button", has_text="Mettre à jour").count() == 1
