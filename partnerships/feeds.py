"""RSS 2.0 and Atom feeds of the live agreements, in the active language."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Agreement, AgreementParty

FEED_LENGTH = 30


class AgreementFeed(Feed):
    """The latest live agreements, by signature date, as RSS 2.0."""

    def title(self):
        return f"{settings.SITE_NAME} — {_('Agreements')}"

    def description(self):
        return _("The latest partnership agreements signed by Inserm.")

    subtitle = description

    def link(self):
        return reverse("partnerships:agreement-list")

    def feed_copyright(self):
        return settings.SITE_PUBLISHER["name"]

    def items(self):
        return (
            Agreement.objects.live()
            .prefetch_related(
                "themes", Prefetch("parties", queryset=AgreementParty.objects.select_related("organisation"))
            )
            .order_by("-signed_on", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        """Return the signature day, or when the agreement went live if it has no signature date."""
        if item.signed_on:
            return timezone.make_aware(datetime.datetime.combine(item.signed_on, datetime.time.min))
        return item.publish_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(party.organisation.name for party in item.parties.all()) or None

    def item_categories(self, item):
        return [str(item.get_kind_display()), *(theme.name for theme in item.themes.all())]


class AgreementAtomFeed(AgreementFeed):
    feed_type = Atom1Feed
