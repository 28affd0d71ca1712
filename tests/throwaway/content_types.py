"""What notices take part in. A real app calls ``register()`` at the top of this module; the walkthrough
test calls ``register_notices()`` instead, so that only that test sees the type."""

from core.content_types import Api, Dashboard, Metadata, Search, SearchField, Sitemap, register

from .models import Notice


def register_notices():
    return register(
        Notice,
        sitemap=Sitemap("notices"),
        search=Search(
            "notices",
            "Notices",
            fields=(SearchField("title", "A"), SearchField("summary", "B"), SearchField("body", "C", rich=True)),
            title="title",
            snippet=("summary", "body"),
            date_field="issued_on",
            year_lookup="issued_on__year",
        ),
        api=Api("notices", "tests.throwaway.api.NoticeViewSet", basename="notice"),
        metadata=Metadata(title="title", description=("summary", "body")),
        dashboard=Dashboard(),
    )
