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

import bisect
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


Item = tuple[Any, Any, int]
"""An operation of a parsed pattern, its argument and the flags it is read under."""
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


def _items(ops: Any, flags: int) -> list[Item]:
    return [(op, value, flags) for op, value in ops]


def _starts(items: list[Item]) -> tuple[Pieces, bool] | None:
    """The characters a match of `items` can start with, and whether it can match nothing."""
    pieces: Pieces = set()
    for op, value, flags in items:
        ignore_case = bool(flags & re.IGNORECASE)
        found: tuple[Pieces, bool] | None
        if op in (c.LITERAL, c.IN):
            letters = _letter(value, ignore_case) if op is c.LITERAL else _in(value, ignore_case)
            found = None if letters is None else (letters, False)
        elif op in _ZERO_WIDTH:
            found = (set(), True)
        elif op is c.SUBPATTERN:
            _group, add, remove, inner = value
            found = _starts(_items(inner, (flags | add) & ~remove))
        elif op is c.BRANCH:
            found = _branches([_items(branch, flags) for branch in value[1]])
        elif op in _REPEATS and value[1] == 0:
            found = (set(), True)  # repeated no times: what `_options` leaves of a repeat
        elif op in _REPEATS:
            inner = _starts(_items(value[2], flags))
            found = None if inner is None else (inner[0], inner[1] or value[0] == 0)
        elif op is c.ATOMIC_GROUP:
            found = _starts(_items(value, flags))
        else:
            return None
        if found is None:
            return None
        pieces |= found[0]
        if not found[1]:
            return pieces, False
    return pieces, True


def _branches(branches: list[list[Item]]) -> tuple[Pieces, bool] | None:
    pieces: Pieces = set()
    empty = False
    for branch in branches:
        found = _starts(branch)
        if found is None:
            return None
        pieces |= found[0]
        empty = empty or found[1]
    return pieces, empty


def _options(op: Any, value: Any, flags: int, rest: list[Item]) -> list[list[Item]] | None:
    """What may come from a group, alternatives or a repeat on: each way, as items."""
    if op is c.SUBPATTERN:
        _group, add, remove, inner = value
        return [_items(inner, (flags | add) & ~remove) + rest]
    if op is c.BRANCH:
        return [_items(branch, flags) + rest for branch in value[1]]
    if op is c.ATOMIC_GROUP:
        return [_items(value, flags) + rest]
    if op in _REPEATS:
        low, high, inner = value
        options = [rest] if low == 0 else []
        if high != 0:
            fewer = high if high == c.MAXREPEAT else high - 1
            again: Item = (op, (max(low - 1, 0), fewer, inner), flags)
            options.append([*_items(inner, flags), again, *rest])
        return options
    return None


def _at(items: list[Item], offset: int, depth: int = 0) -> Pieces | None:
    """The characters that can stand at `offset` of a match of `items`; None where that
    cannot be told or a match may end before it."""
    for index, (op, value, flags) in enumerate(items):
        rest = items[index + 1 :]
        if op in _ZERO_WIDTH:
            continue
        if op in (c.LITERAL, c.IN) and offset == 0:
            ignore_case = bool(flags & re.IGNORECASE)
            return _letter(value, ignore_case) if op is c.LITERAL else _in(value, ignore_case)
        if op in (c.LITERAL, c.IN):
            return _at(rest, offset - 1, depth)
        options = _options(op, value, flags, rest) if depth < 12 else None
        if options is None:
            return None
        pieces: Pieces = set()
        for option in options:
            found = _at(option, offset, depth + 1)
            if found is None:
                return None
            pieces |= found
        return pieces
    return None


def _class(pieces: Pieces) -> str:
    return "[" + "".join(sorted(pieces, key=lambda piece: (len(piece), piece))) + "]"


def _parsed(pattern: re.Pattern[str]) -> Any:
    if not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return parsed if parsed.getwidth()[0] > 0 else None


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """A character class (`[…]`) of every character a match of `pattern` can start with, or
    None where that cannot be told or a match may be empty."""
    parsed = _parsed(pattern)
    found = None if parsed is None else _starts(_items(parsed, pattern.flags))
    if found is None or found[1] or not found[0]:
        return None
    return _class(found[0])


def characters_at(pattern: re.Pattern[str], offset: int) -> str | None:
    """A character class of every character that can stand at `offset` of a match of
    `pattern`, or None where that cannot be told or a match may end before it."""
    parsed = _parsed(pattern)
    found = None if parsed is None else _at(_items(parsed, pattern.flags), offset)
    return _class(found) if found else None


_COMMON = "aeinorstAEINORST"
"""Letters most text is made of: a class without them stops the search seldom."""


class Quick:
    """A pattern searched from its first characters (see the module); `finditer` and
    `search` give what the pattern's own do.

    The search stops at the first of the pattern's first three characters whose class holds
    no common letter (the digits of an IBAN after its two letters), else at the first; it tests
    the characters after that one, and then runs the pattern from where its match would start
    (`offset` characters before)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.offset = 0
        self.starts: re.Pattern[str] | None = None
        classes = []
        for offset in range(3):
            found = first_characters(pattern) if offset == 0 else characters_at(pattern, offset)
            if found is None:
                break
            classes.append(f"(?-i:{found})")
        if not classes:
            return
        rare = [i for i, c in enumerate(classes) if not re.search(c, _COMMON)]
        self.offset = rare[0] if rare else 0
        ahead = "".join(classes[self.offset + 1 :])
        behind = "".join(classes[: self.offset + 1])
        body = _GLOBAL_FLAGS.sub("", pattern.pattern)
        end = "\n" if pattern.flags & re.VERBOSE else ""  # after a comment of the pattern's
        self.starts = re.compile(
            classes[self.offset]
            + (f"(?={ahead})" if ahead else "")
            + f"(?<=(?=(?:{body}{end})){behind})",
            pattern.flags,
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            yield from self.pattern.finditer(text)
            return
        end = 0
        for hit in self.starts.finditer(text):
            start = hit.start() - self.offset
            if start < end:
                continue  # inside the match before: `finditer` never overlaps
            match = self.pattern.match(text, start)
            if match is None:  # pragma: no cover - the look-ahead ran the same pattern
                raise AssertionError(f"{self.pattern.pattern!r} at {start}")
            end = match.end()
            yield match

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


Search = re.Pattern[str] | Quick
"""A pattern, searched by itself or from its first characters."""


class Spans:
    """Non-overlapping spans in ascending order (as `finditer` gives them), asked whether one
    overlaps a range in logarithmic time: a file's candidates times its web addresses once
    made the personal-data rules grow with the product of the two."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.ends = [end for _, end in spans]

    @classmethod
    def of(cls, pattern: Search, text: str) -> Spans:
        return cls([m.span() for m in pattern.finditer(text)])

    def add(self, start: int, end: int) -> None:
        """One more span, after every span so far."""
        self.spans.append((start, end))
        self.ends.append(end)

    def overlap(self, start: int, end: int) -> bool:
        """Whether a span overlaps text[start:end]: the first span that ends after `start`
        is the only one that can (the spans are apart and sorted)."""
        index = bisect.bisect_right(self.ends, start)
        return index < len(self.spans) and self.spans[index][0] < end


def outside(search: Search, text: str, *taken: Spans) -> Iterator[re.Match[str]]:
    """Each match of `search` in `text` that overlaps none of the spans `taken`."""
    for match in search.finditer(text):
        start, end = match.span()
        if not any(spans.overlap(start, end) for spans in taken):
            yield match
