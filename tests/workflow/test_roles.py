"""Who may do what: Editors write and submit, Publishers publish, through every path of the admin."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

from .conftest import change_form_data

pytestmark = pytest.mark.django_db


def test_the_three_roles_exist_with_their_permissions():
    editors, publishers, administrators = (
        Group.objects.get(name=name) for name in ("Editors", "Publishers", "Administrators")
    )

    def codenames(group):
        return set(group.permissions.values_list("codename", flat=True))

    assert {"add_pressrelease", "change_pressrelease", "view_organisation"} <= codenames(editors)
    assert not {"publish_pressrelease", "delete_pressrelease", "change_organisation"} & codenames(editors)
    assert {"publish_pressrelease", "publish_agreement", "publish_page", "add_embargolink"} <= codenames(publishers)
    assert not {"change_organisation", "add_user"} & codenames(publishers)
    assert {"publish_pressrelease", "change_organisation", "change_person", "change_theme", "add_user"} <= codenames(
        administrators
    )


def test_editor_sees_no_published_state_and_no_publish_action(editor_client):
    factories.PressReleaseFactory(status=Status.DRAFT)

    form = editor_client.get(admin_url("press_pressrelease_add", language="en")).content.decode()
    changelist = editor_client.get(admin_url("press_pressrelease_changelist", language="en")).content.decode()

    assert '<option value="review">' in form
    assert '<option value="published"' not in form
    assert 'value="submit_for_review_selected"' in changelist
    assert 'value="publish_selected"' not in changelist
    assert 'value="unpublish_selected"' not in changelist


def test_editor_crafted_post_publishing_a_new_release_is_refused(editor_client):
    url = admin_url("press_pressrelease_add", language="en")
    data = change_form_data(editor_client, url) | {
        "title_fr": "Communiqué pressé",
        "release_date": "2026-03-01",
        "status": Status.PUBLISHED,
    }

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Only a Publisher can publish" in response.content.decode()
    assert not PressRelease.objects.exists()


def test_editor_crafted_post_publishing_a_draft_is_refused_and_nothing_changes(editor_client):
    draft = factories.PressReleaseFactory(status=Status.DRAFT, title_fr="Brouillon")
    url = admin_url("press_pressrelease_change", draft.pk, language="en")
    data = change_form_data(editor_client, url) | {"status": Status.PUBLISHED, "title_fr": "Brouillon modifié"}

    response = editor_client.post(url, data)

    assert "Only a Publisher can publish" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.title_fr == "Brouillon"


def test_editor_submits_a_draft_for_review(editor_client, editor):
    draft = factories.PressReleaseFactory(status=Status.DRAFT)
    url = admin_url("press_pressrelease_change", draft.pk, language="en")
    data = change_form_data(editor_client, url) | {"status": Status.REVIEW}

    response = editor_client.post(url, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert draft.updated_by == editor


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected"])
def test_editor_crafted_publish_action_is_refused_with_a_message(editor_client, action):
    draft = factories.PressReleaseFactory(status=Status.REVIEW)
    live = factories.PressReleaseFactory()

    response = editor_client.post(
        admin_url("press_pressrelease_changelist", language="en"),
        {"action": action, "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )

    assert "Only a Publisher can publish or unpublish: nothing was changed." in response.content.decode()
    assert list(PressRelease.objects.live()) == [live]
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_editor_submit_for_review_action_moves_drafts_only(editor_client):
    draft = factories.PressReleaseFactory(status=Status.DRAFT)
    live = factories.PressReleaseFactory()

    response = editor_client.post(
        admin_url("press_pressrelease_changelist", language="en"),
        {"action": "submit_for_review_selected", "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )

    assert "Submitted 1 press release for review." in response.content.decode()
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status, live.status) == (Status.REVIEW, Status.PUBLISHED)


def test_editor_cannot_change_a_published_release(editor_client):
    live = factories.PressReleaseFactory(title_fr="En ligne")
    url = admin_url("press_pressrelease_change", live.pk, language="en")

    page = editor_client.get(url).content.decode()
    data = {"title_fr": "Changé en douce", "status": Status.DRAFT, "release_date": "2026-01-01"}
    response = editor_client.post(url, data)

    assert 'name="title_fr"' not in page  # view-only form
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.title_fr == "En ligne" and live.is_live


def test_editor_cannot_revert_a_published_release_to_an_old_draft(editor_client, publisher_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT, title_fr="Version brouillon")
    release.status = Status.PUBLISHED
    release.save()
    first = release.history.order_by("history_date").first()
    url = admin_url("press_pressrelease_simple_history", release.pk, first.pk, language="en")

    page = editor_client.get(url).content.decode()
    response = editor_client.post(url, {"title_fr": "Version brouillon", "status": Status.DRAFT})

    assert 'value="Revert"' not in page

    assert response.status_code == 403
    release.refresh_from_db()
    assert release.is_live


def test_publisher_publishes_from_the_form_and_schedules(publisher_client, publisher):
    draft = factories.complete_press_release(status=Status.REVIEW, publish_at=None)
    url = admin_url("press_pressrelease_change", draft.pk, language="en")
    data = change_form_data(publisher_client, url) | {
        "status": Status.PUBLISHED,
        "time_zone": "Europe/Paris",
        "publish_at_0": "2099-03-12",
        "publish_at_1": "09:00",
    }

    response = publisher_client.post(url, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.publish_at == datetime.datetime(2099, 3, 12, 8, 0, tzinfo=datetime.UTC)
    assert not draft.is_live
    assert draft.updated_by == publisher


def test_publisher_action_publishes(publisher_client):
    draft = factories.complete_press_release(status=Status.REVIEW, publish_at=None)

    publisher_client.post(
        admin_url("press_pressrelease_changelist", language="en"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    assert list(PressRelease.objects.live()) == [draft]


def test_editor_import_cannot_publish(editor_client, settings, tmp_path):
    upload_url = admin_url("press_pressrelease_import", language="en")
    text = "COMMUNIQUÉ DE PRESSE\n\nParis, le 3 mars 2025\n\nUn titre importé\n\nUn chapô.\n\nLe corps du texte.\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = editor_client.post(upload_url, {"file": SimpleUploadedFile("cp.txt", text.encode()), "language": "fr"})
    assert preview.status_code == 200
    assert preview.context["can_publish"] is False
    batch = preview.context["batch"]

    editor_client.post(
        admin_url("press_pressrelease_import_confirm", language="en"), {"batch": batch.pk, "publish": "on"}
    )

    assert list(PressRelease.objects.values_list("status", flat=True)) == [Status.DRAFT]


def test_administrator_manages_organisations_but_editor_only_reads_them(editor_client, administrator):
    from .conftest import client_for

    organisation = factories.OrganisationFactory()
    url = admin_url("directory_organisation_change", organisation.pk, language="en")

    assert 'name="name_fr"' in client_for(administrator).get(url).content.decode()
    assert 'name="name_fr"' not in editor_client.get(url).content.decode()
    assert editor_client.get(admin_url("directory_organisation_add", language="en")).status_code == 403
    assert editor_client.get(admin_url("auth_user_changelist", language="en")).status_code == 403
    assert client_for(administrator).get(admin_url("auth_user_changelist", language="en")).status_code == 200


def test_scheduled_release_is_not_live_before_its_time():
    later = timezone.now() + datetime.timedelta(hours=2)
    release = factories.PressReleaseFactory(publish_at=later)

    assert not PressRelease.objects.live().exists()
    assert list(PressRelease.objects.live(now=later)) == [release]
