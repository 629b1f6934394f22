"""Markdown with its code blanked: code is shown as text, never run, so HTML rules skip it."""

from __future__ import annotations

import re

from lft.source import mdscan

_NESTING = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?)")


def blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping line ends, so offsets stay the same."""
    return text[:start] + "".join("\n" if c == "\n" else " " for c in text[start:end]) + text[end:]


def without_code(text: str) -> str:
    """`text` with fenced, indented and inline code blanked (offsets unchanged)."""
    scan = mdscan.scan(text)
    fenced: set[int] = set()
    for first, last in scan.code:
        fenced.update(range(first, last + 1))
    out: list[str] = []
    indented = False  # inside an indented code block
    nested = False  # inside a list item or admonition, where indentation is not code
    blank_before = True
    for number, line in enumerate(scan.lines, start=1):
        is_blank = not line.strip()
        deep = line.startswith(("    ", "\t"))
        if number in fenced:
            indented = False
            out.append(" " * len(line))
        elif (indented and (deep or is_blank)) or (deep and blank_before and not nested):
            indented = True
            out.append(" " * len(line))
        else:
            indented = False
            if _NESTING.match(line):
                nested = True
            elif not is_blank and not deep and blank_before:
                nested = False  # a new paragraph at the left margin ends the list
            out.append(line)
        blank_before = is_blank
    masked = "\n".join(out)
    pieces: list[str] = []
    done = 0
    for start, end in mdscan.code_spans(masked):
        pieces.append(masked[done:start])
        pieces.append("".join("\n" if c == "\n" else " " for c in masked[start:end]))
        done = end
    pieces.append(masked[done:])
    return "".join(pieces)
