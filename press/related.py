"""The press releases section of organisation and theme pages (registered in ``directory.related``)."""

from django.urls import reverse
from django.utils.http import urlencode

from directory.models import Organisation, Theme
from directory.related import register_section

from .models import PressRelease

RELATED_LIMIT = 10


def releases_section(lookup, list_filter):
    """Return the section listing the latest live releases linked to the object through ``lookup``."""

    def section(obj):
        releases = list(
            PressRelease.objects.live().for_listing().filter(**{lookup: obj}).distinct()[: RELATED_LIMIT + 1]
        )
        return {
            "releases": releases[:RELATED_LIMIT],
            "more_releases": len(releases) > RELATED_LIMIT,
            "all_releases_url": f"{reverse('press:release-list')}?{urlencode({list_filter: obj.pk})}",
        }

    return section


def register():
    register_section(Organisation, "releases", releases_section("issuers__organisation", "organisation"))
    register_section(Theme, "releases", releases_section("themes", "theme"))
