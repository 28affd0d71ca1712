from modeltranslation.translator import TranslationOptions, register

from .models import AwardAmount, CooperationSite, FundedProject, FundingInstrument, Indicator, KeyFigure, Place


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name",)


@register(FundingInstrument)
class FundingInstrumentTranslation(TranslationOptions):
    fields = ("name", "slug", "summary", "eligibility")


@register(AwardAmount)
class AwardAmountTranslation(TranslationOptions):
    fields = ("scope",)


@register(FundedProject)
class FundedProjectTranslation(TranslationOptions):
    fields = ("description",)


@register(CooperationSite)
class CooperationSiteTranslation(TranslationOptions):
    fields = ("name", "slug", "summary")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("label",)


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("source",)
