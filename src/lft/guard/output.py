"""The guard over a built site: what readers and search engines actually get.

The personal-data and marking rules run over the text of every HTML page (scripts and styles
left out), SVG image, sitemap, feed, text and CSV file, every string of the open data (JSON,
JSON-LD) and of the search indexes (MkDocs' JSON index and Pagefind's compressed fragments), the
metadata of every image, and every file and folder name. Only errors count: warnings are for
contributors, at `lft check`. A finding that an `lft-allow` excused in the sources is excused
here too (same rule, same masked value).
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from lft.guard.config import Settings, settings
from lft.guard.html import visible_text
from lft.guard.scan import IMAGE_SUFFIXES, facts, image
from lft.guard.text import Finding, Text
from lft.problems import Problem, Severity

MARKUP_SUFFIXES = {".html", ".htm", ".svg", ".xml", ".rss", ".atom"}
PLAIN_SUFFIXES = {".txt", ".webmanifest", ".csv"}
JSON_SUFFIXES = {".json", ".jsonld"}
PAGEFIND_SUFFIXES = {".pf_fragment"}
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_PAGEFIND_MAGIC = b"pagefind_dcd"
PAGEFIND_HASHED = re.compile(r"^pagefind/(?:pagefind-entry\.json$|[^/]*[0-9a-f]{10}\.pf_)")
"""Names Pagefind makes of a hash of the index (`pagefind.en_708851344c.pf_meta`) and the
list of them: no text from content, and a hash may hold nine digits that pass the BSN test.
The fragments with the pages' text are scanned like every other file."""


def _errors(found: Iterable[Finding]) -> Iterator[Finding]:
    return (f for f in found if f.severity is Severity.ERROR)


def _json_strings(rel: str, text: str, config: Settings) -> Iterator[tuple[int, int, Finding]]:
    """Findings in the string values of a JSON text, at the place each string starts."""
    doc = Text(rel, text)
    for match in _JSON_STRING.finditer(text):
        value = json.loads(match[0])
        if not isinstance(value, str) or len(value) < 4:
            continue
        if "<" in value or "&" in value:
            value = visible_text(value)
        line, col = doc.where(match.start())
        for item in _errors(facts(Text(rel, value), value, config)):
            yield line, col, item


def _file(path: Path, rel: str, config: Settings) -> Iterator[tuple[int, int, Finding]]:
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        for item in image(rel, path.read_bytes(), config):
            yield item.line, item.col, item
        return
    if suffix in PAGEFIND_SUFFIXES:
        raw = path.read_bytes()
        if raw.startswith(b"\x1f\x8b"):  # gzip, as Pagefind writes it
            raw = gzip.decompress(raw)
        raw = raw.removeprefix(_PAGEFIND_MAGIC)
        yield from _json_strings(rel, raw.decode("utf-8", "replace"), config)
        return
    if suffix not in MARKUP_SUFFIXES | PLAIN_SUFFIXES | JSON_SUFFIXES:
        return  # the theme's scripts, styles and fonts: not written from content
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix in JSON_SUFFIXES:
        yield from _json_strings(rel, text, config)
        return
    readable = visible_text(text) if suffix in MARKUP_SUFFIXES else text
    for item in _errors(facts(Text(rel, text), readable, config)):
        yield item.line, item.col, item


def _name(rel: str, name: str, config: Settings) -> Iterator[Finding]:
    readable = unquote(name)
    yield from _errors(facts(Text(rel, readable), readable, config))


def scan_output(
    site: Path, root: Path, *, excused: Iterable[tuple[Problem, str]] = ()
) -> list[str]:
    """One message per finding in the built site `site`, as `<path>:<line>:<col>: <message>
    [<rule>]` with the path relative to `site`. `root` is the project folder (its guard.yml
    lists the allowed mailboxes); `excused` are the excused findings of the check."""
    config, _ = settings(root)
    allowed = {(problem.rule, problem.message) for problem, _reason in excused}
    messages: list[str] = []

    def report(rel: str, line: int, col: int, item: Finding, suffix: str = "") -> None:
        if (item.rule, item.message) not in allowed:
            messages.append(f"{rel}:{line}:{col}: {item.message}{suffix} [{item.rule}]")

    for folder, dirs, files in os.walk(site):
        dirs.sort()
        base = Path(folder)
        for name in [*dirs, *sorted(files)]:
            path = base / name
            rel = path.relative_to(site).as_posix()
            if PAGEFIND_HASHED.match(rel):
                continue
            for item in _name(rel, name, config):
                report(rel, 1, 1, item, " in a file or folder name")
            if name in files and path.is_file():
                for line, col, item in sorted(
                    _file(path, rel, config), key=lambda found: (found[0], found[1])
                ):
                    report(rel, line, col, item)
    return messages
