"""What the open-data API says of an image of the media library: its renditions, text alternative, credit, licence."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from core.api import LANGUAGES, AbsoluteFileField
from core.renditions import renditions
from core.templatetags.site_tags import translated_value

from .mediakit import licence_label
from .models import LICENCE_URLS

# The widths of a portrait's renditions: a card's thumbnail, a page's photo, twice each for dense screens.
PHOTO_WIDTHS = (160, 320, 640)


def requested_language(request):
    """Return the language a client asks for: ``?lang=fr|en``, else its Accept-Language (LocaleMiddleware), else French.

    A ``lang`` naming another language is a 400 naming the parameter.
    """
    asked = request.query_params.get("lang") if request is not None else None
    if asked:
        if asked not in LANGUAGES:
            raise ValidationError({"lang": [_("Give one of: %(codes)s.") % {"codes": ", ".join(LANGUAGES)}]})
        return asked
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


class RenditionSerializer(serializers.Serializer):
    """A resized copy of an image, never wider than the original."""

    url = serializers.URLField()
    width = serializers.IntegerField(help_text=_("Width in pixels."))
    height = serializers.IntegerField(help_text=_("Height in pixels."))


class TextInLanguage(serializers.Serializer):
    """A text in the requested language or, where it has none there, in the other one: ``language`` says which."""

    text = serializers.CharField(allow_null=True)
    language = serializers.CharField(
        allow_null=True, help_text=_("The language of the text (fr, en); null without text.")
    )


class PhotoSerializer(serializers.Serializer):
    """An image of the media library: the original, its renditions, text alternative, credit and licence.

    The text alternative and the licence's name are in the language the client asks for (``lang``, else its
    Accept-Language; ``context["language"]``).
    """

    url = AbsoluteFileField(source="file", help_text=_("The original file, at full resolution."))
    width = serializers.IntegerField(allow_null=True, help_text=_("Width of the original in pixels."))
    height = serializers.IntegerField(allow_null=True, help_text=_("Height of the original in pixels."))
    renditions = serializers.SerializerMethodField()
    alt = serializers.SerializerMethodField()
    credit = serializers.CharField(help_text=_("Whom to credit, without the “©”."))
    licence = serializers.CharField(help_text=_("The licence's code: press_use, cc_by_4, cc0… (empty: not given)."))
    licence_name = serializers.SerializerMethodField()
    licence_url = serializers.SerializerMethodField()

    def language(self):
        return self.context.get("language") or settings.LANGUAGE_CODE

    def absolute(self, url):
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, asset):
        """Return the renditions at PHOTO_WIDTHS, smallest first (fewer for a small original; none if unreadable)."""
        return [
            {"url": self.absolute(rendition.url), "width": rendition.width, "height": rendition.height}
            for rendition in renditions(asset.file, PHOTO_WIDTHS)
        ]

    @extend_schema_field(TextInLanguage)
    def get_alt(self, asset):
        text, language = translated_value(asset, "alt", self.language())
        return {"text": text or None, "language": language if text else None}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_licence_name(self, asset):
        return licence_label(asset.licence, self.language()) or None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_licence_url(self, asset):
        return LICENCE_URLS.get(asset.licence) or None
