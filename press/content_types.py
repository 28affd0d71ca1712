"""What press releases take part in: sitemap, search, API, page metadata, feeds, revisions, dashboard."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.content_types import (
    Api,
    Dashboard,
    Feed,
    History,
    Metadata,
    ObjectFeed,
    Search,
    SearchField,
    Sitemap,
    register,
)
from directory.models import Theme

from .feeds import release_datetime
from .metadata import news_article, release_image
from .models import PressAttachment, PressContact, PressRelease, PressReleaseIssuer, Quote

register(
    PressRelease,
    order=10,
    sitemap=Sitemap("press"),
    search=Search(
        "releases",
        _("Press releases"),
        fields=(SearchField("title", "A"), SearchField("lead", "B"), SearchField("body", "C", rich=True)),
        title="title",
        snippet=("lead", "body"),
        date_field="release_date",
        year_lookup="release_date__year",
        stored_vector=True,
    ),
    api=Api("press-releases", "press.api.PressReleaseViewSet", basename="press-release"),
    metadata=Metadata(
        title="title",
        description=("lead", "body"),
        og_type="article",
        image=release_image,
        published=release_datetime,
        structured_data=news_article,
    ),
    feeds=(
        Feed("application/rss+xml", _("Press releases (RSS)"), "press:feed-rss"),
        Feed("application/atom+xml", _("Press releases (Atom)"), "press:feed-atom"),
        ObjectFeed(
            Theme,
            "application/rss+xml",
            title=lambda theme: gettext("Press releases: %(theme)s (RSS)") % {"theme": theme.name},
            url=lambda theme: reverse("press:theme-feed-rss", kwargs={"slug": theme.slug}),
        ),
        ObjectFeed(
            Theme,
            "application/atom+xml",
            title=lambda theme: gettext("Press releases: %(theme)s (Atom)") % {"theme": theme.name},
            url=lambda theme: reverse("press:theme-feed-atom", kwargs={"slug": theme.slug}),
        ),
    ),
    history=History(m2m_fields=("themes",)),
    dashboard=Dashboard(),
)
for part in (PressReleaseIssuer, PressContact, Quote, PressAttachment):
    register(part, order=10, history=History(parent="release"))  # listed with their release
