import pytest

from core.richtext import sanitize_html
from tests.factories import PressReleaseFactory


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<script"),
        ('<p><img src="x" onerror="alert(1)">x</p>', "onerror"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "javascript:"),
        ('<p onclick="steal()">x</p>', "onclick"),
        ('<p><a href="JaVaScRiPt:alert(1)">x</a></p>', "alert"),
        ("<iframe src='https://evil.example'></iframe>", "iframe"),
        ('<p style="color:red">x</p>', "style"),
    ],
)
def test_sanitiser_removes_scripts_handlers_and_dangerous_links(dirty, forbidden):
    assert forbidden.lower() not in sanitize_html(dirty).lower()


def test_sanitiser_keeps_the_allowed_markup():
    html = (
        "<h2>Titre</h2><p><strong>gras</strong> <em>italique</em><br>"
        '<a href="https://www.inserm.fr/">lien</a> <a href="mailto:presse@inserm.fr">mail</a></p>'
        "<ul><li>un</li></ul><ol><li>deux</li></ol><blockquote><p>cité</p></blockquote>"
    )
    cleaned = sanitize_html(html)
    for fragment in (
        "<h2>",
        "<strong>",
        "<em>",
        "<br>",
        'href="https://www.inserm.fr/"',
        'href="mailto:',
        "<ul>",
        "<ol>",
    ):
        assert fragment in cleaned
    assert "<blockquote>" in cleaned


def test_an_empty_editor_paragraph_is_an_empty_field():
    assert sanitize_html("<p></p>") == ""


@pytest.mark.django_db
def test_rich_text_is_sanitised_on_save_whatever_the_client_sends():
    release = PressReleaseFactory(body_fr='<p>ok<script>alert(1)</script><a href="javascript:x()">a</a></p>')
    release.refresh_from_db()
    assert "<script" not in release.body_fr
    assert "javascript:" not in release.body_fr
    assert release.body_fr.startswith("<p>ok")


@pytest.mark.django_db
def test_saving_in_english_leaves_an_empty_english_field_empty():
    from django.utils import translation

    release = PressReleaseFactory(body_fr="<p>Texte français.</p>", body_en="")
    with translation.override("en"):
        release.save()
    release.refresh_from_db()
    assert release.body_en == ""
    assert release.body_fr == "<p>Texte français.</p>"


def test_a_link_keeps_the_title_typed_in_the_link_dialog():
    # The editor's link dialog asks for a title: it used to be dropped without a word.
    html = '<p><a href="https://www.inserm.fr/" title="Site of Inserm">Inserm</a></p>'

    assert 'title="Site of Inserm"' in sanitize_html(html)
