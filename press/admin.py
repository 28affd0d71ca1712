from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from assets.admin import thumbnail
from core.dates import validate_date_range
from core.i18n import in_each_language
from newsroom.public import mailing_log, may_send
from workflow.admin import (
    PublishableAdmin,
    TabularInline,
    TranslatedStackedInline,
    publication_fieldsets,
    publication_state,
)
from workflow.states import format_moment

from . import views
from .admin_import import PressImportAdminMixin
from .models import (
    EmbargoLink,
    EmbargoLinkAccess,
    PressAttachment,
    PressContact,
    PressRelease,
    PressReleaseIssuer,
    Quote,
    create_embargo_link,
    revoke_embargo_links,
)


def link_mail(release, addresses):
    """Return a ``mailto:`` address that opens a message to the journalist with the links and the embargo."""
    lines = [
        gettext("Embargoed press release: %(title)s") % {"title": release.title},
    ]
    if release.publish_at:
        lines.append(
            gettext("Under embargo until %(moment)s.")
            % {"moment": format_moment(release.publish_at, release.time_zone)}
        )
    if release.journal_doi:
        lines.append(gettext("Journal article (DOI): %(doi)s") % {"doi": release.journal_doi})
    lines.append("")
    lines.extend(f"{language}: {address}" for _code, language, address in addresses)
    lines.append("")
    lines.append(gettext("This link is personal: please do not forward it."))
    subject = gettext("Under embargo: %(title)s") % {"title": release.title}
    return "mailto:?" + urlencode({"subject": subject, "body": "\n".join(lines)}, quote_via=quote)


class IssuerInline(TabularInline):
    model = PressReleaseIssuer
    fields = ["organisation", "position"]
    autocomplete_fields = ["organisation"]


class PressContactInline(TabularInline):
    model = PressContact
    fields = ["organisation", "name", "email", "phone", "handle", "position"]
    autocomplete_fields = ["organisation"]
    extra = 1


class QuoteInline(TranslatedStackedInline):
    model = Quote
    fields = ["text", "speaker", "speaker_title", "position"]
    autocomplete_fields = ["speaker"]


class AttachmentInline(TabularInline):
    model = PressAttachment
    fields = ["asset", "position"]
    autocomplete_fields = ["asset"]


class EmbargoLinkForm(forms.Form):
    recipient = forms.CharField(
        label=_("Recipient"),
        max_length=200,
        help_text=_("Who the link is for: a journalist, a newsroom, a mailing list."),
    )
    expires_at = forms.DateTimeField(
        label=_("Expires at"),
        required=False,
        validators=[validate_date_range],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: when the embargo lifts. Earlier if you wish, never later."),
    )

    def __init__(self, *args, release, **kwargs):
        super().__init__(*args, **kwargs)
        self.release = release

    def clean_expires_at(self):
        value = self.cleaned_data["expires_at"]
        # Typed in the release's time zone, like its embargo time.
        return value.replace(tzinfo=None).replace(tzinfo=self.release.zone) if value else None


@admin.register(PressRelease)
class PressReleaseAdmin(PressImportAdminMixin, PublishableAdmin):
    list_display = ["title", "release_date", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "release_type", "themes", "issuers__organisation"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    date_hierarchy = "release_date"
    autocomplete_fields = ["themes", "related_agreement", "funders", "experts", "image"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [IssuerInline, PressContactInline, QuoteInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": ["heading", "kind", "title", "slug", "dateline_place", "release_date", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_preview"]}),
        (_("Links"), {"fields": ["themes", "related_agreement", "experts"]}),
        (
            _("Research and article"),
            {
                "fields": [
                    "release_type",
                    "peer_reviewed",
                    "study_type",
                    "study_subject",
                    "journal",
                    "article_title",
                    "article_published_on",
                    "journal_doi",
                    "funders",
                ],
                "description": _("The DOI is also the article the embargo waits for, if any."),
            },
        ),
        *publication_fieldsets(),
        (_("Mailings"), {"fields": ["mailings"]}),
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "mailings", "image_preview"]
    preview_view_class = views.ReleaseDetailView
    journalist_links_template = "admin/press/pressrelease/journalist_links.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/journalist-links/",
                self.admin_site.admin_view(self.journalist_links_view),
                name="{}_{}_journalist_links".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.has_publish_permission(request):
            extra_context["journalist_links_url"] = reverse(
                f"{self.admin_site.name}:press_pressrelease_journalist_links", args=[object_id]
            )
        if may_send(request.user, self.model):
            extra_context["send_to_journalists_url"] = reverse(
                f"{self.admin_site.name}:newsroom_mailing_send", args=[unquote(object_id)]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("Mailings and delivery log"))
    def mailings(self, release):
        return mailing_log(release)

    @admin.display(description=_("preview"))
    def image_preview(self, release):
        return thumbnail(release.image if release else None)

    def import_view(self, request):
        response = super().import_view(request)
        if getattr(response, "context_data", None) and "can_publish" in response.context_data:
            response.context_data["can_publish"] = self.has_publish_permission(request)
        return response

    def import_confirm_view(self, request):
        if request.POST.get("publish") and not self.has_publish_permission(request):
            # Only a Publisher publishes: an Editor's import, whatever was posted, is kept as drafts.
            request.POST = request.POST.copy()
            request.POST.pop("publish")
            messages.warning(request, gettext("Only a Publisher can publish: the releases are imported as drafts."))
        return super().import_confirm_view(request)

    def link_addresses(self, request, token):
        """Return the absolute address of a journalist link in each language."""
        urls = in_each_language(lambda: request.build_absolute_uri(reverse("press:embargo", args=[token])))
        return [(code, name, urls[code]) for code, name in settings.LANGUAGES]

    def journalist_links_view(self, request, object_id):
        """List, create and revoke the links that show a release to journalists before its embargo lifts."""
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        if not self.has_publish_permission(request, release):
            raise PermissionDenied
        form = EmbargoLinkForm(release=release)
        new_link = None
        if request.method == "POST" and "revoke" in request.POST:
            count = revoke_embargo_links(
                release.embargo_links.filter(pk__in=request.POST.getlist("link")), user=request.user
            )
            messages.success(
                request,
                ngettext("Revoked %(count)d link.", "Revoked %(count)d links.", count) % {"count": count},
            )
            return HttpResponseRedirect(request.path)
        if request.method == "POST":
            form = EmbargoLinkForm(request.POST, release=release)
            if form.is_valid():
                try:
                    link, token = create_embargo_link(
                        release=release,
                        recipient=form.cleaned_data["recipient"],
                        expires_at=form.cleaned_data["expires_at"],
                        user=request.user,
                    )
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        form.add_error(None, error)
                    else:
                        form.add_error(None, error.messages)
                else:
                    addresses = self.link_addresses(request, token)
                    new_link = {"link": link, "addresses": addresses, "mailto": link_mail(release, addresses)}
                    form = EmbargoLinkForm(release=release)
        links = list(
            release.embargo_links.select_related("created_by", "revoked_by").annotate(
                openings=Count("accesses"), last_opened=Max("accesses__opened_at")
            )
        )
        now = timezone.now()
        for link in links:
            link.release = release
            link.state = link.state_on(now)
            link.ends_text = format_moment(link.ends_at, release.time_zone) if link.ends_at else "—"
        openings = EmbargoLinkAccess.objects.filter(link__release=release).select_related("link")[:50]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": gettext("Journalist links: %(release)s") % {"release": release},
            "release_state": publication_state(release, now),
            "embargo_text": format_moment(release.publish_at, release.time_zone) if release.publish_at else None,
            "form": form,
            "new_link": new_link,
            "links": links,
            "openings": openings,
            "active": EmbargoLink.State.ACTIVE,
            "change_url": reverse(f"{self.admin_site.name}:press_pressrelease_change", args=[release.pk]),
        }
        return TemplateResponse(request, self.journalist_links_template, context)
