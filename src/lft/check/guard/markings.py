"""Classification markings, words that may point at non-public text, and placeholders."""

from __future__ import annotations

import re
from functools import cache

from lft.check.guard.config import Settings, marking_pattern
from lft.check.guard.personal import Origin
from lft.check.guard.text import Finding, Text, finding
from lft.check.quick import Quick, Spans, outside
from lft.placeholders import UNFINISHED
from lft.problems import Severity

_CONFIDENTIAL_WORD = re.compile(r"(?i)\b(?:vertrouwelijk\w*|confidenti\w*|embargo\w*)")


_FIND_CONFIDENTIAL_WORD, _FIND_UNFINISHED = Quick(_CONFIDENTIAL_WORD), Quick(UNFINISHED)
"""The searches that pass over text quickly (`lft.check.quick`)."""


@cache
def _search(any_case: tuple[str, ...], capitals: tuple[str, ...]) -> Quick:
    return Quick(_pattern(any_case, capitals))


@cache
def _pattern(any_case: tuple[str, ...], capitals: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for all markings, longest first; the word boundary is factored out.

    When every phrase starts with a letter or digit, a look-ahead for those first characters
    (in the same case rule as their phrase) lets the engine pass over every other position
    quickly; it adds no condition a match does not meet already."""
    alternatives = [f"(?i:{marking_pattern(m)})" for m in sorted(any_case, key=len, reverse=True)]
    alternatives += [marking_pattern(m) for m in sorted(capitals, key=len, reverse=True)]
    pattern = r"\b(?:" + "|".join(alternatives) + r")(?!\w)"
    if all(phrase[:1].isalnum() for phrase in (*any_case, *capitals)):
        first = "".join(sorted({re.escape(phrase[0]) for phrase in any_case}))
        capital = "".join(sorted({re.escape(phrase[0]) for phrase in capitals}))
        starts = [f"(?i:[{first}])" if first else "", f"[{capital}]" if capital else ""]
        pattern = f"(?={'|'.join(s for s in starts if s)})" + pattern
    return re.compile(pattern)


def markings(doc: Text, text: str, origin: Origin, settings: Settings) -> list[Finding]:
    """Security classification markings (errors) and confidential words (warnings)."""
    found: list[Finding] = []
    pattern = _search(tuple(settings.markings), tuple(settings.capital_markings))
    spans = Spans([])
    for match in pattern.finditer(text):
        spans.add(*match.span())
        found.append(
            finding(
                doc,
                origin(match.start()),
                "marking",
                f"security classification marking '{' '.join(match[0].split())}'",
                "classified or non-public text must never be published; remove it and tell "
                "the editors",
            )
        )
    for match in outside(_FIND_CONFIDENTIAL_WORD, text, spans):
        found.append(
            finding(
                doc,
                origin(match.start()),
                "confidential-word",
                f"'{match[0]}' may point at information that is not public",
                "check that this text is meant for the public",
                Severity.WARNING,
            )
        )
    return found


def placeholders(doc: Text, text: str, origin: Origin) -> list[Finding]:
    """`TODO`, `FIXME` and lorem ipsum: text still to be written."""
    found: list[Finding] = []
    for match in _FIND_UNFINISHED.finditer(text):
        snippet = text[match.start() :].split("\n", 1)[0].strip().strip("\"'")
        if len(snippet) > 50:
            snippet = snippet[:49] + "…"
        found.append(
            finding(
                doc,
                origin(match.start()),
                "placeholder",
                f"unfinished text: '{snippet}'",
                "write the text or remove the placeholder before publishing",
            )
        )
    return found
