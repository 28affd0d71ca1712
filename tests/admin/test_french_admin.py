"""The French admin is French: every page each role sees, ours and the libraries' strings, and the catalogue."""

import itertools
import re
import subprocess
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.urls import NoReverseMatch

from tests.helpers import admin_url
from tests.workflow.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

# English UI words and phrases (Django admin, django-simple-history, modeltranslation, our templates).
ENGLISH = [
    "Save",
    "Delete",
    "History",
    "Historical",
    "Changes",
    "Change reason",
    "Changed by",
    "Created",
    "Changed",
    "Date/time",
    "Object",
    "Add another",
    "Search",
    "Filter",
    "Show all",
    "Select all",
    "Action",
    "Go",
    "Preview in",
    "Compare",
    "Revert",
    "None",
    "Yes",
    "No",
    "Today",
    "Now",
    "Choose",
    "Clear",
    "Field",
    "Older version",
    "Newer version",
    "First version",
    "What changed",
    "Reason",
    "entries",
    "Journalist links",
    "Import",
    "Home",
    "View on site",
    "Log out",
]
ENGLISH_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH) + r")(?![\w-])")
# Allowed: proper names and words French shares with English.
ALLOWED = {
    # "Action" is French too ("Action : …" above the list's checkboxes).
    "Action",
}
# Elements holding user content or code, not UI: cell values, field values, option labels, scripts.
SKIPPED_TAGS = {"script", "style", "textarea", "option", "select", "svg", "noscript"}
SKIPPED_CLASSES = re.compile(r"(^|\s)(field-\w+|readonly|compare-value|user-content)(\s|$)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """Collect the text a staff member reads, leaving out user content and code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            attributes = dict(attrs)
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.handle_data(attributes.get("value") or "")
            return
        classes = dict(attrs).get("class") or ""
        self.stack.append(tag in SKIPPED_TAGS or bool(SKIPPED_CLASSES.search(classes)))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.text.append(data)


def english_words(content):
    parser = VisibleText()
    parser.feed(content)
    text = " ".join(" ".join(parser.text).split())
    return sorted({match for match in ENGLISH_PATTERN.findall(text) if match not in ALLOWED})


def optional_url(name, *args, model):
    """Return the URL of a view only some admins have (compare, import, journalist links), or None."""
    try:
        return admin_url(name, *args, model=model)
    except NoReverseMatch:
        return None


def admin_pages():
    """Return the admin pages to read: the index, then each model's list, forms, history, a revision, compare."""
    pages = [admin_url("index")]
    for model in admin.site._registry:
        pages += [admin_url("changelist", model=model), admin_url("add", model=model)]
        pages.append(optional_url("import", model=model))
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        for name in ("change", "history", "compare", "journalist_links"):
            pages.append(optional_url(name, obj.pk, model=model))
        record = getattr(obj, "history", None) and obj.history.order_by("history_date").first()
        if record is not None:
            pages.append(admin_url("simple_history", obj.pk, record.pk, model=model))
    return [page for page in pages if page is not None]


@pytest.mark.parametrize("role", ["Editors", "Publishers", "Administrators"])
def test_every_admin_page_reads_in_french(django_user_model, role, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    client = client_for(make_user(django_user_model, "staff", role))

    read, found = 0, {}
    for url in admin_pages():
        response = client.get(url)
        if response.status_code in {302, 403}:
            continue
        assert response.status_code == 200, url
        read += 1
        words = english_words(response.content.decode())
        if words:
            found[url] = words

    assert read >= 40
    assert found == {}


def test_the_french_catalogue_has_no_untranslated_or_fuzzy_entry():
    for catalogue, option in itertools.product(
        (settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES").glob("*.po"), ("--untranslated", "--only-fuzzy")
    ):
        # msgattrib (GNU gettext, which compilemessages needs) prints the entries it selects: none is wanted.
        selected = subprocess.run(
            ["msgattrib", option, "--no-obsolete", str(catalogue)], capture_output=True, text=True, check=True
        ).stdout
        assert re.findall(r'^msgid "(.+)"', selected, re.M) == [], (catalogue.name, option)


def test_the_admin_javascript_catalogue_holds_the_rich_text_editor_strings(django_user_model):
    client = client_for(make_user(django_user_model, "staff", "Editors"))

    response = client.get(admin_url("jsi18n"))

    assert response.status_code == 200
    catalogue = response.content.decode()
    # The editor's own French (link dialog), then ours for the labels it writes without gettext.
    assert '"Edit Link": "Modifier le lien"' in catalogue
    assert '"Update": "Mettre \\u00e0 jour"' in catalogue
    assert '"Paragraph": "Paragraphe"' in catalogue
    assert '"Heading %s": "Titre de niveau %s"' in catalogue


def test_the_background_tasks_read_in_french_for_a_superuser(django_user_model, client):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20))
    dashboard = client.get("/fr/admin/").content.decode()
    assert "Tâches en arrière-plan" in dashboard and "Résultats de tâches" in dashboard
    assert "Tasks Database Backend" not in dashboard and "Task Results" not in dashboard
    tasks = client.get("/fr/admin/django_tasks_database/dbtaskresult/")
    assert tasks.status_code == 200
    assert english_words(tasks.content.decode()) == []
