from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, AgreementParty, Objective, Outcome, Signatory


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "body")


@register(AgreementParty)
class AgreementPartyTranslation(TranslationOptions):
    fields = ("role",)


@register(Signatory)
class SignatoryTranslation(TranslationOptions):
    fields = ("title_at_signing",)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("text",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("title", "description")
