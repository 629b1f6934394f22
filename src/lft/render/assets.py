"""The files of content that pages show: news images and the pictures of item folders, and
where each is published."""

from __future__ import annotations

from pathlib import Path

from lft.source.model import Content, Item


def content_assets(content: Content, root: Path) -> dict[str, Path]:
    """Files that pages show (news images, the pictures of item folders), by their address in
    the site."""
    assets: dict[str, Path] = {}
    for item in content.news.values():
        image = item.news().get("image")
        if image:
            assets[f"news/{item.slug}/{image['src']}"] = root / item.folder / image["src"]
    for item in content.items():
        for name in item.pictures:
            assets[f"{picture_folder(item)}/{name}"] = root / item.folder / name
    return assets


def picture_folder(item: Item) -> str:
    """Where the pictures of an item's folder are published: beside its page."""
    section = {"phenomenon": "phenomena", "charter": "phenomena", "intervention": "interventions"}
    return f"{section.get(item.kind.value, item.kind.value)}/{item.slug}"
