"""Pre-publication checks: what a publisher should know before an item goes public.

Each check looks at one item (its fields as typed and, once saved, its inline rows) and returns problems in
words. Its severity comes from ``settings.PUBLICATION_CHECKS`` (``"block"``, ``"warning"``, ``"notice"`` or
``"off"``): a block refuses publishing, a warning may be overridden by the publisher, explicitly, a notice is
only shown (content may rightly exist in one language only). The admin runs them on
the change form when the status becomes *Published*, on the publish action and in the preview.

The rich-text checks (heading order, link text) follow the axe rules ``heading-order`` and ``link-name`` that
the public pages are tested with, applied to the text itself rather than to a rendered page.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext, pgettext

from core.richtext import RichTextField

BLOCK, WARNING, NOTICE, OFF = "block", "warning", "notice", "off"
# What social networks show of a title on a card before cutting it.
SOCIAL_TITLE_LENGTH = 70

DEFAULT_SEVERITIES = {
    "issuer": BLOCK,
    "press_contact": WARNING,
    "image_alt": BLOCK,
    "translation": NOTICE,
    "broken_link": BLOCK,
    "heading_order": WARNING,
    "link_text": BLOCK,
    "title_length": WARNING,
}


@dataclass(frozen=True)
class Problem:
    check: str
    severity: str
    message: str

    @property
    def blocks(self):
        return self.severity == BLOCK

    @property
    def stops(self):
        """Whether the problem stops publishing unless overridden (a block cannot be)."""
        return self.severity in {BLOCK, WARNING}


def severity(check):
    """Return the severity configured for ``check`` (settings override the defaults)."""
    return getattr(settings, "PUBLICATION_CHECKS", {}).get(check, DEFAULT_SEVERITIES[check])


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _language_name(code):
    """Return a language's name as written inside a sentence ("in English", « en anglais »)."""
    names = {
        "fr": pgettext("language name inside a sentence", "French"),
        "en": pgettext("language name inside a sentence", "English"),
    }
    return names.get(code, code)


class _BodyReader(HTMLParser):
    """Collect the headings and the links (with their text) of a rich text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.links = []
        self._link = None

    def handle_starttag(self, tag, attrs):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link = {"href": dict(attrs).get("href") or "", "text": ""}
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data


def _read(html):
    reader = _BodyReader()
    reader.feed(html or "")
    reader.close()
    return reader


def _rich_texts(obj):
    """Yield (field label, language, html) for every non-empty rich text of ``obj``."""
    for field in obj._meta.concrete_fields:
        language = getattr(field, "language", None)
        if isinstance(field, RichTextField) and language:
            value = getattr(obj, field.attname)
            if value:
                yield str(field.translated_field.verbose_name), language, value


def _internal_path(href):
    """Return the path of a link to this site, or None for a link elsewhere (or an anchor, a mail address)."""
    parts = urlsplit(href)
    if parts.scheme in {"", "http", "https"} and not parts.netloc and parts.path.startswith("/"):
        return parts.path
    site = urlsplit(getattr(settings, "SITE_URL", "") or "")
    if parts.scheme in {"http", "https"} and site.netloc and parts.netloc == site.netloc:
        return parts.path or "/"
    return None


def _page_exists(path):
    """Tell whether ``path`` answers a public page, asking the page's own view (only live items resolve)."""
    prefix = path.strip("/").split("/", 1)[0]
    # URLs are translated and prefixed per language: they resolve in the language of their prefix.
    with translation.override(prefix if prefix in _languages() else settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
        view_class = getattr(match.func, "view_class", None)
        if view_class is None or not hasattr(view_class, "get_object"):
            return True  # a list, a feed, a form: it exists once it resolves
        view = view_class()
        view.setup(RequestFactory().get(path), *match.args, **match.kwargs)
        try:
            view.get_object()
        except Http404:
            return False
    return True


def _row_count(obj, related_name, rows):
    """Return how many ``related_name`` rows ``obj`` has: as posted in its form when given, else as stored."""
    if related_name in rows:
        return rows[related_name]
    if obj.pk is None:
        return 0
    return getattr(obj, related_name).count()


def check_issuer(obj, rows):
    if not hasattr(obj, "issuers"):
        return []
    if not _row_count(obj, "issuers", rows):
        return [gettext("No issuing organisation: add at least one in “Issuing organisations”.")]
    return []


def check_press_contact(obj, rows):
    if not hasattr(obj, "contacts"):
        return []
    if not _row_count(obj, "contacts", rows):
        return [gettext("No press contact: journalists will not know whom to call.")]
    return []


def check_image_alt(obj, rows):
    # The image is an asset of the media library, which holds its text alternative in each language.
    image = getattr(obj, "image", None)
    if not image or not hasattr(image, "alt_fr") or getattr(image, "decorative", False):
        return []  # a decorative image has no text alternative on purpose
    problems = []
    title_field = "title" if hasattr(obj, "title_fr") else "name"
    for language in _languages():
        if getattr(obj, f"{title_field}_{language}", "") and not getattr(image, f"alt_{language}", ""):
            problems.append(
                gettext("The image has no text alternative in %(language)s.") % {"language": _language_name(language)}
            )
    return problems


def check_translation(obj, rows):
    from workflow.admin import translation_problems

    return translation_problems(obj)


def check_broken_links(obj, rows):
    problems = []
    for label, language, html in _rich_texts(obj):
        for link in _read(html).links:
            path = _internal_path(link["href"])
            if path is not None and not _page_exists(path):
                problems.append(
                    gettext("%(field)s (%(language)s): the link to %(url)s leads to no public page.")
                    % {"field": label, "language": _language_name(language), "url": link["href"]}
                )
    return problems


def check_heading_order(obj, rows):
    problems = []
    for label, language, html in _rich_texts(obj):
        # The page's title is its only first-level heading: the text starts at level 2.
        previous = 1
        for level in _read(html).headings:
            if level > previous + 1:
                problems.append(
                    gettext(
                        "%(field)s (%(language)s): a level %(level)d heading follows a level %(previous)d one; "
                        "screen-reader users navigate by these levels."
                    )
                    % {"field": label, "language": _language_name(language), "level": level, "previous": previous}
                )
                break
            previous = level
    return problems


def check_link_text(obj, rows):
    problems = []
    for label, language, html in _rich_texts(obj):
        empty = sum(1 for link in _read(html).links if not link["text"].strip())
        if empty:
            problems.append(
                gettext("%(field)s (%(language)s): %(count)d link(s) without text, which screen readers cannot name.")
                % {"field": label, "language": _language_name(language), "count": empty}
            )
    return problems


def check_title_length(obj, rows):
    problems = []
    title_field = "title" if hasattr(obj, "title_fr") else "name"
    for language in _languages():
        title = getattr(obj, f"{title_field}_{language}", "") or ""
        if len(title) > SOCIAL_TITLE_LENGTH:
            problems.append(
                gettext("The %(language)s title has %(count)d characters: social cards cut it after %(limit)d.")
                % {"language": _language_name(language), "count": len(title), "limit": SOCIAL_TITLE_LENGTH}
            )
    return problems


CHECKS = {
    "issuer": check_issuer,
    "press_contact": check_press_contact,
    "image_alt": check_image_alt,
    "translation": check_translation,
    "broken_link": check_broken_links,
    "heading_order": check_heading_order,
    "link_text": check_link_text,
    "title_length": check_title_length,
}


def problems_of(obj, rows=None):
    """Return the pre-publication problems of ``obj``, blocks first.

    ``rows`` maps a related name (``"issuers"``) to the number of rows posted in the change form, which the
    database does not hold yet; relations not in it are counted as stored.
    """
    rows = rows or {}
    found = []
    for name, check in CHECKS.items():
        level = severity(name)
        if level == OFF:
            continue
        found.extend(Problem(name, level, message) for message in check(obj, rows))
    order = {BLOCK: 0, WARNING: 1, NOTICE: 2}
    return sorted(found, key=lambda problem: order[problem.severity])


def severity_label(problem):
    if problem.blocks:
        return pgettext("pre-publication check", "Blocks publishing")
    if problem.stops:
        return pgettext("pre-publication check", "Warning")
    return pgettext("pre-publication check", "Note")


def posted_rows(formsets):
    """Return, per related name, the rows an admin form's inline formsets will leave (deleted ones aside).

    Return None when a formset is invalid: the form is refused for that reason first.
    """
    rows = {}
    for formset in formsets:
        if not formset.is_valid():
            return None
        fk = getattr(formset, "fk", None)
        if fk is None:
            continue
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and (form.has_changed() or form.instance.pk)
        ]
        rows[fk.remote_field.get_accessor_name()] = len(kept)
    return rows
