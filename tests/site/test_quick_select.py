"""QuickSelect writes the HTML of Django's own ``<select>``, option for option, without its per-option work."""

import re

import pytest
from django import forms
from django.utils.translation import gettext_lazy

from core.widgets import QuickSelect

CHOICES = [
    ("", gettext_lazy("All organisations")),
    ("1", "Inserm & CNRS"),
    ("2", '<b>"Quoted"</b>'),
    ("Group", [("3", "Lyon"), ("4", "L’Île")]),
    (None, "None as value"),
]


def django_html(value, attrs):
    return re.sub(r"\s*\n\s*", "", forms.Select(choices=CHOICES).render("organisation", value, attrs))


@pytest.mark.parametrize("value", ["", "2", "4", None, "missing", ["1", "2"]])
def test_quick_select_renders_what_django_select_renders(value):
    attrs = {"id": "id_organisation"}
    assert QuickSelect(choices=CHOICES).render("organisation", value, attrs) == django_html(value, attrs)


def test_only_one_option_is_selected_in_a_single_select():
    html = QuickSelect(choices=[("1", "a"), ("1", "b")]).render("x", "1")
    assert html.count(" selected") == 1
