"""Content that is not live (draft, in review, scheduled, embargoed, expired) shows nowhere the public can look."""

import datetime
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.translation import override
from modeltranslation.translator import translator

from core.richtext import RichTextField
from directory.models import Organisation, Person
from press.models import Quote
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    KeyFigureFactory,
    LiveOrganisationFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PlaceFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
    SignatoryFactory,
    SitePlaceFactory,
    ThemeFactory,
)
from workflow.mixins import Publishable
from workflow.states import Status
from workflow.transitions import publish

pytestmark = pytest.mark.django_db

MARKER = "zqxleakmarker"
# Queries that find the marker (accents and case aside) while their echo on the page does not spell it.
SEARCH_QUERY = "ZQXLEÁKMARKER"
LIST_QUERY = "LEAKMARKER"
LANGUAGES = ("fr", "en")
FACTORIES = {
    "press.pressrelease": PressReleaseFactory,
    "partnerships.agreement": AgreementFactory,
    "international.cooperationsite": CooperationSiteFactory,
    "international.fundinginstrument": FundingInstrumentFactory,
    "pages.page": PageFactory,
}


def publishable_models():
    # The walkthrough's throw-away type (tests/throwaway) is public nowhere unless its own test registers it.
    return [
        model for model in apps.get_models() if issubclass(model, Publishable) and model._meta.app_label != "throwaway"
    ]


def hidden_states(now):
    """Return ``{state: field values}`` for every way of not being live."""
    day = datetime.timedelta(days=1)
    states = {
        status.value: {"status": status, "publish_at": None, "unpublish_at": None}
        for status in Status
        if status != Status.PUBLISHED
    }
    states["scheduled"] = {"status": Status.REVIEW, "publish_at": now + day, "unpublish_at": None}
    states["embargoed"] = {"status": Status.PUBLISHED, "publish_at": now + day, "unpublish_at": None}
    states["expired"] = {"status": Status.PUBLISHED, "publish_at": now - 3 * day, "unpublish_at": now - day}
    return states


def marked_fields(model, state):
    """Return the marker in every translated field of ``model``, in both languages."""
    values = {}
    for name in translator.get_options_for_model(model).fields:
        for language in LANGUAGES:
            column = model._meta.get_field(f"{name}_{language}")
            if name == "slug":
                text = f"{MARKER}-{state}-{language}"
            elif isinstance(column, RichTextField):
                text = f"<p>{MARKER} {state}</p>"
            else:
                text = f"{MARKER} {state}"
            values[column.name] = text[: column.max_length] if column.max_length else text
    return values


@pytest.fixture
def world():
    """Live content linked to hidden content of every Publishable model in every hidden state.

    ``organisation`` takes part in live and hidden content; a second, marked organisation and a marked
    person of it (speaker, signatory, site lead) only in hidden content.
    """
    now = timezone.now()
    theme, organisation = ThemeFactory(), LiveOrganisationFactory()
    private = OrganisationFactory(**marked_fields(Organisation, "named-by-hidden-content-only"))
    person = PersonFactory(last_name=MARKER, organisation=private, **marked_fields(Person, "person"))
    live = {
        "release": PressReleaseFactory(),
        "agreement": AgreementFactory(),
        "instrument": FundingInstrumentFactory(),
        "page": PageFactory(),
    }
    live["site"] = CooperationSiteFactory(funding_instrument=live["instrument"])
    SitePlaceFactory(site=live["site"])
    KeyFigureFactory()
    missing = {model._meta.label_lower for model in publishable_models()} - set(FACTORIES)
    assert not missing, f"Give these Publishable models a factory in this test: {missing}"

    hidden = []
    for label, factory in FACTORIES.items():
        model = apps.get_model(label)
        for state, values in hidden_states(now).items():
            obj = factory(**values, **marked_fields(model, state))
            hidden.append(obj)
            if label == "press.pressrelease":
                obj.themes.add(theme)
                obj.related_agreement = live["agreement"]
                obj.save()
                PressReleaseIssuerFactory(release=obj, organisation=organisation)
                PressReleaseIssuerFactory(release=obj, organisation=private, position=1)
                obj.funders.add(private)
                Quote.objects.create(release=obj, text_fr="Citation.", speaker=person)
            elif label == "partnerships.agreement":
                obj.themes.add(theme)
                obj.renewal_of = live["agreement"]
                obj.save()
                AgreementPartyFactory(agreement=obj, organisation=organisation)
                AgreementPartyFactory(agreement=obj, organisation=private, position=1)
                SignatoryFactory(agreement=obj, person=person)
            elif label == "international.cooperationsite":
                obj.themes.add(theme)
                obj.partners.add(organisation, private)
                obj.funding_instrument = live["instrument"]
                obj.lead = person
                obj.save()
                SitePlaceFactory(site=obj, place=PlaceFactory())
            elif label == "pages.page" and state != Status.DRAFT:  # drafts stay top-level: menu candidates
                obj.parent = live["page"]
                obj.save()
    # Live content pointing to hidden content: the link must not show.
    live["release"].related_agreement = next(obj for obj in hidden if obj._meta.model_name == "agreement")
    live["release"].save()
    live["site"].funding_instrument = next(obj for obj in hidden if obj._meta.model_name == "fundinginstrument")
    live["site"].save()
    hidden.append(private)
    return {"live": live, "hidden": hidden, "theme": theme, "organisation": organisation, "private": private}


def localized(name, language, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def public_site_urls(world):
    """Return every public page, list, search, feed and map address in both languages."""
    urls = ["/sitemap.xml", "/robots.txt"]
    theme = world["theme"]
    for language in LANGUAGES:
        for name in (
            "home",
            "press:release-list",
            "press:feed-rss",
            "press:feed-atom",
            "partnerships:agreement-list",
            "partnerships:feed-rss",
            "partnerships:feed-atom",
            "international:overview",
            "international:map",
            "international:site-list",
            "international:instrument-list",
            "international:key-figures",
            "international:map-geojson",
            "directory:theme-list",
        ):
            urls.append(localized(name, language))
        with override(language):
            urls += [obj.get_absolute_url() for obj in world["live"].values()]
            urls += [theme.get_absolute_url(), world["organisation"].get_absolute_url()]
            urls += [reverse("press:theme-feed-rss", kwargs={"slug": theme.slug})]
            urls += [reverse("press:theme-feed-atom", kwargs={"slug": theme.slug})]
            search = reverse("search:results")
            urls += [f"{search}?q={SEARCH_QUERY}", f"{search}?q={SEARCH_QUERY}&type=releases"]
            urls += [f"{search}?q={SEARCH_QUERY}+draft", f"{search}?q={SEARCH_QUERY}&type=organisations"]
            urls += [f"{reverse('press:release-list')}?q={LIST_QUERY}"]
            urls += [f"{reverse('partnerships:agreement-list')}?q={LIST_QUERY}"]
    return urls


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


# A parameter of a route: a regular expression group, or a path converter.
GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>")


def api_urls(hidden):
    """Return the API's addresses: every list (JSON and CSV), and every detail route for each hidden object."""
    lookups = [str(obj.pk) for obj in hidden] + [obj.slug_fr for obj in hidden if getattr(obj, "slug_fr", "")]
    urls = []
    for route in walk(get_resolver().url_patterns):
        if not route.startswith("api/"):
            continue
        path = "/" + route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
        groups = [regex_name or converter_name for regex_name, converter_name in GROUP.findall(path)]
        if not groups:
            urls.append(path)
        elif groups == ["format"]:
            urls += [GROUP.sub(extension, path) for extension in ("json", "csv")]
        elif "format" not in groups and len(groups) == 1:
            urls += [GROUP.sub(lookup, path) for lookup in lookups]
    return list(dict.fromkeys(urls))


def assert_marker_nowhere(client, urls, allowed_statuses=(200,)):
    seen = 0
    for url in urls:
        cache.clear()  # the API throttle counts in the cache
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code in allowed_statuses, (url, response.status_code)
        assert MARKER not in body.decode(errors="replace").lower(), url
        seen += response.status_code == 200
    return seen


def test_hidden_content_shows_nowhere(client, world):
    assert assert_marker_nowhere(client, public_site_urls(world)) > 50


def test_hidden_content_is_absent_from_the_api(client, world):
    urls = api_urls(world["hidden"])
    assert any(url.startswith("/api/v1/press-releases/") for url in urls), urls
    # A format the API does not offer or a hidden object answers 404; what answers must not hold the marker.
    assert assert_marker_nowhere(client, urls, allowed_statuses=(200, 404)) >= 8


def test_hidden_objects_have_no_page(client, world):
    for obj in world["hidden"]:
        for language in LANGUAGES:
            with override(language):
                assert client.get(obj.get_absolute_url()).status_code == 404, obj.get_absolute_url()


def test_hidden_releases_have_no_pdf(client, world):
    releases = [obj for obj in world["hidden"] if obj._meta.model_name == "pressrelease"]
    assert releases
    for release in releases:
        for language in LANGUAGES:
            with override(language):
                url = reverse("press:release-pdf", kwargs={"slug": release.slug})
            assert client.get(url).status_code == 404, url


def test_published_item_then_shows_everywhere_it_belongs(client, world):
    draft = next(
        obj for obj in world["hidden"] if obj._meta.model_name == "pressrelease" and obj.status == Status.DRAFT
    )
    publish([draft])

    with override("fr"):
        search = client.get(reverse("search:results"), {"q": SEARCH_QUERY}).content.decode()
        listed = client.get(reverse("press:release-list"), {"q": LIST_QUERY}).content.decode()
        feed = client.get(reverse("press:feed-rss")).content.decode()
        theme_page = client.get(world["theme"].get_absolute_url()).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()

    for page in (search, listed, feed, theme_page):
        assert MARKER in page
    assert f"{MARKER}-draft-fr" in sitemap
    assert f"{MARKER}-draft-en" in sitemap
    # The draft's issuers come out with it: the organisation named by hidden content only now has a page.
    assert world["private"].slug_fr in sitemap
    with override("en"):
        assert client.get(world["private"].get_absolute_url()).status_code == 200
    api = client.get(localized("api:press-release-list", "fr"))
    assert api.status_code == 200
    assert MARKER in api.content.decode()
