"""The agreements section of organisation and theme pages (registered in ``directory.related``)."""

from directory.models import Organisation, Theme
from directory.related import register_section

from .models import Agreement


def agreements_section(lookup):
    """Return the section listing the live agreements linked to the object through ``lookup``."""

    def section(obj):
        return {"agreements": list(Agreement.objects.live().for_listing().filter(**{lookup: obj}).distinct())}

    return section


def register():
    register_section(Organisation, "agreements", agreements_section("parties__organisation"))
    register_section(Theme, "agreements", agreements_section("themes"))
