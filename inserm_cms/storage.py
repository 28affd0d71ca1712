"""Static files storage for production."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hash, compress and cache static files; tolerate dead references in third-party stylesheets only.

    jQuery UI's theme names its icons in a comment (``url(%22images%2F…%22)``): Django would refuse to
    collect it. A dead reference in one of our own stylesheets (``static/``) still stops collectstatic.
    """

    def url_converter(self, name, hashed_files, template=None):
        converter = super().url_converter(name, hashed_files, template)
        if (settings.BASE_DIR / "static" / name).exists():
            return converter

        def lenient(matchobj):
            try:
                return converter(matchobj)
            except ValueError:  # MissingFileError
                return matchobj["matched"]

        return lenient
