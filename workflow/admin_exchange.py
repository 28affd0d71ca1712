"""The translation exchange's admin screens: import a translated file with a preview, export everything out of
date, and the imported translations of published items waiting for a Publisher.

The import keeps the uploaded file server-side (``TranslationUpload``, owned by its uploader, short-lived)
between the preview and its application, so staff confirm without uploading it again. Every write goes
through ``workflow.exchange`` and so through the permission gate, unit by unit.
"""

import functools

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflow import exchange, permissions
from workflow.admin_rows import proposal_rows
from workflow.mixins import TrackedPart, TranslationTracked
from workflow.models import TranslationProposal, TranslationUpload

FORMATS = (("xliff", _("XLIFF 1.2")), ("po", _("PO (gettext)")))


def tracked_models():
    """Return the models whose translations are tracked per field: content and reference data alike."""
    return [model for model in apps.get_models() if issubclass(model, TranslationTracked)]


def may_exchange(user):
    """Tell whether ``user`` may change some translated item: only they see the exchange screens."""
    return any(permissions.can_change(user, model) for model in tracked_models())


def may_apply(user):
    """Tell whether ``user`` may publish some content: only a Publisher applies a published item's translation."""
    return any(permissions.can_publish(user, model) for model in tracked_models())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated file"),
        help_text=_("An XLIFF (.xlf, .xliff) or PO (.po) file exported by this site, at most 2 MB."),
    )
    language = forms.ChoiceField(label=_("Language translated into"), choices=settings.LANGUAGES, initial="en")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > TranslationUpload.MAX_SIZE:
            raise forms.ValidationError(_("This file is larger than 2 MB: split the export and import each part."))
        if not upload.name.lower().endswith((".xlf", ".xliff", ".po")):
            raise forms.ValidationError(_("Choose an XLIFF (.xlf, .xliff) or PO (.po) file."))
        return upload


class StaleExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Translate into"), choices=settings.LANGUAGES, initial="en")
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="xliff")


def report_rows(report):
    """Return the preview's table rows: (unit, outcome, reason), the refused ones first."""
    rows = [(key, gettext("refused"), reason) for key, reason in report.refused]
    rows += [(label, gettext("written in place"), "") for label in report.applied]
    rows += [
        (label, gettext("kept for review"), gettext("the item is published: a Publisher applies the translation"))
        for label in report.proposed
    ]
    return rows


def keep_upload(*, user, filename, language, content):
    """Store an uploaded file for its uploader until applied; drop the expired uploads and the user's older one."""
    TranslationUpload.objects.expired().delete()
    TranslationUpload.objects.filter(created_by=user).delete()
    return TranslationUpload.objects.create(created_by=user, filename=filename, language=language, content=content)


def users_upload(request):
    """Return the upload named in the request if it is the user's and still fresh, else None."""
    pk = request.POST.get("upload", "")
    if not pk.isdigit():
        return None
    return TranslationUpload.objects.fresh().filter(pk=pk, created_by=request.user).first()


def render_import(request, *, site, form, report=None, upload=None, done=False):
    context = {
        **site.each_context(request),
        "title": gettext("Import a translated file"),
        "form": form,
        "export_form": StaleExportForm(),
        "report": report,
        "rows": report_rows(report) if report else [],
        "upload": upload,
        "done": done,
        "waiting": TranslationProposal.objects.visible_to(request.user).count(),
    }
    return TemplateResponse(request, "admin/workflow/exchange_import.html", context)


def import_view(request, *, site):
    """Upload a translated file and preview what it changes; "Apply" writes it, all or nothing."""
    if not may_exchange(request.user):
        raise PermissionDenied
    if request.method == "POST" and "upload" in request.POST:
        return apply_upload(request, site=site)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render_import(request, site=site, form=form)
    content = form.cleaned_data["file"].read()
    name, language = form.cleaned_data["file"].name, form.cleaned_data["language"]
    try:
        report = exchange.import_translations(content, language=language, user=request.user, filename=name)
    except exchange.MalformedFile as error:
        form.add_error("file", gettext("%(error)s Nothing was written.") % {"error": error})
        return render_import(request, site=site, form=form)
    upload = None
    if report.applied or report.proposed:
        upload = keep_upload(user=request.user, filename=name, language=language, content=content)
    return render_import(request, site=site, form=form, report=report, upload=upload)


def apply_upload(request, *, site):
    """Write the file previewed before: every unit is checked again, as the preview did."""
    upload = users_upload(request)
    if upload is None:
        messages.error(request, gettext("This upload has expired or was applied already: upload the file again."))
        return HttpResponseRedirect(reverse("admin:translation-import"))
    report = exchange.import_translations(
        bytes(upload.content),
        language=upload.language,
        user=request.user,
        filename=upload.filename,
        apply=True,
    )
    upload.delete()
    messages.success(
        request,
        gettext("Translation imported: %(applied)s fields written, %(proposed)s kept for review, %(refused)s refused.")
        % {"applied": len(report.applied), "proposed": len(report.proposed), "refused": len(report.refused)},
    )
    return render_import(
        request, site=site, form=ImportForm(initial={"language": upload.language}), report=report, done=True
    )


def export_stale_view(request, *, site):
    """Download every item (of the types the user may see) with a field out of date in the chosen language."""
    if not may_exchange(request.user):
        raise PermissionDenied
    form = StaleExportForm(request.GET)
    if not form.is_valid():
        return HttpResponseRedirect(reverse("admin:translation-import"))
    language, kind = form.cleaned_data["language"], form.cleaned_data["format"]
    objects = [
        obj for obj in exchange.stale_items(language) if request.user.has_perm(permissions.permission_name("view", obj))
    ]
    content = (exchange.export_xliff if kind == "xliff" else exchange.export_po)(objects, language=language)
    extension = "xlf" if kind == "xliff" else "po"
    response = HttpResponse(content, content_type="application/xliff+xml" if kind == "xliff" else "text/x-gettext")
    response["Content-Disposition"] = f'attachment; filename="out-of-date-{language}.{extension}"'
    return response


def proposals_view(request, *, site):
    """List the imported translations of published items waiting for a Publisher (of the types the user may see)."""
    if not may_exchange(request.user):
        raise PermissionDenied
    proposals = list(TranslationProposal.objects.visible_to(request.user).select_related("content_type", "created_by"))
    rows = proposal_rows(proposals)
    context = {
        **site.each_context(request),
        "title": gettext("Translations waiting to be applied"),
        "rows": rows,
        "may_apply": may_apply(request.user),
    }
    return TemplateResponse(request, "admin/workflow/exchange_proposals.html", context)


@require_POST
def apply_view(request, *, site):
    """Apply the chosen proposals (or discard them), then go back where the button was."""
    if not may_exchange(request.user):
        raise PermissionDenied
    wanted = [value for value in request.POST.getlist("proposal") if value.isdigit()]
    chosen = (
        TranslationProposal.objects.visible_to(request.user)
        .filter(pk__in=wanted)
        .select_related("content_type", "created_by")
    )
    if "discard" in request.POST:
        discard(request, list(chosen))
    else:
        report = exchange.apply_proposals(
            list(chosen), user=request.user, despite_warnings=bool(request.POST.get("despite_warnings"))
        )
        report_applied(request, report)
    back = request.POST.get("next", "")
    return HttpResponseRedirect(back if back.startswith("/") and not back.startswith("//") else reverse("admin:index"))


def report_applied(request, report):
    """Tell what applying did, as publishing does: applied, refused, held back by a warning, and the checks' notes."""
    for label in report.applied:
        messages.success(request, gettext("Translation applied: %(field)s.") % {"field": label})
    for label, reason in report.refused:
        messages.error(request, gettext("Not applied: %(field)s: %(reason)s.") % {"field": label, "reason": reason})
    for label, problems in report.warned:
        messages.warning(
            request,
            gettext("Not applied: %(field)s: Warning: %(problems)s") % {"field": label, "problems": problems},
        )
    if report.warned:
        messages.warning(
            request,
            gettext("Correct the warnings above, or tick “Apply despite the warnings” to apply all the same."),
        )
    for item, note in report.notes:
        messages.warning(
            request,
            gettext("“%(item)s” is published with translation problems: %(problems)s.")
            % {"item": item, "problems": note},
        )


def discard(request, proposals):
    """Drop the proposals whose item the user may change (a Publisher, for a published item)."""
    for proposal in proposals:
        obj = proposal.content_type.model_class()._default_manager.filter(pk=proposal.object_id).first()
        item = obj.item if isinstance(obj, TrackedPart) else obj
        if obj is None or permissions.can_change(request.user, item):
            proposal.delete()
            messages.success(request, gettext("Translation discarded: %(field)s.") % {"field": proposal.label(obj)})
        else:
            messages.error(request, gettext("Only a Publisher can discard the translation of a published item."))


def exchange_urls(site):
    """Return the exchange's admin URLs, behind the admin's login (``site.admin_view``)."""

    def view(function):
        return site.admin_view(functools.partial(function, site=site))

    return [
        path("translations/import/", view(import_view), name="translation-import"),
        path("translations/export-stale/", view(export_stale_view), name="translation-export-stale"),
        path("translations/waiting/", view(proposals_view), name="translation-proposals"),
        path("translations/waiting/apply/", view(apply_view), name="translation-apply"),
    ]
