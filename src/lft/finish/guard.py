"""The guard over a built site: what readers and search engines actually get.

The personal-data and marking rules run over the text of every HTML page (scripts and styles
left out) with the attributes readers get (tooltips, labels, the meta description, Open Graph,
addresses) and its JSON-LD; every text and CSV file; every SVG picture, sitemap and feed read as
XML (text, comments and attribute values); every string of the open data (JSON, JSON-LD) and of
the search indexes (MkDocs' JSON index and Pagefind's compressed fragments); the metadata of
every image; and every file and folder name. Only errors count: warnings are for contributors,
at `lft check`. A finding that an `lft-allow` excused in the sources is excused here only in the
pages built from that file, as often as it was excused there (`lft.check.guard.places`).
"""

from __future__ import annotations

import bisect
import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast
from urllib.parse import unquote

from lft.check.guard.config import Settings, settings
from lft.check.guard.html import visible_text
from lft.check.guard.personal import URL
from lft.check.guard.places import allowances, fragment_page
from lft.check.guard.scan import IDENTIFIERS, IMAGE_SUFFIXES, address_parts, facts, image, xml_facts
from lft.check.guard.text import Finding, Text
from lft.finish.search import BUNDLE
from lft.finish.shipped import (
    Page,
    Row,
    pack_rows,
    pack_text,
    read_page,
    unpack_rows,
    unpack_text,
)
from lft.problems import Problem, Severity
from lft.source.model import LANGUAGES, language_root
from lft.source.xmldoc import Broken, parse
from lft.workers import in_chunks

MARKUP_SUFFIXES = {".html", ".htm"}
XML_SUFFIXES = {".svg", ".xml", ".rss", ".atom"}
"""Read with the XML parser of `lft.source.xmldoc`: text, CDATA, comments and attribute values."""
PLAIN_SUFFIXES = {".txt", ".webmanifest", ".csv"}
JSON_SUFFIXES = {".json", ".jsonld"}
PAGEFIND_SUFFIXES = {".pf_fragment"}
_JSON_STRING = re.compile(r'(?<!\\)"(?:[^"\\]|\\.)*+"')  # never after a backslash
_PLAIN_STRING = re.compile(r'"[^"\\\x00-\x1f]*"')
_PAGEFIND_MAGIC = b"pagefind_dcd"
PAGEFIND_HASHED = re.compile(
    rf"^(?:{'|'.join(re.escape(language_root(lang)) for lang in LANGUAGES)}){BUNDLE}/"
    r"(?:pagefind-entry\.json$|[^/]*[0-9a-f]{10}\.pf_)"
)
"""Names Pagefind makes of a hash of a language's index (`pagefind.en_708851344c.pf_meta`) and
the list of them: no text from content, and a hash may hold nine digits that pass the BSN test.
The fragments with the pages' text are scanned like every other file."""


def _errors(found: Iterable[Finding]) -> Iterator[Finding]:
    return (f for f in found if f.severity is Severity.ERROR)


def _json_strings(
    rel: str, text: str, config: Settings, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, Finding]]:
    """Findings in the string values of a JSON text (or of `text[start:end]`), at the place
    each string starts. The strings are read in one pass of the rules (`_at_once`)."""
    doc = Text(rel, text)
    values: list[tuple[str, int]] = []  # each string's value and where it starts
    for match in _JSON_STRING.finditer(text, start, len(text) if end is None else end):
        # A string without escapes or control characters is its own value.
        value = match[0][1:-1] if _PLAIN_STRING.fullmatch(match[0]) else json.loads(match[0])
        if not isinstance(value, str) or len(value) < 4:
            continue
        if "<" in value or "&" in value:
            value = visible_text(value)
        values.append((value, match.start()))
    for index, item in _at_once(rel, [value for value, _ in values], config):
        line, col = doc.where(values[index][1])
        yield line, col, item


def _at_once(rel: str, texts: list[str], config: Settings) -> Iterator[tuple[int, Finding]]:
    """(index of the text, finding) for the error findings in each of `texts`, as `facts`
    finds them in each alone: the texts are read in one call, apart by a line no rule reads
    across; a text with an HTML comment is read alone (its comment could reach the next)."""
    alone = [index for index, text in enumerate(texts) if "<!--" in text]
    for index in alone:
        for item in _errors(facts(Text(rel, texts[index]), texts[index], config)):
            yield index, item
    together = [index for index, text in enumerate(texts) if "<!--" not in text]
    if not together:
        return
    joined = _APART.join(texts[index] for index in together)
    first_lines, line = [], 1  # the line of the joined text where each text starts
    for index in together:
        first_lines.append(line)
        line += texts[index].count("\n") + 2
    for item in _errors(facts(Text(rel, joined), joined, config)):
        yield together[bisect.bisect_right(first_lines, item.line) - 1], item


def _pagefind_text(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\x1f\x8b"):  # gzip, as Pagefind writes it
        raw = gzip.decompress(raw)
    return raw.removeprefix(_PAGEFIND_MAGIC).decode("utf-8", "replace")


def _file(
    path: Path, rel: str, config: Settings, page: GuardPage | None = None
) -> Iterator[tuple[int, int, Finding]]:
    if page is not None:
        yield from _page(rel, page, config)
        return
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        for item in image(rel, path.read_bytes(), config):
            yield item.line, item.col, item
        return
    if suffix in PAGEFIND_SUFFIXES:
        yield from _json_strings(rel, _pagefind_text(path), config)
        return
    if suffix in XML_SUFFIXES:
        document = parse(path.read_bytes())
        if not isinstance(document, Broken):  # else the output scan refuses the file
            for item in _errors(xml_facts(rel, document, config)):
                yield item.line, item.col, item
        return
    if suffix not in MARKUP_SUFFIXES | PLAIN_SUFFIXES | JSON_SUFFIXES:
        return  # the theme's scripts, styles and fonts: not written from content
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix in JSON_SUFFIXES:
        yield from _json_strings(rel, text, config)
        return
    if suffix in PLAIN_SUFFIXES:
        for item in _errors(facts(Text(rel, text), text, config)):
            yield item.line, item.col, item
        return
    yield from _page(rel, guard_page(read_page(rel, text)), config)


READ_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "aria-description", "aria-roledescription", "placeholder",
     "content", "href", "src", "value", "label", "download", "cite"}
)  # fmt: skip
"""Attributes whose values readers see, hear or follow: tooltips, labels, the meta description
and Open Graph (`content`), and addresses."""
ADDRESS_ATTRIBUTES = frozenset({"href", "src", "cite"})
_APART = "\n|\n"
"""Between two attribute values: a line end and a bar, which no rule reads across."""


@dataclass(frozen=True)
class GuardPage:
    """What the guard reads of a page: its text, the text readers see (at the same offsets),
    the attributes readers get as (value, name, tag, offset of the value), and the (start, end)
    of each JSON-LD block. The two texts are kept compressed (the readable text is mostly
    blanks): a site's pages wait in memory between the pass over them and the guard."""

    packed_text: bytes
    packed_readable: bytes
    packed_attributes: bytes
    json_ld: list[tuple[int, int]]

    @property
    def text(self) -> str:
        return unpack_text(self.packed_text)

    @property
    def readable(self) -> str:
        return unpack_text(self.packed_readable)

    @property
    def attributes(self) -> list[tuple[str, str, str, int]]:
        return cast(list[tuple[str, str, str, int]], unpack_rows(self.packed_attributes))


def guard_page(page: Page) -> GuardPage:
    """What the guard reads of one parsed page."""
    text = page.text
    attributes: list[Row] = []
    json_ld: list[tuple[int, int]] = []
    for tag in page.tags:
        if tag.name == "meta" and any(name == "http-equiv" for name, *_ in tag.attributes):
            continue  # the page's policy: hashes, not text
        if tag.name == "script" and ("type", "application/ld+json") in {
            (name, value) for name, value, *_ in tag.attributes
        }:
            body = text.find(">", tag.offset) + 1
            json_ld.append((body, text.find("</script", body)))
        for name, value, _name_at, value_at in tag.attributes:
            if name in READ_ATTRIBUTES and len(value) >= 4:
                attributes.append((value, name, tag.name, value_at))
    return GuardPage(pack_text(text), pack_text(page.readable), pack_rows(attributes), json_ld)


def _page(rel: str, page: GuardPage, config: Settings) -> Iterator[tuple[int, int, Finding]]:
    """An HTML page: its visible text, its JSON-LD, and the attributes readers get."""
    text = page.text
    doc = Text(rel, text)
    for item in _errors(facts(doc, page.readable, config)):
        yield item.line, item.col, item
    for start, end in page.json_ld:
        yield from _json_strings(rel, text, config, start, end)
    attributes = page.attributes
    # A relative address is read decoded, like an absolute one (`facts` finds those itself).
    texts = [(value, index, False, False) for index, (value, *_) in enumerate(attributes)]
    texts += [
        (part, index, True, is_path)
        for index, (value, name, *_) in enumerate(attributes)
        if name in ADDRESS_ATTRIBUTES and not URL.match(value)
        for part, is_path in _address_parts(value)
        if len(part.strip()) >= 4
    ]
    # One pass over all of them, one per line, apart by a line no rule reads across; each
    # finding is reported at the start of its attribute value.
    joined = _APART.join(" ".join(text.split("\n")) for text, *_ in texts)
    for item in _errors(facts(Text(rel, joined), joined, config)):
        _text, index, decoded, is_path = texts[(item.line - 1) // 2]
        if is_path and item.rule in IDENTIFIERS:
            continue  # numbers in a path name documents
        _value, name, tag_name, value_at = attributes[index]
        item.message += " in a link address" if decoded else ""
        item.message += f" in the attribute '{name}' of <{tag_name}>"
        yield (*doc.where(value_at), item)


_address_parts = lru_cache(maxsize=65536)(address_parts)
"""`address_parts`, worked out once per address: a site links to the same places from every
page."""


def _name(rel: str, name: str, config: Settings) -> Iterator[Finding]:
    readable = unquote(name)
    yield from _errors(facts(Text(rel, readable), readable, config))


Found = list[tuple[int, int, Finding]]


def _scan_files(
    jobs: list[tuple[str, str, GuardPage | None]], config: Settings
) -> list[tuple[str, Found]]:
    """(the page a file is excused by, its findings in order) for each (path, rel, page)."""
    done: list[tuple[str, Found]] = []
    for path, rel, page in jobs:
        excused_by = ""
        if Path(path).suffix.lower() in PAGEFIND_SUFFIXES:
            excused_by = fragment_page(_pagefind_text(Path(path)))
        found = sorted(_file(Path(path), rel, config, page), key=lambda f: (f[0], f[1]))
        done.append((excused_by, found))
    return done


def scan_output(
    site: Path,
    root: Path,
    *,
    excused: Iterable[tuple[Problem, str]] = (),
    sources: Mapping[str, str | None] | None = None,
    pages: Mapping[str, GuardPage] | None = None,
) -> list[str]:
    """One message per finding in the built site `site`, as `<path>:<line>:<col>: <message>
    [<rule>]` with the path relative to `site`. `root` is the project folder (its guard.yml
    lists the allowed mailboxes); `excused` are the excused findings of the check, which hold
    only in the pages built from their own file (`lft.check.guard.places`), found through `sources`
    (each page of the staged source and the file it is made from). `pages` holds the pages
    already read (`guard_page`), by path. The files are read by worker processes
    (`lft.workers`); the messages come in the order of the files."""
    config, _ = settings(root)
    allowed = allowances(excused, sources or {})
    spent: Counter[tuple[str, str, str]] = Counter()
    messages: list[str] = []
    pages = pages or {}

    def report(
        rel: str, line: int, col: int, item: Finding, suffix: str = "", page: str = ""
    ) -> None:
        spent[(rel, item.rule, item.message)] += 1  # each file has the budget of its page
        if spent[(rel, item.rule, item.message)] > allowed[(page or rel, item.rule, item.message)]:
            messages.append(f"{rel}:{line}:{col}: {item.message}{suffix} [{item.rule}]")

    entries: list[tuple[str, str, bool]] = []  # (rel, name, whether it is a file), in order
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        base = Path(folder)
        for name in [*dirs, *sorted(files)]:
            path = base / name
            rel = path.relative_to(site).as_posix()
            if not PAGEFIND_HASHED.match(rel):
                entries.append((rel, name, name in files and path.is_file()))
    jobs = [(str(site / rel), rel, pages.get(rel)) for rel, _name, is_file in entries if is_file]
    results = in_chunks(_scan_files, jobs, config)
    scanned = dict(zip([rel for _path, rel, _page in jobs], results, strict=True))
    for rel, name, is_file in entries:
        for item in _name(rel, name, config):
            report(rel, 1, 1, item, " in a file or folder name")
        if is_file:
            page, found = scanned[rel]
            for line, col, item in found:
                report(rel, line, col, item, page=page)
    return messages
