"""CSV export of the open-data API: flat rows, cells a spreadsheet cannot take for formulas."""

import csv
import io
import re

from rest_framework.renderers import BaseRenderer, JSONRenderer

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (a negative longitude, "-12.5") cannot carry a formula and stays a number.
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def spreadsheet_safe(value):
    """Return a CSV cell value that a spreadsheet shows as text: a text starting like a formula gets a leading quote.

    Numbers and dates are left alone: only text typed by someone can smuggle a formula in.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class CSVRenderer(BaseRenderer):
    """Write flat rows (a list, or one object) as CSV: UTF-8 without BOM, comma-separated, header first, CRLF ends."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        serializer = getattr(data, "serializer", None)
        many = hasattr(serializer, "child")
        header = list((serializer.child if many else serializer).fields) if serializer is not None else []
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for row in data if many else [data]:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        return buffer.getvalue().encode(self.charset)


def joined(values):
    """Join the values of a CSV cell that holds several."""
    return " | ".join(str(value) for value in values if value)


class CSVExportMixin:
    """Serve the whole filtered list as CSV (``?format=csv``, ``.csv`` or ``Accept: text/csv``), unpaginated.

    ``csv_serializer_class`` gives the flat columns and ``csv_filename`` the download's name.
    Errors are still answered in JSON.
    """

    csv_serializer_class = None
    csv_filename = "export.csv"

    def get_renderers(self):
        return [JSONRenderer(), CSVRenderer()]

    def wants_csv(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer is not None and renderer.format == "csv"

    def get_serializer_class(self):
        if self.wants_csv():
            return self.csv_serializer_class
        return super().get_serializer_class()

    def paginate_queryset(self, queryset):
        if self.wants_csv():
            return None
        return super().paginate_queryset(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.wants_csv():
            if response.exception or response.status_code >= 400:
                response.accepted_renderer = JSONRenderer()
                response.accepted_media_type = JSONRenderer.media_type
            else:
                response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return response
