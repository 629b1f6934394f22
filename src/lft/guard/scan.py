"""One source file through every rule: Markdown, YAML, SVG, or an image's metadata."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from lft.guard.config import Settings
from lft.guard.html import links, raw_html
from lft.guard.images import metadata
from lft.guard.markdown import without_code
from lft.guard.markings import markings, placeholders
from lft.guard.personal import personal_data
from lft.guard.text import DIRECTION, Finding, Text, finding, normalise
from lft.problems import Severity
from lft.svg import HINT, check
from lft.xmldoc import Document, readable
from lft.xmldoc import where as place

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
        for item in personal_data(doc, normal.text, normal.origin, settings.mailboxes):
            found.setdefault((item.rule, item.line, item.col), item)
        for item in markings(doc, normal.text, normal.origin, settings):
            found.setdefault((item.rule, item.line, item.col), item)
    return list(found.values())


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
    found += unfinished(doc, prose)
    found += raw_html(doc, prose, svg=False)
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
    """An SVG picture: what the allow-list refuses (`lft.svg`), and the facts in its text."""
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
    """Personal data and markings in the text of an XML file read by `lft.xmldoc`: text,
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
