import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from international.models import CooperationSite, FundedProject, FundingInstrument
from pages.models import Page
from tests.factories import (
    AwardAmountFactory,
    FundingInstrumentFactory,
    IndicatorFactory,
    KeyFigureFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    ThemeFactory,
)
from workflow.states import Status

from .conftest import DAKAR, HEIDELBERG, Kind, make_site

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def url(name, language, **kwargs):
    with override(language):
        return reverse(f"international:{name}", kwargs=kwargs)


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", ["overview", "map", "site-list", "instrument-list", "key-figures"])
def test_every_page_renders_in_both_languages(client, world, language, name):
    FundingInstrumentFactory()
    KeyFigureFactory()

    content = html(client.get(url(name, language)))

    assert f'<html lang="{language}">' in content


class TestOverview:
    def test_latest_key_figures_only(self, client, db):
        declared = IndicatorFactory(label_fr="Coopérations déclarées", label_en="Declared cooperations")
        KeyFigureFactory(year=2012, indicator=declared, value=6300)
        KeyFigureFactory(year=2020, indicator=declared, value=6580)
        copubs = IndicatorFactory(label_fr="Co-publications", label_en="Co-publications")
        KeyFigureFactory(year=2020, indicator=copubs, value=8880, share_percent=52)

        french = html(client.get(url("overview", "fr")))
        english = html(client.get(url("overview", "en")))

        assert "Key figures 2020" in english
        assert f"6{NBSP}580" in french
        assert f"6{NBSP}300" not in french
        assert f"52{NBSP}%" in french
        assert "6,580" in english
        assert "Declared cooperations" in english
        assert "52%" in english
        assert "6,300" not in english

    def test_priorities_are_live_top_level_editorial_pages_and_their_children(self, client, db):
        strategy = PageFactory(title_fr="Europe et international", title_en="Europe and international")
        PageFactory(title_fr="Priorités", title_en="Our priorities", parent=strategy)
        PageFactory(title_fr="Sous-page en brouillon", parent=strategy, status=Status.DRAFT)
        PageFactory(title_fr="Mentions légales", role=Page.Role.LEGAL)
        PageFactory(title_fr="Brouillon de stratégie", status=Status.DRAFT)

        content = html(client.get(url("overview", "en")))

        section = content[content.index("Strategy and priorities") :]
        assert "Europe and international" in section
        assert "Our priorities" in section
        with override("en"):
            assert strategy.get_absolute_url() in section
        assert "Sous-page en brouillon" not in content
        assert "Mentions légales" not in section
        assert "Brouillon de stratégie" not in content

    def test_map_and_its_text_alternative(self, client, world):
        content = html(client.get(url("overview", "en")))

        assert 'role="region" aria-label="Map of cooperation sites"' in content
        assert url("site-list", "en") in content
        assert 'src="/static/leaflet/leaflet.js"' in content
        assert 'src="/static/js/map.js"' in content
        assert "<script>" not in content  # configuration goes through json_script, never inline code
        assert 'id="intl-map-config" type="application/json"' in content
        assert "5 cooperation sites" in content

    def test_links_to_funding_instruments_and_key_figures(self, client, db):
        FundingInstrumentFactory(name_en="Exploratory actions")
        FundingInstrumentFactory(name_en="Hidden programme", status=Status.DRAFT)

        content = html(client.get(url("overview", "en")))

        assert "Exploratory actions" in content
        assert "Hidden programme" not in content
        assert url("instrument-list", "en") in content
        assert url("key-figures", "en") in content

    def test_hidden_sites_are_not_counted(self, client, world, hidden_sites):
        content = html(client.get(url("overview", "en")))

        assert "5 cooperation sites" in content
        for marker in hidden_sites:
            assert marker not in content


class TestMap:
    def test_kind_filter_is_a_labelled_control(self, client, world):
        content = html(client.get(url("map", "en")))

        assert "<legend>Kinds of site shown on the map</legend>" in content
        for kind in Kind:
            assert re.search(rf'<label><input type="checkbox" name="kind" value="{kind.value}" checked>', content)
        assert 'International joint unit <span class="intl-kinds__count">(2)</span>' in content

    def test_kind_in_the_address_preselects_the_filter(self, client, world):
        content = html(client.get(url("map", "en"), {"kind": "network"}))

        assert 'value="network" checked' in content
        assert 'value="office" checked' not in content

    def test_bad_kind_shows_every_kind(self, client, world):
        content = html(client.get(url("map", "en"), {"kind": "nonsense"}))

        assert 'value="office" checked' in content

    def test_tiles_come_from_the_settings(self, client, world, settings):
        settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
        settings.MAP_TILES_ATTRIBUTION = "© Example tiles"

        content = html(client.get(url("map", "fr")))

        assert '"tilesUrl": "https://tiles.example.org/{z}/{x}/{y}.png"' in content
        assert '"tilesAttribution": "\\u00a9 Example tiles"' in content
        assert '"geojsonUrl": "/fr/international/map.geojson"' in content


class TestTextAlternative:
    def test_groups_by_continent_then_country(self, client, world):
        content = html(client.get(url("site-list", "en")))

        headings = re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", content)
        assert headings == [
            "Africa",
            "Senegal",
            "Europe",
            "Belgium",
            "Germany",
            "North America",
            "Canada",
            "United States of America",
            "Oceania",
            "Australia",
        ]
        belgium = content[content.index(">Belgium<") : content.index(">Germany<")]
        assert "Brussels office" in belgium
        assert "InterAging network" in belgium
        assert "Heidelberg joint unit" not in belgium

    def test_a_long_list_comes_in_pages_each_entry_on_one_of_them(self, client, world, monkeypatch):
        monkeypatch.setattr("international.views.SITES_PER_PAGE", 3)
        first = html(client.get(url("site-list", "en")))
        pages = [first] + [html(client.get(url("site-list", "en"), {"page": number})) for number in (2, 3)]
        beyond = html(client.get(url("site-list", "en"), {"page": 99}))

        assert "Page 1 of 3" in first
        assert 'rel="next"' in first
        assert beyond == pages[2] or "Page 3 of 3" in beyond  # a page out of range gives the last one
        lists = [page[page.index('<section class="intl-continent"') :] for page in pages]
        for site in world.values():
            entries = site.places.values("country").distinct().count()
            assert sum(part.count(f'href="{site.get_absolute_url()}"') for part in lists) == entries, site
        # The contents list every continent on every page, each linked to the page where it starts.
        assert 'href="?page=3#continent-OC">Oceania</a>' in first
        assert 'href="#continent-AF">Africa</a>' in first

    def test_the_pages_of_a_filtered_list_keep_its_filter(self, client, world, monkeypatch):
        monkeypatch.setattr("international.views.SITES_PER_PAGE", 1)
        content = html(client.get(url("site-list", "en"), {"kind": ["joint_unit", "office"]}))

        assert "Page 1 of 3" in content
        assert 'href="?kind=joint_unit&amp;kind=office&amp;page=2"' in content

    def test_french_names(self, client, world):
        content = html(client.get(url("site-list", "fr")))

        assert ">Allemagne<" in content
        assert ">Sénégal<" in content
        assert content.index(">Allemagne<") < content.index(">Belgique<")
        assert "Réseau InterAging" in content

    def test_network_is_listed_under_each_of_its_countries(self, client, world):
        content = html(client.get(url("site-list", "en")))

        assert content.count(world["network"].get_absolute_url()) == 3

    def test_lists_every_live_site_and_nothing_hidden(self, client, world, hidden_sites):
        for language in ("fr", "en"):
            content = html(client.get(url("site-list", language)))
            for site in world.values():
                with override(language):
                    assert site.get_absolute_url() in content
            for marker in hidden_sites:
                assert marker not in content

    def test_site_without_a_place_is_still_listed(self, client, world):
        make_site(name_en="Nowhere yet", places=[])

        content = html(client.get(url("site-list", "en")))

        assert "Sites without a place yet" in content
        assert "Nowhere yet" in content

    def test_french_only_name_is_marked_french(self, client, db):
        make_site(name_fr="Paludisme à Dakar", name_en="", places=[DAKAR])

        content = html(client.get(url("site-list", "en")))

        assert '<span lang="fr">Paludisme à Dakar</span>' in content

    def test_filter_by_kind(self, client, world):
        content = html(client.get(url("site-list", "en"), {"kind": "joint_unit"}))

        assert "Irvine joint unit" in content
        assert "Heidelberg joint unit" in content
        assert "Dakar field site" not in content
        assert "Clear filters" in content

    def test_bad_kind_lists_everything_with_a_message(self, client, world):
        response = client.get(url("site-list", "en"), {"kind": "nonsense"})

        assert response.status_code == 400
        content = response.content.decode()
        assert "This kind of site does not exist" in content
        assert "Dakar field site" in content


class TestSiteDetail:
    def test_shows_what_the_site_is(self, client, db):
        instrument = FundingInstrumentFactory(name_fr="Projets internationaux", name_en="International projects")
        lead = PersonFactory(first_name="Marie", last_name="Curie", role_en="Director")
        site = make_site(
            kind=Kind.JOINT_UNIT,
            name_fr="Unité de Heidelberg",
            name_en="Heidelberg unit",
            summary_fr="Résumé.",
            summary_en="On ageing.",
            places=[HEIDELBERG, DAKAR],
            lead=lead,
            start_year=2019,
            end_year=2024,
            funding_instrument=instrument,
        )
        site.themes.add(ThemeFactory(name_en="Neuroscience"))
        site.partners.add(OrganisationFactory(name_en="Heidelberg University", acronym="UHD", country="DE"))

        with override("en"):
            content = html(client.get(site.get_absolute_url()))

        for text in (
            "Heidelberg unit",
            "International joint unit",
            "On ageing.",
            "Heidelberg (Germany)",
            "Dakar (Senegal)",
            "Marie Curie",
            "Neuroscience",
            "Heidelberg University",
            "2019–2024",
            "International projects",
            url("instrument-detail", "en", slug=instrument.slug_en),
        ):
            assert text in content
        assert "not available in English" not in content

    def test_english_and_french_addresses(self, client, db):
        site = make_site(name_fr="Unité de Dakar", name_en="Dakar unit", places=[DAKAR])
        with override("en"):
            english_url = site.get_absolute_url()
        with override("fr"):
            french_url = site.get_absolute_url()

        assert "dakar-unit" in english_url
        assert "unite-de-dakar" in french_url
        assert "Dakar unit" in html(client.get(english_url))
        content = html(client.get(french_url))
        assert "Unité de Dakar" in content
        assert f'href="{english_url}"' in content

    def test_french_fallback_is_marked(self, client, db):
        site = make_site(name_fr="Paludisme à Dakar", name_en="", summary_fr="Texte en français.", places=[DAKAR])

        content = html(client.get(url("site-detail", "en", slug=site.slug_fr)))

        assert '<span lang="fr">Paludisme à Dakar</span>' in content
        assert 'lang="fr">Texte en français.' in content
        assert "This cooperation site is only described in French." in content

    def test_instrument_not_live_is_not_shown(self, client, db):
        instrument = FundingInstrumentFactory(name_en="Secret programme", status=Status.DRAFT)
        site = make_site(name_en="Dakar unit", places=[DAKAR], funding_instrument=instrument)

        content = html(client.get(url("site-detail", "en", slug=site.slug_en)))

        assert "Secret programme" not in content

    @pytest.mark.parametrize("state", ["draft", "review", "scheduled", "expired"])
    def test_hidden_site_is_not_found(self, client, hidden_sites, state):
        site = CooperationSite.objects.get(name_fr=f"ZZHIDDEN{state.upper()} fr")

        assert client.get(url("site-detail", "fr", slug=site.slug_fr)).status_code == 404


class TestInstruments:
    @pytest.fixture
    def instruments(self, db):
        irp = FundingInstrumentFactory(
            name_fr="Projets de recherche internationaux",
            name_en="International research projects",
            stage=FundingInstrument.Stage.CONSOLIDATE,
            duration_months=60,
            partners_min=2,
            partners_max=4,
            eligibility_en="Inserm teams with a foreign partner.",
        )
        AwardAmountFactory(instrument=irp, amount_eur=60000, scope_fr="en Europe", scope_en="in Europe")
        AwardAmountFactory(instrument=irp, amount_eur=75000, scope_fr="hors d’Europe", scope_en="outside Europe")
        FundedProject.objects.create(instrument=irp, name="InterAging")
        explore = FundingInstrumentFactory(
            name_en="Exploratory actions", stage=FundingInstrument.Stage.EXPLORE, duration_months=12, partners_min=1
        )
        AwardAmountFactory(instrument=explore, amount_eur=10000)
        FundingInstrumentFactory(name_fr="ZZHIDDENPROGRAMME", name_en="ZZHIDDENPROGRAMME", status=Status.DRAFT)
        return irp, explore

    def test_compared_side_by_side(self, client, instruments):
        content = html(client.get(url("instrument-list", "en")))

        table = content[content.index("<table") : content.index("</table>")]
        assert table.count('<th scope="col">') == 2
        for row in ("Stage", "Amounts", "Duration", "Eligibility", "Number of partners", "Funded projects"):
            assert f'<th scope="row">{row}</th>' in table
        assert table.index("Exploratory actions") < table.index("International research projects")
        for text in ("€60,000", "in Europe", "€75,000", "outside Europe", "€10,000", "60 months", "12 months"):
            assert text in table
        assert "2 to 4 partners" in table
        assert "At least 1 partner" in table
        assert "InterAging" in table
        assert "ZZHIDDENPROGRAMME" not in content

    def test_french_amounts(self, client, instruments):
        content = html(client.get(url("instrument-list", "fr")))

        assert f"60{NBSP}000{NBSP}€" in content
        assert "en Europe" in content

    def test_instrument_page(self, client, instruments):
        irp, _explore = instruments
        funded = make_site(name_en="Funded site", places=[DAKAR], funding_instrument=irp)
        make_site(name_en="ZZHIDDENFUNDED", places=[DAKAR], funding_instrument=irp, status=Status.DRAFT)

        with override("en"):
            content = html(client.get(irp.get_absolute_url()))
            funded_url = funded.get_absolute_url()

        for text in ("International research projects", "€60,000", "outside Europe", "60 months", "InterAging"):
            assert text in content
        assert funded_url in content
        assert "ZZHIDDENFUNDED" not in content

    def test_draft_instrument_is_not_found(self, client, instruments):
        hidden = FundingInstrument.objects.get(name_fr="ZZHIDDENPROGRAMME")

        assert client.get(url("instrument-detail", "fr", slug=hidden.slug_fr)).status_code == 404


class TestKeyFigures:
    @pytest.fixture
    def figures(self, db):
        declared = IndicatorFactory(label_fr="Coopérations déclarées", label_en="Declared cooperations", position=1)
        copubs = IndicatorFactory(label_fr="Co-publications", label_en="International co-publications", position=2)
        KeyFigureFactory(year=2012, indicator=declared, value=6300)
        KeyFigureFactory(year=2020, indicator=declared, value=6580)
        KeyFigureFactory(year=2012, indicator=copubs, value=None, share_percent="47.4")
        KeyFigureFactory(year=2020, indicator=copubs, value=8880, share_percent=52)

    def test_table_of_indicators_by_year(self, client, figures):
        content = html(client.get(url("key-figures", "en")))

        table = content[content.index("<table") : content.index("</table>")]
        assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table) == ["Indicator", "2012", "2020"]
        assert '<th scope="row">Declared cooperations</th>' in table
        for text in ("6,300", "6,580", "8,880", "47.4%", "52%"):
            assert text in table

    def test_chart_drawn_on_the_server(self, client, figures):
        content = html(client.get(url("key-figures", "fr")))

        charts = re.findall(r"<svg .*?</svg>", content, re.DOTALL)
        assert len(charts) == 3  # two indicators by value, one of them by share as well
        declared = charts[0]
        assert 'role="img"' in declared
        assert "Coopérations déclarées" in declared
        assert f"<title>2020: 6{NBSP}580</title>" in declared
        assert f"<title>2012: 6{NBSP}300</title>" in declared
        assert f"47,4{NBSP}%" in charts[2]
        widths = [float(width) for width in re.findall(r'<rect [^>]*width="([^"]+)"', declared)]
        assert widths[0] < widths[1]  # 6 300 is drawn shorter than 6 580
        assert re.findall(r'(?:x|y|width|height)="[^"]*,', "".join(charts)) == []  # no French comma in coordinates

    def test_english_chart(self, client, figures):
        content = html(client.get(url("key-figures", "en")))

        assert "<title>2020: 6,580</title>" in content
        assert "<title>2012: 47.4%</title>" in content
