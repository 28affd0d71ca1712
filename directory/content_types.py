"""What organisations, themes, experts and people take part in.

Themes are reference data, public as soon as written; an organisation is public only while live
content names it (``Organisation.objects.live()``), experts once they agreed to be listed.
"""

from django.utils.translation import gettext_lazy as _

from core.content_types import Api, History, Metadata, Search, SearchField, Sitemap, register

from .metadata import organisation, organisation_logo
from .models import Expert, Organisation, Person, Theme

register(
    Organisation,
    order=60,
    sitemap=Sitemap("organisations"),
    search=Search(
        "organisations",
        _("Organisations"),
        fields=(
            SearchField("name", "A"),
            SearchField("acronym", "A", translated=False),
            SearchField("about", "C", rich=True),
        ),
        title="name",
        snippet=("about",),
        stored_vector=True,
    ),
    api=Api("organisations", "directory.api.OrganisationViewSet", basename="organisation"),
    metadata=Metadata(title="name", description=("about",), image=organisation_logo, structured_data=organisation),
    history=History(),
)
register(
    Theme,
    order=70,
    reference=True,
    sitemap=Sitemap("themes"),
    api=Api("themes", "directory.api.ThemeViewSet", basename="theme"),
    metadata=Metadata(title="name", description=("description",)),
    history=History(),
)
register(
    Expert,
    order=80,
    sitemap=Sitemap("experts"),
    search=Search(
        "experts",
        _("Experts"),
        fields=(
            SearchField("first_name", "A", translated=False),
            SearchField("last_name", "A", translated=False),
            SearchField("unit", "B", translated=False),
            SearchField("themes__name", "B"),
            SearchField("role", "C"),
            SearchField("bio", "C"),
        ),
        title=("honorific", "first_name", "last_name"),
        snippet=("role", "unit", "bio"),
        language_field="bio",
    ),
    api=Api("experts", "directory.api.ExpertViewSet", basename="expert"),
)
register(Person, order=60, history=History())  # listed with the organisations
