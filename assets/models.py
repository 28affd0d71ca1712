"""The media library: images and documents stored once, with title, text alternative, caption, credit and
licence, and used by releases, attachments and experts through a protected foreign key.

Replacing an asset's file keeps every use (they point to the asset, not the file); the renditions of the old
file are deleted once the change is committed, as are those of a deleted asset.
"""

import re
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from PIL import Image

from core.renditions import delete_renditions, upright_size
from core.templatetags.site_tags import translated_value
from core.validators import IMAGE_EXTENSIONS, PDF_EXTENSIONS, RandomFileName, validate_image, validate_pdf


class Licence(models.TextChoices):
    PRESS_USE = "press_use", _("Free for press use about this content, with the credit")
    ALL_RIGHTS_RESERVED = "all_rights_reserved", _("All rights reserved")
    CC_BY = "cc_by_4", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa_4", _("CC BY-SA 4.0")
    CC_BY_NC = "cc_by_nc_4", _("CC BY-NC 4.0")
    CC0 = "cc0", _("CC0 (public domain)")


# Where the public reads a licence's terms; the other licences are explained by their name.
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

# "©", "(c)" or "Copyright" typed before a credit: the pages write "©" themselves.
COPYRIGHT_PREFIX = re.compile(r"^\s*(?:©|\(c\)|copyright\b)\s*[:\-]?\s*", re.IGNORECASE)


def clean_credit(credit):
    """Return ``credit`` without the copyright signs typed before it, so that a page never shows "© ©"."""
    credit = credit or ""
    while (stripped := COPYRIGHT_PREFIX.sub("", credit, count=1)) != credit:
        credit = stripped
    return credit.strip()


class AssetKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


def kind_of(name):
    """Return the kind of asset a file of this name is: a PDF is a document, anything else an image."""
    return AssetKind.DOCUMENT if PurePath(name or "").suffix.lower() in PDF_EXTENSIONS else AssetKind.IMAGE


def validate_asset_file(value):
    """Accept a JPEG, PNG or WebP image or a PDF document, with the checks of any upload of the site."""
    suffix = PurePath(value.name or "").suffix.lower()
    if suffix in PDF_EXTENSIONS:
        validate_pdf(value)
    elif suffix in IMAGE_EXTENSIONS:
        validate_image(value)
    else:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image or a PDF document. Other formats are not accepted."),
            code="invalid_asset",
        )


def image_size(field_file):
    """Return the ``(width, height)`` of an image once upright, or ``(None, None)`` if it cannot be read."""
    try:
        if field_file._committed:
            with field_file.storage.open(field_file.name, "rb") as source, Image.open(source) as image:
                return upright_size(image)
        upload = field_file.file
        upload.seek(0)
        try:
            with Image.open(upload) as image:
                return upright_size(image)
        finally:
            upload.seek(0)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None, None


IMAGE_HELP = _("Chosen from the media library, which holds its text alternative, credit and licence.")


class AssetQuerySet(models.QuerySet):
    def images(self):
        return self.filter(kind=AssetKind.IMAGE)

    def informative(self):
        """Return the images that say something (not decorative): those need a text alternative."""
        return self.images().filter(decorative=False)

    def missing_alt(self):
        """Return the informative images with no text alternative in French or in English."""
        return self.informative().filter(Q(alt_fr="") | Q(alt_fr__isnull=True) | Q(alt_en="") | Q(alt_en__isnull=True))


class Asset(models.Model):
    Kind = AssetKind

    file = models.FileField(
        _("file"),
        upload_to=RandomFileName("assets"),
        validators=[validate_asset_file],
        help_text=_("A JPEG, PNG or WebP image, or a PDF document. Replacing it keeps every use of the asset."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AssetKind, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    alt = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_("Images: what the image shows, for those who cannot see it, in each language."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only for an image that adds nothing to the text (an ornament): pages give it an empty text "
            "alternative, so that screen readers skip it. Any other image needs a text alternative."
        ),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("e.g. Inserm/Jean Dupont. The page adds the “©”.")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence, default=Licence.PRESS_USE, blank=True)
    focal_x = models.FloatField(
        _("focal point (horizontal)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right edge: what stays visible when the image is cropped."),
    )
    focal_y = models.FloatField(
        _("focal point (vertical)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom edge."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssetQuerySet.as_manager()

    translation_required = ("title", "alt")

    class Meta:
        # The app is the "media library"; each of its rows is one "media item" (French: "média", "médias").
        verbose_name = _("media item")
        verbose_name_plural = _("media items")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="asset_focal_point_inside",
                violation_error_message=_("The focal point lies between 0 and 1 on each axis."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.credit = clean_credit(self.credit)
        stored = getattr(self, "_stored_name", None)
        if self.file and self.file.name != stored:
            self.describe_file()
        super().save(*args, **kwargs)
        if stored and stored != self.file.name:
            transaction.on_commit(partial(delete_renditions, self.file.storage, str(stored)))
        elif stored and getattr(self, "_stored_focal", None) not in (None, self.focal_point):
            # Same file, focal point moved: its crops (the social card) are cut again when next asked for.
            transaction.on_commit(partial(delete_renditions, self.file.storage, str(stored), crops_only=True))
        self._stored_name = self.file.name
        self._stored_focal = self.focal_point

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_name = instance.__dict__.get("file")
        if "focal_x" in instance.__dict__ and "focal_y" in instance.__dict__:
            instance._stored_focal = instance.focal_point
        return instance

    def clean(self):
        super().clean()
        is_image = kind_of(self.file.name) == AssetKind.IMAGE if self.file else self.kind == AssetKind.IMAGE
        if is_image and not self.decorative and not self.has_alt:
            raise ValidationError(
                {
                    "alt_fr": ValidationError(
                        _(
                            "Describe the image in French or in English (its text alternative), or tick "
                            "“decorative” if it only decorates the page."
                        ),
                        code="alt_required",
                    )
                }
            )

    def describe_file(self):
        """Fill the kind, the size in bytes and (for an image) the size in pixels of a new or replaced file."""
        self.kind = kind_of(self.file.name)
        try:
            self.file_size = self.file.size
        except OSError:  # a name given without its file (a test, a restored database without its media)
            self.file_size = None
        self.width, self.height = image_size(self.file) if self.kind == AssetKind.IMAGE else (None, None)

    @property
    def is_image(self):
        return self.kind == AssetKind.IMAGE

    @property
    def has_alt(self):
        """Tell whether the asset has a text alternative in French or in English."""
        return any((getattr(self, f"alt_{language}", "") or "").strip() for language, _name in settings.LANGUAGES)

    @property
    def focal_point(self):
        return (self.focal_x, self.focal_y)

    def text_alternative(self):
        """Return ``(text, language)`` of the ``alt`` a page gives the image: ``("", "")`` when decorative.

        The text is in the active language, else in the other one (its language says so, for ``lang``).
        """
        if self.decorative:
            return "", ""
        return translated_value(self, "alt")

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def focal_class(self):
        """Return the classes placing the focal point of a cropped image (the site's CSS allows no inline style)."""
        return f"focal-x-{round(self.focal_x * 10)} focal-y-{round(self.focal_y * 10)}"

    @property
    def object_position(self):
        """Return the focal point as a CSS ``object-position`` value."""
        return f"{self.focal_x:.0%} {self.focal_y:.0%}"


def social_image(asset):
    """Return what a page's metadata shares of an image asset, or None: ``(file, text alternative, focal point)``.

    The focal point makes ``og:image`` a social card cut around it (``core.renditions.social_card``); the text
    alternative is empty for a decorative image.
    """
    if asset is None or not asset.is_image or not asset.file:
        return None
    return asset.file, asset.text_alternative()[0], asset.focal_point


def image_from_library(related_name, verbose_name=None, help_text=IMAGE_HELP):
    """Return the optional foreign key of a content row to an image of the library (protected while used)."""
    return models.ForeignKey(
        Asset,
        verbose_name=verbose_name or _("image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"kind": AssetKind.IMAGE},
        help_text=help_text,
    )


@receiver(post_delete, sender=Asset, dispatch_uid="assets.renditions_of_deleted")
def delete_renditions_of_deleted(sender, instance, **kwargs):
    """Delete the renditions of a deleted asset's file once the deletion is committed."""
    if instance.file:
        transaction.on_commit(partial(delete_renditions, instance.file.storage, instance.file.name))
