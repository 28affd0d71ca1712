"""What cooperation sites, funding instruments, places and key figures take part in."""

from django.utils.translation import gettext_lazy as _

from assets.models import social_image
from core.content_types import Api, Dashboard, History, Metadata, Search, SearchField, Sitemap, register

from .models import (
    AwardAmount,
    CooperationSite,
    FundedProject,
    FundingInstrument,
    Indicator,
    KeyFigure,
    Place,
    SitePlace,
)


def site_image(site):
    """Return the site's image for its metadata (``og:image``: the social card around its focal point), or None."""
    return social_image(site.image)


register(
    CooperationSite,
    order=30,
    sitemap=Sitemap("sites"),
    search=Search(
        "sites",
        _("Cooperation sites"),
        fields=(SearchField("name", "A"), SearchField("summary", "B")),
        title="name",
        snippet=("summary",),
        year_lookup="start_year",
        stored_vector=True,
    ),
    api=Api("sites", "international.api.CooperationSiteViewSet", basename="site"),
    metadata=Metadata(title="name", description=("summary",), image=site_image),
    history=History(m2m_fields=("themes", "partners")),
    dashboard=Dashboard(),
)
register(
    Place,
    order=35,
    api=Api("places", "international.api.PlaceViewSet", basename="place"),
    history=History(),
)
register(
    FundingInstrument,
    order=40,
    sitemap=Sitemap("instruments"),
    search=Search(
        "instruments",
        _("Funding instruments"),
        fields=(
            SearchField("name", "A"),
            SearchField("acronym", "A", translated=False),
            SearchField("summary", "B"),
            SearchField("eligibility", "C"),
        ),
        title="name",
        snippet=("summary", "eligibility"),
        stored_vector=True,
    ),
    api=Api("funding-instruments", "international.api.FundingInstrumentViewSet", basename="funding-instrument"),
    metadata=Metadata(title="name", description=("summary", "eligibility")),
    history=History(),
    dashboard=Dashboard(),
)
register(
    KeyFigure,
    order=45,
    api=Api("key-figures", "international.api.KeyFigureViewSet", basename="key-figure"),
    history=History(),
)
register(SitePlace, order=30, history=History(parent="site"))  # listed with their site
for part in (AwardAmount, FundedProject):
    register(part, order=40, history=History(parent="instrument"))  # listed with their instrument
register(Indicator, order=45, history=History())  # listed with the key figures
