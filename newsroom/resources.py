"""CSV import and export of accredited journalists (django-import-export)."""

from import_export import fields, resources, widgets

from directory.models import Theme

from .models import Journalist


class JournalistResource(resources.ModelResource):
    beats = fields.Field(
        attribute="beats",
        column_name="beats",
        widget=widgets.ManyToManyWidget(Theme, separator="|", field="slug"),
    )

    class Meta:
        model = Journalist
        fields = ("name", "outlet", "email", "language", "time_zone", "beats", "accredited_from", "accredited_until")
        import_id_fields = ("email",)
        clean_model_instances = True  # full_clean: addresses, languages, time zones, accreditation dates
        skip_unchanged = True
        use_transactions = True

    def before_import_row(self, row, **kwargs):
        """Compare addresses as stored: trimmed and in lower case."""
        if row.get("email"):
            row["email"] = row["email"].strip().lower()
