import pytest

from press.models import PressRelease

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def logged_in_page(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(f"{live_server.url}/fr/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def test_press_release_with_two_contacts_is_written_in_both_languages(logged_in_page, live_server):
    page = logged_in_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/fr/admin/press/pressrelease/add/")

    # French is the admin's language: its tab is open and the English field is hidden.
    page.fill("#id_title_fr", "Les vaccins à ARN en Bretagne")
    assert not page.is_visible("#id_title_en")
    page.click('a[href="#tab_id_title_en"]')
    page.fill("#id_title_en", "mRNA vaccines in Brittany")
    assert not page.is_visible("#id_title_fr")

    # The rich text editor works inside a language tab.
    page.click('a[href="#tab_id_body_en"]')
    editor = page.locator("#tab_id_body_en [contenteditable=true]")
    editor.click()
    page.keyboard.type("Body in English.")

    page.fill("#id_release_date", "2024-06-01")
    page.fill("#id_contacts-0-name", "Presse Inserm")
    page.fill("#id_contacts-0-email", "presse@inserm.fr")
    page.click("#contacts-group .add-row a")
    page.fill("#id_contacts-1-name", "Presse Région")
    page.fill("#id_contacts-1-phone", "02 99 27 10 10")
    # A translated row added with "Add another" gets its own language tabs, opened on the last language used.
    page.click("#quotes-group .add-row a")
    assert page.is_visible("#id_quotes-0-text_en")
    page.click('a[href="#tab_id_quotes-0-text_fr"]')
    page.fill("#id_quotes-0-text_fr", "Une avancée majeure.")
    page.click('a[href="#tab_id_quotes-0-text_en"]')
    page.fill("#id_quotes-0-text_en", "A major advance.")
    assert not page.is_visible("#id_quotes-0-text_fr")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    release = PressRelease.objects.get()
    assert release.title_fr == "Les vaccins à ARN en Bretagne"
    assert release.title_en == "mRNA vaccines in Brittany"
    assert release.body_en == "<p>Body in English.</p>"
    assert release.created_by.username == "editor"
    contacts = list(release.contacts.order_by("pk").values_list("name", "email", "phone"))
    assert contacts == [("Presse Inserm", "presse@inserm.fr", ""), ("Presse Région", "", "02 99 27 10 10")]
    assert list(release.quotes.values_list("text_fr", "text_en")) == [("Une avancée majeure.", "A major advance.")]
    assert errors == []
