from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as delete_selected_confirmed
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.renditions import rendition
from workflow.admin import TranslatedAdmin, TranslationFilter

from .models import Asset
from .usage import uses, uses_of

THUMBNAIL_WIDTH = 160


def thumbnail(asset, width=THUMBNAIL_WIDTH):
    """Return a small ``<img>`` of an image asset (its text alternative as ``alt``), a file link for a document."""
    if asset is None or not asset.file:
        return "—"
    if not asset.is_image:
        return format_html('<a href="{}">{}</a> (PDF)', asset.file.url, asset.title)
    small = rendition(asset.file, width)
    if small is None:
        return gettext("The file cannot be read.")
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="asset-thumbnail" loading="lazy">',
        small.url,
        small.width,
        small.height,
        "" if asset.decorative else asset.alt_fr or asset.alt_en or "",
    )


class ImagePreviewMixin:
    """Admin of content with an ``image`` chosen in the media library: its thumbnail beside the chooser.

    Add ``"image_preview"`` to ``readonly_fields`` and next to ``"image"`` in the fieldsets.
    """

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        return thumbnail(obj.image if obj else None)


class MissingAltFilter(admin.SimpleListFilter):
    title = _("text alternative")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Missing in French or English")),
            ("missing_fr", _("Missing in French")),
            ("missing_en", _("Missing in English")),
        ]

    def queryset(self, request, queryset):
        # A decorative image has no text alternative on purpose: it is never "missing" one.
        empty = {
            language: Q(**{f"alt_{language}": ""}) | Q(**{f"alt_{language}__isnull": True}) for language in ["fr", "en"]
        }
        if self.value() == "missing":
            return queryset.informative().filter(empty["fr"] | empty["en"])
        if self.value() == "missing_fr":
            return queryset.informative().filter(empty["fr"])
        if self.value() == "missing_en":
            return queryset.informative().filter(empty["en"])
        return queryset


@admin.register(Asset)
class AssetAdmin(TranslatedAdmin):
    list_display = ["list_thumbnail", "title", "kind", "credit", "licence", "dimensions", "created_at"]
    list_display_links = ["list_thumbnail", "title"]
    list_filter = ["kind", "licence", MissingAltFilter, "decorative", TranslationFilter]
    list_select_related = ["uploaded_by"]
    search_fields = ["title_fr", "title_en", "credit", "caption_fr", "caption_en"]
    readonly_fields = ["preview", "kind", "dimensions", "size", "uploaded_by", "created_at", "updated_at", "where_used"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "title", "decorative", "alt", "caption"]}),
        (_("Rights"), {"fields": ["credit", "licence"]}),
        (
            _("Focal point"),
            {
                "fields": ["focal_x", "focal_y"],
                "description": _("The point kept in view when a page crops the image (cards, lists)."),
            },
        ),
        (_("File"), {"fields": ["kind", "dimensions", "size", "uploaded_by", "created_at", "updated_at"]}),
        (_("Where used"), {"fields": ["where_used"]}),
    ]

    actions = ["delete_selected", *TranslatedAdmin.actions]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        asset = self.get_object(request, unquote(object_id))
        if asset is not None and self.has_delete_permission(request, asset) and uses(asset):
            self.message_user(request, self.refusal(asset), messages.ERROR)
            return redirect(reverse("admin:assets_asset_change", args=[asset.pk], current_app=self.admin_site.name))
        return super().delete_view(request, object_id, extra_context)

    def refusal(self, asset):
        """Return the message refusing to delete an asset in use, with what uses it."""
        return format_html(
            "{} {}",
            gettext("“%(title)s” is still used and cannot be deleted. Remove it from these first:")
            % {"title": asset.title},
            format_html_join(", ", "{}", ((use.label,) for use in uses(asset))),
        )

    @admin.action(permissions=["delete"], description=delete_selected_confirmed.short_description)  # Django's
    def delete_selected(self, request, queryset):
        """Delete the selected assets as Django does, unless any is in use: then delete none and say which.

        All or nothing: the confirmation page lists what will go, and deleting part of a selection would
        leave staff to find out what was kept. Those in use are named with their uses, to unselect them or
        to free them first.
        """
        in_use = uses_of(queryset)
        if not in_use:
            return delete_selected_confirmed(self, request, queryset)
        refused = [asset for asset in queryset if asset.pk in in_use]
        count = len(refused)
        self.message_user(
            request,
            format_html(
                "{} {}",
                ngettext(
                    "Nothing was deleted: %(count)d of the selected media items is still used. Unselect it, or "
                    "remove it from these first:",
                    "Nothing was deleted: %(count)d of the selected media items are still used. Unselect them, "
                    "or remove them from these first:",
                    count,
                )
                % {"count": count},
                format_html(
                    '<ul class="asset-uses">{}</ul>',
                    format_html_join(
                        "",
                        "<li>“{}”: {}</li>",
                        (
                            (asset.title, format_html_join(", ", "{}", ((use.label,) for use in in_use[asset.pk])))
                            for asset in refused
                        ),
                    ),
                ),
            ),
            messages.ERROR,
        )
        return None

    @admin.display(description=_("thumbnail"))
    def list_thumbnail(self, obj):
        return thumbnail(obj, width=THUMBNAIL_WIDTH // 2)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj, width=480) if obj and obj.pk else "—"

    @admin.display(description=_("size in pixels"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width and obj.height else "—"

    @admin.display(description=_("file size"))
    def size(self, obj):
        return filesizeformat(obj.file_size) if obj.file_size is not None else "—"

    @admin.display(description=_("where used"))
    def where_used(self, obj):
        found = uses(obj) if obj and obj.pk else []
        if not found:
            return gettext("Not used: it may be deleted.")
        return format_html(
            '<ul class="asset-uses">{}</ul>',
            format_html_join("", "<li>{}</li>", ((use.link(),) for use in found)),
        )
