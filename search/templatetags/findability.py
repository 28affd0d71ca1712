"""Template tags for what search engines, feed readers and social networks read in a page's head."""

from django import template

from search.metadata import PageMeta, json_ld

register = template.Library()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, obj=None):
    """Emit the description, canonical and x-default links, feed links, Open Graph, Twitter card and JSON-LD."""
    meta = PageMeta(context, obj)
    structured = meta.structured_data()
    return {"meta": meta, "json_ld": json_ld(structured) if structured else ""}
