"""What an organisation's page tells search engines: a schema.org Organization."""

from core.schemaorg import SCHEMA_CONTEXT


def organisation_logo(organisation):
    """Return the organisation's logo (from the media library) and its text alternative (the name), or None.

    No focal point: a logo is shown whole, never cropped to a social card.
    """
    logo = organisation.logo
    return (logo.file, organisation.name) if logo is not None and logo.file else None


def organisation(meta):
    """Return the organisation of the page ``meta`` describes as a schema.org Organization."""
    organisation = meta.obj
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Organization",
        "name": organisation.name,
        "url": meta.canonical,
        "description": meta.description,
        "address": {"@type": "PostalAddress", "addressCountry": organisation.country.code},
    }
    if organisation.city:
        data["address"]["addressLocality"] = organisation.city
    if organisation.acronym and organisation.acronym.lower() != organisation.name.lower():
        data["alternateName"] = organisation.acronym
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if meta.image:
        data["logo"] = meta.image[0]
    return data
