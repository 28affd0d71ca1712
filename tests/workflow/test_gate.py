"""The permission gate on the side doors: revert, inlines, history ids, date drill-down."""

import pytest

from directory.models import Organisation
from international.models import KeyFigure
from press.models import PressRelease
from tests import factories
from workflow.states import Status
from workflow.transitions import publish, unpublish

from .conftest import change_form_data, client_for, make_user
from .conftest import english_admin_url as admin_url

pytestmark = pytest.mark.django_db


def revert_url(obj, record):
    opts = obj._meta
    return admin_url(f"{opts.app_label}_{opts.model_name}_simple_history", obj.pk, record.pk)


def first_record(obj):
    return obj.history.order_by("history_date").first()


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@inserm.example", "a-long-test-password")
    return client_for(user)


@pytest.mark.parametrize(
    ("factory", "field", "value", "roles"),
    [
        (factories.OrganisationFactory, "website", "https://evil.example/", ["Editors", "Publishers"]),
        (factories.PersonFactory, "last_name", "Usurped", ["Editors", "Publishers"]),
        (factories.ThemeFactory, "name_en", "Usurped", ["Editors", "Publishers"]),
        (factories.KeyFigureFactory, "value", "999999.00", ["Editors"]),
        (factories.PlaceFactory, "name_en", "Usurped", ["Editors"]),
        (factories.IndicatorFactory, "unit", "Usurped", ["Editors"]),
    ],
)
def test_revert_of_reference_data_needs_the_change_permission(
    django_user_model, superuser_client, factory, field, value, roles
):
    obj = factory()
    url = revert_url(obj, first_record(obj))
    data = change_form_data(superuser_client, url) | {field: value}
    for role in roles:
        client = client_for(make_user(django_user_model, role.lower(), role))

        response = client.post(url, data)

        assert response.status_code == 403, role
        obj.refresh_from_db()
        assert str(getattr(obj, field)) != value
    assert obj.history.count() == 1


def test_publisher_reverts_a_key_figure_they_keep(django_user_model, superuser_client):
    figure = factories.KeyFigureFactory(value=12)
    KeyFigure.objects.filter(pk=figure.pk).update(value=13)
    url = revert_url(figure, first_record(figure))
    publisher = client_for(make_user(django_user_model, "paul", "Publishers"))

    response = publisher.post(url, change_form_data(superuser_client, url))

    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == 12


def test_administrator_reverts_an_organisation(django_user_model):
    organisation = factories.OrganisationFactory(website="https://good.example/")
    Organisation.objects.filter(pk=organisation.pk).update(website="https://bad.example/")
    client = client_for(make_user(django_user_model, "ada", "Administrators"))
    url = revert_url(organisation, first_record(organisation))

    response = client.post(url, change_form_data(client, url))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://good.example/"


def test_editor_reverts_a_draft_to_a_revision_in_which_it_was_published(editor_client, publisher):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_en="Reviewed title")
    publish([release], user=publisher)
    published_record = release.history.order_by("-history_date").first()
    unpublish([PressRelease.objects.get(pk=release.pk)], user=publisher)
    url = admin_url("press_pressrelease_change", release.pk)
    editor_client.post(url, change_form_data(editor_client, url) | {"title_en": "Botched title"})
    assert PressRelease.objects.get(pk=release.pk).title_en == "Botched title"
    url = revert_url(release, published_record)

    response = editor_client.post(url, change_form_data(editor_client, url))

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_en == "Reviewed title"
    assert release.status == Status.DRAFT
    assert not PressRelease.objects.live().filter(pk=release.pk).exists()


def test_editor_crafted_revert_post_cannot_publish(editor_client, publisher):
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    publish([release], user=publisher)
    published_record = release.history.order_by("-history_date").first()
    unpublish([PressRelease.objects.get(pk=release.pk)], user=publisher)
    url = revert_url(release, published_record)

    response = editor_client.post(url, change_form_data(editor_client, url) | {"status": Status.PUBLISHED})

    assert response.status_code == 200
    assert "Only a Publisher can publish" in response.content.decode()
    release.refresh_from_db()
    assert release.status == Status.DRAFT


def test_inline_rows_of_a_published_release_are_read_only_for_an_editor(editor):
    from django.contrib.admin import site
    from django.test import RequestFactory

    release = factories.PressReleaseFactory()
    request = RequestFactory().get("/")
    request.user = editor
    inlines = site._registry[PressRelease].get_inline_instances(request, release)

    assert inlines
    for inline in inlines:
        assert not inline.has_add_permission(request, release)
        assert not inline.has_change_permission(request, release)
        assert not inline.has_delete_permission(request, release)


def test_a_history_id_that_is_not_a_number_is_not_found(editor_client):
    release = factories.PressReleaseFactory(status=Status.DRAFT)

    response = editor_client.get(admin_url("press_pressrelease_simple_history", release.pk, "abc"))

    assert response.status_code == 404


def test_date_drill_down_out_of_range_is_a_form_error(editor_client):
    factories.PressReleaseFactory(status=Status.DRAFT)

    response = editor_client.get(admin_url("press_pressrelease_changelist") + "?release_date__year=99999999999")

    assert response.status_code == 302
    assert response.url.endswith("?e=1")


@pytest.mark.parametrize("model", [PressRelease, Organisation])
def test_the_history_of_an_object_id_that_is_not_a_number_is_not_found(editor_client, model):
    opts = model._meta

    response = editor_client.get(admin_url(f"{opts.app_label}_{opts.model_name}_history", "abc"))

    assert response.status_code == 404


def test_delete_selected_judges_each_object_in_its_state(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("deleter", "deleter@inserm.example", "a-long-test-password")
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="press",
            codename__in=["view_pressrelease", "change_pressrelease", "delete_pressrelease"],
        )
    )
    draft = factories.PressReleaseFactory(status=Status.DRAFT)
    live = factories.PressReleaseFactory()

    response = client_for(user).post(
        admin_url("press_pressrelease_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, live.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert PressRelease.objects.filter(pk__in=[draft.pk, live.pk]).count() == 2
