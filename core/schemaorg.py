"""Pieces of schema.org structured data shared by the page metadata of every app."""

from django.conf import settings

SCHEMA_CONTEXT = "https://schema.org"


def publisher():
    """Return the institute as a schema.org Organization."""
    details = settings.SITE_PUBLISHER
    return {
        "@type": "Organization",
        "name": details["name"],
        "legalName": details["legal_name"],
        "url": details["url"],
    }
