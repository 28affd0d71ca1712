"""Visuals for the demo press releases, drawn here because the seeds hold text only.

Each demo release announces a partnership; its visual is a plain card naming the partners, in the site's
colours, the kind of "visuel" a press office makes when it has no photograph. It is drawn the same way at
every load (same size, text and colours), so a second load finds the asset it made and changes nothing.
The card says what it is: its caption and credit tell visitors it was generated for the demonstration.
"""

import io
import unicodedata

from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 900)
BRAND = (21, 57, 107)  # --brand in static/css/site.css
BRAND_DARK = (13, 38, 73)
ACCENT = (176, 18, 44)
WHITE = (255, 255, 255)
MARGIN = 120


# The fonts `make setup` and the image install for the PDFs (scripts/install-system-deps, Dockerfile).
FONTS = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def _font(size):
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    # Pillow's own font has no accented letters: the names are drawn without their accents.
    return ImageFont.load_default(size=size)


def _drawable(text, font):
    """Return ``text``, without its accents when ``font`` is Pillow's own font (it has ASCII only)."""
    if isinstance(font, ImageFont.FreeTypeFont) and font.path in FONTS:
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _fit(draw, text, size, width):
    """Return the largest font, from ``size`` down, in which ``text`` fits ``width`` pixels."""
    while size > 24 and draw.textlength(text, font=_font(size)) > width:
        size -= 4
    return _font(size)


def partnership_card(partners, year):
    """Return the JPEG bytes of a card naming ``partners`` (a list of short names) and the ``year`` signed."""
    image = Image.new("RGB", SIZE, BRAND)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    draw.rectangle((0, height - 90, width, height), fill=BRAND_DARK)
    draw.rectangle((MARGIN, 250, MARGIN + 140, 262), fill=ACCENT)
    draw.text((MARGIN, 300), "Partenariat · Partnership", font=_font(56), fill=WHITE)
    names = " & ".join(partners)
    font = _fit(draw, names, 120, width - 2 * MARGIN)
    draw.text((MARGIN, 400), _drawable(names, font), font=font, fill=WHITE)
    draw.text((MARGIN, 580), str(year), font=_font(72), fill=WHITE)
    draw.text((MARGIN, height - 68), "Inserm", font=_font(44), fill=WHITE)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85, optimize=True)
    return output.getvalue()
