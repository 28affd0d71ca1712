"""The Nu Html Checker (vnu.jar, one JVM for all pages) on every page type in both languages: zero errors."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, VNU_JAR
from tests.browser.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

VNU_TIMEOUT = 300
# A short-lived JVM: the client compiler and serial GC halve its CPU time; the checker's schema needs a deep stack.
JAVA_OPTIONS = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


def fetch(url):
    """Return the status and body of ``url``, error pages included."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run_vnu(files):
    """Run the Nu Html Checker once on ``files`` and return its error messages by file name."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            f"java or {VNU_JAR.relative_to(ROOT)} is missing: run `make test` (it runs scripts/install-test-deps)."
        )
    completed = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT,
        check=False,
    )
    try:
        messages = json.loads(completed.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {completed.returncode}):\n{completed.stderr[:2000]}")
    by_file = {Path(file).name: [] for file in files}
    for message in messages:
        name = Path(message.get("url", "")).name
        if name not in by_file:
            pytest.fail(f"vnu.jar reported on no checked page: {message}")
        by_file[name].append(message)
    return by_file


@pytest.fixture(scope="module")
def vnu_report(demo_site, django_db_blocker, tmp_path_factory):
    """Fetch every checked page from the live server, then validate them all in one run of vnu.jar."""
    folder = tmp_path_factory.mktemp("html")
    statuses = {}
    with django_db_blocker.unblock():
        for checked_page in PAGES:
            status, body = fetch(demo_site.url_of(checked_page))
            statuses[checked_page.id] = status
            (folder / f"{checked_page.id}.html").write_bytes(body)
    errors = run_vnu(sorted(folder.glob("*.html")))
    return {page_id: (status, errors[f"{page_id}.html"]) for page_id, status in statuses.items()}


def describe_errors(path, errors):
    """Return one line per error: where, what, and the markup around it."""
    lines = [f"{len(errors)} HTML error(s) on {path}:"]
    for error in errors:
        extract = " ".join(error.get("extract", "").split())
        lines.append(f"- line {error.get('lastLine', '?')}: {error['message']}" + (f" — {extract}" if extract else ""))
    return "\n".join(lines)


@pytest.mark.parametrize("checked_page", PAGES, ids=lambda page: page.id)
def test_page_is_valid_html(vnu_report, demo_site, checked_page):
    status, errors = vnu_report[checked_page.id]
    path = demo_site.paths[checked_page.id]

    assert status == checked_page.status, f"{path} answered {status}, expected {checked_page.status}"
    assert not errors, describe_errors(path, errors)
