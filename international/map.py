"""Where the cooperation sites are: GeoJSON for the map and its text alternative by continent."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.text import fold

from .continents import continent_of
from .models import CooperationSite, SitePlace


def with_places(queryset):
    """Prefetch each site's places in their editorial order, with one query whatever the count."""
    return queryset.prefetch_related(
        Prefetch(
            "site_places",
            queryset=SitePlace.objects.select_related("place").order_by("position", "pk"),
            to_attr="ordered_site_places",
        )
    )


def places_of(site):
    """Return the places of a site fetched by ``with_places``, in order."""
    return [site_place.place for site_place in site.ordered_site_places]


def sort_key(text):
    """Return a case- and accent-insensitive key, so that "États-Unis" sorts among the E."""
    return fold(str(text))


def site_properties(site):
    """Return the GeoJSON properties shared by every feature of a site, in the active language."""
    return {
        "name": site.name,
        "kind": site.kind,
        "kind_label": str(site.get_kind_display()),
        "url": site.get_absolute_url(),
    }


def feature_collection(sites):
    """Return a GeoJSON FeatureCollection: one Point per place, and a line joining a network's places."""
    features = []
    for site in sites:
        properties = site_properties(site)
        places = places_of(site)
        for place in places:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                    "properties": {
                        **properties,
                        "place": place.name,
                        "country": str(place.country.name),
                        "country_code": place.country.code,
                    },
                }
            )
        if site.kind == CooperationSite.Kind.NETWORK and len(places) > 1:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[place.longitude, place.latitude] for place in places],
                    },
                    "properties": {**properties, "places": [place.name for place in places]},
                }
            )
    return {"type": "FeatureCollection", "features": features}


@dataclass
class SiteEntry:
    site: CooperationSite
    places: list

    @property
    def shows_kind(self):
        """Tell whether the kind is worth showing beside the name: not when the name already says it."""
        return str(self.site.get_kind_display()).casefold() not in self.site.name.casefold()

    @property
    def other_places(self):
        """Return the places the name does not already say."""
        name = self.site.name.casefold()
        return [place for place in self.places if place.name.casefold() not in name]


@dataclass
class CountryGroup:
    code: str
    name: str
    entries: list = field(default_factory=list)


@dataclass
class ContinentGroup:
    code: str
    label: str
    countries: list = field(default_factory=list)

    @property
    def site_count(self):
        return sum(len(country.entries) for country in self.countries)


OTHER = "other"


def group_by_continent(sites):
    """Group sites by continent then country, names in the active language, sorted alphabetically.

    A site with places in several countries is listed under each of them, with the places it has
    there. Return ``(continents, unlocated)``: the groups, and the sites that have no place yet.
    """
    continents = {}
    unlocated = []
    for site in sites:
        places = places_of(site)
        if not places:
            unlocated.append(site)
            continue
        by_country = {}
        for place in places:
            by_country.setdefault(place.country.code, []).append(place)
        for code, country_places in by_country.items():
            continent = continent_of(code)
            continent_code, continent_label = (
                (continent.value, continent.label) if continent else (OTHER, _("Other or unknown continent"))
            )
            group = continents.setdefault(continent_code, ContinentGroup(continent_code, str(continent_label)))
            country = next((item for item in group.countries if item.code == code), None)
            if country is None:
                country = CountryGroup(code, str(country_places[0].country.name))
                group.countries.append(country)
            country.entries.append(SiteEntry(site, country_places))
    groups = sorted(continents.values(), key=lambda group: (group.code == OTHER, sort_key(group.label)))
    for group in groups:
        group.countries.sort(key=lambda country: sort_key(country.name))
        for country in group.countries:
            country.entries.sort(key=lambda entry: sort_key(entry.site.name))
    return groups, sorted(unlocated, key=lambda site: sort_key(site.name))


@dataclass
class ListingPage:
    """One page of the sites list: the groups of its entries, and the continents it starts or continues."""

    continents: list
    unlocated: list


def paginate_groups(continents, unlocated, per_page):
    """Cut the grouped sites into pages of ``per_page`` entries (a site once per country it is listed under).

    Return ``(pages, first_page)``: each page's groups (a continent or country cut by a page break is headed
    again on the next page) and ``{continent code: number of the page where it starts}``. The sites without a
    place come last. There is always at least one page, empty when nothing matches.
    """
    flat = [
        (continent, country, entry)
        for continent in continents
        for country in continent.countries
        for entry in country.entries
    ]
    flat += [(None, None, site) for site in unlocated]
    pages, first_page = [], {}
    for start in range(0, len(flat), per_page) or [0]:
        number = len(pages) + 1
        groups, without_place = [], []
        for continent, country, entry in flat[start : start + per_page]:
            if continent is None:
                without_place.append(entry)
                continue
            first_page.setdefault(continent.code, number)
            if not groups or groups[-1].code != continent.code:
                groups.append(ContinentGroup(continent.code, continent.label))
            if not groups[-1].countries or groups[-1].countries[-1].code != country.code:
                groups[-1].countries.append(CountryGroup(country.code, country.name))
            groups[-1].countries[-1].entries.append(entry)
        pages.append(ListingPage(groups, without_place))
    return pages, first_page
