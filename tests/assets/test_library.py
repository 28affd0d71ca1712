"""The media library as staff use it: uploads described once, thumbnails, filters, where each asset is used,
deletion refused while something uses it, and no rendition left behind by a replaced or deleted file."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from assets.models import Asset
from core.renditions import rendition_names, renditions
from press.models import PressAttachment
from tests.factories import (
    AssetFactory,
    CooperationSiteFactory,
    DocumentAssetFactory,
    ExpertFactory,
    OrganisationFactory,
    PageFactory,
    PressReleaseFactory,
    jpeg_upload,
)

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:assets_asset_{name}", args=args)


def test_an_upload_is_described_on_save_and_a_typed_copyright_sign_is_not_doubled():
    asset = AssetFactory(file=jpeg_upload(size=(64, 48)), credit="  © Inserm/Jean Dupont")
    document = DocumentAssetFactory(credit="(c) Inserm")

    assert (asset.kind, asset.width, asset.height) == ("image", 64, 48)
    assert asset.file_size == asset.file.size
    assert asset.file.name.startswith("assets/") and asset.file.name.endswith(".jpg")
    assert asset.credit == "Inserm/Jean Dupont"
    assert (document.kind, document.width, document.credit) == ("document", None, "Inserm")


def test_list_shows_thumbnails_with_their_size_and_text_alternative(staff_client):
    AssetFactory(title_fr="Souris de laboratoire", alt_fr="Une souris blanche", alt_en="A white mouse")
    DocumentAssetFactory(title_fr="Dossier de presse")

    page = staff_client.get(admin_url("changelist")).content.decode()

    assert '<img src="/media/renditions/assets/' in page
    assert 'width="40" height="30" alt="Une souris blanche" class="asset-thumbnail"' in page
    assert "Dossier de presse" in page


def test_search_by_title_or_credit_and_filter_on_missing_text_alternatives(staff_client):
    AssetFactory(title_fr="Cellules", credit="CNRS/Photothèque")
    AssetFactory(title_fr="Souris", alt_en="")
    DocumentAssetFactory(title_fr="Dossier")  # a document needs no text alternative

    def titles(query):
        response = staff_client.get(admin_url("changelist") + query)
        assert response.status_code == 200
        return sorted(str(asset) for asset in response.context["cl"].result_list)

    assert titles("?q=Photothèque") == ["Cellules"]
    assert titles("?q=Souris") == ["Souris"]
    assert titles("?alt=missing") == ["Souris"]
    assert titles("?alt=missing_fr") == []
    assert titles("?kind__exact=document") == ["Dossier"]


def test_change_form_shows_a_preview_and_every_use_with_links(staff_client):
    asset = AssetFactory(title_fr="Microscope")
    release = PressReleaseFactory(title_en="An illustrated release", image=asset)
    other = PressReleaseFactory(title_en="A press pack")
    PressAttachment.objects.create(release=other, asset=asset)
    expert = ExpertFactory(first_name="Ada", last_name="Lovelace", photo=asset)

    page = staff_client.get(admin_url("change", asset.pk)).content.decode()

    assert 'class="asset-thumbnail"' in page
    with translation.override("en"):
        for item in (release, other):
            assert reverse("admin:press_pressrelease_change", args=[item.pk]) in page
        assert reverse("admin:directory_expert_change", args=[expert.pk]) in page
    assert "An illustrated release" in page and "A press pack" in page and "Ada Lovelace" in page


def test_deleting_an_asset_in_use_is_refused_with_its_uses_and_allowed_once_unused(staff_client):
    asset = AssetFactory(title_fr="Microscope")
    release = PressReleaseFactory(title_en="An illustrated release", image=asset)

    response = staff_client.post(admin_url("delete", asset.pk), {"post": "yes"}, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "is still used and cannot be deleted" in page
    assert "An illustrated release" in page
    assert Asset.objects.filter(pk=asset.pk).exists()

    release.image = None
    release.save()
    response = staff_client.post(admin_url("delete", asset.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Asset.objects.filter(pk=asset.pk).exists()


def test_deleting_in_french_says_why_in_french(staff_client):
    asset = AssetFactory(title_fr="Microscope")
    PressReleaseFactory(title_fr="Un communiqué illustré", image=asset)
    with translation.override("fr"):
        url = reverse("admin:assets_asset_delete", args=[asset.pk])
    page = staff_client.post(url, {"post": "yes"}, follow=True).content.decode()
    assert "est encore utilisé" in page


def test_a_replaced_file_loses_its_renditions_after_the_commit_and_every_use_follows(
    client, django_capture_on_commit_callbacks
):
    asset = AssetFactory(file=jpeg_upload(size=(1200, 800)))
    release = PressReleaseFactory(image=asset)
    old_name = asset.file.name
    assert renditions(asset.file, [480, 960])
    assert len(rendition_names(default_storage, old_name)) == 2

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asset.file = jpeg_upload("nouvelle.jpg", size=(900, 600), colour="#802040")
        asset.save()
        assert len(rendition_names(default_storage, old_name)) == 2  # nothing goes before the commit
    for callback in callbacks:
        callback()

    assert rendition_names(default_storage, old_name) == []
    asset.refresh_from_db()
    assert asset.file.name != old_name and (asset.width, asset.height) == (900, 600)
    release.refresh_from_db()
    assert release.image.file.name == asset.file.name


def test_a_deleted_asset_leaves_no_rendition(django_capture_on_commit_callbacks):
    asset = AssetFactory(file=jpeg_upload(size=(1200, 800)))
    renditions(asset.file, [480])
    name = asset.file.name
    with django_capture_on_commit_callbacks(execute=True):
        asset.delete()
    assert rendition_names(default_storage, name) == []


def bulk_delete(client, assets, language="en", confirm=False):
    with translation.override(language):
        url = reverse("admin:assets_asset_changelist")
    data = {"action": "delete_selected", "_selected_action": [asset.pk for asset in assets]}
    if confirm:
        data["post"] = "yes"
    return client.post(url, data, follow=True)


def test_bulk_deletion_with_an_asset_in_use_deletes_nothing_and_names_the_uses(staff_client):
    used = AssetFactory(title_fr="Microscope")
    PressReleaseFactory(title_en="An illustrated release", image=used)
    free = AssetFactory(title_fr="Inutilisée")

    for confirm in (False, True):  # the confirmation page's post is refused the same way
        response = bulk_delete(staff_client, [used, free], confirm=confirm)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Nothing was deleted: 1 of the selected media items is still used." in page
        assert "“Microscope”: Press release “An illustrated release”" in page
        assert "Inutilisée" not in page.split("Nothing was deleted")[1].split("</li>")[0]
        assert "Cannot delete" not in page  # not Django's "protected objects" page
        assert Asset.objects.count() == 2


def test_bulk_deletion_is_refused_in_french_for_french_staff(staff_client):
    asset = AssetFactory(title_fr="Microscope")
    PressReleaseFactory(title_fr="Un communiqué illustré", image=asset)
    response = bulk_delete(staff_client, [asset], language="fr")
    assert response.status_code == 200
    assert "Rien n’a été supprimé" in response.content.decode()
    assert Asset.objects.filter(pk=asset.pk).exists()


def test_bulk_deletion_of_unused_assets_asks_for_confirmation_then_deletes(staff_client):
    assets = [AssetFactory(), DocumentAssetFactory()]

    confirmation = bulk_delete(staff_client, assets)
    assert confirmation.status_code == 200
    assert "Are you sure you want to delete the selected media items?" in confirmation.content.decode()
    assert Asset.objects.count() == 2

    assert bulk_delete(staff_client, assets, confirm=True).status_code == 200
    assert not Asset.objects.exists()


def test_the_library_counts_media_items_not_libraries(staff_client):
    AssetFactory()
    AssetFactory()
    response = staff_client.get(admin_url("changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 media items" in page
    assert "Media library" in page  # the app keeps its name
    with translation.override("fr"):
        assert str(Asset._meta.verbose_name) == "média"
        assert str(Asset._meta.verbose_name_plural) == "médias"


def test_where_used_lists_organisations_pages_and_sites(staff_client):
    asset = AssetFactory(title_fr="Bandeau")
    organisation = OrganisationFactory(name_en="Regional agency", logo=asset)
    page = PageFactory(title_en="Our strategy", image=asset)
    site = CooperationSiteFactory(name_en="Dakar field site", image=asset)

    text = staff_client.get(admin_url("change", asset.pk)).content.decode()

    with translation.override("en"):
        assert reverse("admin:directory_organisation_change", args=[organisation.pk]) in text
        assert reverse("admin:pages_page_change", args=[page.pk]) in text
        assert reverse("admin:international_cooperationsite_change", args=[site.pk]) in text
    response = staff_client.post(admin_url("delete", asset.pk), {"post": "yes"}, follow=True)
    assert "is still used and cannot be deleted" in response.content.decode()
    assert Asset.objects.filter(pk=asset.pk).exists()
