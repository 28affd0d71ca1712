"""The translator's view of a stale field, in a real browser: the source's word diff, then confirming it."""

import pytest

from press.models import PressRelease
from tests import factories
from workflow.states import Status

from .conftest import make_user
from .test_journeys_browser import log_in, new_page  # noqa: F401 — the fixture is used by name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_translator_sees_what_changed_in_the_source_and_confirms_the_translation(
    new_page,  # noqa: F811
    live_server,
    django_user_model,
):
    make_user(django_user_model, "tina", "Editors")
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, lead_fr="Un chapô court.")
    release = PressRelease.objects.get(pk=release.pk)
    release.lead_fr = "Un chapô nettement plus long."
    release.save()

    page = log_in(new_page, live_server, "tina")
    page.goto(f"{live_server.url}/en/admin/press/pressrelease/{release.pk}/change/")
    review = page.locator(".translation-review__field")

    assert review.count() == 1
    assert "English out of date, the French changed since it was confirmed: lead" in page.inner_text(
        ".translation-problems"
    )
    assert review.locator("del").inner_text() == "court."
    assert review.locator("ins").inner_text() == "nettement plus long."
    review.locator('input[name="confirm_translation"]').check()
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist")

    assert page.locator(".translation-review__field").count() == 0
    assert PressRelease.objects.get(pk=release.pk).stale_fields() == []


def test_translator_confirms_a_stale_quote_in_its_own_row(
    new_page,  # noqa: F811
    live_server,
    django_user_model,
):
    from press.models import Quote

    make_user(django_user_model, "tina", "Editors")
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    Quote.objects.create(release=release, position=1, text_fr="Une première avancée.", text_en="A first advance.")
    Quote.objects.create(release=release, position=2, text_fr="Une avancée modeste.", text_en="A modest advance.")
    quote = Quote.objects.get(position=2)
    quote.text_fr = "Une avancée décisive."
    quote.save()

    page = log_in(new_page, live_server, "tina")
    page.goto(f"{live_server.url}/en/admin/press/pressrelease/{release.pk}/change/")
    row = page.locator(".translation-review--row")

    assert row.count() == 1  # the second quote only, in its own row
    assert row.locator("del").inner_text() == "modeste."
    assert row.locator("ins").inner_text() == "décisive."
    assert "quote 2" in page.inner_text("ul.translation-problems")  # the release's own list names the row
    row.locator('input[name="confirm_row_translation"]').check()
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist")

    assert page.locator(".translation-review--row").count() == 0
    assert Quote.objects.get(pk=quote.pk).stale_fields() == []
    assert Quote.objects.get(pk=quote.pk).text_en == "A modest advance."
