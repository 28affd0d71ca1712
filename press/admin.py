from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from assets.admin import thumbnail
from core.dates import validate_date_range
from core.i18n import in_each_language
from newsroom.public import mailing_log, may_send
from workflow.admin import (
    GatedInline,
    PublishableAdmin,
    TabularInline,
    TranslatedStackedInline,
    publication_fieldsets,
    publication_state,
)
from workflow.layout import PlacedInlinesMixin
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
    ReleaseType,
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


TEXT = _("Text")
PEOPLE = _("People and organisations")
IMAGE = _("Image")


def previous_release(*, user):
    """Return the release a new one starts from: the latest the user created, else the site's latest.

    Only a release naming an issuer or a press contact is a useful start.
    """
    with_people = PressRelease.objects.filter(
        Exists(PressReleaseIssuer.objects.filter(release=OuterRef("pk")))
        | Exists(PressContact.objects.filter(release=OuterRef("pk")))
    ).order_by("-created_at", "-pk")
    return with_people.filter(created_by=user).first() or with_people.first()


def contact_row(contact):
    """Return a press contact's fields as a new release's inline row starts with them."""
    return {
        "organisation": contact.organisation_id,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "handle": contact.handle,
        "position": contact.position,
    }


def describe_contact(contact):
    """Return a press contact as the offer lists it: "Presse ABM (presse@abm.fr)"."""
    reach = contact.email or contact.phone
    return f"{contact.name} ({reach})" if contact.name and reach else str(contact)


def prefill_rows(release):
    """Return the initial inline rows a new release copies from ``release``, by inline prefix."""
    if release is None:
        return {}
    return {
        "issuers": [{"organisation": row.organisation_id, "position": row.position} for row in release.issuers.all()],
        "contacts": [contact_row(contact) for contact in release.contacts.all()],
    }


class PrefilledInline:
    """An inline whose add form starts with the rows copied from the previous release (see ``prefill_rows``)."""

    def get_extra(self, request, obj=None, **kwargs):
        rows = getattr(request, "release_prefill", {}).get(self.prefill_key)
        return len(rows) if rows else super().get_extra(request, obj, **kwargs)


class IssuerInline(PrefilledInline, TabularInline):
    model = PressReleaseIssuer
    fields = ["organisation", "position"]
    autocomplete_fields = ["organisation"]
    fieldset = PEOPLE
    prefill_key = "issuers"


class PressContactInline(PrefilledInline, GatedInline, admin.StackedInline):
    # Stacked, two fields a line: six columns of text boxes were wider than a 1280 px window.
    model = PressContact
    fields = ["organisation", ("name", "email"), ("phone", "handle"), "position"]
    autocomplete_fields = ["organisation"]
    extra = 1
    fieldset = PEOPLE
    prefill_key = "contacts"


class QuoteInline(TranslatedStackedInline):
    model = Quote
    fields = ["text", ("speaker", "speaker_title"), "position"]
    autocomplete_fields = ["speaker"]
    fieldset = TEXT


class AttachmentInline(TabularInline):
    model = PressAttachment
    fields = ["asset", "position"]
    autocomplete_fields = ["asset"]
    fieldset = IMAGE


PUBLICATION, RECORD = publication_fieldsets()
RESEARCH = _("Research and article")


def with_embargo(fieldset):
    """Return the publication fieldset as "Publication and embargo": the embargo's DOI after the publish times.

    The publish time is the embargo's end, typed in the release's time zone (chosen just above it).
    """
    _name, options = fieldset
    fields = list(options["fields"])
    at = fields.index("unpublish_at") + 1
    return (
        _("Publication and embargo"),
        {
            **options,
            "fields": [*fields[:at], "journal_doi", *fields[at:]],
            "description": _(
                "The publish time, in the time zone chosen here, is also when the embargo lifts. "
                "Journalist links show the release before then."
            ),
        },
    )


def research_filled(release):
    """Tell whether a release states anything about a study or an article (its fieldset then stays open)."""
    if release is None or release.pk is None:
        return False
    return bool(
        release.release_type not in ("", ReleaseType.INSTITUTIONAL)
        or release.peer_reviewed is not None
        or release.study_type
        or release.study_subject
        or release.journal
        or release.article_title
        or release.article_published_on
        or release.funders.exists()
    )


def prefill_note(release):
    """Return the note saying which release a new one copied its issuers and press contacts from."""
    url = reverse("admin:press_pressrelease_change", args=[release.pk])
    return format_html(
        '<p class="prefill-note" role="note">{} <a href="{}">{}</a> ({}). {}</p>',
        gettext("The issuing organisations and press contacts below are copied from the release"),
        url,
        release.title,
        date_format(release.release_date, "DATE_FORMAT"),
        gettext("Change or delete them as needed; nothing is saved until you save this release."),
    )


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
class PressReleaseAdmin(PlacedInlinesMixin, PressImportAdminMixin, PublishableAdmin):
    list_display = ["title", "release_date", "state", "last_change", "translation_status"]
    list_filter = [*PublishableAdmin.list_filter, "release_type", "themes", "issuers__organisation"]
    search_fields = ["title_fr", "title_en", "slug_fr", "slug_en"]
    date_hierarchy = "release_date"
    autocomplete_fields = ["themes", "related_agreement", "funders", "experts", "image"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [IssuerInline, PressContactInline, QuoteInline, AttachmentInline]
    fieldsets = [
        (TEXT, {"fields": ["heading", "kind", "title", "slug", ("dateline_place", "release_date"), "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_preview"]}),
        (PEOPLE, {"fields": ["experts"]}),
        with_embargo(PUBLICATION),
        (_("Mailings"), {"fields": ["mailings"]}),
        (_("Themes and links"), {"fields": ["themes", "related_agreement"]}),
        (
            RESEARCH,
            {
                "classes": ["collapse"],
                "fields": [
                    "release_type",
                    "peer_reviewed",
                    "study_type",
                    "study_subject",
                    "journal",
                    "article_title",
                    "article_published_on",
                    "funders",
                ],
                "description": _("The article's DOI is under “Publication and embargo”: the embargo waits for it."),
            },
        ),
        RECORD,
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "mailings", "image_preview"]
    preview_view_class = views.ReleaseDetailView
    journalist_links_template = "admin/press/pressrelease/journalist_links.html"

    class Media:
        js = ["js/admin_release_contacts.js"]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "contacts-of-issuer/",
                self.admin_site.admin_view(self.contacts_of_issuer_view),
                name="{}_{}_contacts_of_issuer".format(*info),
            ),
            path(
                "<path:object_id>/journalist-links/",
                self.admin_site.admin_view(self.journalist_links_view),
                name="{}_{}_journalist_links".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        source = getattr(request, "release_prefill_source", None)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            if name == PEOPLE and obj is None and source is not None:
                options = {**options, "description": prefill_note(source)}
            if name == RESEARCH and research_filled(obj):
                options = {**options, "classes": [name for name in options.get("classes", ()) if name != "collapse"]}
            fieldsets.append((name, options))
        return fieldsets

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "GET":
            # A new release starts with the issuers and press contacts of the previous one (see prefill_note).
            request.release_prefill_source = previous_release(user=request.user)
            request.release_prefill = prefill_rows(request.release_prefill_source)
        extra_context = {**(extra_context or {}), "contacts_of_issuer_url": self.contacts_of_issuer_url()}
        return super().add_view(request, form_url, extra_context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = getattr(request, "release_prefill", {}).get(prefix)
        if rows and request.method == "GET":
            # Initial rows on the blank form only: posted unchanged, they must still count as typed rows.
            kwargs["initial"] = rows
        return kwargs

    def contacts_of_issuer_url(self):
        return reverse(f"{self.admin_site.name}:press_pressrelease_contacts_of_issuer")

    def contacts_of_issuer_view(self, request):
        """Return, as JSON, the press contacts of the latest release an organisation issued.

        The release form offers them when an issuer is chosen (static/js/admin_release_contacts.js).
        """
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        organisation = request.GET.get("organisation", "")
        if not organisation.isdigit():
            return JsonResponse({"contacts": []})
        releases = PressRelease.objects.filter(issuers__organisation=organisation, contacts__isnull=False).distinct()
        if request.GET.get("release", "").isdigit():
            releases = releases.exclude(pk=request.GET["release"])
        release = releases.order_by("-release_date", "-created_at", "-pk").first()
        if release is None:
            return JsonResponse({"contacts": []})
        contacts = list(release.contacts.select_related("organisation"))
        names = ", ".join(describe_contact(contact) for contact in contacts)
        values = {
            "title": release.title,
            "date": date_format(release.release_date, "DATE_FORMAT"),
            "names": names,
        }
        return JsonResponse(
            {
                "offer": gettext("Press contacts of the release “%(title)s” (%(date)s): %(names)s.") % values,
                "button": gettext("Add these press contacts"),
                "done": gettext("Added: %(names)s. Check them before saving.") % values,
                "contacts": [
                    {**contact_row(contact), "organisation_text": str(contact.organisation or "")}
                    for contact in contacts
                ],
            }
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["contacts_of_issuer_url"] = self.contacts_of_issuer_url()
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
