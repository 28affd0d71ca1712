"""What the other apps may use of pages: the tree of live editorial pages."""

from django.db.models import Prefetch

from .models import Page


def editorial_pages():
    """Return the live top-level editorial pages, each with its live editorial children in ``live_children``.

    Editorial pages are those without a role (the accessibility statement, legal notice and privacy pages have
    one). Both levels come in menu order.
    """
    children = Page.objects.live().filter(role=Page.Role.NONE).order_by("position", "title_fr")
    return (
        Page.objects.live()
        .filter(parent__isnull=True, role=Page.Role.NONE)
        .order_by("position", "title_fr")
        .prefetch_related(Prefetch("children", queryset=children, to_attr="live_children"))
    )
