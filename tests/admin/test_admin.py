import datetime
import html
import re

import factory
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils import timezone

from international.models import Place
from partnerships.models import Agreement
from press.models import PressRelease
from tests import factories
from tests.helpers import admin_url
from workflow.states import Status

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Read-only lists (no add form), checked on their own: the logs of django-axes and django-tasks-db, the About
# texts imports propose, and what the public (subscribers) or the mailing tasks write, which staff look up.
READ_ONLY_APPS = {"axes", "django_tasks_database"}
READ_ONLY_MODELS = {"press.aboutproposal", "newsroom.subscriber", "newsroom.mailing", "newsroom.delivery"}


def is_read_only(model):
    return model._meta.app_label in READ_ONLY_APPS or model._meta.label_lower in READ_ONLY_MODELS


EDITABLE = [model for model in REGISTERED if not is_read_only(model)]
READ_ONLY = [model for model in REGISTERED if is_read_only(model)]


def factory_for(model):
    """Return the factory of ``model`` from tests/factories.py."""
    for value in vars(factories).values():
        is_factory = isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory)
        if is_factory and value._meta.model is model:
            return value
    raise LookupError(f"No factory for {model._meta.label}: add one to tests/factories.py")


def make_object(model, user):
    if model is user._meta.model:
        return user
    if model is Group:
        return Group.objects.get_or_create(name="Editors")[0]  # the roles come with a data migration
    return factory_for(model)()


def management_data(html):
    """Return empty management forms for every inline formset of an admin form page."""
    data = {}
    for prefix in re.findall(r'name="([\w-]+)-TOTAL_FORMS"', html):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def agreement_data(staff_client, url, **overrides):
    data = management_data(staff_client.get(url).content.decode())
    data |= {
        "title_fr": "Accord-cadre Région Bretagne",
        "title_en": "Brittany Region framework agreement",
        "kind": Agreement.Kind.FRAMEWORK,
        "summary_fr": "Résumé.",
        "signed_on": "2024-05-01",
        "starts_on": "2024-05-01",
        "ends_on": "2024-01-01",
        "status": Status.DRAFT,
    }
    return data | overrides


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda model: model._meta.label_lower)
def test_read_only_logs_render_for_staff(staff_client, model):
    assert staff_client.get(admin_url("changelist", model=model)).status_code == 200


@pytest.mark.parametrize("model", EDITABLE, ids=lambda model: model._meta.label_lower)
def test_every_admin_page_renders_for_staff(staff_client, django_user_model, model):
    user = django_user_model.objects.get(username="staff")
    obj = make_object(model, user)

    assert staff_client.get(admin_url("changelist", model=model)).status_code == 200
    assert staff_client.get(admin_url("add", model=model)).status_code == 200
    assert staff_client.get(admin_url("change", obj.pk, model=model)).status_code == 200
    assert staff_client.get(admin_url("changelist", model=model, language="en")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_pages_send_anonymous_visitors_to_login(client, model):
    urls = [admin_url("changelist", model=model)] + ([admin_url("add", model=model)] if model in EDITABLE else [])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(admin_url("login") + "?next=")


def test_site_header_is_customised(staff_client):
    response = staff_client.get(admin_url("index", language="en"))
    assert b"Inserm communication" in response.content


@pytest.mark.parametrize(
    ("query", "found"),
    [("vaccins", "Essai sur les vaccins"), ("antibiotics", "Essai sur les vaccins")],
)
def test_search_finds_french_and_english_titles(staff_client, query, found):
    factories.PressReleaseFactory(title_fr="Essai sur les vaccins", title_en="Antibiotics trial")
    factories.PressReleaseFactory(title_fr="Autre sujet", title_en="Another topic")

    response = staff_client.get(admin_url("changelist", model=PressRelease), {"q": query})

    assert response.status_code == 200
    assert found in response.content.decode()
    assert "Autre sujet" not in response.content.decode()


def test_publish_action_makes_a_draft_live(staff_client):
    draft = factories.complete_press_release(status=Status.DRAFT, publish_at=None)
    assert not PressRelease.objects.live().exists()

    response = staff_client.post(
        admin_url("changelist", model=PressRelease, language="en"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert list(PressRelease.objects.live()) == [draft]
    assert "Published 1 press release." in response.content.decode()
    draft.refresh_from_db()
    assert draft.updated_by.username == "staff"


def test_publish_action_warns_about_a_release_scheduled_later(staff_client):
    later = timezone.now() + datetime.timedelta(days=3)
    draft = factories.complete_press_release(status=Status.DRAFT, publish_at=later)

    response = staff_client.post(
        admin_url("changelist", model=PressRelease, language="en"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert not PressRelease.objects.live().exists()
    assert "1 of them is not visible yet" in response.content.decode()


def test_unpublish_action_takes_live_items_off(staff_client):
    live = factories.AgreementFactory.create_batch(2)
    assert Agreement.objects.live().count() == 2

    response = staff_client.post(
        admin_url("changelist", model=Agreement, language="en"),
        {"action": "unpublish_selected", "_selected_action": [obj.pk for obj in live]},
        follow=True,
    )

    assert not Agreement.objects.live().exists()
    assert "Unpublished 2 agreements: back to draft." in response.content.decode()


def test_english_translation_filter_lists_only_incomplete_items(staff_client):
    factories.PressReleaseFactory(title_fr="Communiqué traduit", title_en="Translated release")
    factories.PressReleaseFactory(title_fr="Communiqué sans chapô", title_en="Release without lead", lead_en="")
    # The list shows the French title where the English one is missing.
    factories.PressReleaseFactory(title_fr="Communiqué sans titre anglais", title_en="", body_en="  ")
    url = admin_url("changelist", model=PressRelease, language="en")

    missing = staff_client.get(url, {"translation_en": "missing"}).content.decode()
    complete = staff_client.get(url, {"translation_en": "complete"}).content.decode()

    assert "Release without lead" in missing
    assert "Communiqué sans titre anglais" in missing
    assert "Translated release" not in missing
    assert "Missing: lead" in missing
    assert "Missing: title, body" in missing
    assert "Translated release" in complete
    assert "Release without lead" not in complete
    assert "Communiqué sans titre anglais" not in complete


def test_state_column_words_the_workflow(staff_client):
    now = timezone.now()
    factories.PressReleaseFactory(title_en="Live release")
    factories.PressReleaseFactory(title_en="Draft release", status=Status.DRAFT)
    factories.PressReleaseFactory(title_en="Release in review", status=Status.REVIEW)
    factories.PressReleaseFactory(title_en="Scheduled release", publish_at=now + datetime.timedelta(days=2))
    factories.PressReleaseFactory(title_en="Expired release", unpublish_at=now - datetime.timedelta(hours=1))
    url = admin_url("changelist", model=PressRelease, language="en")

    content = staff_client.get(url).content.decode()

    for words in ("Draft", "In review", "Scheduled for", "Expired", "Published"):
        assert f'<td class="field-state">{words}' in content
    scheduled = staff_client.get(url, {"state": "scheduled"}).content.decode()
    assert "Scheduled release" in scheduled
    assert "Draft release" not in scheduled
    assert "Live release" not in scheduled


def test_agreement_ending_before_it_starts_is_refused_in_english(staff_client):
    url = admin_url("add", model=Agreement, language="en")

    response = staff_client.post(url, agreement_data(staff_client, url))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en"' in content
    assert not Agreement.objects.exists()
    # The message sits in the "ends on" row, and what was typed is still there.
    row = re.search(r'<div class="form-row errors field-ends_on">.*?</div>', content, re.S).group(0)
    assert "An agreement cannot end before it starts." in row
    assert 'value="Accord-cadre Région Bretagne"' in content
    assert 'value="Brittany Region framework agreement"' in content


def test_agreement_ending_before_it_starts_is_refused_in_french(staff_client):
    url = admin_url("add", model=Agreement, language="fr")

    response = staff_client.post(url, agreement_data(staff_client, url))

    content = html.unescape(response.content.decode())
    assert '<html lang="fr"' in content
    assert "Corrigez l’erreur ci-dessous." in content
    row = re.search(r'<div class="form-row errors field-ends_on">.*?</div>', content, re.S).group(0)
    assert "Un accord ne peut pas prendre fin avant d'avoir commencé." in row
    assert 'value="Accord-cadre Région Bretagne"' in content
    assert not Agreement.objects.exists()


def test_agreement_with_end_date_and_duration_is_refused(staff_client):
    url = admin_url("add", model=Agreement, language="en")

    response = staff_client.post(url, agreement_data(staff_client, url, ends_on="2029-04-30", duration_months="60"))

    content = response.content.decode()
    assert "Give either an end date or a duration, not both." in content
    assert 'id="id_ends_on_error"' in content
    assert not Agreement.objects.exists()


def test_valid_agreement_is_saved_with_its_author(staff_client):
    url = admin_url("add", model=Agreement, language="en")

    response = staff_client.post(url, agreement_data(staff_client, url, ends_on="2029-04-30"))

    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.slug_fr == "accord-cadre-region-bretagne"
    assert agreement.created_by.username == "staff"
    assert agreement.updated_by.username == "staff"
    assert agreement.status == Status.DRAFT


def test_second_release_with_the_same_title_gets_a_form_error_not_a_crash(staff_client):
    factories.PressReleaseFactory(title_fr="Même titre", title_en="Same title")
    url = admin_url("add", model=PressRelease, language="en")
    data = management_data(staff_client.get(url).content.decode())
    data |= {"title_fr": "Même titre", "release_date": "2024-06-01", "status": Status.DRAFT}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Another item already uses this address (slug) in this language." in response.content.decode()
    assert PressRelease.objects.count() == 1


def test_rich_text_is_stored_sanitised(staff_client):
    url = admin_url("add", model=PressRelease, language="en")
    data = management_data(staff_client.get(url).content.decode())
    data |= {
        "title_fr": "Communiqué piégé",
        "release_date": "2024-06-01",
        "status": Status.DRAFT,
        "body_fr": (
            '<p>Bonjour<script>alert("x")</script>'
            '<img src="x" onerror="alert(1)">'
            '<a href="javascript:alert(1)">lien</a> '
            '<a href="https://www.inserm.fr" onclick="steal()">Inserm</a></p>'
        ),
        "body_en": '<p onmouseover="alert(1)">Hello</p>',
    }

    response = staff_client.post(url, data)

    assert response.status_code == 302
    release = PressRelease.objects.get()
    for stored in (release.body_fr, release.body_en):
        assert "<script" not in stored
        assert "onerror" not in stored
        assert "onclick" not in stored
        assert "onmouseover" not in stored
        assert "javascript:" not in stored
        assert "<img" not in stored
    assert "Bonjour" in release.body_fr
    assert 'href="https://www.inserm.fr"' in release.body_fr
    assert release.body_en == "<p>Hello</p>"


def test_rich_text_fields_render_the_prose_editor_in_each_language(staff_client):
    content = staff_client.get(admin_url("add", model=PressRelease, language="en")).content.decode()

    for language in ("fr", "en"):
        textarea = re.search(rf'<textarea name="body_{language}"[^>]*>', content).group(0)
        assert "data-django-prose-editor-configurable" in textarea
        assert f"mt-field-body-{language}" in textarea
    assert "django_prose_editor/editor.js" in content
    assert "modeltranslation/js/tabbed_translation_fields.js" in content


def test_press_contact_without_email_or_phone_is_refused_beside_its_fields(staff_client):
    url = admin_url("add", model=PressRelease, language="en")
    data = management_data(staff_client.get(url).content.decode())
    data |= {
        "title_fr": "Communiqué avec contact",
        "release_date": "2024-06-01",
        "status": Status.DRAFT,
        "contacts-TOTAL_FORMS": "1",
        "contacts-0-name": "Service de presse",
        "contacts-0-position": "0",
    }

    response = staff_client.post(url, data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "A press contact needs an e-mail address or a phone number." in content
    assert 'value="Service de presse"' in content
    assert not PressRelease.objects.exists()


def test_view_on_site_only_for_live_objects(staff_client):
    live = factories.PressReleaseFactory()
    draft = factories.PressReleaseFactory(status=Status.DRAFT)
    scheduled = factories.PressReleaseFactory(publish_at=timezone.now() + datetime.timedelta(days=1))

    live_page = staff_client.get(admin_url("change", live.pk, model=PressRelease)).content.decode()
    assert "viewsitelink" in live_page
    for hidden in (draft, scheduled):
        assert (
            "viewsitelink" not in staff_client.get(admin_url("change", hidden.pk, model=PressRelease)).content.decode()
        )


def test_changelist_query_count_does_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    url = admin_url("changelist", model=PressRelease)
    factories.PressReleaseFactory.create_batch(3)
    staff_client.get(url)  # warm the session and content types

    with django_assert_max_num_queries(12) as few:
        staff_client.get(url)
    factories.PressReleaseFactory.create_batch(20)
    with django_assert_max_num_queries(len(few)):
        staff_client.get(url)


def test_admin_pages_load_no_script_from_another_host(staff_client):
    content = staff_client.get(admin_url("add", model=PressRelease)).content.decode()

    sources = re.findall(r'<script[^>]+src="([^"]+)"', content)
    assert sources
    assert [src for src in sources if src.startswith(("http:", "https:", "//"))] == []


@pytest.mark.parametrize("term", ["Santé publique", "Public Health"])
def test_organisation_autocomplete_searches_both_languages(staff_client, term):
    factories.OrganisationFactory(name_fr="Agence de santé publique", name_en="Public Health Agency", acronym="ASP")
    factories.OrganisationFactory(name_fr="Université de Rennes", name_en="University of Rennes", acronym="UR")

    response = staff_client.get(
        admin_url("autocomplete"),
        {"app_label": "press", "model_name": "pressreleaseissuer", "field_name": "organisation", "term": term},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["ASP"]


def test_country_filter_lists_only_countries_in_use(staff_client):
    factories.PlaceFactory(country="SN", name_en="Dakar")
    content = staff_client.get(admin_url("changelist", model=Place, language="en")).content.decode()

    assert "Senegal" in content
    assert "Zimbabwe" not in content
