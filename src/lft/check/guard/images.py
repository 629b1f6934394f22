"""The text hidden in image files: PNG text chunks, JPEG comments, EXIF and XMP, WebP metadata.

Read with the standard library only (`struct`, `zlib`). EXIF is binary; its text values are
taken as runs of printable characters, which is where a camera or an editor writes names,
descriptions, places and comments.
"""

from __future__ import annotations

import re
import struct
import zlib

_PNG = b"\x89PNG\r\n\x1a\n"
_PRINTABLE = re.compile(rb"[\x20-\x7e\t\n\r]{4,}")
_MAX_TEXT = 1_000_000  # a decompression bomb in a zTXt chunk stops here


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(data, _MAX_TEXT)
    except zlib.error:
        return b""


def _strings(data: bytes) -> str:
    return "\n".join(m.decode("ascii") for m in _PRINTABLE.findall(data))


def _png(data: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    offset = len(_PNG)
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        offset += 12 + length
        name = kind.decode("latin-1")
        keyword, _, rest = body.partition(b"\0")
        label = f"PNG {name} '{keyword.decode('latin-1')}'"
        if kind == b"tEXt":
            found.append((label, rest.decode("latin-1")))
        elif kind == b"zTXt" and rest:
            found.append((label, _inflate(rest[1:]).decode("latin-1")))
        elif kind == b"iTXt" and len(rest) >= 2:
            compressed = rest[0] == 1
            _lang, _, rest = rest[2:].partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            raw = _inflate(text) if compressed else text
            found.append((label, raw.decode("utf-8", "replace")))
        elif kind == b"eXIf":
            found.append(("PNG eXIf", _strings(body)))
        elif kind == b"IEND":
            break
    return found


def _jpeg(data: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    offset = 2
    while offset + 4 <= len(data) and data[offset] == 0xFF:
        marker = data[offset + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            offset += 2  # markers without a length
            continue
        if marker in (0xD9, 0xDA):
            break  # end of image, or the image data: no metadata after this
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        body = data[offset + 4 : offset + 2 + length]
        offset += 2 + length
        if marker == 0xFE:
            found.append(("JPEG comment", body.decode("utf-8", "replace")))
        elif marker == 0xE1 and body.startswith(b"Exif\0"):
            found.append(("JPEG EXIF", _strings(body[6:])))
        elif marker == 0xE1 and b"\0" in body[:64] and body.startswith(b"http"):
            found.append(("JPEG XMP", body.partition(b"\0")[2].decode("utf-8", "replace")))
        elif 0xE2 <= marker <= 0xEF:
            found.append((f"JPEG APP{marker - 0xE0}", _strings(body)))
    return found


def _webp(data: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    offset = 12
    while offset + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        offset += 8 + length + (length & 1)
        if kind == b"EXIF":
            found.append(("WebP EXIF", _strings(body)))
        elif kind == b"XMP ":
            found.append(("WebP XMP", body.decode("utf-8", "replace")))
    return found


def metadata(data: bytes) -> list[tuple[str, str]]:
    """(where, text) for every piece of text in the metadata of a PNG, JPEG or WebP image;
    nothing for other files."""
    if data.startswith(_PNG):
        return _png(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp(data)
    return []
