"""Drafts and embargoed items: which items stay off the site, and published items that refer
to one of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lft.check.guard.text import Finding
from lft.source.model import LANGUAGES, Content, Item, Kind


def left_out(item: Item, today: dt.date) -> str:
    """Why `item` is not published on `today` ('draft', 'embargo until …'), or ''."""
    if item.data.get("draft") is True:
        return "draft"
    if not item.published(today):
        return f"embargo until {item.data.get('publish_from')}"
    return ""


def item_files(item: Item) -> set[str]:
    """The YAML file and the Markdown files of an item."""
    return {item.source, *(item.markdown_source(lang) for lang in LANGUAGES)}


def references(content: Content, today: dt.date) -> Iterator[tuple[Item, Finding]]:
    """Published items that refer to a draft or an embargoed item."""
    for item in content.items():
        if not item.published(today):
            continue
        refs: list[tuple[tuple[str | int, ...], str]] = []
        if item.kind is Kind.INTERVENTION:
            for index, entry in enumerate(item.data.get("phenomena") or []):
                if isinstance(entry, dict) and isinstance(entry.get("phenomenon"), str):
                    refs.append((("phenomena", index, "phenomenon"), entry["phenomenon"]))
        elif item.kind is Kind.NEWS:
            for index, slug in enumerate(item.data.get("phenomena") or []):
                if isinstance(slug, str):
                    refs.append((("phenomena", index), slug))
        elif item.kind is Kind.CHARTER:
            refs.append(((), item.slug))  # a charter belongs to the phenomenon of its folder
        for path, slug in refs:
            target = content.phenomena.get(slug)
            why = left_out(target, today) if target is not None else ""
            if not why:
                continue
            line, col = item.doc.where(path)
            subject = "this charter belongs to" if not path else "refers to"
            yield (
                item,
                Finding(
                    "unpublished-reference",
                    line,
                    col,
                    f"{subject} phenomenon '{slug}', which is not published ({why})",
                    f"publish '{slug}' first, or keep this item off the site too ('draft: true'); "
                    "if this is intended, put '# lft-allow unpublished-reference: <reason>' "
                    "on this line or the line above",
                ),
            )
