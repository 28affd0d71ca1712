"""Template tags of the public site: translation fallback, dates, language switcher, navigation."""

from django import template
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse, translate_url
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override, pgettext
from django.utils.translation import gettext_lazy as _

from core.fragments import cached_fragment, cached_fragments, enabled
from core.numbers import format_number, format_percent, format_value
from core.richtext import RichTextField, sanitize_html
from core.viewmixins import filter_signature

register = template.Library()

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# The other language to show when a field is empty in the active one: French first, then English.
FALLBACK_ORDER = ("fr", "en")

# Part of the text falls back: named by the language shown (the visitor's language is the missing one).
PART_ONLY_IN = {
    "fr": _("This content is not available in English; it is shown in French."),
    "en": _("This content is not available in French; it is shown in English."),
}
# All of the text is in the other language, said of the kind of content.
WHOLE_ONLY_IN = {
    "pressrelease": {
        "fr": _("This release is only available in French."),
        "en": _("This release is only available in English."),
    },
    "agreement": {
        "fr": _("This agreement is only available in French."),
        "en": _("This agreement is only available in English."),
    },
    "page": {"fr": _("This page is only available in French."), "en": _("This page is only available in English.")},
    "organisation": {
        "fr": _("This organisation is only described in French."),
        "en": _("This organisation is only described in English."),
    },
    "theme": {"fr": _("This theme is only described in French."), "en": _("This theme is only described in English.")},
    "fundinginstrument": {
        "fr": _("This funding instrument is only described in French."),
        "en": _("This funding instrument is only described in English."),
    },
    "cooperationsite": {
        "fr": _("This cooperation site is only described in French."),
        "en": _("This cooperation site is only described in English."),
    },
    "default": {
        "fr": _("This content is only available in French."),
        "en": _("This content is only available in English."),
    },
}

# Datelines are typography, like Django's per-locale date formats, not a sentence to translate.
DATELINE_FORMATS = {"fr": "{place}, le {date}", "en": "{place}, {date}"}


def translated_value(obj, field, language=None):
    """Return ``(value, lang)``: the field in ``language`` or, when it is empty there, in the other language."""
    language = (language or get_language() or DEFAULT_LANGUAGE)[:2]
    for lang in (language, *(code for code in FALLBACK_ORDER if code != language)):
        value = getattr(obj, f"{field}_{lang}", None)
        if value:
            return value, lang
    return "", language


def shown_language(obj, *fields):
    """Return the language the text of ``fields`` is shown in: the active one, or the one it falls back to."""
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    for field in fields:
        value, lang = translated_value(obj, field, language)
        if value:
            return lang
    return language


def falls_back(obj, *fields):
    """Tell whether any of ``fields`` has text only in another language than the active one."""
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    for field in fields:
        value, lang = translated_value(obj, field, language)
        if value and lang != language:
            return True
    return False


def fallback_message(obj, *fields):
    """Return the notice for text shown in another language ("This release is only available in French."), or ""."""
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    shown = {translated_value(obj, field, language)[1] for field in fields if translated_value(obj, field, language)[0]}
    others = shown - {language}
    if not others:
        return ""
    other = sorted(others)[0]
    if language in shown:
        return PART_ONLY_IN[other]
    messages = WHOLE_ONLY_IN.get(obj._meta.model_name, WHOLE_ONLY_IN["default"])
    return messages[other]


@register.simple_tag
def translated(obj, field, block=False):
    """Render a translated field; French fallback text is wrapped in an element with ``lang="fr"``.

    Rich text is stored sanitised (every ORM write sanitises it); it goes through the sanitiser once more
    here, so that a row written by raw SQL or restored from an old backup never puts a script on a public
    page (a detail page shows one or two rich fields: microseconds). Plain text is escaped. ``block=True`` wraps
    fallback text in a ``div`` instead of a ``span`` (for rich text or paragraphs).
    """
    value, lang = translated_value(obj, field)
    is_rich = isinstance(obj._meta.get_field(f"{field}_{lang}"), RichTextField)
    html = mark_safe(sanitize_html(value)) if is_rich else conditional_escape(value)
    if lang == (get_language() or DEFAULT_LANGUAGE)[:2] or not value:
        return html
    element = "div" if block or is_rich else "span"
    return format_html('<{} lang="{}">{}</{}>', mark_safe(element), lang, html, mark_safe(element))


class FragmentNode(template.Node):
    def __init__(self, name, inputs, nodelist, keep=None):
        self.name, self.inputs, self.nodelist, self.keep = name, inputs, nodelist, keep

    def render(self, context):
        parts = (self.name, *(value.resolve(context) for value in self.inputs))
        keep = None if self.keep is None else lambda: self.keep.resolve(context)
        return cached_fragment(parts, lambda: self.nodelist.render(context), keep=keep)


@register.tag
def fragment(parser, token):
    """Keep what it encloses in the fragment cache (``core.fragments``), under its name and the values it names.

        {% fragment "header" request.resolver_match.view_name page.pk %}...{% endfragment %}

    The values must be everything the enclosed part reads besides the language and the published content:
    a value left out would serve one visitor's fragment to another. A last ``keep=value`` is read after the
    part was rendered: when false, what was rendered is not kept (it will change before the content does).
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    keep = parser.compile_filter(bits.pop()[len("keep=") :]) if bits[-1].startswith("keep=") else None
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist, keep)


@register.simple_tag(takes_context=True)
def cards(context, objects, template_name, name, level=None, eager=2):
    """Render ``objects`` as a list's items: ``<li>`` and the card ``template_name`` shows of each (as ``name``).

    Each card comes from the fragment cache (``core.fragments``) when it is there: a card depends on its
    object, the language, ``level`` (of its heading) and whether its image loads at once (the first ``eager``
    cards of a list are in view) or lazily. Given a queryset not yet fetched, only the ids of its rows are read,
    then the rows (with what the queryset loads with them) of the cards that have to be rendered. Empty when
    there is no object (``{% cards ... as items %}{% if items %}``). With the fragment cache off, the queryset is
    read as it is.
    """
    if isinstance(objects, QuerySet) and objects._result_cache is None and enabled():
        queryset, loaded = objects, {}
        ids = list(queryset.values_list("pk", flat=True))
        label = queryset.model._meta.label_lower
    else:
        queryset, loaded = None, {obj.pk: obj for obj in objects}
        ids = list(loaded)
        label = objects[0]._meta.label_lower if ids else ""
    template = context.template.engine.get_template(template_name)

    def prepare(items):
        rows = queryset._chain()
        rows.query.clear_limits()
        loaded.update((obj.pk, obj) for obj in rows.filter(pk__in=[pk for _, pk in items]))

    def render(item):
        index, pk = item
        with context.push({name: loaded[pk], "level": level, "eager": index < eager}):
            return template.render(context)

    keyed = [((template_name, label, pk, level, index < eager), (index, pk)) for index, pk in enumerate(ids)]
    html = cached_fragments(keyed, render, prepare if queryset is not None else None)
    return mark_safe("".join(f"<li>{card}</li>" for card in html))


@register.simple_tag(takes_context=True)
def filters_form(context, filterset):
    """Render a list's filter form (``includes/filters_form.html``), kept in the fragment cache.

    Its hundreds of options change only with content; what a visitor typed is part of the key (the values of
    the form's own fields, so that other parameters such as the page number share it). A value too long for a
    key is rendered without the cache.
    """
    form, request = filterset.form, context["request"]
    template = context.template.engine.get_template("includes/filters_form.html")

    def render():
        with context.push(form=form):
            return template.render(context)

    signature = filter_signature(form, request.GET)
    if signature is None:
        return render()
    return mark_safe(cached_fragment(("filters", type(filterset).__name__, request.path, signature), render))


@register.simple_tag
def release_kind(release):
    """Render the heading above a release's title: the choice's label, or the "other" text in its language."""
    if release.heading != release.Kind.OTHER:
        return release.get_heading_display() if release.heading else ""
    return translated(release, "kind")


def _of_phrase(name):
    """Return French "de" joined to a name and its article: "du CNRS", "de l’Anses", "d’Inserm", "des…"."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if name.lower().startswith(article):
            return contracted + name[len(article) :]
    if name[:1].lower() in "aeiouyhéèêâîôû":
        return "d’" + name
    return "de " + name


@register.simple_tag
def about_heading(organisation):
    """Render "About the French Agency… (Anses)" / "À propos de l’Agence… (Anses)" in the active language.

    Gender, elision and contraction of French articles cannot be derived from a name, so the name as a
    sentence reads it is stored per language (``name_with_article``); only "de" + article is contracted here.
    """
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    name = getattr(organisation, f"name_with_article_{language}", "")
    if name:
        lang = language
        if organisation.acronym and organisation.acronym.lower() not in name.lower():
            name = f"{name} ({organisation.acronym})"
    else:
        name, lang = translated_value(organisation, "name")
        if organisation.acronym and organisation.acronym.lower() != name.lower():
            name = f"{name} ({organisation.acronym})"
    if language == "fr":
        name = _of_phrase(name)
    html = conditional_escape(name) if lang == language else format_html('<span lang="{}">{}</span>', lang, name)
    # Translators: in French the name already starts with "de", "du", "d’" or "des": "À propos %(name)s".
    pattern = conditional_escape(pgettext("organisation heading", "About %(name)s"))
    return mark_safe(pattern % {"name": html})


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice(obj, *fields):
    """Show the notice that the object's text, or part of it, is only available in the other language."""
    return {"notice": fallback_message(obj, *fields)}


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice_for(objects, *fields):
    """Show the notice once for a list (a table, the parties of an agreement) if any item falls back."""
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    for obj in objects:
        for field in fields:
            value, lang = translated_value(obj, field, language)
            if value and lang != language:
                return {"notice": PART_ONLY_IN[lang]}
    return {"notice": ""}


@register.filter
def number(value):
    """Format a number as the active language writes it ("6 580", "6,580"); empty for None."""
    return "" if value is None or value == "" else format_number(value)


@register.filter
def quantity(value, unit=""):
    """Format a number with its unit ("52 %" in French, "52%" in English, "6 580 researchers")."""
    return "" if value is None or value == "" else format_value(value, unit or "")


@register.filter
def percent(value):
    """Format a percentage as the active language writes it ("52 %" with a no-break space, "52%")."""
    return "" if value is None or value == "" else format_percent(value)


@register.filter
def long_date(value):
    """Format a date in words in the active language ("1er février 2020", "5 February 2020")."""
    if not value:
        return ""
    text = formats.date_format(value, "j F Y")
    if (get_language() or "")[:2] == "fr" and value.day == 1:
        text = "1er" + text[1:]
    return text


@register.simple_tag
def dateline(place, day):
    """Return the dateline of a press release ("Maisons-Alfort, le 5 février 2020"), its date in ``<time>``."""
    date_html = format_html('<time datetime="{}">{}</time>', day.isoformat(), long_date(day)) if day else ""
    if not place:
        return date_html
    pattern = DATELINE_FORMATS.get((get_language() or DEFAULT_LANGUAGE)[:2], DATELINE_FORMATS["en"])
    return format_html(pattern, place=place, date=date_html)


def language_alternates(context):
    """Return ``{language: url}`` for the current page: the view's ``alternates`` or the translated path."""
    alternates = context.get("alternates")
    if alternates:
        return alternates
    request = context.get("request")
    if request is None:
        return {}
    current = request.get_full_path()
    result = {}
    for code, _name in settings.LANGUAGES:
        url = translate_url(current, code)
        if url == current and code != (get_language() or DEFAULT_LANGUAGE)[:2]:
            with override(code):
                url = reverse("home")
        result[code] = url
    return result


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """List the other languages, each linking to the same page in that language."""
    current = (get_language() or DEFAULT_LANGUAGE)[:2]
    alternates = language_alternates(context)
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current or code not in alternates:
            continue
        label = get_language_info(code)["name_local"].capitalize()
        links.append({"code": code, "url": alternates[code], "label": label})
    return {"links": links}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """Emit ``<link rel="alternate" hreflang>`` for every language version of the page."""
    request = context.get("request")
    alternates = language_alternates(context)
    links = [
        {"code": code, "url": request.build_absolute_uri(url) if request else url} for code, url in alternates.items()
    ]
    return {"links": links}
