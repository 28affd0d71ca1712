import datetime
import shutil
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from demo.management.commands.demo_staff import DEFAULT_PASSWORD
from demo.management.commands.load_demo import default_seeds_dir
from directory.models import Organisation
from press.models import PressRelease
from tests.factories import OrganisationFactory, PageFactory, PressReleaseFactory
from tests.helpers import snapshot

ANSES_RELEASE = "anses-inserm-partenariat-cooperation-scientifique"
BRETAGNE_RELEASE = "region-bretagne-inserm-recherche-biomedicale"

pytestmark = pytest.mark.django_db


def load(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_default_seeds_folder_is_next_to_the_project(settings):
    assert default_seeds_dir() == settings.BASE_DIR.parent / "shared" / "seeds"


def test_second_run_creates_and_changes_nothing():
    first = load()
    before = snapshot()
    second = load()

    assert "Created:" in first
    assert "nothing changed" in second
    assert snapshot() == before
    assert sum(len(rows) for label, rows in before.items() if label.startswith("press.")) > 0


def test_conflicting_press_release_stops_the_load_and_writes_nothing():
    PressReleaseFactory(slug_fr=ANSES_RELEASE, release_date=datetime.date(2020, 3, 1))
    before = snapshot()

    with pytest.raises(CommandError) as error:
        load()

    assert "press release" in str(error.value)
    assert ANSES_RELEASE in str(error.value)
    assert "release_date" in str(error.value)
    assert snapshot() == before


def test_organisation_with_same_acronym_but_other_name_is_a_conflict():
    OrganisationFactory(acronym="Inserm", country="FR", name_fr="Institut de recherche imaginaire")
    before = snapshot()

    with pytest.raises(CommandError) as error:
        load()

    assert "organisation" in str(error.value)
    assert "'Inserm'" in str(error.value)
    assert "Institut de recherche imaginaire" in str(error.value)
    assert snapshot() == before


def test_page_holding_a_demo_address_is_a_conflict():
    PageFactory(slug_fr="accessibilite", title_fr="Une autre page")
    before = snapshot()

    with pytest.raises(CommandError) as error:
        load()

    assert "Déclaration d’accessibilité" in str(error.value)
    assert "slug_fr='accessibilite'" in str(error.value)
    assert "slug" in str(error.value)
    assert snapshot() == before


def test_missing_seeds_folder_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="Seeds folder not found"):
        load(seeds=tmp_path / "absent")


def test_seed_that_lost_its_shape_writes_nothing(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(default_seeds_dir(), seeds)
    seed_002 = next(seeds.glob("002_*.txt"))
    # A city without declared coordinates: noticed only after organisations, agreements and releases are written.
    seed_002.write_text(seed_002.read_text(encoding="utf-8").replace("    • Dakar\n", "    • Tombouctou\n"))

    with pytest.raises(CommandError, match="Tombouctou"):
        load(seeds=seeds)

    assert not PressRelease.objects.exists()
    assert not Organisation.objects.exists()


def test_a_release_seed_the_importer_cannot_read_writes_nothing(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(default_seeds_dir(), seeds)
    seed_004 = next(seeds.glob("004_*.txt"))
    seed_004.write_text("Rien à lire ici.\n", encoding="utf-8")

    with pytest.raises(CommandError, match=f"press importer refused seed {seed_004.name}"):
        load(seeds=seeds)

    assert not PressRelease.objects.exists()
    assert not Organisation.objects.exists()


def test_a_changed_release_seed_reaches_the_published_release(tmp_path, client):
    seeds = tmp_path / "seeds"
    shutil.copytree(default_seeds_dir(), seeds)
    load(seeds=seeds)
    seed_000 = next(seeds.glob("000_*.txt"))
    text = seed_000.read_text(encoding="utf-8")
    assert "L'Inserm et l'Anses mènent des projets" in text
    seed_000.write_text(
        text.replace("L'Inserm et l'Anses mènent des projets", "L'Inserm et l'Anses conduisent des projets")
    )

    output = load(seeds=seeds)

    assert "Updated: 1 press releases" in output
    release = PressRelease.objects.get(slug_fr=ANSES_RELEASE)
    assert PressRelease.objects.count() == 2  # the import's draft update was applied, not left waiting
    assert release.is_live and timezone.localtime(release.publish_at).date() == datetime.date(2020, 2, 5)
    page = client.get(release.get_absolute_url())
    assert page.status_code == 200
    assert "Anses conduisent des projets scientifiques" in page.text
    assert "nothing changed" in load(seeds=seeds)


def test_seeds_option_reads_another_folder(tmp_path):
    seeds = tmp_path / "copy"
    shutil.copytree(default_seeds_dir(), seeds)

    load(seeds=seeds)

    assert PressRelease.objects.count() == 2


def test_demo_staff_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="demo mode"):
        call_command("demo_staff", stdout=StringIO())

    assert not get_user_model().objects.filter(username="demo").exists()


def test_demo_staff_creates_then_resets_the_superuser(settings, monkeypatch):
    settings.DEMO_MODE = True
    monkeypatch.delenv("DEMO_STAFF_PASSWORD", raising=False)
    out = StringIO()

    call_command("demo_staff", stdout=out)

    assert f"Staff login: demo / {DEFAULT_PASSWORD}" in out.getvalue()
    assert len(DEFAULT_PASSWORD) >= 12
    user = get_user_model().objects.get(username="demo")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.check_password(DEFAULT_PASSWORD)

    user.is_active = False
    user.save()
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "another-long-password")
    call_command("demo_staff", stdout=out)

    assert "Staff login: demo / another-long-password" in out.getvalue()
    user.refresh_from_db()
    assert user.is_active
    assert not user.check_password(DEFAULT_PASSWORD)
    assert user.check_password("another-long-password")
    assert get_user_model().objects.filter(username="demo").count() == 1


def test_demo_staff_also_creates_an_editor_and_a_publisher(settings, monkeypatch, client):
    settings.DEMO_MODE = True
    monkeypatch.delenv("DEMO_STAFF_PASSWORD", raising=False)
    out = StringIO()

    call_command("demo_staff", stdout=out)

    assert f"Editor login: editor / {DEFAULT_PASSWORD}" in out.getvalue()
    assert f"Publisher login: publisher / {DEFAULT_PASSWORD}" in out.getvalue()
    editor = get_user_model().objects.get(username="editor")
    publisher = get_user_model().objects.get(username="publisher")
    assert not editor.is_superuser and editor.is_staff
    assert editor.has_perm("press.add_pressrelease") and not editor.has_perm("press.publish_pressrelease")
    assert publisher.has_perm("press.publish_pressrelease")


def test_demo_staff_refuses_a_short_password(settings, monkeypatch):
    settings.DEMO_MODE = True
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "short")

    with pytest.raises(CommandError, match="12 characters"):
        call_command("demo_staff", stdout=StringIO())
