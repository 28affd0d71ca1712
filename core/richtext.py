"""Rich text: one allow-list shared by the editor and the sanitiser."""

import nh3
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br"}
# "title": the link dialog asks for one (a tooltip naming where the link leads); it was silently dropped.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html):
    """Return ``html`` reduced to the allowed tags, attributes and link schemes."""
    if not html:
        return html
    cleaned = _cleaner.clean(html).strip()
    # ProseMirror always sends at least one empty paragraph: an empty field stays empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


class RichTextField(ProseEditorField):
    """A ProseMirror-edited text field, sanitised on every write whatever the client sent.

    ``save()`` and ``bulk_create()`` go through ``pre_save``, which also puts the sanitised text back on the
    object; ``QuerySet.update()`` and ``bulk_update()`` go through ``get_db_prep_save`` only. Stored rich
    text is therefore clean, and reading it costs nothing more than reading a text column.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(EDITOR_EXTENSIONS))
        kwargs["sanitize"] = sanitize_html
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Read and write this column only: going through the attribute would hit modeltranslation's
        # descriptor, which maps ``body`` to the active language (and falls back to French).
        value = sanitize_html(model_instance.__dict__.get(self.attname))
        model_instance.__dict__[self.attname] = value
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = sanitize_html(value)
        return super().get_db_prep_save(value, connection)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, path, args, kwargs
