from modeltranslation.translator import TranslationOptions, register

from .models import Expert, Organisation, Person, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "slug", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "slug", "name_with_article", "about")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("role",)


@register(Expert)
class ExpertTranslation(TranslationOptions):
    fields = ("role", "bio")
