"""Searching with a regular expression as fast as its first characters allow.

Python's engine passes over text quickly, in C, for a pattern that starts with one character
class: it tries a match only where such a character is. A pattern that starts with an assertion
(`\\b`, a look-behind) or with alternatives is tried at every position instead, several times
slower over the megabytes a check reads. `Quick` reads, from the parsed pattern, every
character a match can start with, and searches for those; at each, a look-ahead runs the
pattern itself, in the same engine and with the same flags. What it finds is what
`pattern.finditer` finds, as the pattern's own match objects; where the first characters cannot
be told (a pattern that may start with any character, or match nothing), it is
`pattern.finditer` itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
"""The letters that also match an ASCII letter where case is ignored (tests/test_linear.py
checks this against every character)."""
_GLOBAL_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")

Pieces = set[str]
"""Parts of one character class, in the syntax of a pattern (`a`, `0-9`, `\\w`)."""


def _letter(code: int, ignore_case: bool) -> Pieces | None:
    char = chr(code)
    if not ignore_case or char.lower() == char.upper():
        return {re.escape(char)}
    if not char.isascii():
        return None  # a fold we do not list: no quick start
    low = char.lower()
    return {low, low.upper(), *_FOLDS.get(low, "")}


def _in(items: list[tuple[Any, Any]], ignore_case: bool) -> Pieces | None:
    pieces: Pieces = set()
    for op, value in items:
        if op is c.LITERAL:
            found = _letter(value, ignore_case)
        elif op is c.RANGE and not ignore_case:
            found = {f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"}
        elif op is c.RANGE and value[1] < 128:
            found = set()
            for code in range(value[0], value[1] + 1):
                found |= _letter(code, ignore_case) or set()
        elif op is c.CATEGORY and value in _CATEGORIES:
            found = {_CATEGORIES[value]}
        else:
            return None  # a negated class, a wide range without case: no quick start
        if found is None:
            return None
        pieces |= found
    return pieces


def _starts(ops: Any, flags: int) -> tuple[Pieces, bool] | None:
    """The characters a match of `ops` can start with, and whether it can match nothing."""
    pieces: Pieces = set()
    for op, value in ops:
        ignore_case = bool(flags & re.IGNORECASE)
        found: tuple[Pieces, bool] | None
        if op is c.LITERAL:
            letters = _letter(value, ignore_case)
            found = None if letters is None else (letters, False)
        elif op is c.IN:
            letters = _in(value, ignore_case)
            found = None if letters is None else (letters, False)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            found = (set(), True)
        elif op is c.SUBPATTERN:
            _group, add, remove, inner = value
            found = _starts(inner.data, (flags | add) & ~remove)
        elif op is c.BRANCH:
            found = _branches(value[1], flags)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            inner = _starts(value[2], flags)
            found = None if inner is None else (inner[0], inner[1] or value[0] == 0)
        elif op is c.ATOMIC_GROUP:
            found = _starts(value, flags)
        else:
            return None
        if found is None:
            return None
        pieces |= found[0]
        if not found[1]:
            return pieces, False
    return pieces, True


def _branches(branches: list[Any], flags: int) -> tuple[Pieces, bool] | None:
    pieces: Pieces = set()
    empty = False
    for branch in branches:
        found = _starts(branch, flags)
        if found is None:
            return None
        pieces |= found[0]
        empty = empty or found[1]
    return pieces, empty


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """A character class (`[…]`) of every character a match of `pattern` can start with, or
    None where that cannot be told or a match may be empty."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    found = _starts(parsed.data, pattern.flags)
    if found is None or found[1] or not found[0] or parsed.getwidth()[0] == 0:
        return None
    pieces = sorted(found[0], key=lambda piece: (len(piece), piece))
    return "[" + "".join(pieces) + "]"


class Quick:
    """A pattern searched from its first characters (see the module); `finditer` and
    `search` give what the pattern's own do."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        starts = first_characters(pattern)
        self.starts: re.Pattern[str] | None = None
        if starts is not None:
            body = _GLOBAL_FLAGS.sub("", pattern.pattern)
            first = f"(?-i:{starts})"
            end = "\n" if pattern.flags & re.VERBOSE else ""  # after a comment of the pattern's
            self.starts = re.compile(f"{first}(?<=(?=(?:{body}{end})){first})", pattern.flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            yield from self.pattern.finditer(text)
            return
        end = 0
        for hit in self.starts.finditer(text):
            start = hit.start()
            if start < end:
                continue  # inside the match before: `finditer` never overlaps
            match = self.pattern.match(text, start)
            if match is None:  # pragma: no cover - the look-ahead ran the same pattern
                raise AssertionError(f"{self.pattern.pattern!r} at {start}")
            end = match.end()
            yield match

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)
