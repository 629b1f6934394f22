"""One source file through every rule: Markdown, YAML, SVG, or an image's metadata."""

from __future__ import annotations

from pathlib import Path

from lft.guard.config import Settings
from lft.guard.html import links, raw_html, visible_text
from lft.guard.images import metadata
from lft.guard.markdown import without_code
from lft.guard.markings import markings, placeholders
from lft.guard.personal import personal_data
from lft.guard.text import Finding, Text, normalise
from lft.problems import Severity

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
        return raw_html(doc, doc.text, svg=True) + facts(doc, visible_text(doc.text), settings)
    found = facts(doc, scan_text, settings)
    prose = without_code(scan_text) if doc.is_markdown else scan_text
    found += unfinished(doc, prose)
    found += raw_html(doc, prose, svg=False)
    if doc.is_markdown:
        found += links(doc, prose, root)
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
