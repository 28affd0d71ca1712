"""What editorial pages take part in: sitemap, page metadata, revisions, dashboard."""

from assets.models import social_image
from core.content_types import Dashboard, History, Metadata, Sitemap, register

from .models import Page


def page_image(page):
    """Return the page's image for its metadata (``og:image``: the social card around its focal point), or None."""
    return social_image(page.image)


register(
    Page,
    order=50,
    sitemap=Sitemap("pages"),
    metadata=Metadata(title="title", description=("lead", "body"), image=page_image),
    history=History(),
    dashboard=Dashboard(order=25),  # after agreements, as the admin index has always listed them
)
