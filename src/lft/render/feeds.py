"""Atom feeds per language: the news, and new and updated courses of action and fact sheets.

Written with ElementTree (a serialiser, so a title can never become markup), from the content the
site shows, dated by the content (a news item's date, an item's last review), never by the build
clock: two builds of the same content give the same bytes. Staged with the pages, so the engine
copies them like any other file; every page names them in its head, the news page links them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from lft.source import kinds
from lft.source.labels import labels
from lft.source.model import (
    DEFAULT_LANGUAGE,
    FEEDS,
    LANGUAGES,
    Content,
    Item,
    feed_path,
    language_root,
)

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    """One entry: an item of the site, its day, and its kind's label key."""

    item: Item
    day: str
    kind: str


def _text(value: kinds.Text, lang: kinds.Language) -> tuple[str, str]:
    """(text, its language): a Dutch stand-in for a missing translation says it is Dutch."""
    if lang in value:
        return value[lang], lang
    return value[DEFAULT_LANGUAGE], DEFAULT_LANGUAGE


def _language(text_lang: str, lang: str) -> dict[str, str]:
    """`xml:lang` for a text in another language than its feed's."""
    return {XML_LANG: text_lang} if text_lang != lang else {}


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _entries(content: Content, name: str) -> list[Entry]:
    if name == "news":
        found = [Entry(i, i.news()["date"], "news") for i in content.news.values()]
    else:
        found = [
            Entry(i, i.phenomenon()["last_reviewed"], "fact_sheet")
            for i in content.phenomena.values()
        ]
        found += [
            Entry(i, i.intervention()["last_reviewed"], "intervention")
            for i in content.interventions.values()
        ]
    return sorted(found, key=lambda e: (e.day, e.item.address), reverse=True)


def feed(content: Content, name: str, lang: kinds.Language, base: str, author: str) -> bytes:
    """One Atom feed of `content` in `lang`, for a site at `base` (ending in `/`)."""
    names = labels()
    prefix = language_root(lang)
    self_url = f"{base}{feed_path(name, lang)}"
    entries = _entries(content, name)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _add(root, "id", self_url)
    _add(root, "title", f"{names[f'feed_{name}'][lang]} · {names['site_name'][lang]}")
    _add(root, "subtitle", names[f"feed_{name}_lead"][lang])
    days = [e.day for e in entries] or list(_any_day(content))
    _add(root, "updated", _stamp(max(days, default="2000-01-01")))
    _add(root, "link", rel="self", type="application/atom+xml", href=self_url)
    home = "news/" if name == "news" else ""
    _add(root, "link", rel="alternate", type="text/html", href=f"{base}{prefix}{home}")
    _add(_add(root, "author"), "name", author)
    for entry in entries:
        data = entry.item.data
        url = f"{base}{prefix}{entry.item.address}"
        element = _add(root, "entry")
        title, title_lang = _text(data["title"], lang)
        heading = title if name == "news" else f"{names[entry.kind][lang]}: {title}"
        _add(element, "title", heading, **_language(title_lang, lang))
        _add(element, "id", url)
        _add(element, "link", rel="alternate", type="text/html", href=url)
        if name == "news":
            _add(element, "published", _stamp(entry.day))
        _add(element, "updated", _stamp(entry.day))
        summary, summary_lang = _text(data["summary"], lang)
        _add(
            element,
            "summary",
            summary,
            **({XML_LANG: summary_lang} if summary_lang != lang else {}),
        )
        label = names[entry.kind][lang]
        _add(element, "category", term=entry.kind.replace("_", "-"), label=label)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _any_day(content: Content) -> Iterable[str]:
    """Every day the content names, for a feed with no entries yet."""
    for item in content.items():
        for key in ("last_reviewed", "date"):
            if isinstance(item.data.get(key), str):
                yield item.data[key]


def feed_files(content: Content, base: str, author: dict[str, str]) -> dict[str, bytes]:
    """Every feed, by its path in the site; `author` names the publisher per language."""
    base = base.rstrip("/") + "/"
    return {
        feed_path(name, lang): feed(content, name, lang, base, author[lang])
        for name in FEEDS
        for lang in LANGUAGES
    }
