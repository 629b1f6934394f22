"""Raster pictures are rewritten, not trusted: the real type read from the bytes, every picture
drawn again without its metadata.

A picture can carry text the guard cannot read (UTF-16 EXIF fields, XMP, ICC descriptions,
private PNG chunks, bytes after the end of the image), or be something else under a picture's
name (a page, a script). So `problems` reads each picture with Pillow, refuses one whose bytes
are another type than its name says, one that is not a picture at all, an animation and a
picture too large to draw; and `rewrite` draws the pixels again, orientation applied, with
nothing else: no EXIF, XMP, ICC profile, comments, text chunks or trailing bytes. The build
publishes only the rewritten bytes (`lft.render.stage`).
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".ico": "ICO"}
"""The picture types the site publishes, by file name ending, as Pillow names them."""
MAX_PIXELS = 40_000_000
"""Larger pictures are refused: drawing them again would take the build's memory."""
_NAMES = {"PNG": "a PNG", "JPEG": "a JPEG", "WEBP": "a WebP", "ICO": "an icon"}


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        image.load()
    return image


def problems(name: str, data: bytes) -> list[str]:
    """Why the picture `data` named `name` (like `kaart.png`) cannot be published; [] if it can."""
    suffix = "." + name.rpartition(".")[2].lower()
    wanted = TYPES.get(suffix)
    if wanted is None:
        return [f"a {suffix} file is not a picture the site publishes"]
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = _open(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return [f"the picture has more than {MAX_PIXELS:,} pixels; make it smaller"]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return [f"the file is not {_NAMES[wanted]} picture (its bytes are no picture at all)"]
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    if image.format != wanted:
        real = _NAMES.get(image.format or "", f"a {image.format or 'unknown'}")
        return [f"the file is {real} picture named as {_NAMES[wanted]} one ({suffix})"]
    if getattr(image, "is_animated", False):
        return ["the picture is animated; the site publishes still pictures only"]
    return []


def size(data: bytes) -> tuple[int, int]:
    """(width, height) of a picture as published: its orientation applied."""
    image = _open(data)
    width, height = image.size
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF orientation: a quarter turn
    return (height, width) if turned else (width, height)


def rewrite(name: str, data: bytes) -> bytes:
    """The picture drawn again with its orientation applied and no metadata at all; `data`
    must have passed `problems`."""
    image = _open(data)
    wanted = TYPES["." + name.rpartition(".")[2].lower()]
    upright = ImageOps.exif_transpose(image) or image
    clean = upright.copy()  # pixels (and a palette); what an encoder reads from `info` goes:
    for key in list(clean.info):
        if key != "transparency":
            del clean.info[key]  # no EXIF, XMP, ICC profile, comments or text chunks
    out = io.BytesIO()
    if wanted == "JPEG":
        clean.save(out, "JPEG", quality=90, optimize=True)
    elif wanted == "WEBP":
        clean.save(out, "WEBP", quality=90, method=6)
    elif wanted == "ICO":
        clean.save(out, "ICO", sizes=[clean.size])
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue()
