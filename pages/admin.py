from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflow.admin import PublishableAdmin, publication_fieldsets

from . import views
from .models import Page


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "parent", "position", "show_in_menu", "role", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "role", "show_in_menu"]
    list_select_related = [*PublishableAdmin.list_select_related, "parent"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Menu"), {"fields": ["parent", "position", "show_in_menu"]}),
        (_("Role"), {"fields": ["role", "compliance", "contact_email"]}),
        *publication_fieldsets(),
    ]
    preview_view_class = views.PageDetailView
