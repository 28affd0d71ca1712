"""Staff get the review mails in the language they use the back office in, remembered from the admin they open."""

import pytest
from django.core import mail

from tests import factories
from tests.helpers import admin_url
from workflow.models import StaffPreference
from workflow.states import Status
from workflow.transitions import send_back, submit_for_review

from .conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_opening_the_admin_in_english_remembers_english_and_switching_back_remembers_french(editor):
    client = client_for(editor)

    client.get(admin_url("index", language="en"))
    assert StaffPreference.objects.get(user=editor).language == "en"

    client.get(admin_url("index", language="fr"))
    assert StaffPreference.objects.get(user=editor).language == "fr"


def test_a_publisher_working_in_english_gets_the_submission_in_english_with_an_english_link(
    editor, publisher, django_capture_on_commit_callbacks
):
    client_for(publisher).get(admin_url("index", language="en"))
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, created_by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review([release], user=editor, message="Prêt.")

    (sent,) = mail.outbox
    assert sent.to == [publisher.email]
    assert "submitted for review" in sent.body
    assert admin_url("press_pressrelease_change", release.pk, language="en") in sent.body
    assert "a soumis" not in sent.body


def test_a_staff_member_who_never_chose_gets_the_back_office_default_french(
    editor, publisher, django_capture_on_commit_callbacks
):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None, created_by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        send_back([release], user=publisher, message="À revoir.")

    (sent,) = mail.outbox
    assert sent.to == [editor.email]
    assert "renvoyé en brouillon" in sent.body
    assert admin_url("press_pressrelease_change", release.pk, language="fr") in sent.body
