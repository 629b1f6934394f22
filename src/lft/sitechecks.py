"""Checks on the built site as a whole: both languages, their links and what it says it is.

Run on the folder a build produced (and a release archives), with a real HTML parser: every
page carries the language of its folder, both languages have the same pages, the language
switcher and every internal link lead to a page that exists, nothing left off the site (a
draft, an embargoed item) is named anywhere, and a release names no placeholder address.
Nothing here knows the engine.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lft.model import DEFAULT_LANGUAGE, LANGUAGES, Content
from lft.problems import Problem

OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".jsonld", ".csv", ".atom"}
"""Files whose text is read for words of items left off the site and placeholder addresses."""
PLACEHOLDER = re.compile(r"\b(?:[a-z0-9-]+\.)*example\.(?:org|com|net)\b", re.IGNORECASE)


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


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.links: list[tuple[int, int, str, bool]] = []
        """(line, column, href, whether it is a language-switcher link)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html" and self.lang is None:
            self.lang = values.get("lang", "")
        if tag == "a" and "href" in values:
            line, col = self.getpos()
            self.links.append((line, col + 1, values["href"], "hreflang" in values))


def _pages(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path


def _language(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in OTHER_LANGUAGES and "/" in rel else DEFAULT_LANGUAGE


def _unprefixed(rel: str) -> str:
    lang = _language(rel)
    return rel if lang == DEFAULT_LANGUAGE else rel[len(lang) + 1 :]


def _target(site: Path, rel: str, href: str) -> Path | None:
    """The file an internal link of page `rel` leads to; None for a link to another site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = (
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(rel), path)
    )
    target = site / posixpath.normpath(joined)
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def check_site(
    site: Path, *, left_out: Iterable[Left] = (), release: bool = False
) -> list[Problem]:
    """Every problem of the built site at `site`; paths are relative to it."""
    problems: list[Problem] = []
    by_language: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for rel, path in _pages(site):
        lang = _language(rel)
        by_language[lang].add(_unprefixed(rel))
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        page.close()
        if page.lang != lang:
            problems.append(
                Problem.whole_file(
                    rel, f"the page says lang={page.lang!r}, but its folder is for {lang!r}"
                )
            )
        for line, col, href, switcher in page.links:
            target = _target(site, rel, href)
            if target is not None and not target.is_file():
                what = "the language switcher leads" if switcher else "a link leads"
                problems.append(
                    Problem(rel, line, col, "", f"{what} to {href}, which is not in the site")
                )
    for lang in OTHER_LANGUAGES:
        for missing in sorted(by_language[DEFAULT_LANGUAGE] ^ by_language[lang]):
            has = DEFAULT_LANGUAGE if missing in by_language[DEFAULT_LANGUAGE] else lang
            problems.append(
                Problem.whole_file(
                    missing if has == DEFAULT_LANGUAGE else f"{lang}/{missing}",
                    "this page has no counterpart in the other language",
                )
            )
    problems += _named(site, list(left_out), release)
    return sorted(problems)


def _named(site: Path, left_out: list[Left], release: bool) -> list[Problem]:
    """Items left off the site that are named anyway, and placeholder addresses of a release."""
    problems = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        for item in left_out:
            if f"/{rel}/".startswith(item.address) or f"/{rel}".startswith(item.address):
                problems.append(
                    Problem.whole_file(
                        rel, f"{item.source} is left off the site, but its page is here"
                    )
                )
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for item in left_out:
            for word in item.words:
                at = text.find(word)
                if at >= 0:
                    line = text.count("\n", 0, at) + 1
                    problems.append(
                        Problem(
                            rel,
                            line,
                            1,
                            "",
                            f"names {word!r} of {item.source}, which is left off the site",
                        )
                    )
        if release:
            for match in PLACEHOLDER.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                col = match.start() - text.rfind("\n", 0, match.start())
                problems.append(
                    Problem(
                        rel,
                        line,
                        col,
                        "",
                        f"a placeholder address in a release: {match.group()}",
                        "set the real addresses in publisher.yml, LFT_SITE_URL and LFT_REPO_URL",
                    )
                )
    return problems
