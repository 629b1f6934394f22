"""Classification markings, words that may point at non-public text, and placeholders."""

from __future__ import annotations

import re
from functools import cache

from lft.check.guard.config import Settings, marking_pattern
from lft.check.guard.personal import Origin
from lft.check.guard.text import Finding, Text, finding
from lft.placeholders import UNFINISHED
from lft.problems import Severity

_CONFIDENTIAL_WORD = re.compile(r"(?i)\b(?:vertrouwelijk\w*|confidenti\w*|embargo\w*)")


@cache
def _pattern(any_case: tuple[str, ...], capitals: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for all markings, longest first; the word boundary is factored out."""
    alternatives = [f"(?i:{marking_pattern(m)})" for m in sorted(any_case, key=len, reverse=True)]
    alternatives += [marking_pattern(m) for m in sorted(capitals, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")(?!\w)")


def markings(doc: Text, text: str, origin: Origin, settings: Settings) -> list[Finding]:
    """Security classification markings (errors) and confidential words (warnings)."""
    found: list[Finding] = []
    spans: list[tuple[int, int]] = []
    pattern = _pattern(tuple(settings.markings), tuple(settings.capital_markings))
    for match in pattern.finditer(text):
        spans.append(match.span())
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
    for match in _CONFIDENTIAL_WORD.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in spans):
            continue
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
    for match in UNFINISHED.finditer(text):
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
