"""What a press release's page tells search engines: a schema.org NewsArticle citing its journal article."""

from django.utils.text import Truncator

from assets.models import social_image
from core.schemaorg import SCHEMA_CONTEXT, publisher


def release_image(release):
    """Return the release's image file, its text alternative (French where English has none) and focal point."""
    return social_image(release.image)


def news_article(meta):
    """Return the release of the page ``meta`` describes as a schema.org NewsArticle."""
    release = meta.obj
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": Truncator(meta.title).chars(110),
        "description": meta.description,
        "datePublished": meta.published.isoformat(),
        "dateModified": release.updated_at.isoformat() if release.updated_at else None,
        "inLanguage": meta.content_language,
        "url": meta.canonical,
        "mainEntityOfPage": meta.canonical,
        "publisher": publisher(),
        "author": [
            {
                "@type": "Organization",
                "name": issuer.organisation.name,
                "url": meta.absolute(issuer.organisation.get_absolute_url()),
            }
            for issuer in release.issuers.all()
        ]
        or publisher(),
    }
    if meta.image:
        data["image"] = [meta.image[0]]
    themes = [theme.name for theme in release.themes.all()]
    if themes:
        data["keywords"] = ", ".join(themes)
    if release.has_article:
        data["citation"] = scholarly_article(meta)
        if release.is_research:
            data["about"] = data["citation"]
    return {key: value for key, value in data.items() if value is not None}


def scholarly_article(meta):
    """Return the journal article a release reports as a schema.org ScholarlyArticle."""
    release = meta.obj
    article = {"@type": "ScholarlyArticle"}
    if release.article_title:
        article["name"] = release.article_title
    if release.journal:
        article["isPartOf"] = {"@type": "Periodical", "name": release.journal}
    if release.article_published_on:
        article["datePublished"] = release.article_published_on.isoformat()
    if release.journal_doi:
        article["url"] = release.doi_url
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": release.journal_doi}
    funders = [
        {"@type": "Organization", "name": funder.name, "url": meta.absolute(funder.get_absolute_url())}
        for funder in release.funders.all()
    ]
    if funders:
        article["funder"] = funders
    return article
