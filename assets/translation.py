from modeltranslation.translator import TranslationOptions, register

from .models import Asset


@register(Asset)
class AssetTranslation(TranslationOptions):
    fields = ("title", "alt", "caption")
