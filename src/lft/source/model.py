"""The content model: what `load` produces and `validate`, `render` and the plugin consume."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, cast

from lft.source import kinds

KeyPath = tuple[str | int, ...]
"""Where a value stands in a YAML document: the keys and list indexes that lead to it."""


@dataclass
class Document:
    """The data of one YAML file and the 1-based (line, column) of each path in it."""

    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for a path: the key for `key=True`, else the value; else its parent."""
        table = self.key_positions if key else self.positions
        probe = path
        while True:
            if probe in table:
                return table[probe]
            if key and probe in self.positions:
                return self.positions[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]


LANGUAGES: tuple[kinds.Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: kinds.Language = "nl"


def language_root(lang: str) -> str:
    """Where a language's pages are in the site: the root for Dutch (""), `en/` for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""A short name: of an item folder, a registry entry, a process step, a topic."""


def as_slug(name: str) -> str:
    """The slug a name was probably meant to be: `Wet Bibob` → `wet-bibob`, `één` → `een`;
    empty when nothing of it is left."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def bilingual_texts(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every bilingual `{nl: …, en: …}` object in YAML data, with its path, in file order."""
    if isinstance(data, dict):
        if "nl" in data and set(data) <= set(LANGUAGES):
            yield path, data
            return
        for key, value in data.items():
            yield from bilingual_texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from bilingual_texts(value, (*path, index))


class Kind(Enum):
    """A content type; its value names the YAML file and the schema."""

    PHENOMENON = "phenomenon"
    CHARTER = "charter"
    INTERVENTION = "intervention"
    NEWS = "news"

    @property
    def schema(self) -> str:
        return f"{self.value}.schema.json"

    @property
    def address(self) -> str:
        """Where an item of this kind is in the site, below a language's root, for `format`."""
        return ADDRESSES[self]


FEEDS = ("news", "updates")
"""The Atom feeds of each language (`lft.render.feeds`)."""


def feed_path(name: str, lang: str) -> str:
    """Where a feed is in the site, like `feed-news-en.xml`: at the root, because the theme's
    script fetches a `sitemap.xml` beside every `<link rel="alternate">` of a page head (there
    is one at the root), and without `.en.`, which the engine's language plugin would take for
    the English version of another file."""
    return f"feed-{name}-{lang}.xml"


ADDRESSES = {
    Kind.PHENOMENON: "phenomena/{}/",
    Kind.CHARTER: "phenomena/{}/charter/",
    Kind.INTERVENTION: "interventions/{}/",
    Kind.NEWS: "news/{}/",
}


@dataclass
class Section:
    """A level-2 section of an item's Markdown, identified by its schema key."""

    key: str
    title: str
    body: str
    line: int


@dataclass
class Prose:
    """One Markdown file of an item: the introduction and the sections, in file order."""

    path: str
    intro: str
    sections: list[Section] = field(default_factory=list)
    text: str = ""
    """The whole file, as read (translation fingerprints are taken of it)."""
    level1_lines: list[int] = field(default_factory=list)
    """Lines with a level-1 heading outside code: the page title comes from the YAML file."""

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass
class Item:
    """One content item: its YAML (with positions) and its Markdown per language."""

    kind: Kind
    slug: str
    source: str
    doc: Document
    prose: dict[str, Prose] = field(default_factory=dict)
    pictures: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Pictures in the item's folder that its Markdown may show: file name → (width, height)."""

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc.data
        return data

    @property
    def address(self) -> str:
        """Its page below a language's root, like `interventions/bibob/`."""
        return self.kind.address.format(self.slug)

    @property
    def folder(self) -> str:
        return self.source.rsplit("/", 1)[0]

    def markdown_source(self, lang: str) -> str:
        """Its Markdown file in `lang`, by its path from the root (`…/intervention.en.md`)."""
        return f"{self.folder}/{self.kind.value}.{lang}.md"

    # The typed views: `data` as its schema describes it, a claim that holds only once a check
    # found no errors (placeholders of a draft can still stand for an enum, a date or a number).

    def phenomenon(self) -> kinds.Phenomenon:
        assert self.kind is Kind.PHENOMENON, self.source
        return cast(kinds.Phenomenon, self.doc.data)

    def charter(self) -> kinds.Charter:
        assert self.kind is Kind.CHARTER, self.source
        return cast(kinds.Charter, self.doc.data)

    def intervention(self) -> kinds.Intervention:
        assert self.kind is Kind.INTERVENTION, self.source
        return cast(kinds.Intervention, self.doc.data)

    def news(self) -> kinds.NewsItem:
        assert self.kind is Kind.NEWS, self.source
        return cast(kinds.NewsItem, self.doc.data)

    def published(self, today: dt.date) -> bool:
        """False for a draft and for an item under embargo (`publish_from` after today)."""
        if self.data.get("draft") is True:
            return False
        start = self.data.get("publish_from")
        return not (isinstance(start, str) and start > today.isoformat())

    def awaiting(self, lang: str) -> bool:
        """True when the item is explicitly marked as not yet translated into `lang`."""
        return lang in (self.data.get("awaiting_translation") or [])


def plain_name(name: str) -> str:
    """A name of a glossary term or an organisation as running text writes it: without the part
    in brackets ('Financial Expertise Centre (FEC)' gives 'Financial Expertise Centre')."""
    return name.split(" (", 1)[0].strip()


TermForm = tuple[str, bool, str]
"""One way running text names a glossary term: the words as running text writes them, whether
case is ignored, and which of the term's fields they come from ('term' or 'abbreviation')."""


def term_forms(name: str, abbreviation: str) -> tuple[TermForm, ...]:
    """The ways running text names a glossary term of `name` (in one language) and
    `abbreviation`: its name without the part in brackets, in any case unless it is written in
    capitals, and its abbreviation as written. The renderer explains a term where running text
    names it so (`lft.render.explain`); the check refuses two terms named alike."""
    forms: list[TermForm] = []
    plain = plain_name(name)
    if plain:
        forms.append((plain, not plain.isupper(), "term"))
    if abbreviation:
        forms.append((abbreviation, False, "abbreviation"))
    return tuple(forms)


@dataclass
class Registry:
    """A YAML file of named entries (organisations, glossary terms)."""

    name: str
    source: str
    doc: Document

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        entries: dict[str, dict[str, Any]] = self.doc.data
        return entries

    # The typed views, as for `Item`: valid only once a check found no errors.

    def organisations(self) -> kinds.Organisations:
        assert self.name == "organisations", self.source
        return cast(kinds.Organisations, self.doc.data)

    def glossary(self) -> kinds.Glossary:
        assert self.name == "glossary", self.source
        return cast(kinds.Glossary, self.doc.data)


@dataclass
class Content:
    """Everything under `content/`, loaded."""

    phenomena: dict[str, Item] = field(default_factory=dict)
    charters: dict[str, Item] = field(default_factory=dict)
    interventions: dict[str, Item] = field(default_factory=dict)
    news: dict[str, Item] = field(default_factory=dict)
    organisations: Registry | None = None
    glossary: Registry | None = None
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    """The text of every file `load` read, by its path in the project: later stages (the
    publication guard) take it from here instead of reading the file again."""

    def items(self) -> list[Item]:
        return [
            *self.phenomena.values(),
            *self.charters.values(),
            *self.interventions.values(),
            *self.news.values(),
        ]

    def published(self, today: dt.date) -> Content:
        """The content the public site shows: no drafts, nothing under embargo."""
        return self.keeping(lambda item: item.published(today))

    def without(self, folders: set[str]) -> Content:
        """The content without the items in `folders` (a preview leaves out what is broken)."""
        return self.keeping(lambda item: item.folder not in folders)

    def keeping(self, keep: Callable[[Item], bool]) -> Content:
        """The same content with only the items `keep` accepts; registries and texts as they are."""
        return self._each(lambda item: item if keep(item) else None)

    def changing(self, change: Callable[[Item], Item]) -> Content:
        """The same content with each item as `change` makes it; registries and texts as they
        are."""
        return self._each(change)

    def _each(self, change: Callable[[Item], Item | None]) -> Content:
        def changed(items: dict[str, Item]) -> dict[str, Item]:
            made = {slug: change(item) for slug, item in items.items()}
            return {slug: item for slug, item in made.items() if item is not None}

        return Content(
            phenomena=changed(self.phenomena),
            charters=changed(self.charters),
            interventions=changed(self.interventions),
            news=changed(self.news),
            organisations=self.organisations,
            glossary=self.glossary,
            texts=self.texts,
        )

    def registries(self) -> list[Registry]:
        return [r for r in (self.organisations, self.glossary) if r is not None]
