"""The notices' admin; an app's admin.py in a real app (here registered by the walkthrough test only)."""

from workflow.admin import PublishableAdmin, publication_fieldsets

from . import views


class NoticeAdmin(PublishableAdmin):
    list_display = ["title", "issued_on", "state", "last_change", "translation_status"]
    search_fields = ["title_fr", "title_en"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [(None, {"fields": ["title", "slug", "summary", "body", "issued_on"]}), *publication_fieldsets()]
    preview_view_class = views.NoticeDetailView
