"""RSS 2.0 and Atom feeds of the live press releases, in the active language, for the site and for each theme."""

import datetime
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.fragments import cached_fragments
from core.together import rows_only
from directory.models import Theme

from .models import PressRelease

FEED_LENGTH = 30


def release_datetime(release):
    """Return when a release came out: its go-live time on its release date, else the start of that day."""
    local_publish = timezone.localtime(release.publish_at) if release.publish_at else None
    if local_publish and local_publish.date() == release.release_date:
        return local_publish
    return timezone.make_aware(datetime.datetime.combine(release.release_date, datetime.time.min))


def image_enclosure(release, request):
    """Return ``(absolute URL, size in bytes, MIME type)`` of the release's image, or None if it has none."""
    asset = release.image
    if asset is None or not asset.file:
        return None
    try:
        size = asset.file.size
    except (OSError, ValueError):  # the file is missing from the storage: announce no enclosure
        return None
    mime_type = mimetypes.guess_type(asset.file.name)[0] or "application/octet-stream"
    return request.build_absolute_uri(asset.file.url), size, mime_type


class ReleaseFeed(Feed):
    """The latest live press releases, as RSS 2.0."""

    def get_object(self, request, *args, **kwargs):
        # items() only receives this object: it carries the request, for absolute image URLs.
        return {"request": request, "theme": None}

    def title(self, obj):
        return f"{settings.SITE_NAME} — {_('Press releases')}"

    def description(self, obj):
        return _("The latest press releases of Inserm and its partners.")

    subtitle = description

    def link(self, obj):
        return reverse("press:release-list")

    def feed_copyright(self, obj):
        return settings.SITE_PUBLISHER["name"]

    def items(self, obj):
        """Return the feed's entries: what each item says, kept per release like the site's cards (core.fragments)."""
        releases = PressRelease.objects.live().for_listing()
        if obj["theme"] is not None:
            releases = releases.filter(themes=obj["theme"])
        request = obj["request"]
        ids = list(rows_only(releases).values_list("pk", flat=True)[:FEED_LENGTH])
        loaded = {}

        def load(pks):
            loaded.update((release.pk, release) for release in releases.filter(pk__in=pks))

        keyed = [(("feed-entry", request.scheme, request.get_host(), pk), pk) for pk in ids]
        return cached_fragments(keyed, lambda pk: entry(loaded[pk], request), prepare=load)

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return item["link"]

    def item_pubdate(self, item):
        return item["pubdate"]

    def item_updateddate(self, item):
        return item["updated"]

    def item_author_name(self, item):
        return item["author"]

    def item_categories(self, item):
        return item["categories"]

    def item_enclosure_url(self, item):
        return item["enclosure"][0] if item["enclosure"] else None

    def item_enclosure_length(self, item):
        return item["enclosure"][1]

    def item_enclosure_mime_type(self, item):
        return item["enclosure"][2]


def entry(release, request):
    """Return what the feeds say of ``release`` (a ``for_listing()`` row) in the active language."""
    return {
        "title": release.title,
        "description": release.lead,
        "link": release.get_absolute_url(),
        "pubdate": release_datetime(release),
        "updated": release.updated_at,
        "author": ", ".join(issuer.organisation.name for issuer in release.issuers.all()) or None,
        "categories": [theme.name for theme in release.themes.all()],
        "enclosure": image_enclosure(release, request),
    }


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = Atom1Feed


class ThemeReleaseFeed(ReleaseFeed):
    """The latest live press releases on one theme, found by its slug in the active language (or French)."""

    def get_object(self, request, slug):
        language = (get_language() or "fr")[:2]
        theme = (
            Theme.objects.filter(**{f"slug_{language}": slug}).first()
            or Theme.objects.filter(Q(slug_fr=slug) | Q(slug_en=slug)).first()
        )
        if theme is None:
            raise Theme.DoesNotExist
        return {"request": request, "theme": theme}

    def title(self, obj):
        return f"{settings.SITE_NAME} — " + _("Press releases: %(theme)s") % {"theme": obj["theme"].name}

    def description(self, obj):
        return _("The latest press releases on %(theme)s.") % {"theme": obj["theme"].name}

    subtitle = description

    def link(self, obj):
        return obj["theme"].get_absolute_url()


class ThemeReleaseAtomFeed(ThemeReleaseFeed):
    feed_type = Atom1Feed
