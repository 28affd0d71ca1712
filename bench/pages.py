#!/usr/bin/env python3
"""Print the benchmark's pages, one ``label<TAB>path<TAB>SQL queries`` line each, for the content in the database.

Run by bench/run.py with the server's environment; the queries are counted with Django's test client
(on the second request, so that with the page cache on it is the cost of a hit).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inserm_cms.settings")

import django  # noqa: E402

django.setup()

from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.translation import override  # noqa: E402

from inserm_cms.management.commands.seed_bulk import PREFIX, RARE_WORD  # noqa: E402
from partnerships.models import Agreement  # noqa: E402
from press.models import PressRelease  # noqa: E402

PER_PAGE = 10


def paths():
    releases = PressRelease.objects.live()
    release = releases.filter(slug_fr__startswith=PREFIX).order_by("pk")[releases.count() // 2]
    agreement = Agreement.objects.live().filter(slug_fr__startswith=PREFIX).order_by("pk").first()
    theme = release.themes.order_by("pk").first()
    pages = Paginator(releases.values("pk"), PER_PAGE).num_pages
    with override("fr"):
        press = reverse("press:release-list")
        search = reverse("search:results")
        return [
            ("trivial view", "/bench/trivial/"),
            ("home", reverse("home")),
            ("press list", press),
            ("press list, theme + year", f"{press}?theme={theme.pk}&year={release.release_date.year}"),
            # The same label at every scale (the p99 ratio pairs rows by label); the page is 4/5 of the way in.
            ("press list, deep page", f"{press}?page={pages * 4 // 5}"),
            ("release detail", release.get_absolute_url()),
            ("agreement list", reverse("partnerships:agreement-list")),
            ("agreement detail", agreement.get_absolute_url()),
            ("sites list", reverse("international:site-list")),
            ("map GeoJSON", reverse("international:map-geojson")),
            ("search, few matches", f"{search}?q={RARE_WORD[0]}"),
            ("search, many matches", f"{search}?q=projet"),
            ("API press releases", "/api/v1/press-releases/"),
            ("API organisations", "/api/v1/organisations/"),
            ("RSS feed", reverse("press:feed-rss")),
        ]


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    for label, path in paths():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        print(f"{label}\t{path}\t{len(queries)}")


if __name__ == "__main__":
    main()
