"""Read what crawlers and feed readers read: head tags, JSON-LD, and the text of a page."""

import json
from html.parser import HTMLParser

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search, its configurations and indexes are PostgreSQL's"
)
sqlite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the Python search of demo mode")


class HeadParser(HTMLParser):
    """Collect ``<meta>``, ``<link>`` and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.metas, self.links, self.json_ld = [], [], []
        self._in_json_ld = False
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.metas.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append(json.loads("".join(self._buffer)))

    def meta(self, key):
        """Return the content of every ``<meta property|name=key>``."""
        return [m.get("content") for m in self.metas if m.get("property") == key or m.get("name") == key]

    def link_hrefs(self, rel, **attrs):
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and all(link.get(name) == value for name, value in attrs.items())
        ]


def parse_head(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser
