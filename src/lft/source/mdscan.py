"""Markdown, read and written the one way: a scanner for fenced code blocks, ATX headings and inline
code spans, and `as_text`, which writes any value into Markdown as plain text.

`load` splits prose at its headings and the guard skips code with it, so both agree on what is
code. Fences follow the rule CommonMark and Python-Markdown (`pymdownx.superfences`) share: a
block opens with three or more backticks or tildes (a backtick fence has no backtick after it)
and closes only with a line of the same character, at least as long, with nothing after it but
spaces; a block that is never closed runs to the end of the file. Headings are read the way
Python-Markdown reads them: one to six `#` at the start of the line, the space after them
optional. Nothing here uses a regular expression that can backtrack: every scan is linear in the
length of the text, whatever runs of spaces, `#`, backticks or tildes it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_RUN = re.compile(r"`+")
_MAY_MATTER = frozenset(" \t`~#")
"""The first character of every line that can open or close a fence or be a heading."""


@dataclass(frozen=True)
class Heading:
    """An ATX heading outside code: its 1-based line, level (1 to 6) and title."""

    line: int
    level: int
    title: str


@dataclass(frozen=True)
class Scan:
    """What one Markdown text holds, by 1-based line number; shared by every reader of the
    text (`scan` keeps it), so never changed."""

    lines: list[str]
    code: list[tuple[int, int]]
    """Fenced code blocks as (first, last) line, fence lines included."""
    headings: list[Heading]

    def in_code(self, line: int) -> bool:
        return any(first <= line <= last for first, last in self.code)


def _opening(line: str) -> str:
    """The fence ('```', '~~~~', …) that `line` opens, or ''."""
    body = line.lstrip(" \t")
    char = body[:1]
    if char not in ("`", "~"):
        return ""
    length = len(body) - len(body.lstrip(char))
    if length < 3:
        return ""
    if char == "`" and "`" in body[length:]:
        return ""  # inline code like ```a```, not a fence
    return char * length


def closes(line: str, fence: str) -> bool:
    """Whether `line` closes a block opened with `fence`."""
    body = line.lstrip(" \t")
    char = fence[0]
    length = len(body) - len(body.lstrip(char))
    return length >= len(fence) and not body[length:].strip(" \t")


def heading(line: str) -> tuple[int, str] | None:
    """(level, title) when `line` is an ATX heading, the way Python-Markdown reads it."""
    if not line.startswith("#"):
        return None
    rest = line.lstrip("#")
    level = len(line) - len(rest)
    if level > 6:
        return None
    title = rest.rstrip(" \t").rstrip("#").rstrip(" \t").lstrip(" \t")
    return level, title


@lru_cache(maxsize=8192)
def scan(text: str) -> Scan:
    """The fenced code blocks and the headings outside them.

    Kept for the texts scanned last: the loader, the guard and the checks of terms, prose,
    page links and confirmations each scan the same page (five times per page in `lft check`),
    and each gets the same `Scan`."""
    lines = text.split("\n")
    code: list[tuple[int, int]] = []
    headings: list[Heading] = []
    fence = ""
    start = 0
    for number, line in enumerate(lines, start=1):
        if line[:1] not in _MAY_MATTER:
            continue  # most lines: prose, neither a fence nor a heading
        if fence:
            if closes(line, fence):
                code.append((start, number))
                fence = ""
            continue
        fence = _opening(line)
        if fence:
            start = number
            continue
        found = heading(line)
        if found is not None:
            headings.append(Heading(number, *found))
    if fence:
        code.append((start, len(lines)))
    return Scan(lines, code, headings)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans as (start, end) offsets: a run of backticks up to the next run of the
    same length (CommonMark); a run that is never matched is plain text."""
    runs: dict[int, list[tuple[int, int]]] = {}
    order: list[tuple[int, int]] = []
    for match in _RUN.finditer(text):
        span = match.span()
        order.append(span)
        runs.setdefault(span[1] - span[0], []).append(span)
    position = {length: 0 for length in runs}  # next unused run of each length
    spans: list[tuple[int, int]] = []
    done = 0  # text before this offset is settled
    for start, end in order:
        if start < done:
            continue
        same = runs[end - start]
        index = position[end - start]
        while index < len(same) and same[index][0] <= start:
            index += 1
        position[end - start] = index
        if index < len(same):
            spans.append((start, same[index][1]))
            done = same[index][1]
            position[end - start] = index + 1
    return spans


_MARKDOWN_ACTIVE = frozenset("\\`*_{}[]()#+-.!|<>&\"':~=^$%@")
"""Characters that can start Markdown or HTML syntax somewhere; `as_text` writes each as a
character reference, which Markdown never reads as syntax and a browser shows as itself."""


def as_text(value: str) -> str:
    """`value` written into a Markdown page as plain text: no emphasis, link, heading, list,
    attribute list or HTML can come of it, whatever it holds; line ends become spaces."""
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_ACTIVE else c for c in " ".join(value.split()))
