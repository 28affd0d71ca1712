"""The pages the browser checks visit: one of each page type, in each language, found from the demo content.

``PAGES`` is known at collection time (test ids such as ``en-press-detail``); ``resolve_paths()`` turns it
into paths from the objects in the database, reversed under ``translation.override(lang)`` so that
translated path segments and per-language slugs are the site's own.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from directory.models import Expert, Organisation, Theme
from international.models import CooperationSite, FundingInstrument
from newsroom.models import Subscriber
from newsroom.tokens import make_token
from pages.models import Page
from partnerships.models import Agreement
from press.models import PressRelease

LANGUAGES = ("fr", "en")
MISSING_SLUG = "no-such-page-anywhere"


@dataclass(frozen=True)
class CheckedPage:
    lang: str
    kind: str
    status: int = 200

    @property
    def id(self):
        return f"{self.lang}-{self.kind}"


def first(queryset, what):
    """Return the first object of ``queryset``: the demo content must hold one."""
    obj = queryset.first()
    if obj is None:
        raise LookupError(f"The demo content has no {what}: the browser checks need one.")
    return obj


def press_release():
    """Return the latest live press release with issuers, the richest detail page of the demo."""
    return first(
        PressRelease.objects.live().filter(issuers__isnull=False).distinct().order_by("-release_date", "-pk"),
        "live press release with an issuing organisation",
    )


def organisation():
    """Return the first issuer of the checked press release: its page gathers releases and agreements."""
    return first(
        Organisation.objects.filter(issued_releases__release=press_release()).order_by(
            "issued_releases__position", "pk"
        ),
        "issuing organisation",
    )


def theme():
    """Return a theme of the checked press release, or else the first theme."""
    return press_release().themes.order_by("pk").first() or first(Theme.objects.order_by("pk"), "theme")


def agreement():
    """Return the latest live agreement with parties, the richest agreement page of the demo."""
    return first(
        Agreement.objects.live().filter(parties__isnull=False).distinct().order_by("-signed_on", "pk"),
        "live agreement with parties",
    )


def subscriber_link(name, purpose, confirmed=True):
    """Return a signed link of a subscriber made for the checks (their pages show only their own data)."""
    from django.utils import timezone

    email = f"{purpose}-check@example.org"
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"confirmed_at": timezone.now() if confirmed else None}
    )
    return reverse(f"newsroom:{name}", kwargs={"token": make_token(subscriber, purpose)})


CHECKED_EXPERT_SLUG = "claire-exemple"
CHECKED_RESEARCH_SLUG = "resultat-de-recherche-exemple"


def add_press_room_content():
    """Add what the demo seeds do not hold: a listed expert, a research release and an agreement with a press kit.

    Both are made up for the checks (the seeds are real documents with no expert and no research result) and
    named as examples.
    """
    import io

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from PIL import Image

    from assets.models import Asset, Licence
    from partnerships.models import AgreementAttachment
    from press.models import PressAttachment, ReleaseType, StudySubject, StudyType
    from workflow.states import Status

    checked = press_release()
    expert = Expert.objects.create(
        honorific="Dr",
        first_name="Claire",
        last_name="Exemple",
        slug=CHECKED_EXPERT_SLUG,
        role_fr="Directrice de recherche (exemple)",
        role_en="Research director (example)",
        unit="U0000 Inserm — unité d'exemple",
        languages="fr, en, es",
        bio_fr="Experte fictive créée pour les vérifications du site : épidémiologie des maladies infectieuses.",
        bio_en="A made-up expert created for the site checks: epidemiology of infectious diseases.",
        listing_consent_at=timezone.now(),
        listing_consent_note="Test fixture",
    )
    expert.themes.set(checked.themes.all())
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#2d5b8c").save(buffer, "JPEG")
    research = PressRelease(
        title_fr="Résultat de recherche (exemple)",
        title_en="Research result (example)",
        slug_fr=CHECKED_RESEARCH_SLUG,
        slug_en="research-result-example",
        lead_fr="Un communiqué fictif qui montre les informations sur la recherche et le dossier de presse.",
        lead_en="A made-up release showing the research details and the press kit.",
        body_fr="<p>Texte d'exemple.</p>",
        body_en="<p>Example text.</p>",
        kind_fr="Communiqué de presse",
        kind_en="Press release",
        dateline_place="Paris",
        release_date=checked.release_date,
        release_type=ReleaseType.RESEARCH,
        peer_reviewed=True,
        study_type=StudyType.OBSERVATIONAL,
        study_subject=StudySubject.PEOPLE,
        journal="Journal of Examples",
        article_title="An example cohort study",
        article_published_on=checked.release_date,
        journal_doi="10.5555/example.2026.001",
        image=Asset.objects.create(
            file=ContentFile(buffer.getvalue(), name="exemple.jpg"),
            title_fr="Aplat bleu",
            title_en="Plain blue area",
            alt_fr="Aplat bleu (image d'exemple)",
            alt_en="Plain blue area (example image)",
            credit="Inserm/Exemple",
            licence=Licence.PRESS_USE,
        ),
        status=Status.PUBLISHED,
    )
    research.save()
    research.themes.set(checked.themes.all())
    research.funders.set(Organisation.objects.filter(issued_releases__release=checked))
    research.experts.add(expert)
    pack = Asset.objects.create(
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="exemple.pdf"),
        title_fr="Dossier de presse (exemple)",
        title_en="Press pack (example)",
        credit="Inserm",
    )
    PressAttachment.objects.create(release=research, asset=pack)
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "#7a3b2e").save(buffer, "JPEG")
    signing = Asset.objects.create(
        file=ContentFile(buffer.getvalue(), name="signature.jpg"),
        title_fr="Signature (exemple)",
        title_en="Signing (example)",
        alt_fr="Aplat brun (image d'exemple)",
        alt_en="Plain brown area (example image)",
        caption_fr="La signature de la convention (image d'exemple)",
        credit="Inserm/Exemple",
        licence=Licence.CC_BY,
    )
    AgreementAttachment.objects.create(agreement=agreement(), asset=signing, position=0)
    AgreementAttachment.objects.create(agreement=agreement(), asset=pack, position=1)


URLS = {
    "home": lambda: reverse("home"),
    "press-list": lambda: reverse("press:release-list"),
    "press-detail": lambda: press_release().get_absolute_url(),
    "press-research": lambda: PressRelease.objects.get(slug_fr=CHECKED_RESEARCH_SLUG).get_absolute_url(),
    "newsroom": lambda: reverse("press:newsroom"),
    "expert-list": lambda: reverse("directory:expert-list"),
    "expert-detail": lambda: Expert.objects.live().get(slug=CHECKED_EXPERT_SLUG).get_absolute_url(),
    "agreement-list": lambda: reverse("partnerships:agreement-list"),
    "agreement-detail": lambda: agreement().get_absolute_url(),
    "international": lambda: reverse("international:overview"),
    "map": lambda: reverse("international:map"),
    "site-list": lambda: reverse("international:site-list"),
    "site-detail": lambda: first(
        CooperationSite.objects.live().filter(places__isnull=False).distinct().order_by("kind", "name_fr"),
        "live cooperation site with a place",
    ).get_absolute_url(),
    "instrument-list": lambda: reverse("international:instrument-list"),
    "instrument-detail": lambda: first(
        FundingInstrument.objects.live().order_by("stage", "name_fr"), "live funding instrument"
    ).get_absolute_url(),
    "key-figures": lambda: reverse("international:key-figures"),
    "organisation": lambda: organisation().get_absolute_url(),
    "theme-list": lambda: reverse("directory:theme-list"),
    "theme": lambda: theme().get_absolute_url(),
    "page": lambda: first(
        Page.objects.live().filter(role=Page.Role.NONE).order_by("position", "title_fr"), "live editorial page"
    ).get_absolute_url(),
    "accessibility": lambda: first(
        Page.objects.live().filter(role=Page.Role.ACCESSIBILITY), "live accessibility statement"
    ).get_absolute_url(),
    "subscribe": lambda: reverse("newsroom:subscribe"),
    "subscription-requested": lambda: reverse("newsroom:requested"),
    "subscription-confirm": lambda: subscriber_link("confirm", "confirm", confirmed=False),
    "subscription-manage": lambda: subscriber_link("manage", "manage"),
    "unsubscribe": lambda: subscriber_link("unsubscribe", "unsubscribe"),
    "not-found": lambda: reverse("pages:page-detail", kwargs={"slug": MISSING_SLUG}),
}

PAGES = [CheckedPage(lang, kind, status=404 if kind == "not-found" else 200) for lang in LANGUAGES for kind in URLS]


def resolve_paths():
    """Return ``{page id: path}`` for every checked page, reading the database."""
    paths = {}
    for page in PAGES:
        with translation.override(page.lang):
            paths[page.id] = URLS[page.kind]()
    return paths
