"""The directory's public rows by id, kept until content changes: what lists and detail pages point at.

Pages resolve their themes, organisations and experts here (``core.together``) instead of joining them again
on every request. Each mapping is in the order pages list them; the objects are shared by the requests of a
process until the next content change: read them, never change them.
"""

from core.derived import until_change

from .models import Expert, Organisation, Theme


def themes_by_id():
    """Return every theme (all are public) by id, in name order."""
    return until_change("themes-by-id", lambda: {theme.pk: theme for theme in Theme.objects.order_by("name_fr", "pk")})


def live_organisations_by_id():
    """Return the organisations live content names (``Organisation.objects.live()``) by id, in name order."""
    return until_change(
        "live-organisations-by-id",
        lambda: {
            organisation.pk: organisation
            for organisation in Organisation.objects.live().select_related("logo").order_by("name_fr", "pk")
        },
    )


def organisations_in_bulk(ids):
    """Return the organisations ``ids`` by id: those a preview or an embargoed release names before it is live."""
    return Organisation.objects.select_related("logo").in_bulk(ids)


def live_experts_by_id():
    """Return the experts listed to the public (``Expert.objects.live()``) by id, by last name."""
    return until_change(
        "live-experts-by-id",
        lambda: {expert.pk: expert for expert in Expert.objects.live().order_by("last_name", "pk")},
    )
