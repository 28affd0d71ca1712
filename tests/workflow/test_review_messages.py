"""Review that talks: each step is kept with its message and mailed, after the commit, to whoever acts next."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from tests import factories
from tests.helpers import admin_url
from workflow.models import ReviewMessage
from workflow.states import Status
from workflow.tasks import notify_review
from workflow.transitions import publish, send_back

from .conftest import change_form_data, client_for

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("the relay hung up")


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def test_submitting_with_a_message_mails_the_publishers_after_the_commit(
    immediate_tasks, editor, publisher, django_capture_on_commit_callbacks
):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, created_by=editor, title_en="Mice")
    client = client_for(editor)
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(client, url) | {
        "status": Status.REVIEW,
        "review_message": "Ready, the figures are checked.",
    }

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, data)
        assert response.status_code == 302
        assert mail.outbox == []  # nothing leaves before the save is committed
    for callback in callbacks:
        callback()

    (sent,) = mail.outbox
    assert sent.to == [publisher.email]
    assert "Eloise a soumis à la relecture : « Communiqué" in sent.body  # the back office's language
    assert sent.subject.startswith("À relire : ")
    assert "Ready, the figures are checked." in sent.body
    assert f"/press/pressrelease/{release.pk}/change/" in sent.body
    (message,) = ReviewMessage.objects.all()
    assert (message.kind, message.author, message.text) == ("submitted", editor, "Ready, the figures are checked.")


def test_sending_back_with_a_comment_tells_the_author_and_the_form_keeps_it(
    immediate_tasks, editor, publisher, django_capture_on_commit_callbacks
):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None, created_by=editor)
    client = client_for(publisher)
    url = admin_url("press_pressrelease_change", release.pk, language="en")
    data = change_form_data(client, url) | {
        "status": Status.DRAFT,
        "review_message": "The second quote needs a source.",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == [editor.email]
    assert "The second quote needs a source." in sent.body
    form = client_for(editor).get(admin_url("press_pressrelease_change", release.pk, language="fr")).text
    assert "The second quote needs a source." in form
    assert "renvoyé en brouillon" in form


def test_publishing_tells_the_author_and_the_system_stays_silent(
    immediate_tasks, editor, publisher, django_capture_on_commit_callbacks
):
    by_editor = factories.complete_press_release(status=Status.REVIEW, publish_at=None, created_by=editor)
    imported = factories.complete_press_release(status=Status.DRAFT, publish_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        publish([by_editor], user=publisher)
        publish([imported], user=None)  # the importer or the demo loader

    (sent,) = mail.outbox
    assert sent.to == [editor.email]
    assert list(ReviewMessage.objects.values_list("kind", flat=True)) == ["published"]


def test_the_actor_is_not_mailed_about_their_own_step(immediate_tasks, publisher, django_capture_on_commit_callbacks):
    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None, created_by=publisher)

    with django_capture_on_commit_callbacks(execute=True):
        send_back([release], user=publisher, message="Mine.")

    assert mail.outbox == []
    assert ReviewMessage.objects.get().text == "Mine."


def test_a_failed_send_is_logged_and_retried_later_without_undoing_the_save(settings, editor, publisher, caplog):
    settings.TASKS = DATABASE
    settings.EMAIL_BACKEND = "tests.workflow.test_review_messages.FailingBackend"
    from django_tasks_db.models import DBTaskResult

    release = factories.PressReleaseFactory(status=Status.REVIEW, publish_at=None, created_by=editor)
    send_back([release], user=publisher, message="Rework the lead.")
    message = ReviewMessage.objects.get()

    result = notify_review.call(message_id=message.pk, attempt=1)

    assert result == {"sent": 0, "failed": 1, "retry": True}
    assert "sending failed (attempt 1 of 4): the relay hung up" in caplog.text
    retry = DBTaskResult.objects.get(task_path="workflow.tasks.notify_review")
    assert retry.args_kwargs["kwargs"] == {"message_id": message.pk, "attempt": 2}
    assert retry.run_after is not None
    release.refresh_from_db()
    assert release.status == Status.DRAFT

    assert notify_review.call(message_id=message.pk, attempt=4)["retry"] is False
