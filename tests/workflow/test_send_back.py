"""An item in review goes back to draft for its author to rework: an admin action, through the one transition."""

import pytest
from django.core.exceptions import PermissionDenied

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status
from workflow.transitions import send_back

from .conftest import make_user

pytestmark = pytest.mark.django_db


def test_an_editor_sends_the_items_in_review_back_to_draft_and_leaves_the_others(editor_client, editor):
    in_review = factories.PressReleaseFactory(status=Status.REVIEW, title_fr="À revoir")
    draft = factories.PressReleaseFactory(status=Status.DRAFT)
    url = admin_url("press_pressrelease_changelist", language="en")

    changelist = editor_client.get(url).content.decode()
    response = editor_client.post(
        url, {"action": "send_back_selected", "_selected_action": [in_review.pk, draft.pk]}, follow=True
    )

    assert 'value="send_back_selected"' in changelist
    assert "Sent 1 press release back to draft." in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == Status.DRAFT
    assert in_review.updated_by == editor
    assert PressRelease.objects.get(pk=draft.pk).status == Status.DRAFT


def test_sending_back_is_refused_whole_to_someone_who_may_not_change_the_items(django_user_model):
    in_review = factories.PressReleaseFactory(status=Status.REVIEW)
    reader = make_user(django_user_model, "reader")

    with pytest.raises(PermissionDenied):
        send_back([in_review], user=reader)

    assert PressRelease.objects.get(pk=in_review.pk).status == Status.REVIEW


def test_a_published_item_is_not_sent_back():
    live = factories.PressReleaseFactory(status=Status.PUBLISHED)

    assert send_back([live]) == 0
    assert PressRelease.objects.get(pk=live.pk).is_live
