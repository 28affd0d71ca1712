from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from directory.models import Theme
from press.models import PressRelease
from workflow.states import format_moment

from . import services
from .models import ConsentRecord, Delivery, Journalist, Mailing, Subscriber
from .resources import JournalistResource


@admin.register(Journalist)
class JournalistAdmin(ImportExportModelAdmin):
    resource_classes = [JournalistResource]
    list_display = ["name", "outlet", "email", "language", "time_zone", "accredited_from", "accredited_until"]
    list_filter = ["language", "beats"]
    search_fields = ["name", "outlet", "email"]
    autocomplete_fields = ["beats"]


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "action", "scope", "source", "language"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Subscribers are written by themselves only: staff may look them up and delete them."""

    list_display = ["email", "languages", "all_themes", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["languages", "all_themes", ("confirmed_at", admin.EmptyFieldListFilter), "themes"]
    search_fields = ["email"]
    fields = readonly_fields = [
        "email",
        "languages",
        "all_themes",
        "themes",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    inlines = [ConsentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SendForm(forms.Form):
    journalists = forms.ModelMultipleChoiceField(
        label=_("Journalists"),
        queryset=Journalist.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    beats = forms.ModelMultipleChoiceField(
        label=_("Or every accredited journalist of these beats"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journalists"].queryset = Journalist.objects.accredited()

    def clean(self):
        data = super().clean()
        if not data.get("journalists") and not data.get("beats"):
            raise ValidationError(_("Choose at least one journalist or one beat."))
        return data


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ["release", "kind", "test_mode", "created_at", "created_by", "counts"]
    list_filter = ["kind", "test_mode"]
    list_select_related = ["release", "created_by"]
    search_fields = ["release__title_fr", "release__title_en"]
    fields = readonly_fields = ["release", "kind", "test_mode", "created_at", "created_by", "counts"]
    actions = ["retry_failed"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                queued=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.QUEUED)),
                sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            )
        )

    @admin.display(description=_("deliveries"))
    def counts(self, mailing):
        url = reverse("admin:newsroom_delivery_changelist") + f"?mailing__id__exact={mailing.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            gettext("%(sent)d sent, %(queued)d queued, %(failed)d failed")
            % {"sent": mailing.sent, "queued": mailing.queued, "failed": mailing.failed},
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retry the failed deliveries"), permissions=["send"])
    def retry_failed(self, request, queryset):
        count = sum(services.retry_failed(mailing=mailing) for mailing in queryset)
        self.message_user(
            request,
            ngettext("%(count)d delivery queued again.", "%(count)d deliveries queued again.", count)
            % {"count": count},
        )

    def has_send_permission(self, request):
        return services.may_send(request.user, PressRelease)

    def get_urls(self):
        return [
            path(
                "send/<int:release_id>/",
                self.admin_site.admin_view(self.send_view),
                name="newsroom_mailing_send",
            ),
            *super().get_urls(),
        ]

    def send_view(self, request, release_id):
        """Send a release under embargo to chosen accredited journalists or beats."""
        release = PressRelease.objects.filter(pk=release_id).first()
        if release is None:
            raise Http404
        if not self.has_send_permission(request):
            raise PermissionDenied
        form = SendForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                mailing, queued = services.send_embargoed_release(
                    release=release,
                    user=request.user,
                    journalists=form.cleaned_data["journalists"],
                    beats=form.cleaned_data["beats"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d message queued (journalists already sent this release are skipped).",
                        "%(count)d messages queued (journalists already sent this release are skipped).",
                        queued,
                    )
                    % {"count": queued},
                )
                return HttpResponseRedirect(reverse("admin:press_pressrelease_change", args=[release.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Send to journalists: %(release)s") % {"release": release},
            "release": release,
            "scheduled": services.is_scheduled(release),
            "embargo_text": format_moment(release.publish_at, release.time_zone) if release.publish_at else None,
            "form": form,
            "test_mode": self.test_mode(),
        }
        return TemplateResponse(request, "admin/newsroom/send.html", context)

    @staticmethod
    def test_mode():
        from django.conf import settings

        return settings.NEWSROOM_TEST_MODE


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["email", "release", "kind", "language", "status", "attempts", "queued_at", "sent_at", "reason"]
    list_filter = ["status", "kind", "language"]
    list_select_related = ["release"]
    search_fields = ["email", "release__title_fr"]
    fields = readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
