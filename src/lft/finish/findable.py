"""Findable: a sitemap with every language version of each page, and `robots.txt` pointing at it.

The engine's sitemap lists each page with its language versions but without `x-default` (the
version for readers whose language the site does not have). This rewrites it from the built
site's own sitemap (read without DTD or entities): each page in each language, with `hreflang`
alternates for every language and `x-default` for the Dutch page, written by an XML serialiser,
and writes `robots.txt` beside it.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as defused

from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
_XHTML = "http://www.w3.org/1999/xhtml"


def _language(url: str, home: str) -> tuple[str, str]:
    """(language, address without the language folder) of a page address under `home`."""
    rest = url.removeprefix(home)
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and (rest == f"{lang}/" or rest.startswith(f"{lang}/")):
            return lang, rest.removeprefix(f"{lang}/")
    return DEFAULT_LANGUAGE, rest


def sitemap(pages: list[tuple[str, str]], home: str) -> str:
    """The sitemap of `pages` ((address, last modified) each) of a site at `home`, written by
    ElementTree, which escapes every value (an address is text, never markup)."""
    versions: dict[str, dict[str, str]] = {}
    for url, _ in pages:
        lang, key = _language(url, home)
        versions.setdefault(key, {})[lang] = url
    root = ET.Element("urlset", {"xmlns": _NS["s"], "xmlns:xhtml": _XHTML})
    for url, modified in pages:
        group = versions[_language(url, home)[1]]
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = url
        if modified:
            ET.SubElement(entry, "lastmod").text = modified
        alternates: list[tuple[str, str]] = [(g, group[g]) for g in LANGUAGES if g in group]
        if DEFAULT_LANGUAGE in group:
            alternates.append(("x-default", group[DEFAULT_LANGUAGE]))
        for lang, address in alternates:
            ET.SubElement(
                entry, "xhtml:link", {"rel": "alternate", "hreflang": lang, "href": address}
            )
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def robots(home: str) -> str:
    """`robots.txt`: every page may be read; the sitemap is at the site's root."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {home}{SITEMAP}\n"


def make_findable(site: Path) -> frozenset[str]:
    """Rewrite the built `site`'s sitemap and write `robots.txt`; the files written."""
    source = site / SITEMAP
    if not source.is_file():
        return frozenset()
    urlset = defused.parse(source, forbid_dtd=True).getroot()
    if urlset is None:
        return frozenset()
    pages = [
        (
            (entry.findtext("s:loc", "", _NS)).strip(),
            (entry.findtext("s:lastmod", "", _NS)).strip(),
        )
        for entry in urlset.iterfind("s:url", _NS)
    ]
    if not pages:
        return frozenset()
    home = min((url for url, _ in pages), key=len)  # the home page is the shortest address
    text = sitemap(pages, home)
    source.write_text(text, encoding="utf-8")
    (site / f"{SITEMAP}.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    (site / ROBOTS).write_text(robots(home), encoding="utf-8")
    return frozenset({SITEMAP, f"{SITEMAP}.gz", ROBOTS})
