"""Admin import of press releases: upload a document or a zip, preview the report and pairings, confirm."""

import json
import re
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .importer import Source, import_sources, read_upload

BATCH_FOLDER = "press-import"
SESSION_KEY = "press_import_batches"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document or zip archive"),
        help_text=_(
            "A press release as plain text or Markdown (.txt, .md), or a zip archive of several. 5 MB per document."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect from the text")), ("fr", _("French")), ("en", _("English"))],
    )


def _save_batch(request, sources, language):
    """Keep the uploaded documents until staff confirm; return the batch token."""
    token = secrets.token_urlsafe(24)
    payload = {
        "language": language,
        "sources": [{"name": source.name, "text": source.text, "error": source.error} for source in sources],
    }
    default_storage.save(f"{BATCH_FOLDER}/{token}.json", ContentFile(json.dumps(payload).encode()))
    tokens = [*request.session.get(SESSION_KEY, []), token]
    for stale in tokens[:-10]:
        default_storage.delete(f"{BATCH_FOLDER}/{stale}.json")
    request.session[SESSION_KEY] = tokens[-10:]
    return token


def _load_batch(request, token):
    """Return the stored batch of this session's ``token``, or None."""
    if not TOKEN_RE.match(token or "") or token not in request.session.get(SESSION_KEY, []):
        return None
    name = f"{BATCH_FOLDER}/{token}.json"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as handle:
        payload = json.loads(handle.read().decode())
    payload["sources"] = [Source(**source) for source in payload["sources"]]
    return payload


def _forget_batch(request, token):
    default_storage.delete(f"{BATCH_FOLDER}/{token}.json")
    request.session[SESSION_KEY] = [kept for kept in request.session.get(SESSION_KEY, []) if kept != token]


class PressImportAdminMixin:
    """Add "import/" (upload and preview) and "import/confirm/" (write) views to the press release admin."""

    import_form_template = "admin/press/pressrelease/import_form.html"
    import_preview_template = "admin/press/pressrelease/import_preview.html"
    import_done_template = "admin/press/pressrelease/import_done.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
            path(
                "import/confirm/",
                self.admin_site.admin_view(require_POST(self.import_confirm_view)),
                name="{}_{}_import_confirm".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request):
            extra_context["import_url"] = reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_import"
            )
        return super().changelist_view(request, extra_context=extra_context)

    def _import_context(self, request, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import press releases"),
            "changelist_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            ),
            **context,
        }

    def import_view(self, request):
        """Show the upload form; on upload, run the import as a dry run and show its report."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            language = form.cleaned_data["language"] or None
            sources = read_upload(upload.name, upload, upload.size)
            token = _save_batch(request, sources, language)
            report = import_sources(sources, language=language, dry_run=True, user=request.user)
            context = self._import_context(
                request, report=report, token=token, can_publish=self.has_change_permission(request)
            )
            return TemplateResponse(request, self.import_preview_template, context)
        return TemplateResponse(request, self.import_form_template, self._import_context(request, form=form))

    def import_confirm_view(self, request):
        """Write the previewed batch, keeping only the pairings staff left ticked."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        token = request.POST.get("token", "")
        batch = _load_batch(request, token)
        if batch is None:
            messages.error(request, _("This import has expired or was already confirmed: upload the file again."))
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_import")
            )
        proposed = set(request.POST.getlist("pairing"))
        kept = set(request.POST.getlist("keep_pairing"))
        report = import_sources(
            batch["sources"],
            language=batch["language"],
            publish=self.has_change_permission(request) and request.POST.get("publish") == "on",
            user=request.user,
            undone=proposed - kept,
        )
        _forget_batch(request, token)
        messages.success(request, report.summary)
        return TemplateResponse(request, self.import_done_template, self._import_context(request, report=report))
