from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

feed_patterns = [
    path("rss/", feeds.AgreementFeed(), name="feed-rss"),
    path("atom/", feeds.AgreementAtomFeed(), name="feed-atom"),
]

app_name = "partnerships"
urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement-list"),
    path(_("feed/"), include(feed_patterns)),
    path("<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path(_("<slug:slug>/press-kit/"), views.AgreementKitView.as_view(), name="agreement-kit"),
]
