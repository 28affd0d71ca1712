"""The cooperation sites section of organisation and theme pages (registered in ``directory.related``)."""

from directory.models import Organisation, Theme
from directory.related import register_section

from .models import CooperationSite


def sites_section(lookup):
    """Return the section listing the live cooperation sites linked to the object through ``lookup``."""

    def section(obj):
        return {"sites": list(CooperationSite.objects.live().for_listing().filter(**{lookup: obj}).distinct())}

    return section


def register():
    register_section(Organisation, "sites", sites_section("partners"))
    register_section(Theme, "sites", sites_section("themes"))
