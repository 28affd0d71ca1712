from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import MAX_QUERY_LENGTH, all_kinds, available_years, clean_query


class SearchForm(forms.Form):
    """The search box with its two filters. Any text is accepted; it is cleaned and shortened, never refused."""

    q = forms.CharField(label=_("Search for"), required=False)
    type = forms.ChoiceField(label=_("Kind of content"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shortened = False
        self.fields["q"].widget = forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"})
        self.fields["type"].choices = [("", _("All kinds")), *((kind.key, kind.label) for kind in all_kinds())]
        self.fields["year"].choices = [("", _("All years")), *((str(year), str(year)) for year in available_years())]

    def clean_q(self):
        text, self.shortened = clean_query(self.cleaned_data["q"])
        return text
