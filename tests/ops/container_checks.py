"""Checks scripts/container-test runs inside the project's containers: python -m tests.ops.container_checks CHECK.

Each check prints one JSON object. The image holds the tests folder, so the worker container can import
the probe task (tests/ops/container_tasks.py): no task of the site is needed to prove the worker runs tasks.
"""

import io
import json
import os
import re
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser


def png():
    """Return a small PNG made by Pillow: the admin's validators decode what they accept."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 85, 164)).save(buffer, "PNG")
    return buffer.getvalue()


def fetch(url, host, headers=None):
    """GET url with the given Host header; return status, headers and the start of the body."""
    request = urllib.request.Request(url, headers={"Host": host, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, response_headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, response_headers, body = error.code, error.headers, error.read()
    return {"status": status, "headers": dict(response_headers.items()), "body": body.decode(errors="replace")}


class FormFields(HTMLParser):
    """Collect the values a browser would submit for the admin's add or change form (``<form id="…_form">``)."""

    def __init__(self):
        super().__init__()
        self.values, self.in_form, self.done, self.select, self.textarea = {}, False, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag in {"input", "select", "textarea"}:
            return
        if tag == "input" and attrs.get("type") not in {"file", "submit", "checkbox", "radio"}:
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") in {"checkbox", "radio"} and "checked" in attrs:
            self.values[attrs["name"]] = attrs.get("value", "on")
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.values[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def upload_logo(host, name):
    """Upload a logo into the media library, then create an organisation using it, through the admin's add forms
    as a superuser; return the logo's stored name."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from assets.models import Asset
    from directory.models import Organisation

    user, _ = get_user_model().objects.get_or_create(
        username="container-test", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST=host)
    client.force_login(user)

    def submit(url, **values):
        page = client.get(url, secure=True)
        form = FormFields()
        form.feed(page.content.decode())
        return page, client.post(url, form.values | values, secure=True)

    def errors(response):
        return " ".join(re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S))

    file = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    page, response = submit(reverse("admin:assets_asset_add"), title_fr=name, alt_fr=name, file=file)
    asset = Asset.objects.filter(title_fr=name).order_by("-pk").first()
    if asset is not None:
        values = {"name_fr": name, "name_en": name, "slug_fr": "", "slug_en": "", "logo": str(asset.pk)}
        page, response = submit(reverse("admin:directory_organisation_add"), **values)
    organisation = Organisation.objects.filter(name_fr=name).select_related("logo").first()
    return {
        "form_status": page.status_code,
        "post_status": response.status_code,
        "logo": organisation.logo.file.name if organisation and organisation.logo else None,
        "errors": errors(response),
    }


def enqueue_probe(token):
    from tests.ops.container_tasks import probe

    return {"id": str(probe.enqueue(token).id)}


def probe_result(result_id):
    from tests.ops.container_tasks import probe

    result = probe.get_result(result_id)
    return {"status": str(result.status), "value": result.return_value if result.is_finished else None}


def count(model_label):
    from django.apps import apps

    return {"count": apps.get_model(model_label).objects.count()}


def main(check, *args):
    if check == "fetch":
        url, host, *header_pairs = args
        print(json.dumps(fetch(url, host, dict(pair.split(": ", 1) for pair in header_pairs))))
        return
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inserm_cms.settings")
    django.setup()
    checks = {"upload_logo": upload_logo, "enqueue_probe": enqueue_probe, "probe_result": probe_result, "count": count}
    print(json.dumps(checks[check](*args)))


if __name__ == "__main__":
    main(*sys.argv[1:])
