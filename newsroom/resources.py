"""CSV import and export of accredited journalists (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from directory.models import Theme

from .models import Journalist


class ThemeSlugsWidget(widgets.ManyToManyWidget):
    """Read themes from slugs separated by "|", refusing a slug that names no theme (rather than dropping it)."""

    def __init__(self):
        super().__init__(Theme, separator="|", field="slug")

    def clean(self, value, row=None, **kwargs):
        themes = super().clean(value, row=row, **kwargs)
        wanted = {slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()}
        unknown = wanted - {theme.slug for theme in themes}
        if unknown:
            raise ValueError(gettext("No theme has the slug %(slugs)s.") % {"slugs": ", ".join(sorted(unknown))})
        return themes


class JournalistResource(resources.ModelResource):
    beats = fields.Field(attribute="beats", column_name="beats", widget=ThemeSlugsWidget())

    class Meta:
        model = Journalist
        fields = ("name", "outlet", "email", "language", "time_zone", "beats", "accredited_from", "accredited_until")
        import_id_fields = ("email",)
        clean_model_instances = True  # full_clean: addresses, languages, time zones, accreditation dates
        skip_unchanged = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        """Check the beats with the other fields, so that an unknown one shows in the preview's table of bad rows."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.fields["beats"].clean(row, **kwargs)
        except ValueError as error:
            errors["beats"] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def before_import_row(self, row, **kwargs):
        """Compare addresses as stored: trimmed and in lower case."""
        if row.get("email"):
            row["email"] = row["email"].strip().lower()
