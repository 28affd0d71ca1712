from modeltranslation.translator import TranslationOptions, register

from .models import PressAttachment, PressRelease, Quote


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "slug", "kind", "lead", "body", "image_alt")


@register(Quote)
class QuoteTranslation(TranslationOptions):
    fields = ("text", "speaker_title")


@register(PressAttachment)
class PressAttachmentTranslation(TranslationOptions):
    fields = ("title",)
