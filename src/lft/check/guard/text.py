"""The text of one file as the guard reads it: positions, and a normalised form for matching.

Normalising undoes what hides a number or a marking from a pattern but not from a reader, in
one place before every rule of both guards: character references (`&nbsp;`, `&#49;`), HTML
comments (`Ge<!-- -->heim`), every format character (Unicode category Cf: zero-width
characters, soft hyphens, direction marks, isolates, tags) and the other invisible ones
(dropped), Unicode spaces (a plain space), every dash form (a hyphen), compatibility forms
(NFKC: full-width letters and digits, superscripts, ligatures), digits of other scripts, and
letters that look like Latin ones (Cyrillic, Greek…: their skeleton from Unicode's
confusables data). Each normalised offset maps back to the original one, so findings are
reported at the place the contributor wrote them.
"""

from __future__ import annotations

import bisect
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from lft.problems import Severity, line_col, line_starts

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_IGNORABLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)
"""Invisible characters that are not format characters (Cf): the combining grapheme joiner,
Hangul fillers, Khmer inherent vowels and the variation selectors."""
_SPECIAL = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?|<!--|[^\x00-\x7f]"
)
DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Direction overrides and isolates: they show text in another order than it is stored."""


@cache
def _skeleton() -> dict[str, str]:
    """Each letter or digit that looks like an ASCII one, mapped to it: Unicode's confusables
    data (UTS #39), as the confusable-homoglyphs package ships it."""
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    table: dict[str, str] = {}
    for key in sorted(data):
        if len(key) == 1 and key.isascii() and key.isalnum():
            for entry in data[key]:
                glyph = entry["c"]
                if len(glyph) == 1 and not glyph.isascii():
                    table.setdefault(glyph, key)
    return table


@cache
def fold(char: str) -> str:
    """One character as the rules read it: spaces a space, dashes a hyphen, format and other
    invisible characters nothing, compatibility forms folded (NFKC: full-width, superscript,
    ligatures), digits of every script ASCII, and look-alike letters their ASCII skeleton."""
    if char in _SPACES:
        return " "
    if char in _DASHES:
        return "-"
    if unicodedata.category(char) == "Cf" or char in _IGNORABLE:
        return ""
    out: list[str] = []
    for part in unicodedata.normalize("NFKC", char):
        digit = unicodedata.decimal(part, None)
        out.append(str(digit) if digit is not None else _skeleton().get(part, part))
    return "".join(out)


def comments(text: str) -> list[tuple[int, int]]:
    """HTML comments as (start, end); an unclosed one runs to the end (linear time)."""
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start != -1:
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        spans.append((start, end))
        start = text.find("<!--", end)
    return spans


@dataclass(frozen=True)
class Normal:
    """Normalised text and the way back to the original offsets."""

    text: str
    anchors: list[int]
    """Normalised offsets where a piece starts, ascending."""
    origins: list[tuple[int, bool]]
    """Per piece: its original offset and whether it is copied (offsets inside it shift)."""

    def origin(self, offset: int) -> int:
        if not self.anchors:
            return offset
        index = bisect.bisect_right(self.anchors, offset) - 1
        if index < 0:
            return offset
        start, copied = self.origins[index]
        return start + (offset - self.anchors[index]) if copied else start


def normalise(text: str, *, drop_comments: bool = True) -> Normal:
    """`text` with references decoded and invisible characters undone (see the module)."""
    if text.isascii() and "&" not in text and "<!--" not in text:
        return Normal(text, [], [])  # most files: nothing to undo
    pieces: list[str] = []
    anchors: list[int] = []
    origins: list[tuple[int, bool]] = []
    size = 0
    done = 0

    def add(piece: str, origin: int, copied: bool) -> None:
        nonlocal size
        if not piece:
            return
        pieces.append(piece)
        anchors.append(size)
        origins.append((origin, copied))
        size += len(piece)

    for match in _SPECIAL.finditer(text):
        start, end = match.span()
        if start < done:
            continue  # inside a comment already taken
        token = match[0]
        folded = "" if token == "<!--" or token.startswith("&") else fold(token)
        if folded == token:
            continue  # a character that reads as itself stays in the copied run
        add(text[done:start], done, True)
        if token == "<!--":
            if drop_comments:
                close = text.find("-->", end)
                end = len(text) if close == -1 else close + 3
            else:
                add(token, start, True)
        elif token.startswith("&"):
            decoded = html.unescape(token)
            add("".join(c if c.isascii() else fold(c) for c in decoded), start, False)
        else:
            add(folded, start, len(folded) == 1)
        done = end
    add(text[done:], done, True)
    return Normal("".join(pieces), anchors, origins)


class Text:
    """The text of one file with offsets turned into 1-based (line, column); its lines and
    the table of where they start are made the first time a finding needs them (most files
    have none)."""

    def __init__(self, rel: str, text: str) -> None:
        self.rel = rel
        self.text = text
        self.is_yaml = rel.endswith(".yml")
        self.is_markdown = rel.endswith(".md")

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def starts(self) -> list[int]:
        return line_starts(self.text)

    def where(self, offset: int) -> tuple[int, int]:
        return line_col(self.starts, offset)

    def excuse_hint(self, rule: str) -> str:
        if self.is_markdown or self.rel.endswith(".svg"):
            return f"'<!-- lft-allow {rule}: <reason> -->'"
        return f"'# lft-allow {rule}: <reason>'"


UNEXCUSABLE = frozenset({"raw-html", "placeholder", "direction"})
"""Rules whose findings no `lft-allow` can excuse: a script, a placeholder or a direction
override is never meant."""


@dataclass
class Finding:
    rule: str
    line: int
    col: int
    message: str
    hint: str
    severity: Severity = Severity.ERROR


def finding(
    doc: Text, offset: int, rule: str, message: str, todo: str, severity: Severity = Severity.ERROR
) -> Finding:
    """A finding at `offset` of the original text; the hint offers an excuse where one may be."""
    line, col = doc.where(offset)
    hint = todo
    if rule not in UNEXCUSABLE:
        hint += f"; if this is a false alarm, put {doc.excuse_hint(rule)} on this line or the"
        hint += " line above"
    return Finding(rule, line, col, message, hint, severity)
