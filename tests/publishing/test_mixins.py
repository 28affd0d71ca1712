"""What the small model bases give the content: ordered child rows, filled slugs, translation tracking by type."""

import pytest

from directory.models import Organisation, Theme
from press.models import Quote
from tests.factories import AgreementFactory, CooperationSiteFactory, ObjectiveFactory, PressReleaseFactory
from tests.helpers import admin_url
from tests.site.conftest import url_in
from tests.workflow.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_child_rows_are_shown_in_the_order_staff_gave_them(client):
    release = PressReleaseFactory()
    Quote.objects.create(release=release, text_fr="Citation deuxième", position=2)
    Quote.objects.create(release=release, text_fr="Citation première", position=1)
    Quote.objects.create(release=release, text_fr="Citation troisième", position=2)  # same position: added later
    agreement = AgreementFactory()
    ObjectiveFactory(agreement=agreement, text_fr="Objectif B", position=1)
    ObjectiveFactory(agreement=agreement, text_fr="Objectif A", position=0)

    release_page = client.get(url_in("fr", release))
    agreement_page = client.get(url_in("fr", agreement))

    assert release_page.status_code == agreement_page.status_code == 200
    text = release_page.content.decode()
    assert text.index("Citation première") < text.index("Citation deuxième") < text.index("Citation troisième")
    text = agreement_page.content.decode()
    assert text.index("Objectif A") < text.index("Objectif B")


def test_saving_without_slugs_fills_them_from_the_title_or_name_in_each_language():
    theme = Theme.objects.create(name_fr="Santé publique", name_en="Public health")
    organisation = Organisation.objects.create(name_fr="Région Bretagne", name_en="", kind="region", country="FR")
    release = PressReleaseFactory(title_fr="Un résultat majeur", title_en="A major result", slug_fr="", slug_en="")
    site = CooperationSiteFactory(name_fr="Laboratoire franco-japonais", name_en="French-Japanese lab", slug_fr="")

    assert (theme.slug_fr, theme.slug_en) == ("sante-publique", "public-health")
    assert organisation.slug_fr == "region-bretagne"
    assert not organisation.slug_en  # no English name: no English address
    assert (release.slug_fr, release.slug_en) == ("un-resultat-majeur", "a-major-result")
    assert (site.slug_fr, site.slug_en) == ("laboratoire-franco-japonais", "french-japanese-lab")
    assert Theme.objects.get(pk=theme.pk).get_absolute_url().endswith("/sante-publique/")


def test_only_models_tracking_their_translation_offer_the_out_of_date_filters(django_user_model):
    client = client_for(make_user(django_user_model, "admin", "Administrators"))

    releases = client.get(admin_url("press_pressrelease_changelist", language="en"))
    themes = client.get(admin_url("directory_theme_changelist", language="en"))  # reference data tracks too
    assets = client.get(admin_url("assets_asset_changelist", language="en"))  # the library: present or missing

    assert releases.status_code == themes.status_code == assets.status_code == 200
    assert "English out of date" in releases.content.decode()
    assert "English out of date" in themes.content.decode()
    assert "English missing" in assets.content.decode()
    assert "English out of date" not in assets.content.decode()
