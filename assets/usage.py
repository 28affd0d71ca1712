"""Where an asset is used: every row pointing to it, named by the item staff would open to change it.

The uses are found from the foreign keys to ``Asset`` (releases, their attachments, experts…), so a new use
shows here, and blocks deletion (``on_delete=PROTECT``), without a list kept by hand.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from .models import Asset


@dataclass(frozen=True)
class Use:
    """One item using an asset: what it is, its name, and its admin page (empty if the admin does not show it)."""

    kind: str
    name: str
    url: str

    @property
    def label(self):
        return f"{self.kind} “{self.name}”"

    def link(self):
        if not self.url:
            return self.label
        return format_html('{} <a href="{}">{}</a>', self.kind, self.url, self.name)


def admin_url(obj):
    """Return the admin change page of ``obj``, or "" if the admin does not show its model."""
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def owner(row):
    """Return the item staff open to change ``row``: the row itself, or the parent it is an inline part of."""
    if type(row) in admin.site._registry:
        return row
    for field in row._meta.concrete_fields:
        if field.many_to_one and field.related_model is not Asset and field.related_model in admin.site._registry:
            return getattr(row, field.name)
    return row


def uses_of(assets):
    """Return ``{asset id: [uses]}`` for those of ``assets`` (a queryset or a list) that something uses.

    One query per kind of use, whatever the number of assets: the library's bulk deletion asks for a page.
    """
    found = {}
    for relation in Asset._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        parents = [
            field.name
            for field in relation.related_model._meta.concrete_fields
            if field.many_to_one and field.related_model is not Asset
        ]
        column = relation.field.attname
        rows = relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": assets})
        for row in rows.select_related(*parents).order_by("pk"):
            item = owner(row)
            found.setdefault(getattr(row, column), {}).setdefault(
                (item._meta.label_lower, item.pk),
                Use(str(capfirst(item._meta.verbose_name)), str(item), admin_url(item)),
            )
    return {pk: list(items.values()) for pk, items in found.items()}


def uses(asset):
    """Return the uses of ``asset``, one per item (a release using it as image and attachment counts once)."""
    return uses_of([asset]).get(asset.pk, [])
