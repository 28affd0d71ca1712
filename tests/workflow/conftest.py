import re
from functools import partial
from html import unescape
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.helpers import admin_url

PASSWORD = "a-long-test-password"
# The gate, matrix and date-bounds tests read the admin in English unless they say otherwise.
english_admin_url = partial(admin_url, language="en")


def role_definitions():
    """Return every role's permissions as {group: {("app.model", action), ...}}, from the migrations defining them.

    workflow/migrations/0001_roles.py defines the roles; a later app's migration may grant them its own
    models' permissions (a ``ROLES`` dict of (model, action) pairs, e.g. newsroom/0002).
    """
    from django.db.migrations.loader import MigrationLoader

    roles = {}
    for (app_label, _name), migration in sorted(
        MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items()
    ):
        for name, wanted in getattr(import_module(migration.__module__), "ROLES", {}).items():
            roles.setdefault(name, set()).update(
                (model if "." in model else f"{app_label}.{model}", action) for model, action in wanted
            )
    return roles


ROLES = role_definitions()


def ensure_roles():
    """Recreate the role groups the migrations define: a transactional test's flush empties them."""
    for name, wanted in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            for label, action in wanted:
                app_label, model = label.split(".")
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
                )


def make_user(django_user_model, username, *groups):
    ensure_roles()
    user = django_user_model.objects.create_user(
        username, f"{username}@inserm.example", PASSWORD, is_staff=True, first_name=username.capitalize()
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups)
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eloise", "Editors")


@pytest.fixture
def publisher(django_user_model):
    return make_user(django_user_model, "paul", "Publishers")


@pytest.fixture
def administrator(django_user_model):
    return make_user(django_user_model, "ada", "Administrators")


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def publisher_client(publisher):
    return client_for(publisher)


def change_form_data(client, url):
    """Return what the change form at ``url`` would post if submitted untouched."""
    content = client.get(url).content.decode()
    data = {}
    for tag in re.findall(r"<input[^>]*>", content):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in {"submit", "file", "button"}):
            continue
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', content, re.S):
        data[name] = unescape(body.strip("\n"))
    for attributes, options in re.findall(r"<select([^>]*)>(.*?)</select>", content, re.S):
        name = re.search(r'name="([^"]+)"', attributes).group(1)
        selected = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
        if selected:
            data[name] = selected if "multiple" in attributes else selected[0]
    data.pop("csrfmiddlewaretoken", None)
    return data
