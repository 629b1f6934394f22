"""A built page as it ships: read once, parsed once, and the parse moved past the policy.

The page is parsed by `lft.check.guard.html.parse`: the standard library's tokenizer, which gives
every tag, attribute and piece of text its place in the file, so every finding keeps its line
and column. The HTML5 tree builders give no places in the file; the output scan reads the same
text a second time with one (`lft.finish.browser`, Lexbor) to see what a browser builds.
The Content-Security-Policy is inserted after the
`<head>` tag (`lft.finish.policy`); `with_insert` moves the parse past it, so the output scan, the
site checks and the output guard read the page as written without parsing it again.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, replace
from functools import cached_property

from lft.check.guard.html import Script, Tag, parse
from lft.problems import line_starts


@dataclass(frozen=True)
class Page:
    """One built page: its text, its start tags, its closed scripts and the text readers see
    (at the same offsets, the rest blanked)."""

    rel: str
    text: str
    tags: tuple[Tag, ...]
    scripts: tuple[Script, ...]
    readable: str

    @cached_property
    def starts(self) -> list[int]:
        """Where each line of the text starts (`lft.problems.line_starts`): made once for all
        the checks that place a finding."""
        return line_starts(self.text)


def read_page(rel: str, text: str) -> Page:
    """The page `rel` with the text `text`, parsed."""
    parsed = parse(text, visible=True)
    return Page(rel, text, tuple(parsed.tags), tuple(parsed.scripts), parsed.readable())


def _moved(tag: Tag, by: int) -> Tag:
    return Tag(
        tag.name,
        tag.offset + by,
        [(name, value, n + by, v + by) for name, value, n, v in tag.attributes],
        tag.end + by,
    )


def with_insert(page: Page, at: int, markup: str) -> Page:
    """`page` with `markup` (tags, which readers do not see) inserted at offset `at`, which is
    not inside a tag: the parse of the page as it is then, without parsing it again."""
    by = len(markup)
    tags = [tag if tag.offset < at else _moved(tag, by) for tag in page.tags]
    before = sum(1 for tag in page.tags if tag.offset < at)
    moved = dict(zip(map(id, page.tags), tags, strict=True))
    inserted = [_moved(tag, at) for tag in parse(markup).tags]
    blank = "\n".join(" " * len(line) for line in markup.split("\n"))
    return replace(
        page,
        text=page.text[:at] + markup + page.text[at:],
        tags=(*tags[:before], *inserted, *tags[before:]),
        scripts=tuple(replace(s, tag=moved.get(id(s.tag), s.tag)) for s in page.scripts),
        readable=page.readable[:at] + blank + page.readable[at:],
    )


Row = tuple[str | int | bool, ...]


def pack_text(text: str) -> bytes:
    """What the checks read of a page as compact bytes: a site's pages wait in memory between
    the pass over them and the checks, and the same navigation is on every page."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_text(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


def pack_rows(rows: list[Row]) -> bytes:
    """Rows of strings, numbers and truth values (`pack_text`; 600 MB at 3,000 items as Python
    tuples)."""
    return pack_text(json.dumps(rows, separators=(",", ":")))


def unpack_rows(packed: bytes) -> list[Row]:
    return [tuple(row) for row in json.loads(unpack_text(packed))]
