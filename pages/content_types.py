"""What editorial pages take part in: sitemap, page metadata, revisions, dashboard."""

from core.content_types import Dashboard, History, Metadata, Sitemap, register

from .models import Page

register(
    Page,
    order=50,
    sitemap=Sitemap("pages"),
    metadata=Metadata(title="title", description=("lead", "body")),
    history=History(),
    dashboard=Dashboard(order=25),  # after agreements, as the admin index has always listed them
)
