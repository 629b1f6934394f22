"""The published JSON Schemas under `schemas/`, and what the code reads from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from referencing import Registry, Resource

from lft.source.model import Kind


@dataclass(frozen=True)
class SectionSpec:
    key: str
    titles: dict[str, str]
    required: bool


@dataclass(frozen=True)
class MarkdownSpec:
    intro_required: bool
    sections: tuple[SectionSpec, ...]
    free_sections: bool = False
    """Level-2 headings with any title (news): the text's own sections, not the schema's."""

    def key_for(self, lang: str, title: str) -> str | None:
        return next((s.key for s in self.sections if s.titles[lang] == title), None)


class Schemas:
    """Loads every `*.schema.json` of one folder once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.by_name: dict[str, dict[str, Any]] = {
            path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.schema.json"))
        }
        self._markdown: dict[Kind, MarkdownSpec] = {}

    @cached_property
    def registry(self) -> Registry[Any]:
        """Every schema by its file name, crawled once so each `$ref` is looked up directly."""
        resources = [(name, Resource.from_contents(s)) for name, s in self.by_name.items()]
        return Registry().with_resources(resources).crawl()

    def markdown(self, kind: Kind) -> MarkdownSpec:
        """What the Markdown of `kind` holds, read from its schema once."""
        if kind not in self._markdown:
            self._markdown[kind] = self._markdown_spec(kind)
        return self._markdown[kind]

    def _markdown_spec(self, kind: Kind) -> MarkdownSpec:
        raw = self.by_name[kind.schema]["x-lft-markdown"]
        return MarkdownSpec(
            intro_required=bool(raw["intro"]),
            sections=tuple(
                SectionSpec(s["key"], {"nl": s["nl"], "en": s["en"]}, bool(s["required"]))
                for s in raw["sections"]
            ),
            free_sections=bool(raw.get("free_sections", False)),
        )
