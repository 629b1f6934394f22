"""Checks on the built site as a whole: both languages, their links and what it says it is.

Run on the folder a build produced (and a release archives), with a real HTML parser: every
page carries the language of its folder, both languages have the same pages, the language
switcher and every internal link lead to a page that exists, nothing left off the site (a
draft, an embargoed item) is named anywhere, and a release names no placeholder address and holds
no editor's note (a passage that waits for a confirmation: `lft.check.unconfirmed`).
Nothing here knows the engine.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from lft.check.guard.text import Text
from lft.check.unconfirmed import NOTE_CLASS
from lft.finish.shipped import Page, Row, pack_rows, read_page, unpack_rows
from lft.placeholders import address_problems
from lft.problems import Problem, line_col
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES, Content

OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".jsonld", ".csv", ".atom"}
"""Files whose text is read for words of items left off the site and placeholder addresses."""


@dataclass(frozen=True)
class Left:
    """An item left off the site: its address and the words only it has (its titles)."""

    source: str
    address: str
    words: tuple[str, ...]


_UNIQUE = 16
"""Titles at least this long are taken as words only their item has."""


def left_out(content: Content, shown: Content) -> list[Left]:
    """The items of `content` that the site `shown` leaves out, in every language."""
    kept = {id(item) for item in shown.items()}
    found = []
    for item in content.items():
        if id(item) in kept:
            continue
        title = item.data.get("title") or item.data.get("name")  # a charter has a name
        words = tuple(
            t
            for t in (title.values() if isinstance(title, dict) else ())
            if isinstance(t, str) and len(t) >= _UNIQUE
        )
        address = f"/{item.address}"
        found.append(Left(item.source, address, words))
        found += [Left(item.source, f"/{lang}{address}", ()) for lang in OTHER_LANGUAGES]
    return found


@dataclass(frozen=True)
class SitePage:
    """What the site checks read of a page: the `lang` of its first `<html>` tag (None
    without one), its links as (line, column, href, whether it is a language-switcher link)
    and the (line, column) of each editor's note."""

    lang: str | None
    packed_links: bytes
    notes: list[tuple[int, int]]

    @property
    def links(self) -> list[tuple[int, int, str, bool]]:
        return cast(list[tuple[int, int, str, bool]], unpack_rows(self.packed_links))


def site_page(page: Page) -> SitePage:
    """What the site checks read of one parsed page."""
    starts = page.starts
    lang: str | None = None
    links: list[Row] = []
    notes: list[tuple[int, int]] = []
    for tag in page.tags:
        if tag.name not in ("html", "a") and not any(
            name == "class" and NOTE_CLASS in value for name, value, *_ in tag.attributes
        ):
            continue  # neither a language, a link nor a note
        values = tag.values()
        if tag.name == "html" and lang is None:
            lang = values.get("lang", "")
        if tag.name == "a" and "href" in values:
            links.append((*line_col(starts, tag.offset), values["href"], "hreflang" in values))
        if NOTE_CLASS in values.get("class", "").split():
            notes.append(line_col(starts, tag.offset))
    return SitePage(lang, pack_rows(links), notes)


def _pages(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path


def _language(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in OTHER_LANGUAGES and "/" in rel else DEFAULT_LANGUAGE


def _unprefixed(rel: str) -> str:
    lang = _language(rel)
    return rel if lang == DEFAULT_LANGUAGE else rel[len(lang) + 1 :]


class _Tree:
    """The files and folders of a built site, listed once, so a link's target is looked up
    rather than asked of the system; a site with a symbolic link (which the output scan
    refuses) is asked of the system, which follows links."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.files: set[str] = set()
        self.folders: set[str] = {"."}
        self.linked = False
        for folder, dirs, files in os.walk(site):
            base = Path(folder).relative_to(site).as_posix()
            prefix = "" if base == "." else f"{base}/"
            self.folders.update(prefix + name for name in dirs)
            self.files.update(prefix + name for name in files)
            self.linked = self.linked or any(
                os.path.islink(os.path.join(folder, name)) for name in (*dirs, *files)
            )
        self.targets: dict[tuple[str, str], str | None] = {}

    def is_file(self, rel: str) -> bool:
        if self.linked or rel.startswith("../") or rel == "..":
            return (self.site / rel).is_file()
        return rel in self.files

    def is_dir(self, rel: str) -> bool:
        if self.linked or rel.startswith("../") or rel == "..":
            return (self.site / rel).is_dir()
        return rel in self.folders

    def target(self, rel: str, href: str) -> str | None:
        """The file (relative to the site) an internal link of page `rel` leads to; None for a
        link to another site. Worked out once per folder and link: pages share their links."""
        key = (posixpath.dirname(rel), href)
        if key not in self.targets:
            self.targets[key] = self._target(*key)
        return self.targets[key]

    def _target(self, folder: str, href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
        target = posixpath.normpath(joined)
        if self.is_dir(target) or path.endswith("/"):
            return "index.html" if target == "." else f"{target}/index.html"
        return target


def check_site(
    site: Path,
    *,
    left_out: Iterable[Left] = (),
    release: bool = False,
    pages: Mapping[str, SitePage] | None = None,
) -> list[Problem]:
    """Every problem of the built site at `site`; paths are relative to it. `pages` holds what
    the checks read of the pages already parsed (`site_page`), by path."""
    problems: list[Problem] = []
    pages = pages or {}
    by_language: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    tree = _Tree(site)
    for rel, path in _pages(site):
        lang = _language(rel)
        by_language[lang].add(_unprefixed(rel))
        page = pages.get(rel) or site_page(
            read_page(rel, path.read_text(encoding="utf-8", errors="replace"))
        )
        if page.lang != lang:
            problems.append(
                Problem.whole_file(
                    rel, f"the page says lang={page.lang!r}, but its folder is for {lang!r}"
                )
            )
        for line, col, href, switcher in page.links:
            target = tree.target(rel, href)
            if target is not None and not tree.is_file(target):
                what = "the language switcher leads" if switcher else "a link leads"
                problems.append(
                    Problem(rel, line, col, "", f"{what} to {href}, which is not in the site")
                )
        for line, col in page.notes if release else []:
            message = "an editor's note (a passage that waits for a confirmation) in a release"
            problems.append(Problem(rel, line, col, "", message, "a release leaves them out"))
    for lang in OTHER_LANGUAGES:
        for missing in sorted(by_language[DEFAULT_LANGUAGE] ^ by_language[lang]):
            has = DEFAULT_LANGUAGE if missing in by_language[DEFAULT_LANGUAGE] else lang
            problems.append(
                Problem.whole_file(
                    missing if has == DEFAULT_LANGUAGE else f"{lang}/{missing}",
                    "this page has no counterpart in the other language",
                )
            )
    for lang in LANGUAGES:
        home = "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"
        if not (site / home).is_file():
            problems.append(
                Problem.whole_file(
                    home, "the home page is missing: a site without it is not published"
                )
            )
    problems += _named(site, list(left_out), release)
    return sorted(problems)


class _Words:
    """A set of words, found in a text in one pass: a pattern of all of them as a trie of
    their characters. At a place of a text the pattern follows one character at a time,
    whatever the number of words, and matches the longest word that starts there (the shorter
    ones there are its prefixes); the regular expression engine skips, in C, the places where
    no word can start."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = set(words)
        self.lengths = sorted({len(word) for word in self.words})
        trie: dict[str, Any] = {}
        for word in self.words:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
        self.pattern = re.compile(self._branch(trie))

    @classmethod
    def _branch(cls, node: dict[str, Any]) -> str:
        parts = [re.escape(char) + cls._branch(nxt) for char, nxt in sorted(node.items()) if char]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    def first_places(self, text: str) -> dict[str, int]:
        """Where each word first occurs in `text` (those that occur)."""
        first: dict[str, int] = {}
        match = self.pattern.search(text) if self.words else None
        while match is not None:  # at every place a word starts, so overlapping words count
            found = match[0]
            for length in self.lengths:  # the word found and the words that are its prefixes
                if length <= len(found) and found[:length] in self.words:
                    first.setdefault(found[:length], match.start())
            match = self.pattern.search(text, match.start() + 1)
        return first


def _named(site: Path, left_out: list[Left], release: bool) -> list[Problem]:
    """Items left off the site that are named anyway, and placeholder addresses of a release.

    Each file is looked at once: its address against the addresses left off by its folders,
    its text against all their words at once, so the time grows with the site plus the
    items, not with their product.
    """
    by_address: dict[str, list[str]] = {}
    by_word: dict[str, list[str]] = {}
    for item in left_out:
        by_address.setdefault(item.address, []).append(item.source)
        for word in item.words:
            by_word.setdefault(word, []).append(item.source)
    words = _Words(by_word)
    problems = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        address = f"/{rel}/"
        folders = [address[: at + 1] for at, char in enumerate(address) if char == "/"]
        for folder in (f for f in folders if f in by_address):
            problems += [
                Problem.whole_file(rel, f"{source} is left off the site, but its page is here")
                for source in by_address[folder]
            ]
        if path.suffix not in TEXT_SUFFIXES or not (words.words or release) or not path.is_file():
            continue  # without words or a release, nothing to look for in the text
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = Text(rel, text)  # its line table made for a finding only
        for word, at in words.first_places(text).items():
            line = doc.where(at)[0]
            problems += [
                Problem(rel, line, 1, "", f"names {word!r} of {source}, which is left off the site")
                for source in by_word[word]
            ]
        if release:
            problems += address_problems(
                rel,
                text,
                "a placeholder address in a release",
                lambda _line: "write the real addresses in publisher.yml (lft check lists them)",
            )
    return problems
