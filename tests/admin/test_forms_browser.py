"""The content change forms in a 1280 × 800 window, as an Editor and as a Publisher: nothing wider than the
window, a body editor of at least twenty lines, the title clear of the object tools, and no axe-core
violation at WCAG 2.1 AA but those listed, with their reason, in ``THIRD_PARTY``.

Set FORMS_SCREENSHOTS to a folder to keep a full-page screenshot of each form (outside the checkout).
"""

import os
from pathlib import Path

import pytest

from partnerships.models import Agreement
from press.models import PressRelease
from tests import factories
from tests.workflow.conftest import PASSWORD, ensure_roles, make_user
from workflow.states import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(results => results.violations.map(v => ({
        id: v.id, nodes: v.nodes.map(node => ({target: node.target.join(' '), html: node.html})),
    })))"""

# Violations in widgets of libraries whose markup we do not write: (rule id, part of the offending element's
# HTML) and why it is left. Only those elements are excused: the same rule anywhere else fails the test.
THIRD_PARTY = {
    ("nested-interactive", "ui-tabs-tab"): (
        "modeltranslation's language tabs are jQuery UI tabs: jQuery UI puts role=tab on the <li> and keeps the "
        "link inside it (tabindex=-1). Rewriting the tabs' markup means replacing modeltranslation's tab script."
    ),
    ("list", 'class="select2-selection__rendered"'): (
        "Select2's multiple chooser (Django's autocomplete) renders its chosen items and its search box in a "
        "<ul> holding a <span> (the clear button): Select2's markup, vendored by Django."
    ),
}

MEASURE = """() => {
    const tools = document.querySelector('#content-main > .object-tools');
    const title = document.querySelector('#content > h1');
    const subtitle = document.querySelector('#content > h2');
    const editor = [...document.querySelectorAll('.prose-editor .ProseMirror[contenteditable="true"]')]
        .find(element => element.offsetParent !== null);
    const box = element => element ? element.getBoundingClientRect().toJSON() : null;
    return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        tools: box(tools),
        titles: [box(title), box(subtitle)].filter(Boolean),
        editorHeight: editor ? editor.getBoundingClientRect().height : null,
        editorLine: editor ? parseFloat(getComputedStyle(editor).lineHeight) : null,
    };
}"""


def overlap(a, b):
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def excused(rule, node):
    return any(rule == excused_rule and part in node["html"] for excused_rule, part in THIRD_PARTY)


@pytest.fixture
def forms(django_user_model):
    """Create draft content with rows in every inline, and return the admin paths of the forms to check."""
    ensure_roles()
    previous = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None)
    organisation = factories.OrganisationFactory(name_fr="Agence nationale de sécurité sanitaire")
    factories.PressReleaseIssuerFactory(release=previous, organisation=organisation)
    factories.PressContactFactory(release=previous, organisation=organisation, name="Service de presse")
    release = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, body_fr="<p>Court.</p>")
    factories.PressReleaseIssuerFactory(release=release, organisation=organisation)
    factories.PressContactFactory(
        release=release, organisation=organisation, name="Direction de la communication", phone="01 44 23 60 00"
    )
    agreement = factories.AgreementFactory(status=Status.DRAFT, publish_at=None)
    factories.AgreementPartyFactory(agreement=agreement, organisation=organisation)
    factories.SignatoryFactory(agreement=agreement)
    factories.ObjectiveFactory(agreement=agreement)
    site = factories.CooperationSiteFactory(status=Status.DRAFT, publish_at=None)
    factories.SitePlaceFactory(site=site)
    page = factories.PageFactory(status=Status.DRAFT, publish_at=None)
    return {
        "release-add": "/fr/admin/press/pressrelease/add/",
        "release-change": f"/fr/admin/press/pressrelease/{release.pk}/change/",
        "agreement-change": f"/fr/admin/partnerships/agreement/{agreement.pk}/change/",
        "site-change": f"/fr/admin/international/cooperationsite/{site.pk}/change/",
        "page-change": f"/fr/admin/pages/page/{page.pk}/change/",
    }


def log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return context, page


@pytest.mark.parametrize("role", ["Editors", "Publishers"])
def test_content_forms_fit_1280_px_and_pass_axe(browser, live_server, django_user_model, forms, role):
    make_user(django_user_model, "staff", role)
    context, page = log_in(browser, live_server, "staff")
    shots = os.environ.get("FORMS_SCREENSHOTS")
    problems = []
    try:
        for name, path in forms.items():
            response = page.goto(live_server.url + path, wait_until="load")
            assert response.status == 200, path
            page.wait_for_selector("#content-main form")
            page.wait_for_timeout(200)  # the editor and Select2 draw after the load event
            measured = page.evaluate(MEASURE)
            if measured["scrollWidth"] > measured["innerWidth"]:
                problems.append(f"{name}: {measured['scrollWidth']} px wide in a {measured['innerWidth']} px window")
            if name != "site-change":  # a cooperation site has no rich text
                if measured["editorHeight"] is None:
                    problems.append(f"{name}: no body editor")
                elif measured["editorHeight"] < 20 * measured["editorLine"]:
                    problems.append(f"{name}: body editor {measured['editorHeight']} px, under 20 lines")
            if measured["tools"] and any(overlap(title, measured["tools"]) for title in measured["titles"]):
                problems.append(f"{name}: the title overlaps the object tools")
            for violation in page.evaluate(RUN_AXE, AXE_TAGS):
                left = [node["target"] for node in violation["nodes"] if not excused(violation["id"], node)]
                if left:
                    problems.append(f"{name}: axe {violation['id']} on {', '.join(left[:3])}")
            if shots:
                page.screenshot(path=str(Path(shots) / f"{role.lower()}-{name}.png"), full_page=True)
    finally:
        context.close()

    assert not problems, "\n".join(problems)


def test_choosing_an_issuer_offers_the_press_contacts_of_its_latest_release(browser, live_server, django_user_model):
    make_user(django_user_model, "eloise", "Editors")
    agency = factories.OrganisationFactory(name_fr="Agence de la biomédecine", acronym="ABM")
    older = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, release_date="2024-01-01")
    factories.PressReleaseIssuerFactory(release=older, organisation=agency)
    factories.PressContactFactory(release=older, organisation=agency, name="Presse ABM", email="presse@abm.example")
    latest = factories.PressReleaseFactory(status=Status.DRAFT, publish_at=None, title_fr="Le dernier communiqué")
    factories.PressReleaseIssuerFactory(release=latest)  # another organisation, no press contact
    context, page = log_in(browser, live_server, "eloise")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{live_server.url}/fr/admin/press/pressrelease/add/")
        # The form starts from the latest release, and says so.
        assert "Le dernier communiqué" in page.locator(".prefill-note").inner_text()
        assert page.locator("#contacts-offer").is_hidden()

        page.click("#issuers-group .add-row a")
        page.click("#issuers-1 .select2-selection")
        page.fill(".select2-search__field", "biomédecine")
        page.click(".select2-results__option >> text=ABM")  # an organisation reads as its acronym
        page.wait_for_selector("#contacts-offer:not([hidden])")
        assert "presse@abm.example" in page.locator("#contacts-offer").inner_text()
        page.click("#contacts-offer button")

        assert page.input_value("#id_contacts-0-email") == "presse@abm.example"
        assert page.input_value("#id_contacts-0-name") == "Presse ABM"
        assert page.locator("#select2-id_contacts-0-organisation-container").inner_text().endswith("ABM")
        assert "presse@abm.example" in page.locator("#contacts-offer-status").inner_text()
        page.fill("#id_title_fr", "Un nouveau communiqué")
        page.fill("#id_release_date", "12/03/2026")
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")
    finally:
        context.close()

    release = PressRelease.objects.get(title_fr="Un nouveau communiqué")
    assert list(release.contacts.values_list("email", flat=True)) == ["presse@abm.example"]
    assert release.issuers.count() == 2
    assert not errors
    assert Agreement.objects.count() == 0
