"""docs/architecture.md, "Adding a content type", done for real: a throw-away type shows up everywhere.

tests/throwaway/ is the app the walkthrough describes (model, translation, admin, views, template, API,
content_types.py). Registered, its live notice is found in the sitemap, site search (SQLite and
PostgreSQL), the API and its own page with the page metadata, and its notices in review or scheduled
on the admin dashboard; the draft, the one in review and the scheduled one are nowhere public.
"""

import datetime
import importlib
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from core.content_types import for_model, unregister
from tests.throwaway.content_types import register_notices
from tests.throwaway.models import Notice
from tests.throwaway.notice_admin import NoticeAdmin
from workflow.transitions import publish, submit_for_review

pytestmark = pytest.mark.django_db

WORD = "zeppelin"  # in every notice's text: a search for it may only find the live one


@pytest.fixture
def notices(settings):
    """Register the notices (content type and admin) for the length of the test, with URLs to match."""
    importlib.import_module("inserm_cms.urls")  # the site's own URLs (and API routes) built without notices
    register_notices()
    admin.site.register(Notice, NoticeAdmin)
    importlib.reload(importlib.import_module("tests.throwaway.site_urls"))
    settings.ROOT_URLCONF = "tests.throwaway.site_urls"
    yield
    admin.site.unregister(Notice)
    unregister(Notice)


def role_user(django_user_model, role):
    user = django_user_model.objects.create_user(
        role.lower(), f"{role.lower()}@example.org", "a-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))  # the groups the roles migrations made and granted
    return user


@pytest.fixture
def editor(django_user_model):
    return role_user(django_user_model, "Editors")


@pytest.fixture
def publisher(django_user_model):
    return role_user(django_user_model, "Publishers")


def make_notice(state, **fields):
    return Notice.objects.create(
        title_fr=f"Avis {state} : {WORD}",
        title_en=f"Notice {state}: {WORD}",
        summary_fr=f"Le {WORD} du campus ({state}).",
        body_fr=f"<p>Texte de l'avis {state}.</p>",
        body_en=f"<p>Text of the {state} notice.</p>",
        issued_on=datetime.date(2026, 3, 2),
        **fields,
    )


@pytest.fixture
def items(editor, publisher):
    """A live notice, a draft, one in review and one published but scheduled for next week."""
    live, draft, review, scheduled = (make_notice(state) for state in ("live", "draft", "review", "scheduled"))
    publish([live], user=publisher)
    submit_for_review([review], user=editor)
    publish([scheduled], user=publisher, at=timezone.now() + datetime.timedelta(days=7))
    return {"live": live, "draft": draft, "review": review, "scheduled": scheduled}


def hidden(items):
    return [items[state] for state in ("draft", "review", "scheduled")]


def page_url(notice, language):
    with override(language):
        return notice.get_absolute_url()


def test_the_live_notice_is_in_the_sitemap_in_both_languages(client, notices, items):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    sitemap = response.content.decode()
    for language in ("fr", "en"):
        assert f"<loc>http://testserver{page_url(items['live'], language)}</loc>" in sitemap
        for notice in hidden(items):
            assert page_url(notice, language) not in sitemap


def test_the_live_notice_has_its_page_with_the_page_metadata(client, notices, items):
    response = client.get(page_url(items["live"], "en"))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<meta property="og:title" content="Notice live: zeppelin">' in page
    assert '<meta name="description" content="Le zeppelin du campus (live).">' in page  # the French summary
    for notice in hidden(items):
        assert client.get(page_url(notice, "en")).status_code == 404


def result_titles(response):
    """Return the titles of the search results, without their highlighting."""
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="card__title"><a [^>]*>(.*?)</a>', html)]


@pytest.mark.parametrize(("language", "title"), [("fr", "Avis live : zeppelin"), ("en", "Notice live: zeppelin")])
def test_search_finds_the_live_notice_only(client, notices, items, language, title):
    with override(language):
        url = reverse("search:results")

    response = client.get(url, {"q": WORD})

    assert response.status_code == 200
    assert result_titles(response) == [title]
    assert page_url(items["live"], language) in response.content.decode()
    # The type's own filter finds it too.
    filtered = client.get(url, {"q": WORD, "type": "notices"})
    assert filtered.status_code == 200
    assert result_titles(filtered) == [title]


def test_search_by_year_of_the_notice(client, notices, items):
    with override("fr"):
        url = reverse("search:results")

    assert page_url(items["live"], "fr") in client.get(url, {"q": WORD, "year": 2026}).content.decode()


def test_the_notice_is_searched_without_a_stored_vector_column():
    """A new type has no generated vector column (search/migrations/0002): search computes its vector."""
    from search.documents import Document

    registration = register_notices()
    try:
        assert Document.of(registration).stored is False
    finally:
        unregister(Notice)


def test_the_api_lists_the_live_notice_after_the_other_endpoints(client, notices, items):
    root = client.get("/api/v1/").json()
    assert list(root)[-3:] == ["notices", "schema", "docs"]
    assert root["notices"] == "http://testserver/api/v1/notices/"

    listing = client.get("/api/v1/notices/")

    assert listing.status_code == 200
    assert [notice["id"] for notice in listing.json()["results"]] == [items["live"].pk]
    detail = client.get(f"/api/v1/notices/{items['live'].pk}/").json()
    assert detail["title"] == {"fr": "Avis live : zeppelin", "en": "Notice live: zeppelin"}
    assert detail["url"]["en"] == f"http://testserver{page_url(items['live'], 'en')}"
    for notice in hidden(items):
        assert client.get(f"/api/v1/notices/{notice.pk}/").status_code == 404


def test_the_dashboard_shows_the_notices_in_review_and_scheduled(client, notices, items, editor):
    client.force_login(editor)
    with override("en"):
        url = reverse("admin:index")

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    review = page.split('id="dashboard-review"')[1].split("</section>")[0]
    scheduled = page.split('id="dashboard-scheduled"')[1].split("</section>")[0]
    with override("en"):
        review_url = reverse("admin:throwaway_notice_change", args=[items["review"].pk])
        scheduled_url = reverse("admin:throwaway_notice_change", args=[items["scheduled"].pk])
    assert "<h3>Notices</h3>" in review
    assert f'<a href="{review_url}">Notice review: zeppelin</a>' in review
    assert "Notice live" not in review and "Notice draft" not in review
    assert "<h3>Notices</h3>" in scheduled
    assert f'<a href="{scheduled_url}">Notice scheduled: zeppelin</a>' in scheduled
    assert "Notice live" not in scheduled


def test_the_roles_migration_lets_publishers_only_publish_a_notice(editor, publisher):
    notice = make_notice("draft")

    with pytest.raises(PermissionDenied):
        publish([notice], user=editor)
    assert publish([notice], user=publisher) == 1
    assert editor.has_perm("throwaway.change_notice") and not editor.has_perm("throwaway.publish_notice")


def test_an_unregistered_type_takes_part_in_nothing(client, items):
    """The control: the same notices, their type not registered, are in no sitemap, search or API."""
    assert for_model(Notice) is None
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert WORD not in sitemap.content.decode() and "notices" not in sitemap.content.decode()
    with override("fr"):
        url = reverse("search:results")
    found = client.get(url, {"q": WORD})
    assert found.status_code == 200
    assert "Avis live" not in found.content.decode()
    assert "notices" not in client.get("/api/v1/").json()
