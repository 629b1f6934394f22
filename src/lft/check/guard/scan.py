"""One source file through every rule: Markdown, YAML, SVG, or an image's metadata."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit

from lft.check.guard.config import Settings, SettingsKey
from lft.check.guard.html import links, raw_html
from lft.check.guard.images import metadata
from lft.check.guard.markdown import without_code
from lft.check.guard.markings import markings, placeholders
from lft.check.guard.personal import URL, Origin, personal_data
from lft.check.guard.text import DIRECTION, Finding, Text, finding, normalise
from lft.check.publisher import PUBLISHER_FILE
from lft.check.quick import Quick
from lft.problems import Severity
from lft.source.svg import HINT, check
from lft.source.xmldoc import Document, readable
from lft.source.xmldoc import where as place

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


def facts(doc: Text, text: str, settings: Settings) -> list[Finding]:
    """Personal data and markings in `text` (offsets as in `doc`), normalised first.

    Text inside HTML comments is read twice: without the comments, as a reader sees the page
    (`Ge<!-- -->heim`), and with them, as anyone reading the repository does.
    """
    variants = [normalise(text)]
    if "<!--" in text:
        variants.append(normalise(text, drop_comments=False))
    found: dict[tuple[str, int, int], Finding] = {}
    for normal in variants:
        for item in personal_data(
            doc, normal.text, normal.origin, settings.mailboxes, settings.public_numbers
        ):
            found.setdefault((item.rule, item.line, item.col), item)
        for item in markings(doc, normal.text, normal.origin, settings):
            found.setdefault((item.rule, item.line, item.col), item)
        for item, end in addresses(doc, normal.text, normal.origin, settings):
            if not any(  # the text around it found this one already
                (rule, line) == (item.rule, item.line) and item.col <= col < end
                for rule, line, col in found
            ):
                found.setdefault((item.rule, item.line, item.col), item)
    return list(found.values())


_ADDRESS = re.compile(rf"{URL.pattern}|(?i:\bmailto:[^\s<>\"'\]\)]+)")
_FIND_ADDRESS = Quick(_ADDRESS)
IDENTIFIERS = frozenset({"bsn", "case-number", "phone", "iban"})
"""Rules not applied to the path of a web address: numbers there name documents, not people
(`tests/fixtures/guard/near-misses.md`); its query, fragment and user get every rule."""


def _decoded(value: str) -> str:
    for _ in range(3):  # an address encoded twice (%2540) is decoded twice by some servers
        value, before = unquote_plus(value), value
        if value == before:
            break
    return value


def address_parts(address: str) -> list[tuple[str, bool]]:
    """The readable parts of a web or mail address, decoded: (text, is the path); the
    `IDENTIFIERS` rules do not apply to the path."""
    parts = urlsplit(address)
    if parts.scheme.lower() == "mailto":
        return [
            (_decoded(f"{parts.path} {parts.query}").replace("&", " ").replace("=", " "), False)
        ]
    rest = " ".join(
        _decoded(piece) for piece in [*re.split(r"[&=;]", parts.query), parts.fragment] if piece
    )
    user = _decoded(parts.netloc.rpartition("@")[0])
    return [(_decoded(parts.path).replace("/", " "), True), (f"{user} {rest}", False)]


def read_address(rel: str, address: str, settings: Settings) -> list[Finding]:
    """Personal data and markings inside a web or mail address (path, query, fragment, the
    user, a `mailto:`), decoded; the findings carry no place yet.

    A site cites the same addresses on many pages: each is read once per kind of file (the
    kind decides the hint's excuse) and settings, and every caller gets its own copies."""
    kind = rel.rpartition(".")[2] if rel.endswith((".md", ".svg")) else ""
    found = _read_address(kind, address, settings.key())
    return [replace(item) for item in found]


@lru_cache(maxsize=8192)
def _read_address(kind: str, address: str, key: SettingsKey) -> tuple[Finding, ...]:
    settings = Settings.of(key)
    found: list[Finding] = []
    for part, is_path in address_parts(address):
        local = Text(f"address.{kind}", part)
        items = personal_data(local, part, _same, settings.mailboxes, settings.public_numbers)
        items += markings(local, part, _same, settings)
        for item in items:
            if not (is_path and item.rule in IDENTIFIERS):
                item.message += " in a link address"
                found.append(item)
    return tuple(found)


def addresses(
    doc: Text, text: str, origin: Origin, settings: Settings
) -> list[tuple[Finding, int]]:
    """`read_address` for every web and mail address in `text`; each finding at the start of
    its address, with the column where the address ends."""
    found: list[tuple[Finding, int]] = []
    for match in _FIND_ADDRESS.finditer(text):
        items = read_address(doc.rel, match[0], settings)
        if not items:
            continue  # most addresses: no place to work out
        line, col = doc.where(origin(match.start()))
        end = col + origin(match.end()) - origin(match.start())
        for item in items:
            item.line, item.col = line, col
            found.append((item, end))
    return found


def _same(offset: int) -> int:
    return offset


def unfinished(doc: Text, text: str) -> list[Finding]:
    """Placeholders, normalised like `facts`."""
    found: dict[tuple[int, int], Finding] = {}
    variants = [normalise(text)]
    if "<!--" in text:
        variants.append(normalise(text, drop_comments=False))
    for normal in variants:
        for item in placeholders(doc, normal.text, normal.origin):
            found.setdefault((item.line, item.col), item)
    return list(found.values())


def source(doc: Text, scan_text: str, settings: Settings, root: Path) -> list[Finding]:
    """Every finding in a Markdown, YAML or SVG source (`scan_text`: excuses blanked)."""
    if doc.rel.endswith(".svg"):
        return picture(doc, settings)
    found = facts(doc, scan_text, settings) + directions(doc)
    prose = without_code(scan_text) if doc.is_markdown else scan_text
    if doc.rel != PUBLISHER_FILE:  # its placeholders are warnings of `load_publisher`
        found += unfinished(doc, prose)
    found += raw_html(doc, prose)
    if doc.is_markdown:
        found += links(doc, prose, root)
    return found


def directions(doc: Text) -> list[Finding]:
    """Direction overrides and isolates: a title or text that reads otherwise than it shows."""
    return [
        finding(
            doc,
            match.start(),
            "direction",
            f"an invisible direction control ({unicodedata.name(match[0]).lower()}), which shows "
            "the text in another order than it is read and checked",
            "remove it; write the text in the order it is read",
        )
        for match in DIRECTION.finditer(doc.text)
    ]


def picture(doc: Text, settings: Settings) -> list[Finding]:
    """An SVG picture: what the allow-list refuses (`lft.source.svg`), and the facts in its text."""
    document, refused = check(doc.text.encode("utf-8"))
    found = [
        finding(
            doc, doc.starts[r.line - 1] + r.col - 1, "raw-html", f"SVG picture: {r.message}", HINT
        )
        for r in refused
    ]
    if document is not None:
        found += xml_facts(doc.rel, document, settings)
    return found


def xml_facts(rel: str, document: Document, settings: Settings) -> list[Finding]:
    """Personal data and markings in the text of an XML file read by `lft.source.xmldoc`: text,
    CDATA, comments and attribute values, with the text of `<tspan>`s joined as shown."""
    found: list[Finding] = []
    for run in readable(document):
        text = "".join(piece.text for piece in run)
        if len(text.strip()) < 4:
            continue
        local = Text(rel, text)
        for item in facts(local, text, settings):
            item.line, item.col = place(run, local.starts[item.line - 1] + item.col - 1)
            found.append(item)
    return found


def image(rel: str, data: bytes, settings: Settings) -> list[Finding]:
    """Personal data and markings in the metadata of an image, reported at its 1:1."""
    found: list[Finding] = []
    for where, text in metadata(data):
        piece = Text(rel, text)
        for item in facts(piece, text, settings):
            if item.severity is Severity.ERROR:
                item.message += f" in the image metadata ({where})"
                item.line, item.col = 1, 1
                item.hint = "save the image again without its metadata"
                found.append(item)
    return found
