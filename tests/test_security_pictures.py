"""Raster pictures are rewritten, not trusted: the real type is read from the bytes, and what is
published is the picture drawn again, orientation applied, with no metadata at all.

The hidden text here is of kinds the guard's metadata reader cannot read (UTF-16 EXIF fields,
an ICC profile's description, private PNG chunks, bytes after the end of the image, WebP XMP):
none of it may reach the built site.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from conftest import write
from lft.outputs import make_output
from lft.render.stage import stage
from lft.source import pictures
from lft.source.files import check_sources
from test_guard import scan

SECRET = "Jan Jansen 111222333"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def hostile_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", SECRET, zip=True)
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 10), (200, 0, 0, 128)).save(
        buffer, "PNG", pnginfo=info, icc_profile=SECRET.encode() * 20
    )
    data = buffer.getvalue()
    private = _chunk(b"prVt", SECRET.encode("utf-16-le"))  # a private chunk
    return data[:33] + private + data[33:] + SECRET.encode()  # and bytes after IEND


def hostile_jpeg(orientation: int = 6, secret: str = SECRET) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x9C9C] = secret.encode("utf-16-le") + b"\0\0"  # XPComment, UTF-16
    exif[0x013B] = secret  # Artist
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(
        buffer, "JPEG", exif=exif.tobytes(), comment=secret.encode(), icc_profile=b"x" * 64
    )
    data = buffer.getvalue()
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + secret.encode() + b"</x:xmpmeta>"
    segment = b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp
    return data[:2] + segment + data[2:] + b"\xff\xd9" + secret.encode()


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (2, 2)).save(buffer, "GIF")
    return buffer.getvalue()


def hostile_webp() -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = SECRET
    Image.new("RGB", (16, 16), "green").save(
        buffer, "WEBP", exif=exif.tobytes(), xmp=SECRET.encode()
    )
    return buffer.getvalue()


MARKS = (
    b"iCCP",
    b"prVt",
    b"iTXt",
    b"tEXt",
    b"zTXt",
    b"eXIf",
    b"Exif\0",
    b"ICC_PROFILE",
    b"http://ns.adobe.com",
    b"\xff\xfe",
    b"EXIF",
    b"XMP ",
)
"""Where metadata lives: PNG chunks, JPEG segments (\\xff\\xfe: a comment), WebP chunks."""


def hidden(data: bytes) -> list[bytes]:
    forms = (SECRET.encode(), SECRET.encode("utf-16-le"), SECRET.encode("utf-16-be"))
    return [form for form in (*forms, *MARKS) if form in data]


@pytest.mark.parametrize(
    ("name", "make"), [("a.png", hostile_png), ("a.jpg", hostile_jpeg), ("a.webp", hostile_webp)]
)
def test_a_rewritten_picture_carries_no_hidden_text(name: str, make: object) -> None:
    data = make()  # type: ignore[operator]
    assert pictures.problems(name, data) == []
    assert hidden(data)
    out = pictures.rewrite(name, data)
    assert hidden(out) == []
    image = Image.open(io.BytesIO(out))
    assert image.format == pictures.TYPES[Path(name).suffix]
    assert not {"exif", "icc_profile", "xmp", "comment", "Description"} & set(image.info)


def test_orientation_is_applied_and_rewriting_is_the_same_every_time() -> None:
    out = pictures.rewrite("a.jpg", hostile_jpeg(orientation=6))
    assert Image.open(io.BytesIO(out)).size == (20, 40)  # turned upright
    assert pictures.rewrite("a.jpg", hostile_jpeg(orientation=6)) == out  # reproducible builds


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("foto.png", hostile_jpeg(), "the file is a JPEG picture named as a PNG one (.png)"),
        ("foto.webp", hostile_png(), "the file is a PNG picture named as a WebP one (.webp)"),
        (
            "logo.jpg",
            b"<html><script>alert(1)</script>",
            "the file is not a JPEG picture (its bytes are no picture at all)",
        ),
        (
            "icon.ico",
            gif(),
            "the file is a GIF picture named as an icon one (.ico)",
        ),
    ],
)
def test_the_real_type_is_read_from_the_bytes(name: str, data: bytes, message: str) -> None:
    assert pictures.problems(name, data) == [message]


def test_an_animation_and_a_bomb_are_refused() -> None:
    frames = [Image.new("RGB", (4, 4), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])
    assert pictures.problems("a.png", buffer.getvalue()) == [
        "the picture is animated; the site publishes still pictures only"
    ]
    header = b"\x89PNG\r\n\x1a\n" + _chunk(
        b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    )
    assert pictures.problems("b.png", header + _chunk(b"IEND", b"")) == [
        "the picture has more than 40,000,000 pixels; make it smaller"
    ]


def test_an_icon_is_handled_like_every_picture() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (32, 32), "red").save(buffer, "ICO")
    data = buffer.getvalue() + SECRET.encode()
    assert pictures.problems("favicon.ico", data) == []
    assert SECRET.encode() not in pictures.rewrite("favicon.ico", data)


def test_lft_check_names_a_picture_that_is_not_what_its_name_says(tmp_path: Path) -> None:
    write(tmp_path, "docs/assets/kaart.png", hostile_jpeg())
    write(tmp_path, "docs/assets/ok.png", hostile_png())
    assert [str(p) for p in check_sources(tmp_path)] == [
        "docs/assets/kaart.png:1:1: the file is a JPEG picture named as a PNG one (.png) (save it "
        "again as a still picture of the type its name says (.png, .jpg, .webp))"
    ]


def test_the_build_stages_only_rewritten_pictures(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, "assets/ok.png", hostile_png())
    write(docs, "assets/fake.png", b"<svg onload=alert(1)>")
    write(docs, "about.md", "# Over\n")
    target = make_output(tmp_path / "staged")
    stage(
        [],
        {"news/x/foto.jpg": write(tmp_path, "content/news/x/foto.jpg", hostile_jpeg())},
        docs,
        target,
    )
    staged = target / "assets" / "ok.png"
    assert staged.is_file() and not hidden(staged.read_bytes())
    assert not (target / "assets" / "fake.png").exists()
    assert not hidden((target / "news" / "x" / "foto.jpg").read_bytes())


def photo(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


FOLDER = "content/interventions/voorbeeld"


def test_a_picture_in_an_item_folder_needs_the_file_a_small_size_and_alt_text(
    tmp_path: Path,
) -> None:
    write(tmp_path, f"{FOLDER}/kaart.png", photo())
    big = Image.frombytes("RGB", (800, 800), bytes(range(256)) * 7500)
    buffer = io.BytesIO()
    big.save(buffer, "PNG", compress_level=0)
    write(tmp_path, f"{FOLDER}/groot.png", buffer.getvalue())
    page = f"{FOLDER}/intervention.nl.md"
    text = (
        "![Kaart van de regio](kaart.png)\n"
        "![](kaart.png)\n"
        "![Plattegrond](plattegrond.png)\n"
        "![Luchtfoto](groot.png)\n"
        "![Kaart](../ander/kaart.png)\n"
    )
    report = scan(tmp_path, {page: text})
    assert [(p.line, p.col, p.message) for p in report.problems] == [
        (2, 5, "image 'kaart.png' has no alt text"),
        (3, 16, "image 'plattegrond.png' does not exist"),
        (4, 14, f"image 'groot.png' is larger than 1 MB ({len(buffer.getvalue()):,} bytes)"),
        (5, 10, "relative image '../ander/kaart.png'"),
    ]


@pytest.mark.e2e
def test_a_picture_of_an_item_is_published_clean_with_its_size(project: Path) -> None:
    from lft.build import build_site

    folder = project / "content" / "interventions" / "voorbeeld-screening"
    write(folder, "kaart.jpg", hostile_jpeg(6, "Studio Voorbeeld, Canon EOS"))  # the guard
    for lang, alt in (("nl", "Kaart van de regio"), ("en", "Map of the region")):
        md = folder / f"intervention.{lang}.md"
        md.write_text(md.read_text(encoding="utf-8") + f"\n![{alt}](kaart.jpg)\n", "utf-8")
    site = project / "site"
    build_site(project, site, strict=False)
    published = site / "interventions" / "voorbeeld-screening" / "kaart.jpg"
    assert hidden(published.read_bytes()) == []
    assert b"Studio" not in published.read_bytes()  # what the guard lets pass is gone too
    assert Image.open(published).size == (20, 40)
    for page, alt in (
        (site / "interventions" / "voorbeeld-screening" / "index.html", "Kaart van de regio"),
        (site / "en" / "interventions" / "voorbeeld-screening" / "index.html", "Map of the region"),
    ):
        html = page.read_text(encoding="utf-8")
        tag = html[html.index(f'<img alt="{alt}"') :].split(">", 1)[0]
        assert 'width="20"' in tag and 'height="40"' in tag, tag
        src = tag.split('src="', 1)[1].split('"', 1)[0]
        assert (page.parent / src).resolve() == published.resolve(), src
