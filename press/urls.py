from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

feed_patterns = [
    path("rss/", feeds.ReleaseFeed(), name="feed-rss"),
    path("atom/", feeds.ReleaseAtomFeed(), name="feed-atom"),
    path("<slug:slug>/rss/", feeds.ThemeReleaseFeed(), name="theme-feed-rss"),
    path("<slug:slug>/atom/", feeds.ThemeReleaseAtomFeed(), name="theme-feed-atom"),
]

app_name = "press"
urlpatterns = [
    path("", views.ReleaseListView.as_view(), name="release-list"),
    path(_("newsroom/"), views.newsroom, name="newsroom"),
    path("embargo/<str:token>/", views.EmbargoReleaseView.as_view(), name="embargo"),
    path(_("feed/"), include(feed_patterns)),
    path("<slug:slug>/", views.ReleaseDetailView.as_view(), name="release-detail"),
    path("<slug:slug>/pdf/", views.ReleasePdfView.as_view(), name="release-pdf"),
    path(_("<slug:slug>/press-kit/"), views.ReleaseKitView.as_view(), name="release-kit"),
]
