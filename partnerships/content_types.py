"""What agreements take part in: sitemap, search, API, page metadata, feed, revisions, dashboard."""

from django.utils.translation import gettext_lazy as _

from core.content_types import Api, Dashboard, Feed, History, Metadata, Search, SearchField, Sitemap, register

from .dashboard import agreement_sections
from .models import Agreement, AgreementAttachment, AgreementParty, Objective, Outcome, Signatory

register(
    Agreement,
    order=20,
    sitemap=Sitemap("agreements"),
    search=Search(
        "agreements",
        _("Agreements"),
        fields=(SearchField("title", "A"), SearchField("summary", "B"), SearchField("body", "C", rich=True)),
        title="title",
        snippet=("summary", "body"),
        date_field="signed_on",
        year_lookup="signed_on__year",
        stored_vector=True,
    ),
    api=Api("agreements", "partnerships.api.AgreementViewSet", basename="agreement"),
    metadata=Metadata(title="title", description=("summary", "body")),
    feeds=(Feed("application/rss+xml", _("Agreements (RSS)"), "partnerships:feed-rss"),),
    history=History(m2m_fields=("themes",)),
    dashboard=Dashboard(sections=agreement_sections),
)
for part in (AgreementParty, Signatory, Objective, Outcome, AgreementAttachment):
    register(part, order=20, history=History(parent="agreement"))  # listed with their agreement
