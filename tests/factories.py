"""factory_boy factories: every translated field is written per language (``title_fr``, ``title_en``)."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from assets.models import Asset
from directory.models import Expert, Organisation, Person, Theme
from international.models import (
    AwardAmount,
    CooperationSite,
    FundingInstrument,
    Indicator,
    KeyFigure,
    Place,
    SitePlace,
)
from newsroom.models import Journalist, Subscriber
from pages.models import Page
from partnerships.models import Agreement, AgreementParty, Objective, Signatory
from press.models import PressContact, PressRelease, PressReleaseIssuer
from workflow.states import Status


class LiveMixin(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


def jpeg_upload(name="photo.jpg", size=(40, 30), colour="#204080"):
    """Return an uploaded JPEG image of ``size``."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name="dossier.pdf"):
    """Return an uploaded (minimal) PDF document."""
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


class AssetFactory(factory.django.DjangoModelFactory):
    """An image of the media library, described in both languages."""

    file = factory.LazyFunction(jpeg_upload)
    title_fr = factory.Sequence(lambda n: f"Image {n}")
    title_en = factory.LazyAttribute(lambda asset: asset.title_fr)
    alt_fr = "Une image d'exemple"
    alt_en = "An example image"
    credit = "Inserm/Exemple"

    class Meta:
        model = Asset


class DocumentAssetFactory(AssetFactory):
    """A PDF document of the media library."""

    file = factory.LazyFunction(pdf_upload)
    title_fr = factory.Sequence(lambda n: f"Dossier {n}")
    alt_fr = alt_en = ""


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_fr = factory.Sequence(lambda n: f"Organisme {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    kind = Organisation.Kind.RESEARCH_BODY
    country = "FR"


class ExpertFactory(factory.django.DjangoModelFactory):
    """An expert who agreed to be listed and is not hidden."""

    class Meta:
        model = Expert

    honorific = "Dr"
    first_name = factory.Sequence(lambda n: f"Claire{n}")
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    unit = factory.Sequence(lambda n: f"U{1000 + n} Inserm")
    languages = "fr, en"
    bio_fr = "Épidémiologiste des maladies infectieuses."
    bio_en = "Epidemiologist of infectious diseases."
    listing_consent_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    listing_consent_note = "E-mail"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    role_fr = "Directrice"
    role_en = "Director"
    organisation = factory.SubFactory(OrganisationFactory)


class PressReleaseFactory(LiveMixin):
    class Meta:
        model = PressRelease

    title_fr = factory.Sequence(lambda n: f"Communiqué numéro {n}")
    title_en = factory.Sequence(lambda n: f"Press release number {n}")
    lead_fr = "Chapô en français."
    lead_en = "Lead in English."
    body_fr = "<p>Corps du texte.</p>"
    body_en = "<p>Body text.</p>"
    dateline_place = "Paris"
    release_date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))


class PressReleaseIssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressReleaseIssuer

    release = factory.SubFactory(PressReleaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class LiveOrganisationFactory(OrganisationFactory):
    """An organisation issuing a live press release: what gives it a public page (``Organisation.objects.live()``)."""

    class Meta:
        skip_postgeneration_save = True

    issued = factory.RelatedFactory(PressReleaseIssuerFactory, factory_related_name="organisation")


class PressContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressContact

    release = factory.SubFactory(PressReleaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"presse{n}@example.org")


class AgreementFactory(LiveMixin):
    class Meta:
        model = Agreement

    title_fr = factory.Sequence(lambda n: f"Convention numéro {n}")
    title_en = factory.Sequence(lambda n: f"Agreement number {n}")
    summary_fr = "Résumé."
    summary_en = "Summary."
    kind = Agreement.Kind.FRAMEWORK
    signed_on = datetime.date(2022, 3, 22)
    signed_at = "Rennes"
    starts_on = datetime.date(2022, 3, 22)
    duration_months = 60


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    title_at_signing_fr = "Président"
    title_at_signing_en = "President"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    agreement = factory.SubFactory(AgreementFactory)
    text_fr = factory.Sequence(lambda n: f"Objectif {n}")
    text_en = factory.Sequence(lambda n: f"Objective {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name_fr = factory.Sequence(lambda n: f"Ville {n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    country = "DE"
    latitude = 49.4
    longitude = 8.7


class FundingInstrumentFactory(LiveMixin):
    class Meta:
        model = FundingInstrument

    name_fr = factory.Sequence(lambda n: f"Programme {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n} (en)")
    stage = FundingInstrument.Stage.EXPLORE
    summary_fr = "Résumé."
    summary_en = "Summary."
    duration_months = 12


class AwardAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardAmount

    instrument = factory.SubFactory(FundingInstrumentFactory)
    amount_eur = 10000


class CooperationSiteFactory(LiveMixin):
    class Meta:
        model = CooperationSite

    kind = CooperationSite.Kind.RESEARCH_PROJECT
    name_fr = factory.Sequence(lambda n: f"Site {n}")
    name_en = factory.Sequence(lambda n: f"Site {n} (en)")


class SitePlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SitePlace

    site = factory.SubFactory(CooperationSiteFactory)
    place = factory.SubFactory(PlaceFactory)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    label_fr = factory.Sequence(lambda n: f"Indicateur {n}")
    label_en = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    year = 2020
    indicator = factory.SubFactory(IndicatorFactory)
    value = 100


class PageFactory(LiveMixin):
    class Meta:
        model = Page

    title_fr = factory.Sequence(lambda n: f"Page {n}")
    title_en = factory.Sequence(lambda n: f"Page {n} (en)")
    body_fr = "<p>Texte.</p>"
    body_en = "<p>Text.</p>"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lecteur{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)


class JournalistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journalist

    name = factory.Sequence(lambda n: f"Journaliste {n}")
    outlet = "Le Quotidien"
    email = factory.Sequence(lambda n: f"journaliste{n}@example.org")
    accredited_from = datetime.date(2020, 1, 1)


def complete_press_release(**kwargs):
    """Return a press release the pre-publication checks let through: it has an issuer and a press contact."""
    release = PressReleaseFactory(**kwargs)
    PressReleaseIssuerFactory(release=release)
    PressContactFactory(release=release)
    return release
