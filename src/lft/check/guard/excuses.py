"""`lft-allow <rule>: <reason>` comments: a deliberate exception, next to the content it excuses.

An excuse covers its own line and the next one (and the whole of a multi-line YAML text that
starts there). It must sit in a comment (Markdown: `<!-- … -->`, YAML: after `#`), name a rule
that can be excused, and give a reason; otherwise it is a problem itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from lft.check.guard.markdown import blank, without_code
from lft.check.guard.text import UNEXCUSABLE, Finding, Text, comments

_ALLOW = re.compile(r"lft-allow\b")
_ALLOW_BODY = re.compile(r"[ \t]*(?P<rule>[A-Za-z][\w-]*)?[ \t]*(?::(?P<reason>.*))?")


@dataclass
class Allow:
    rule: str
    reason: str
    line: int
    col: int
    covers: set[int]


def by_place(excuses: list[Allow]) -> dict[tuple[str, int], Allow]:
    """The excuse for a finding, by (rule, line): of the excuses that cover that line for that
    rule, the first; one look-up per finding, however many excuses a file has."""
    places: dict[tuple[str, int], Allow] = {}
    for excuse in excuses:
        for line in excuse.covers:
            places.setdefault((excuse.rule, line), excuse)
    return places


def _refused(
    doc: Text,
    at: int,
    rule: str,
    reason: str,
    example: str,
    spans: list[tuple[int, int]],
    scalars: list[tuple[int, int, int]],
    excusable: list[str],
) -> tuple[str, str] | None:
    """Why an `lft-allow` at offset `at` excuses nothing (message and hint), or None."""
    if doc.is_markdown and not any(s <= at < e for s, e in spans):
        return (
            "lft-allow outside an HTML comment would be shown on the page",
            f"write it as '{example}'",
        )
    if doc.is_yaml and any(s <= at < e for s, e, _ in scalars):
        return (
            "lft-allow inside a text value would be published",
            "put it in a comment (after '#') on the line of the key, or the line above",
        )
    if rule in UNEXCUSABLE:
        return (
            f"lft-allow cannot excuse '{rule}': it is never meant to be published",
            "remove the comment and fix the finding",
        )
    if rule not in excusable:
        return (
            f"lft-allow names an unknown rule '{rule}'" if rule else "lft-allow names no rule",
            f"write '{example}'; the rules are: {', '.join(excusable)}",
        )
    if not reason:
        return f"lft-allow {rule} gives no reason", f"say why this may be published: '{example}'"
    return None


def allows(doc: Text, rules: tuple[str, ...]) -> tuple[list[Allow], list[Finding], str]:
    """The excuses of a file, problems with them, and the text with the directives blanked."""
    found: list[Allow] = []
    problems: list[Finding] = []
    scan_text = doc.text
    if not _ALLOW.search(doc.text):
        return found, problems, scan_text  # most files: no need to parse them again
    spans = comments(doc.text) if doc.is_markdown else []
    scalars = _yaml_scalars(doc) if doc.is_yaml else []
    prose = without_code(doc.text) if doc.is_markdown else doc.text
    excusable = [r for r in rules if r not in UNEXCUSABLE]
    for match in _ALLOW.finditer(prose):  # an lft-allow in code is an example, not a directive
        line, col = doc.where(match.start())
        rest = doc.text[match.end() :].split("\n", 1)[0]
        if doc.is_markdown:
            rest = rest.split("-->", 1)[0]
        body = _ALLOW_BODY.match(rest)
        assert body is not None
        rule = body["rule"] or ""
        reason = (body["reason"] or "").strip()
        scan_text = blank(scan_text, match.start(), match.end() + (body.end("rule") if rule else 0))
        shown = f"lft-allow {rule if rule in excusable else 'phone'}: <why this may be published>"
        example = f"<!-- {shown} -->" if doc.is_markdown else f"# {shown}"

        refused = _refused(doc, match.start(), rule, reason, example, spans, scalars, excusable)
        if refused is not None:
            problems.append(Finding("allow", line, col, *refused))
            continue
        covers = {line, line + 1}
        for start, end, start_line in scalars:
            if start_line in (line, line + 1):  # a multi-line text value that starts here
                covers |= set(range(start_line, doc.where(max(start, end - 1))[0] + 1))
        found.append(Allow(rule, reason, line, col, covers))
    return found, problems, scan_text


def _yaml_scalars(doc: Text) -> list[tuple[int, int, int]]:
    """(start, end, first line) of the text of every scalar in a YAML file."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(doc.text, Loader=loader)
    except yaml.YAMLError:
        return []

    def offset(mark: yaml.Mark) -> int:  # from line and column: libyaml may count bytes
        line = min(mark.line, len(doc.starts) - 1)
        return min(doc.starts[line] + mark.column, len(doc.text))

    spans: list[tuple[int, int, int]] = []
    stack: list[Any] = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            start = offset(node.start_mark)
            if node.style in ("|", ">"):  # the text starts below the header and its comment
                start = doc.text.find("\n", start) + 1 or len(doc.text)
            spans.append((start, offset(node.end_mark), node.start_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return spans
