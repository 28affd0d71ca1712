from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assets.admin import ImagePreviewMixin
from workflow.admin import PublishableAdmin, publication_fieldsets

from . import views
from .models import Page

ROLE = _("Role")


@admin.register(Page)
class PageAdmin(ImagePreviewMixin, PublishableAdmin):
    list_display = ["title", "parent", "position", "show_in_menu", "role", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "role", "show_in_menu"]
    list_select_related = [*PublishableAdmin.list_select_related, "parent"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    autocomplete_fields = ["parent", "image"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (_("Text"), {"fields": ["title", "slug", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_preview"]}),
        *publication_fieldsets()[:1],
        (_("Menu"), {"fields": ["parent", ("position", "show_in_menu")]}),
        (ROLE, {"classes": ["collapse"], "fields": ["role", "compliance", "contact_email"]}),
        *publication_fieldsets()[1:],
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "image_preview"]
    preview_view_class = views.PageDetailView

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.role:
            return fieldsets
        # A page with a role (the accessibility statement) shows it open: its compliance status is read there.
        return [
            (name, {**options, "classes": [name for name in options.get("classes", ()) if name != "collapse"]})
            if name == ROLE
            else (name, options)
            for name, options in fieldsets
        ]
