import datetime
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.models import Organisation, Person
from press.importer.markdown import to_html
from press.importer.text import InvalidDate, detect_language, match_dateline
from press.models import PressContact, PressRelease, Quote
from tests.factories import OrganisationFactory, PersonFactory, PressReleaseFactory, PressReleaseIssuerFactory
from tests.helpers import seed
from workflow.states import Status

FIXTURES = Path(__file__).parent / "fixtures"
SEED_FR = seed("000")
SEED_EN = seed("001")
SEED_BRETAGNE = seed("004")

pytestmark = pytest.mark.django_db


def run(*paths, **options):
    out = io.StringIO()
    flags = [f"--{name.replace('_', '-')}" for name, value in options.items() if value is True]
    flags += [f"--{name}={value}" for name, value in options.items() if isinstance(value, str)]
    with translation.override("en"):
        call_command("import_press", *map(str, paths), *flags, stdout=out)
    return out.getvalue()


@pytest.fixture
def chief(django_user_model):
    """Return a user who may do anything, publishing included."""
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")


def counts():
    return {
        model.__name__: model.objects.count() for model in (PressRelease, Organisation, Person, PressContact, Quote)
    }


def paragraphs(html):
    return [part.split("</p>")[0] for part in html.split("<p>")[1:]]


# The seed releases


def test_anses_seeds_pair_into_one_bilingual_release():
    output = run(SEED_FR, SEED_EN)

    release = PressRelease.objects.get()
    assert release.heading == PressRelease.Kind.PRESS_RELEASE
    assert (release.kind_fr, release.kind_en) == ("", "")
    assert release.dateline_place == "Maisons-Alfort"
    assert release.release_date == datetime.date(2020, 2, 5)
    assert release.title_fr == "L'Anses et l'Inserm signent un partenariat de coopération scientifique"
    assert release.title_en == "ANSES and Inserm sign a scientific cooperation partnership agreement"
    assert release.slug_en == "anses-and-inserm-sign-a-scientific-cooperation-partnership-agreement"
    assert release.lead_fr.startswith("Gilles Bloch, Président-directeur général de l'Inserm, et, Roger Genet")
    assert release.lead_fr.endswith("au service de l'intérêt général.")
    assert "**" not in release.lead_fr
    assert release.lead_en.startswith("Gilles Bloch, Chairman and CEO of Inserm, and Roger Genet")
    body_fr, body_en = paragraphs(release.body_fr), paragraphs(release.body_en)
    assert len(body_fr) == len(body_en) == 4
    assert body_fr[0].startswith("L'Inserm et l'Anses mènent des projets scientifiques conjoints")
    assert body_fr[3].endswith("les expositions et pathologies professionnelles.")
    assert body_en[0].startswith("Inserm and ANSES have been conducting joint scientific projects")
    assert "Créé en 1964" not in release.body_fr and "Contacts presse" not in release.body_fr
    assert "Founded in 1964" not in release.body_en
    assert release.status == Status.DRAFT

    anses, inserm = [issuer.organisation for issuer in release.issuers.all()]
    assert (anses.acronym, inserm.acronym) == ("Anses", "Inserm")
    assert inserm.name_en == "French National Institute for Health and Medical Research"
    # A draft's boilerplate is proposed for review, never written to the public organisation pages.
    assert not any((inserm.about_fr, inserm.about_en, anses.about_fr, anses.about_en))
    assert "“About” text (French) proposed for “Inserm”, not written" in output
    assert "waits among the proposed “About” texts for an administrator" in output

    contacts = list(release.contacts.all())
    assert [(c.organisation, c.email, c.phone, c.handle) for c in contacts] == [
        (anses, "presse@anses.fr", "01 49 77 13 77 / 01 49 77 22 26", "@Anses_fr"),
        (inserm, "presse@inserm.fr", "", ""),
    ]
    assert not release.quotes.exists()

    assert "000_2e463a5eff1c145f.txt + 001_540b7ff0df0d510f.txt" in output
    assert "same release date 2020-02-05" in output
    assert "organisation “Inserm” created, please review it" in output
    assert "no press contacts block found" in output  # the English version has none


def test_bretagne_seed_quotes_their_speakers_and_leave_the_body():
    output = run(SEED_BRETAGNE)

    release = PressRelease.objects.get()
    assert release.heading == PressRelease.Kind.PRESS_RELEASE
    assert (release.kind_fr, release.kind_en) == ("", "")
    assert release.dateline_place == ""
    assert release.release_date == datetime.date(2022, 3, 22)
    assert release.title_fr == "La Région et l'Inserm s'associent pour développer la recherche biomédicale en Bretagne"
    assert not release.title_en
    assert release.lead_fr.startswith(
        "Loïg Chesnais-Girard, Président de la Région Bretagne, et le Docteur Gilles Bloch"
    )
    assert release.body_fr.startswith("<p>En vigueur jusqu'au 31 décembre 2025")
    assert release.body_fr.count("<li>") == 4
    assert "<li><strong>soutenir les projets d'excellence scientifique</strong>, en lien avec" in release.body_fr
    assert "<h2>Démarrage de deux chaires industrielles à Brest et Rennes</h2>" in release.body_fr
    assert "souligne" not in release.body_fr and "«" not in release.body_fr
    assert "Créé en 1964" not in release.body_fr

    region, chair = Quote.objects.filter(release=release)
    assert region.text_fr.startswith("La Bretagne, terre d'innovation et d'expérimentation")
    assert "au cœur du système de santé. Je suis donc satisfait" in region.text_fr
    assert region.text_fr.endswith("sur l'ensemble du territoire.")
    assert (region.speaker.first_name, region.speaker.last_name) == ("Loïg", "Chesnais-Girard")
    assert region.speaker_title_fr == "Président de la Région Bretagne"
    assert region.speaker.organisation.name_fr == "Région Bretagne"
    assert region.speaker.organisation.kind == Organisation.Kind.REGION
    assert chair.speaker.full_name == "Gilles Bloch"
    assert chair.speaker_title_fr == "PDG de l'Inserm"
    assert chair.text_fr.endswith("des modalités de travail efficaces.")

    assert [issuer.organisation.acronym for issuer in release.issuers.all()] == ["Inserm"]
    assert not Organisation.objects.get(acronym="Inserm").about_fr
    assert not release.contacts.exists()
    assert "no place in the dateline" in output
    assert "person “Loïg Chesnais-Girard” created, please review them" in output


def test_known_organisations_and_people_are_reused_never_duplicated():
    inserm = OrganisationFactory(
        name_fr="Institut national de la santé et de la recherche médicale", acronym="INSERM", about_fr=""
    )
    region = OrganisationFactory(name_fr="Région Bretagne", acronym="", kind=Organisation.Kind.REGION)
    bloch = PersonFactory(first_name="Gilles", last_name="Bloch", organisation=inserm)

    run(SEED_BRETAGNE)

    assert Organisation.objects.count() == 2
    release = PressRelease.objects.get()
    assert [issuer.organisation for issuer in release.issuers.all()] == [inserm]
    assert release.quotes.get(speaker=bloch).speaker_title_fr == "PDG de l'Inserm"
    assert release.quotes.exclude(speaker=bloch).get().speaker.organisation == region


def test_a_stored_about_text_is_kept_and_the_difference_reported():
    OrganisationFactory(name_fr="Inserm", acronym="Inserm", about_fr="<p>Texte validé.</p>")

    output = run(SEED_BRETAGNE)

    assert Organisation.objects.get(acronym="Inserm").about_fr == "<p>Texte validé.</p>"
    assert "the “About” text of “Inserm” differs from the stored one: the stored text was kept" in output


# Idempotence, dry run, publishing


def test_importing_the_same_files_twice_creates_nothing_new():
    run(SEED_FR, SEED_EN, SEED_BRETAGNE)
    before = counts()
    versions = dict(PressRelease.objects.values_list("pk", "version"))

    output = run(SEED_FR, SEED_EN, SEED_BRETAGNE)

    assert counts() == before
    assert dict(PressRelease.objects.values_list("pk", "version")) == versions
    assert "Releases: 0 created, 0 updated, 2 unchanged. Files not imported: 0." in output


def test_a_changed_file_updates_its_release(tmp_path):
    run(SEED_FR, SEED_EN)
    release = PressRelease.objects.get()
    changed = tmp_path / "000.txt"
    changed.write_text(SEED_FR.read_text().replace("pour cinq ans", "pour six ans"))

    output = run(changed)

    release.refresh_from_db()
    assert PressRelease.objects.count() == 1
    assert "pour six ans" in release.body_fr
    assert release.title_en == "ANSES and Inserm sign a scientific cooperation partnership agreement"
    assert release.version == 2
    assert "000.txt (French): updated" in output
    # The update keeps a revision: the previous text stays in the history, with the import as reason.
    latest, previous = release.history.order_by("-history_date", "-history_id")[:2]
    assert "pour six ans" in latest.body_fr and "pour cinq ans" in previous.body_fr
    assert "000.txt" in latest.history_change_reason


def test_an_english_file_alone_updates_the_english_side_of_its_release():
    run(SEED_FR, SEED_EN)

    output = run(SEED_EN)

    assert PressRelease.objects.count() == 1
    assert "Releases: 0 created, 0 updated, 1 unchanged." in output


def test_the_english_seed_imported_later_completes_the_french_release():
    run(SEED_FR)

    output = run(SEED_EN)

    release = PressRelease.objects.get()
    assert release.title_en == "ANSES and Inserm sign a scientific cooperation partnership agreement"
    assert release.contacts.count() == 2
    assert "stored release “L'Anses et l'Inserm signent" in output


def test_dry_run_writes_nothing():
    output = run(SEED_FR, SEED_EN, SEED_BRETAGNE, dry_run=True)

    assert counts() == {"PressRelease": 0, "Organisation": 0, "Person": 0, "PressContact": 0, "Quote": 0}
    assert output.startswith("Dry run: nothing was written.")
    assert "Releases: 2 created, 0 updated, 0 unchanged. Files not imported: 0." in output


def test_publish_flag_publishes_imported_releases_and_fills_about_texts(chief):
    run(SEED_BRETAGNE, publish=True, user=chief.username)

    assert PressRelease.objects.live().count() == 1
    # Positive control of the draft tests: the boilerplate of a published release is written.
    assert Organisation.objects.get(acronym="Inserm").about_fr.startswith("<p>Créé en 1964, l'Institut national")


# Documents of other layouts


def test_french_and_english_plain_text_pair_with_crlf_bom_and_several_abouts(chief):
    raw = (FIXTURES / "lyon_fr_crlf_bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw

    output = run(FIXTURES / "lyon_fr_crlf_bom.txt", FIXTURES / "lyon_en.txt", publish=True, user=chief.username)

    release = PressRelease.objects.get()
    assert release.title_fr == "Un nouveau centre de recherche sur les maladies rares ouvre à Lyon"
    assert release.title_en == "A new research centre for rare diseases opens in Lyon"
    assert release.heading == PressRelease.Kind.PRESS_INFORMATION
    assert (release.dateline_place, release.release_date) == ("Lyon", datetime.date(2021, 4, 1))
    assert release.body_fr.count("<li>") == 3 and "<li>le diagnostic précoce ;</li>" in release.body_fr
    assert "\r" not in release.body_fr
    names = [issuer.organisation.name_fr for issuer in release.issuers.all()]
    assert names == ["Inserm", "Université Claude Bernard Lyon 1", "Hospices Civils de Lyon"]
    hospices = Organisation.objects.get(name_fr="Hospices Civils de Lyon")
    assert (
        hospices.about_fr
        == "<p>Les Hospices Civils de Lyon forment le deuxième centre hospitalier universitaire de France.</p>"
    )
    assert hospices.about_en.startswith("<p>The Hospices Civils de Lyon are the second largest")
    quote = release.quotes.get()
    assert quote.speaker.full_name == "Marie Curien"
    assert quote.speaker_title_fr == "directrice de recherche à l'Inserm"
    assert quote.speaker_title_en == "research director at Inserm"
    assert quote.text_fr.startswith("Ce centre permettra de raccourcir")
    assert quote.text_en.startswith("This centre will shorten the diagnostic odyssey of families.")
    assert not release.contacts.exists()
    assert "no press contacts block found" in output


def test_markdown_with_dateline_in_the_lead_lists_quotes_and_a_one_line_contact():
    output = run(FIXTURES / "inline_dateline_fr.md")

    release = PressRelease.objects.get()
    assert (release.dateline_place, release.release_date) == ("Bordeaux", datetime.date(2021, 5, 3))
    assert release.title_fr == "Des chercheurs identifient un marqueur précoce de la maladie d'Alzheimer"
    assert release.lead_fr.startswith("Une équipe de l'Inserm a identifié")
    assert "<em>2 000 volontaires</em>" in release.body_fr
    assert "<blockquote><p>Ces résultats restent à confirmer" in release.body_fr
    contact = release.contacts.get()
    assert (contact.email, contact.phone) == ("presse@inserm.fr", "01 44 23 60 97")
    assert "no “About …” block found" in output


def test_an_english_document_completes_the_stored_french_release():
    inserm = OrganisationFactory(name_fr="Inserm", acronym="Inserm")
    french = PressReleaseFactory(
        release_date=datetime.date(2021, 3, 12), title_en="", slug_en="", lead_en="", body_en="", status=Status.DRAFT
    )
    PressReleaseIssuerFactory(release=french, organisation=inserm)

    output = run(FIXTURES / "paris_en.md")

    french.refresh_from_db()
    assert PressRelease.objects.count() == 1
    assert french.title_en == "Inserm and the University of Example open a joint laboratory on ageing"
    assert french.heading == PressRelease.Kind.PRESS_RELEASE
    assert french.lead_en.startswith("Inserm and the University of Example today opened")
    assert (
        '<a href="https://www.inserm.fr/interaging" rel="noopener noreferrer">InterAging project</a>' in french.body_en
    )
    assert "<em>ten years</em>" in french.body_en
    assert "<h2>What the laboratory will do</h2>" in french.body_en
    assert "<ol><li>Map the ageing of immune cells;</li>" in french.body_en
    quote = french.quotes.get()
    assert quote.text_en == "We are delighted to open this laboratory with Inserm, a partner of many years."
    assert quote.speaker.full_name == "Jane Doe"
    assert quote.speaker.organisation.name_fr == "University of Example"
    assert quote.speaker_title_en == "President of the University of Example"
    smith, office = french.contacts.all()
    assert (smith.name, smith.organisation.name_fr, smith.email, smith.phone) == (
        "Jane Smith",
        "University of Example",
        "jane.smith@example.edu",
        "+44 20 7946 0958",
    )
    assert (office.name, office.email, office.handle) == ("Inserm press office", "presse@inserm.fr", "@InsermPresse")
    assert "stored release" in output


def test_an_english_document_alone_creates_an_english_only_release():
    output = run(FIXTURES / "paris_en.md", SEED_BRETAGNE)

    assert PressRelease.objects.count() == 2
    english = PressRelease.objects.get(release_date=datetime.date(2021, 3, 12))
    assert english.title_en == "Inserm and the University of Example open a joint laboratory on ageing"
    assert english.slug_en == "inserm-and-the-university-of-example-open-a-joint-laboratory-on-ageing"
    assert (english.title_fr, english.slug_fr, english.lead_fr, english.body_fr) == ("", "", "", "")
    assert english.lead_en.startswith("Inserm and the University of Example today opened")
    assert english.heading == PressRelease.Kind.PRESS_RELEASE
    assert "English-only release" in output


def test_a_french_document_completes_a_stored_english_only_release(tmp_path):
    run(FIXTURES / "paris_en.md")
    english = PressRelease.objects.get()
    french = tmp_path / "paris_fr.md"
    french.write_text(
        "**COMMUNIQUÉ DE PRESSE**\n\nParis, le 12 mars 2021\n\n"
        "# L'Inserm et l'Université d'Exemple ouvrent un laboratoire commun sur le vieillissement\n\n"
        "**L'Inserm et l'Université d'Exemple ont ouvert aujourd'hui à Paris un laboratoire commun.**\n\n"
        "Le laboratoire étudiera le vieillissement des cellules.\n\n"
        "À propos de l'Inserm\n\nCréé en 1964, l'Inserm est un établissement public de recherche.\n",
        encoding="utf-8",
    )

    output = run(french)

    english.refresh_from_db()
    assert PressRelease.objects.count() == 1
    assert english.title_fr.startswith("L'Inserm et l'Université d'Exemple ouvrent un laboratoire commun")
    assert english.title_en == "Inserm and the University of Example open a joint laboratory on ageing"
    assert "no French version yet" in output


def test_a_folder_imports_every_document_in_it(tmp_path):
    (tmp_path / "archive").mkdir()
    for path in (SEED_FR, SEED_EN, SEED_BRETAGNE):
        shutil.copy(path, tmp_path / "archive")

    output = run(tmp_path / "archive")

    assert PressRelease.objects.count() == 2
    assert "archive/000_2e463a5eff1c145f.txt" in output


# Bad input


def test_bad_files_are_reported_by_name_and_the_rest_of_the_batch_imported(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "deutsch.txt").write_text(
        "Pressemitteilung\n\nBerlin, 5 March 2021\n\nDie Forscher der Universität haben heute eine neue Studie "
        "über die Wirkung von Medikamenten bei Kindern vorgestellt, die von der Stiftung gefördert wurde und "
        "bei der mehr als tausend Familien mitgemacht haben.\n"
    )
    (tmp_path / "fevrier.txt").write_text(
        SEED_BRETAGNE.read_text().replace("Mardi 22 mars 2022", "Paris, le 31 février 2022")
    )
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        line = b"Le communiqu\xc3\xa9 de presse est trop long pour \xc3\xaatre import\xc3\xa9.\n" * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(zipfile.ZipInfo("../evil.txt"), "Paris, le 1er avril 2021\n\nTitre\n\nTexte.")
        zipped.writestr(zipfile.ZipInfo("/etc/absolute.txt"), "Paris, le 1er avril 2021\n\nTitre\n\nTexte.")
        zipped.writestr(zipfile.ZipInfo("releases/004.txt"), SEED_BRETAGNE.read_bytes())

    names = ["empty.txt", "binary.txt", "deutsch.txt", "fevrier.txt", "big.txt", "batch.zip"]
    output = run(*(tmp_path / name for name in names), SEED_FR)

    assert "empty.txt: not imported\n  ✗ the file is empty" in output
    assert "binary.txt: not imported\n  ✗ the file is binary, not text" in output
    assert "deutsch.txt: not imported\n  ✗ the text is neither French nor English" in output
    assert "fevrier.txt (French): not imported\n  ✗ the date does not exist: Paris, le 31 février 2022" in output
    assert "big.txt: not imported\n  ✗ the file is too large (50.0 MB, limit 5.0 MB)" in output
    assert "batch.zip/../evil.txt: not imported\n  ✗ path escaping the zip archive's folder, refused" in output
    assert "batch.zip//etc/absolute.txt: not imported\n  ✗ absolute path in the zip archive, refused" in output
    assert "batch.zip/releases/004.txt (French): created" in output
    assert sorted(PressRelease.objects.values_list("release_date", flat=True)) == [
        datetime.date(2020, 2, 5),
        datetime.date(2022, 3, 22),
    ]
    assert not Organisation.objects.filter(name_fr__icontains="evil").exists()


def test_a_batch_where_nothing_can_be_imported_fails_the_command(tmp_path):
    (tmp_path / "empty.md").write_text("   \n")

    with pytest.raises(CommandError):
        run(tmp_path / "empty.md")
    assert not PressRelease.objects.exists()


# Building blocks


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        ("Maisons-Alfort, le 5 février 2020", "Maisons-Alfort", datetime.date(2020, 2, 5)),
        ("Maisons-Alfort, 5 February 2020", "Maisons-Alfort", datetime.date(2020, 2, 5)),
        ("Mardi 22 mars 2022", "", datetime.date(2022, 3, 22)),
        ("Rennes, mardi 22 mars 2022", "Rennes", datetime.date(2022, 3, 22)),
        ("Paris, 12 March 2021", "Paris", datetime.date(2021, 3, 12)),
        ("Paris, March 12, 2021", "Paris", datetime.date(2021, 3, 12)),
        ("1er avril 2021", "", datetime.date(2021, 4, 1)),
        ("Saint-Étienne, le 3 août 2021", "Saint-Étienne", datetime.date(2021, 8, 3)),
        ("Lyon, 03/05/2021", "Lyon", datetime.date(2021, 5, 3)),
    ],
)
def test_datelines(text, place, day):
    assert match_dateline(text)[:2] == (place, day)


def test_a_day_that_does_not_exist_is_refused():
    with pytest.raises(InvalidDate):
        match_dateline("Paris, le 31 février 2021")
    assert match_dateline("Les chercheurs de Paris ont publié une étude") is None


def test_language_detection():
    assert detect_language(SEED_FR.read_text()) == "fr"
    assert detect_language(SEED_EN.read_text()) == "en"
    assert detect_language("Die Forscher haben heute eine neue Studie über Kinder vorgestellt, sagte er.") is None


def test_markdown_converter_keeps_the_allowed_subset_only():
    html = to_html(["Un <script>alert(1)</script> [lien](javascript:alert(1)) et **gras**", "- un\n- deux"])

    assert "<script>" not in html and "javascript:" not in html
    assert "<strong>gras</strong>" in html
    assert "<ul><li>un</li><li>deux</li></ul>" in html
