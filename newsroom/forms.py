from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Theme

from .models import Subscriber

SOURCES = ("subscribe-page", "press-hub")


class ChoicesForm(forms.Form):
    """What a subscriber receives: languages, and all releases or some themes."""

    languages = forms.ChoiceField(
        label=_("Releases in"), choices=Subscriber.Languages, initial="fr", widget=forms.RadioSelect
    )
    scope = forms.ChoiceField(
        label=_("Which releases"),
        choices=[("all", _("All press releases")), ("themes", _("Only those of the themes below"))],
        initial="all",
        widget=forms.RadioSelect,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name_fr"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        if data.get("scope") == "themes" and not data.get("themes"):
            self.add_error("themes", _("Choose at least one theme, or ask for all press releases."))
        return data

    def choices(self):
        data = self.cleaned_data
        return {
            "languages": data["languages"],
            "all_themes": data["scope"] == "all",
            "themes": list(data["themes"]) if data["scope"] == "themes" else [],
        }


class SubscribeForm(ChoicesForm):
    field_order = ["email", "languages", "scope", "themes", "consent"]

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.org.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to receive Inserm press releases by e-mail. I can unsubscribe at any time in one click."),
        error_messages={"required": _("Tick this box to agree to receive the releases.")},
    )
    # Left empty by people (hidden from them and from assistive technologies), filled in by many bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_source(self):
        source = self.cleaned_data.get("source")
        return source if source in SOURCES else SOURCES[0]
