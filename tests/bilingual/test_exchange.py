"""Translator round-trips: XLIFF and PO export of the demo content, and import back."""

import io

import pytest
from django.core.management import call_command
from translate.storage import po, xliff

from international.models import CooperationSite, FundingInstrument
from pages.models import Page
from partnerships.models import Agreement
from press.models import PressRelease
from workflow.exchange import MalformedFile, apply_proposals, export_po, export_xliff, import_translations
from workflow.models import TranslationProposal

pytestmark = pytest.mark.django_db

MODELS = [PressRelease, Agreement, Page, FundingInstrument, CooperationSite]
BRETAGNE = "region-bretagne-inserm-recherche-biomedicale"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)


@pytest.fixture
def translator(django_user_model):
    return django_user_model.objects.create_superuser("translator", "t@example.org", "a long passphrase 2026")


def applied_for_review(release, translator):
    """Apply, as a Publisher does, the translations the import kept for the published ``release``; reload it."""
    assert release.title_en == type(release).objects.get(pk=release.pk).title_en  # the import wrote nothing
    apply_proposals(list(TranslationProposal.objects.all()), user=translator)
    release.refresh_from_db()
    return release


def everything():
    return [obj for model in MODELS for obj in model.objects.order_by("pk")]


def texts():
    """Return the text of every item in both languages."""
    return [
        (type(obj), obj.pk, {name: value for name, value in obj.__dict__.items() if name.endswith(("_fr", "_en"))})
        for obj in everything()
    ]


@pytest.mark.parametrize("export", [export_xliff, export_po])
def test_reimporting_an_untouched_export_changes_nothing(demo, translator, export):
    before = texts()
    content = export(everything(), language="en")

    report = import_translations(content, language="en", user=translator, apply=True)

    assert report.applied == [] and report.refused == []
    assert len(report.unchanged) > 20
    assert not report.written
    assert texts() == before


def test_an_xliff_translation_is_applied_with_its_inline_markup(demo, translator):
    release = PressRelease.objects.get(slug_fr=BRETAGNE)
    store = xliff.xlifffile.parsestring(export_xliff([release], language="en"))
    units = {unit.xmlelement.get("id"): unit for unit in store.units}
    title = units[f"press.pressrelease.{release.pk}.title"]
    body = units[f"press.pressrelease.{release.pk}.body"]
    assert '<g id="1">' in bytes(store).decode()  # the first paragraph as an inline code
    title.target = "The Region and Inserm join forces for biomedical research in Brittany"
    # Translate the body keeping its codes: every text fragment becomes "Translated".
    rich = body.rich_source[0].copy()
    for elem in rich.depth_first():
        elem.sub = [("Translated" if isinstance(sub, str) and sub.strip() else sub) for sub in elem.sub]
    body.rich_target = [rich]

    report = import_translations(bytes(store), language="en", user=translator, apply=True)

    assert len(report.proposed) == 2 and report.applied == []  # a published release: the translation waits
    release = applied_for_review(release, translator)
    assert release.title_en == "The Region and Inserm join forces for biomedical research in Brittany"
    assert release.body_en.startswith("<p>Translated")
    assert "<h2>Translated</h2>" in release.body_en
    assert "<li><strong>Translated</strong>" in release.body_en
    assert release.stale_fields() == []


def test_a_po_translation_is_applied_and_sanitised(demo, translator):
    release = PressRelease.objects.get(slug_fr=BRETAGNE)
    store = po.pofile.parsestring(export_po([release], language="en"))
    for unit in store.units:
        if unit.getcontext().endswith(".lead"):
            unit.target = "The Region and Inserm sign an agreement."
        if unit.getcontext().endswith(".body"):
            unit.target = '<p>Body <script>alert("x")</script><strong>kept</strong></p>'

    report = import_translations(bytes(store), language="en", user=translator, apply=True)

    assert len(report.proposed) == 2
    release = applied_for_review(release, translator)
    assert release.lead_en == "The Region and Inserm sign an agreement."
    assert release.body_en == "<p>Body <strong>kept</strong></p>"


def test_a_unit_whose_source_changed_since_the_export_is_refused(demo, translator):
    release = PressRelease.objects.get(slug_fr=BRETAGNE)
    store = po.pofile.parsestring(export_po([release], language="en"))
    for unit in store.units:
        if unit.getcontext().endswith(".lead"):
            unit.target = "An outdated translation."
        if unit.getcontext().endswith(".title"):
            unit.target = "A title"
    release.lead_fr = "Un chapô réécrit après l'export."
    release.save()

    report = import_translations(bytes(store), language="en", user=translator, apply=True)

    assert [key for key, _reason in report.refused] == [f"press.pressrelease.{release.pk}.lead"]
    release = applied_for_review(release, translator)
    assert not release.lead_en
    assert release.title_en == "A title"


@pytest.mark.parametrize("content", [b"<xliff><file><body><trans-unit", b'msgid "unterminated', b"<html></html>"])
def test_a_malformed_file_is_rejected_and_nothing_written(demo, translator, content):
    before = texts()

    with pytest.raises(MalformedFile):
        import_translations(content, language="en", user=translator, apply=True)

    assert texts() == before


def test_commands_export_every_stale_item_and_preview_the_import(demo, translator, tmp_path):
    release = PressRelease.objects.exclude(slug_fr=BRETAGNE).get()
    release.lead_fr = release.lead_fr + " Une phrase ajoutée."
    release.save()
    path = tmp_path / "stale.po"
    out = io.StringIO()

    call_command("export_translations", "--stale", "--format=po", f"--output={path}", stdout=out)
    store = po.pofile.parsestring(path.read_bytes())
    for unit in store.units:
        if unit.getcontext().endswith(".lead"):
            unit.target = unit.target + " An added sentence."
    path.write_bytes(bytes(store))
    call_command("import_translations", str(path), "--user=translator", stdout=out)

    assert "1 items written" in out.getvalue()
    assert "0 applied, 1 for review, " in out.getvalue() and "Preview only: pass --apply to write." in out.getvalue()
    release.refresh_from_db()
    assert release.stale_fields() == [("lead", "en")]

    call_command("import_translations", str(path), "--user=translator", "--apply", stdout=out)

    assert TranslationProposal.objects.count() == 1
    release = applied_for_review(release, translator)
    assert release.stale_fields() == []
    assert release.lead_en.endswith(" An added sentence.")
