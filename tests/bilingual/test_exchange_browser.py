"""The translation exchange in a real browser: a reference item's stale field, and a translated file imported
through the preview. With ``SCREENSHOTS_DIR`` set, each view is also saved there for a person to look at."""

import os
from pathlib import Path

import pytest
from translate.storage import po

from directory.models import Theme
from press.models import PressRelease
from tests import factories
from tests.workflow.conftest import make_user
from tests.workflow.test_journeys_browser import log_in, new_page  # noqa: F401 — the fixture is used by name
from workflow.exchange import export_po
from workflow.states import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name):
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_a_reference_items_stale_description_shows_its_source_change_and_is_confirmed(
    new_page,  # noqa: F811
    live_server,
    django_user_model,
):
    make_user(django_user_model, "ada", "Administrators")
    theme = factories.ThemeFactory(
        name_fr="Maladies infectieuses",
        name_en="Infectious diseases",
        description_fr="Recherche sur les virus émergents.",
        description_en="Research on emerging viruses.",
    )
    theme = Theme.objects.get(pk=theme.pk)
    theme.description_fr = "Recherche sur les virus et les bactéries émergents."
    theme.save()

    page = log_in(new_page, live_server, "ada")
    page.goto(f"{live_server.url}/en/admin/directory/theme/{theme.pk}/change/")
    review = page.locator(".translation-review__field")

    assert review.count() == 1
    assert "English out of date, the French changed since it was confirmed: description" in page.inner_text(
        ".translation-problems"
    )
    assert "et les bactéries" in review.locator("ins").inner_text()
    shoot(page, "stale-field-theme")
    review.locator('input[name="confirm_translation"]').check()
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist")

    assert page.locator(".translation-review__field").count() == 0
    assert Theme.objects.get(pk=theme.pk).stale_fields() == []


def test_a_translated_file_is_previewed_then_applied(
    new_page,  # noqa: F811
    live_server,
    django_user_model,
    tmp_path,
):
    make_user(django_user_model, "tina", "Editors")
    make_user(django_user_model, "paul", "Publishers")
    draft = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, lead_en="")
    # The image's text alternative lives in the media library now: the lead waits for a Publisher instead.
    published = factories.PressReleaseFactory(lead_en="")
    store = po.pofile.parsestring(export_po([draft, published], language="en"))
    for unit in store.units:
        if unit.getcontext().endswith(".lead"):
            unit.target = "A lead in English."
    path = tmp_path / "releases-en.po"
    path.write_bytes(bytes(store))

    page = log_in(new_page, live_server, "tina")
    page.goto(f"{live_server.url}/en/admin/")
    page.click("text=Import a translated file (XLIFF or PO)")
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_language", "en")
    page.click("input[value='Preview the import']")
    table = page.locator("#import-units")

    assert "Units of the file and what applying it would do" in table.locator("caption").text_content()
    assert "written in place" in table.inner_text() and "kept for review" in table.inner_text()
    shoot(page, "import-preview")
    page.click("input[value='Apply']")
    page.wait_for_selector(".messagelist")
    shoot(page, "import-applied")

    assert PressRelease.objects.get(pk=draft.pk).lead_en == "A lead in English."
    assert PressRelease.objects.get(pk=published.pk).lead_en == ""  # waits for a Publisher

    page = log_in(new_page, live_server, "paul")
    page.goto(f"{live_server.url}/en/admin/press/pressrelease/{published.pk}/change/")
    waiting = page.locator(".translation-proposals table")
    assert "A lead in English." in waiting.inner_text()
    shoot(page, "proposal-on-change-form")
    page.click("input[value='Apply translation']")
    page.wait_for_selector(".messagelist")

    assert PressRelease.objects.get(pk=published.pk).lead_en == "A lead in English."
