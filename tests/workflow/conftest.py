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


def ensure_roles():
    """Recreate the role groups of workflow/migrations/0001_roles.py: a transactional test's flush empties them."""
    roles = import_module("workflow.migrations.0001_roles").ROLES
    for name, wanted in roles.items():
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
