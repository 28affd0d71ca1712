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
