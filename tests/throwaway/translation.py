from modeltranslation.translator import TranslationOptions, register

from .models import Notice


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "body")
