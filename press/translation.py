from modeltranslation.translator import TranslationOptions, register

from .models import PressRelease, Quote


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "slug", "kind", "lead", "body")


@register(Quote)
class QuoteTranslation(TranslationOptions):
    fields = ("text", "speaker_title")
