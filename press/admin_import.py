"""Admin import of press releases: upload a document or a zip, preview the report and pairings, confirm."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from directory.models import Organisation
from workflow import transitions
from workflow.permissions import can_change, can_publish
from workflow.states import Status

from .importer import Source, import_sources
from .importer.service import write_about_proposal
from .importer.sources import Limits, UploadRefused, iter_upload
from .models import AboutProposal, ImportBatch, PressRelease


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Document or zip archive"))
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect from the text")), ("fr", _("French")), ("en", _("English"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = Limits.for_upload()
        self.fields["file"].help_text = _(
            "A press release as plain text or Markdown (.txt, .md), or a zip archive of several: "
            "%(document)s per document, %(files)s files and %(total)s in all. "
            "Larger archives are imported with the import_press command."
        ) % {
            "document": filesizeformat(limits.document_bytes),
            "files": limits.files,
            "total": filesizeformat(limits.total_bytes),
        }

    def clean(self):
        """Read the upload, refusing it whole when it is over the limits; keep its documents as ``sources``."""
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["sources"] = list(iter_upload(upload.name, upload, upload.size, Limits.for_upload()))
            except UploadRefused as error:
                raise ValidationError({"file": str(error)}) from error
        return cleaned


def _save_batch(user, sources, language):
    """Keep the uploaded documents until their owner confirms; return the batch."""
    return ImportBatch.objects.create(
        user=user,
        language=language or "",
        sources=[{"name": source.name, "text": source.text, "error": source.error} for source in sources],
    )


def _users_batch(request):
    """Return the batch ``request`` posts, if still waiting; another user's batch is a 404."""
    batch_id = request.POST.get("batch", "")
    if not batch_id.isdigit():
        raise Http404
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is not None and batch.user_id != request.user.pk:
        raise Http404
    if batch is None or batch.is_expired():
        return None
    return batch


class PressImportAdminMixin:
    """Add "import/" (upload and preview) and "import/confirm/" (write) views to the press release admin."""

    change_form_template = "admin/press/pressrelease/change_form.html"
    import_form_template = "admin/press/pressrelease/import_form.html"
    import_preview_template = "admin/press/pressrelease/import_preview.html"
    import_done_template = "admin/press/pressrelease/import_done.html"

    def _admin_url(self, name, *args):
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/apply-update/",
                self.admin_site.admin_view(require_POST(self.apply_update_view)),
                name="{}_{}_apply_update".format(*info),
            ),
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
            language = form.cleaned_data["language"] or None
            sources = form.cleaned_data["sources"]
            batch = _save_batch(request.user, sources, language)
            report = import_sources(sources, language=language, dry_run=True, user=request.user)
            context = self._import_context(
                request, report=report, batch=batch, can_publish=can_publish(request.user, PressRelease)
            )
            return TemplateResponse(request, self.import_preview_template, context)
        return TemplateResponse(request, self.import_form_template, self._import_context(request, form=form))

    def import_confirm_view(self, request):
        """Write the previewed batch, keeping only the pairings staff left ticked; or cancel it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        batch = _users_batch(request)
        if batch is None:
            messages.error(request, _("This import has expired or was already confirmed: upload the file again."))
            return HttpResponseRedirect(self._admin_url("import"))
        if "cancel" in request.POST:
            batch.delete()
            messages.info(request, _("Import cancelled: the uploaded documents were deleted."))
            return HttpResponseRedirect(self._admin_url("changelist"))
        proposed = set(request.POST.getlist("pairing"))
        kept = set(request.POST.getlist("keep_pairing"))
        wants_publish = request.POST.get("publish") == "on"
        publish = wants_publish and can_publish(request.user, PressRelease)
        if wants_publish and not publish:
            messages.warning(request, _("Only a Publisher can publish: the releases are imported as drafts."))
        report = import_sources(
            [Source(**source) for source in batch.sources],
            language=batch.language or None,
            publish=publish,
            user=request.user,
            undone=proposed - kept,
        )
        batch.delete()
        messages.success(request, report.summary)
        return TemplateResponse(request, self.import_done_template, self._import_context(request, report=report))

    def apply_update_view(self, request, object_id):
        """Apply a draft update to the published release it updates, then show that release."""
        if not object_id.isdigit():
            raise Http404
        draft = get_object_or_404(PressRelease, pk=object_id, update_of__isnull=False)
        if not can_publish(request.user, PressRelease):
            raise PermissionDenied
        release = _publish_draft_update(draft, user=request.user)
        self._applied_message(request, release)
        return HttpResponseRedirect(self._admin_url("change", release.pk))

    # Publishing a draft update means applying it: by the change form (status "published") or the action.

    def save_model(self, request, obj, form, change):
        applies = bool(obj.update_of_id) and obj.status == Status.PUBLISHED
        if applies:
            if not can_publish(request.user, PressRelease):
                raise PermissionDenied
            obj.status = Status.DRAFT  # saved as the draft it stays until its inlines are saved too
        super().save_model(request, obj, form, change)
        obj._apply_after_save = applies

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        draft = form.instance
        if getattr(draft, "_apply_after_save", False):
            draft._applied_to = _publish_draft_update(draft, user=request.user)

    def response_change(self, request, obj):
        release = getattr(obj, "_applied_to", None)
        if release is None:
            return super().response_change(request, obj)
        self._applied_message(request, release)
        return HttpResponseRedirect(self._admin_url("change", release.pk))

    def _applied_message(self, request, release):
        messages.success(
            request,
            _("The published release “%(title)s” now has the text of the draft update, which was deleted.")
            % {"title": release.title_fr},
        )

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        """Publish the selected releases, applying each draft update to the release it updates."""
        for draft in queryset.filter(update_of__isnull=False):
            self._applied_message(request, _publish_draft_update(draft, user=request.user))
        others = queryset.filter(update_of__isnull=True)
        if others.exists():
            super().publish_selected(request, others)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        draft = PressRelease.objects.filter(pk=object_id if str(object_id).isdigit() else None).first()
        if draft is not None and draft.update_of_id:
            extra_context["update_of"] = draft.update_of
            if can_publish(request.user, PressRelease):
                extra_context["apply_update_url"] = self._admin_url("apply_update", draft.pk)
        return super().change_view(request, object_id, form_url, extra_context)


def _publish_draft_update(draft, *, user):
    """Publish a draft update through the workflow, which applies it; return the release it updated."""
    transitions.publish([draft], user=user)
    return PressRelease.objects.get(pk=draft.update_of_id)


@admin.register(AboutProposal)
class AboutProposalAdmin(admin.ModelAdmin):
    """The "About" texts imports found but did not publish: administrators write them once the release is out."""

    list_display = ["organisation", "language", "release", "release_is_public", "created_by", "created_at"]
    list_select_related = ["organisation", "release", "created_by"]
    list_filter = ["language"]
    search_fields = ["organisation__name_fr", "organisation__name_en", "organisation__acronym", "release__title_fr"]
    fields = ["organisation", "language", "release", "about", "created_by", "created_at"]
    readonly_fields = fields
    actions = ["write_selected"]

    def may_write(self, request):
        return can_change(request.user, Organisation)

    def has_view_permission(self, request, obj=None):
        return self.may_write(request)

    def has_delete_permission(self, request, obj=None):
        return self.may_write(request)

    def has_write_permission(self, request):
        return self.may_write(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, description=_("release public"))
    def release_is_public(self, obj):
        return obj.release.is_live

    @admin.action(description=_("Write the selected texts into their organisations"), permissions=["write"])
    def write_selected(self, request, queryset):
        written = 0
        for proposal in queryset.select_related("organisation", "release"):
            try:
                write_about_proposal(proposal, user=request.user)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.WARNING)
                continue
            written += 1
        self.message_user(
            request,
            ngettext("%(count)d “About” text written.", "%(count)d “About” texts written.", written)
            % {"count": written},
            messages.SUCCESS if written else messages.WARNING,
        )
