"""Passages that depend on an open confirmation: an editor's note, not reader content.

A passage of Markdown (an item's prose or a page of `docs/`) that holds only while the publisher
has not confirmed a fact is marked, each marker alone on its line:

    <!-- lft-unconfirmed: vastgoed-chair -->
    …the passage…
    <!-- /lft-unconfirmed -->

The id names an entry under `confirmations:` in `publisher.yml`. `lft check` lists every marked
passage as a warning naming its entry and owner; a preview and a normal build show it highlighted
as an editor's note (`lft-unconfirmed`, styled in `overrides/assets/lft.css`); a release leaves
it out, with any heading left without text, and its report names each passage. A release that
would lose a required section or the introduction of an item, or the whole text of a page, is
refused. Markers inside code are text, not markers; in a YAML field a marker is an error.
A field of a YAML item that waits for a confirmation is named under the item's `unconfirmed`
key instead (`lft.check.unconfirmed_fields`).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lft.check.publisher import PUBLISHER_FILE, Confirmation, Publisher
from lft.check.schemacheck import did_you_mean
from lft.check.style import Style, unconfirmed_patterns
from lft.check.terms import yaml_texts
from lft.check.unconfirmed_fields import RULE as RULE
from lft.check.unconfirmed_fields import Field, check_fields
from lft.problems import Problem, Severity
from lft.source import mdscan
from lft.source.labels import labels
from lft.source.load import MarkdownText, Reader, markdown_texts, read_text
from lft.source.memo import Remember, fresh, kept
from lft.source.model import Content, Document, Item
from lft.source.schemas import Schemas

_OPEN = re.compile(r"<!--\s*lft-unconfirmed\b\s*:?\s*(.*?)\s*-->")
_CLOSE = re.compile(r"<!--\s*/lft-unconfirmed\s*-->")
_MARKER = re.compile(r"<!--\s*/?lft-unconfirmed\b")
_ID = re.compile(r"[a-z0-9-]+")
_COMMENT = re.compile(r"<!--.*?-->")
NOTE_CLASS = "lft-unconfirmed"
"""The class of an editor's note in a page (styled in `overrides/assets/lft.css`)."""
UNMARKED = "unmarked-unconfirmed"
"""The rule of a finding a release refuses: a text says a fact is not confirmed, unmarked, so a
release could not leave it out."""
_EXAMPLE = "<!-- lft-unconfirmed: ID --> … <!-- /lft-unconfirmed -->"


@dataclass(frozen=True)
class Passage:
    """A marked passage: the lines of its two markers and the confirmation it depends on."""

    path: str
    first: int
    last: int
    col: int
    id: str


def _marker_lines(text: str) -> Iterator[tuple[int, str, int]]:
    """(line, line text, column of the marker) of each line with a marker outside code."""
    if "lft-unconfirmed" not in text:
        return  # no line holds one (most texts)
    scan = mdscan.scan(text)
    for number, line in enumerate(scan.lines, start=1):
        if "lft-unconfirmed" not in line or scan.in_code(number):
            continue
        shown = line
        for start, end in mdscan.code_spans(line):
            shown = shown[:start] + " " * (end - start) + shown[end:]
        found = _MARKER.search(shown)
        if found:
            yield number, line, found.start() + 1


def read(path: str, text: str) -> tuple[list[Passage], list[Problem]]:
    """The well-formed passages of one Markdown text and the problems with its markers."""
    passages: list[Passage] = []
    problems: list[Problem] = []
    opened: tuple[int, int, str] | None = None

    def problem(line: int, col: int, message: str, hint: str) -> None:
        problems.append(Problem(path, line, col, "", message, hint))

    for number, line, col in _marker_lines(text):
        opening, closing = _OPEN.fullmatch(line.strip()), _CLOSE.fullmatch(line.strip())
        if not opening and not closing:
            problem(
                number,
                col,
                "a marker of an unconfirmed passage must stand alone on its line",
                f"write {_EXAMPLE}, each marker on a line of its own",
            )
        elif opening and not _ID.fullmatch(opening[1]):
            problem(
                number,
                col,
                f"'{opening[1]}' is not the id of a confirmation"
                if opening[1]
                else "the marker names no confirmation",
                "name the entry of publisher.yml's confirmations: <!-- lft-unconfirmed: ID -->",
            )
        elif opening and opened:
            problem(
                number,
                col,
                f"a marked passage cannot hold another one (the passage of line {opened[0]} is "
                "still open)",
                "close it with <!-- /lft-unconfirmed --> first",
            )
        elif opening:
            opened = (number, col, opening[1])
        elif opened is None:
            problem(number, col, "this marker closes no passage", f"open it first: {_EXAMPLE}")
        else:
            passages.append(Passage(path, opened[0], number, opened[1], opened[2]))
            opened = None
    if opened:
        problem(
            opened[0],
            opened[1],
            f"the passage that depends on '{opened[2]}' is never closed",
            "end it with a line <!-- /lft-unconfirmed -->",
        )
    return passages, problems


def _sections(lines: list[str], headings: list[mdscan.Heading]) -> Iterator[tuple[int, int]]:
    """(heading line, last line of its section) of each heading, the last heading first, so a
    section is judged after the sections under it."""
    for index in reversed(range(len(headings))):
        heading = headings[index]
        end = next(
            (h.line - 1 for h in headings[index + 1 :] if h.level <= heading.level), len(lines)
        )
        yield heading.line, end


def left_out(text: str) -> set[int]:
    """The lines a release leaves out: every marked passage, and each heading that keeps no
    text of its own once they are gone (with what is under it)."""
    passages, _ = read("", text)
    gone = {n for p in passages for n in range(p.first, p.last + 1)}
    if not gone:
        return gone
    scan = mdscan.scan(text)
    for line, end in _sections(scan.lines, scan.headings):
        body = range(line + 1, end + 1)
        if any(n in gone for n in body) and all(
            n in gone or not scan.lines[n - 1].strip() for n in body
        ):
            gone.update(range(line, end + 1))
    return gone


def without(text: str) -> str:
    """`text` as a release shows it: no marked passage, no heading left empty by one."""
    gone = left_out(text)
    if not gone:
        return text
    return "\n".join(line for n, line in enumerate(text.split("\n"), 1) if n not in gone)


def highlighted(text: str, lang: str, confirmations: Mapping[str, Confirmation]) -> str:
    """`text` as a preview shows it: each marked passage in a block of its own that says which
    confirmation it waits for."""
    passages, _ = read("", text)
    if not passages:
        return text
    lines = text.split("\n")
    for passage in reversed(passages):
        said = note(passage.id, lang, confirmations)
        lines[passage.last - 1] = "\n</div>\n"
        lines[passage.first - 1] = f'\n<div class="{NOTE_CLASS}" markdown>\n\n**{said}**\n'
    return "\n".join(lines)


def note(ident: str, lang: str, confirmations: Mapping[str, Confirmation]) -> str:
    """What an editor's note says in `lang` of the confirmation `ident` (HTML-escaped): who
    confirms what, and that a release leaves it out."""
    entry = confirmations.get(ident)
    what = html.escape(entry.what.get(lang) or entry.what.get("nl", "")) if entry else ""
    owner = html.escape(entry.owner) if entry else ""
    return str(
        labels()["unconfirmed_note"][lang].format(id=html.escape(ident), owner=owner, what=what)
    )


def _yaml_strings(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _yaml_strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _yaml_strings(value, (*path, index))
    elif isinstance(data, str) and _MARKER.search(data):
        yield path, data


def _instead(path: tuple[Any, ...], item: bool) -> str:
    """How a YAML field says that it waits for a confirmation: in an item, under its
    `unconfirmed` key; in a registry, by staying out until the publisher confirms it."""
    if item:
        return f"name the field under the item's unconfirmed: key ({path[0]}: ID)"
    return "leave the field out until the publisher confirms it"


def _in_yaml(doc: Document, rel: str, item: bool) -> list[Problem]:
    problems = []
    for path, _ in _yaml_strings(doc.data):
        problems.append(
            Problem.at(
                rel,
                doc,
                path,
                "a YAML field cannot hold an unconfirmed passage: the marker would be shown "
                "as text",
                f"move the passage into the Markdown text, or {_instead(path, item)}",
            )
        )
    return problems


def _duplicates(publisher: Publisher) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, entry in enumerate(publisher.data.get("confirmations") or []):
        name = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(name, str) and name in seen and publisher.doc is not None:
            line, col = publisher.doc.where(("confirmations", index, "id"))
            message = f"the id '{name}' is used twice"
            problems.append(
                Problem(PUBLISHER_FILE, line, col, f"confirmations[{index}].id", message, "")
            )
        if isinstance(name, str):
            seen.add(name)
    return problems


def _breaks(item: Item, schemas: Schemas, by_path: Mapping[str, list[Passage]]) -> list[Problem]:
    """What leaving the passages out would break: a required section or the introduction."""
    spec = schemas.markdown(item.kind)
    required = {s.key for s in spec.sections if s.required}
    problems = []
    for prose in item.prose.values():
        passages = by_path.get(prose.path, [])
        if not passages:
            continue
        gone = left_out(prose.text)
        lines = prose.text.split("\n")
        starts = [s.line for s in prose.sections] + [len(lines) + 1]
        parts = [("the introduction", 0, range(1, starts[0]))] if spec.intro_required else []
        parts += [
            (f"the required section '{s.title}'", s.line, range(s.line + 1, starts[index + 1]))
            for index, s in enumerate(prose.sections)
            if s.key in required
        ]
        for name, heading, body in parts:
            touched = [n for n in body if n in gone]
            if heading not in gone and not (
                touched and all(n in gone or not lines[n - 1].strip() for n in body)
            ):
                continue
            top, end = heading or body.start, body.stop - 1
            cause = next(p for p in passages if p.first <= end and p.last >= top)
            problems.append(
                Problem(
                    prose.path,
                    heading or cause.first,
                    1,
                    "",
                    f"a release leaves out the passage that depends on '{cause.id}' "
                    f"(line {cause.first}), and then {name} has no text",
                    "write text here that holds without the confirmation, or have the "
                    "publisher confirm it; a release refuses this",
                    Severity.WARNING,
                    RULE,
                )
            )
    return problems


@dataclass(frozen=True)
class Unconfirmed:
    """Every marked passage and every field of a project that waits for a confirmation, each
    with the entry it waits for, and the problems."""

    passages: list[tuple[Passage, Confirmation | None]]
    problems: list[Problem]
    fields: list[tuple[Field, Confirmation | None]] = field(default_factory=list)

    def report(self, *, release: bool) -> list[str]:
        """One line per passage and per field for the build report."""
        places = [(f"{p.path}:{p.first}-{p.last}", p.id, e) for p, e in self.passages]
        places += [(f"{f.path}:{f.line}: field '{f.name}'", f.id, e) for f, e in self.fields]
        lines = []
        for where, ident, entry in places:
            why = (
                f"not confirmed yet: {entry.what.get('en') or entry.what.get('nl')} "
                f"(owner: {entry.owner})"
                if entry
                else "unknown confirmation"
            )
            if release:
                lines.append(f"left out of the release: {where}: '{ident}', {why}")
            else:
                lines.append(f"editor's note (a release leaves it out): {where}: '{ident}'")
        return lines


def _plain(phrase: str) -> bool:
    """A phrase with no space at either end and no two spaces together. Blanking code or a
    comment leaves at least three spaces and keeps what may stand around a phrase, so a text
    that holds such a phrase nowhere holds it in none of its lines either (one search)."""
    return phrase == phrase.strip() and "  " not in phrase


def _unmarked(
    text: str, path: str, phrase: re.Pattern[str], passages: list[Passage]
) -> list[Problem]:
    """Words that say a fact is not confirmed, outside code and the marked passages."""
    inside = {n for p in passages for n in range(p.first, p.last + 1)}
    scan = mdscan.scan(text)
    problems = []
    for number, line in enumerate(scan.lines, start=1):
        if number in inside or scan.in_code(number):
            continue
        spans = [*mdscan.code_spans(line), *(m.span() for m in _COMMENT.finditer(line))]
        for start, end in spans:
            line = line[:start] + " " * (end - start) + line[end:]
        for found in phrase.finditer(line):
            problems.append(
                Problem(
                    path,
                    number,
                    found.start() + 1,
                    "",
                    f"'{found.group()}' says a fact is not confirmed, but the passage is not "
                    "marked",
                    "an open confirmation is an editor's note: mark the passage with the id of "
                    f"its entry in publisher.yml, {_EXAMPLE}, so a release leaves it out",
                    Severity.WARNING,
                    UNMARKED,
                )
            )
    return problems


def _unmarked_in_yaml(
    doc: Document, rel: str, phrases: Mapping[str, re.Pattern[str]], item: bool
) -> list[Problem]:
    problems = []
    for path, lang, text in yaml_texts(doc.data):
        phrase = phrases.get(lang)
        found = phrase.search(" ".join(text.split())) if phrase else None
        if found:
            problems.append(
                Problem.at(
                    rel,
                    doc,
                    path,
                    f"'{found.group()}' says a fact is not confirmed, in a field a release "
                    "cannot leave out",
                    f"{_instead(path, item)}, or say it in the Markdown text and mark it there "
                    "(<!-- lft-unconfirmed: ID -->)",
                    severity=Severity.WARNING,
                    rule=UNMARKED,
                )
            )
    return problems


def check_unconfirmed(
    root: Path,
    content: Content,
    publisher: Publisher,
    schemas: Schemas,
    style: Style,
    reader: Reader = read_text,
    remember: Remember = fresh,
) -> Unconfirmed:
    """Every marked passage as a warning naming its entry; errors for markers that are
    malformed, unknown or in YAML; what a release would break by leaving them out; and a
    warning for each sentence that says a fact is not confirmed (the words are in `style`)
    without being marked. `remember` keeps what one file's text gives for the next check
    (`lft.source.memo`)."""
    phrases = unconfirmed_patterns(style)
    plain = {lang for lang, words in style.unconfirmed_phrases.items() if all(map(_plain, words))}
    known = {c.id: c for c in publisher.confirmations}
    texts, _ = markdown_texts(root, content, reader)  # unreadable: the terms say so
    found: list[tuple[Passage, Confirmation | None]] = []
    fields: list[tuple[Field, Confirmation | None]] = []
    problems = _duplicates(publisher)
    by_path: dict[str, list[Passage]] = {}
    for markdown in texts:
        made = functools.partial(_markdown, markdown, phrases.get(markdown.lang), plain)
        passages, wrong = remember("unconfirmed", markdown.path, markdown.text, made)
        problems += wrong
        by_path[markdown.path] = passages
        for passage in passages:
            entry = known.get(passage.id)
            found.append((passage, entry))
            problems.append(_problem(passage, entry, known))
    for item in content.items():
        made_item = functools.partial(_item, item, schemas, known, phrases)
        named, wrong = kept(
            remember, "unconfirmed", item.source, content.texts.get(item.source), made_item
        )
        fields += named
        problems += wrong
        problems += _breaks(item, schemas, by_path)
    for registry in content.registries():
        problems += _in_yaml(registry.doc, registry.source, False)
        problems += _unmarked_in_yaml(registry.doc, registry.source, phrases, False)
    return Unconfirmed(found, problems, fields)


def _markdown(
    markdown: MarkdownText, phrase: re.Pattern[str] | None, plain: set[str]
) -> tuple[list[Passage], list[Problem]]:
    """One Markdown text's passages, and the problems of its markers and of its words."""
    passages, problems = read(markdown.path, markdown.text)
    if passages and markdown.path.startswith("docs/"):
        problems += _emptied_page(markdown.path, markdown.text, passages)
    if phrase and (markdown.lang not in plain or phrase.search(markdown.text)):
        problems += _unmarked(markdown.text, markdown.path, phrase, passages)
    return passages, problems


def _item(
    item: Item,
    schemas: Schemas,
    known: Mapping[str, Confirmation],
    phrases: Mapping[str, re.Pattern[str]],
) -> tuple[list[tuple[Field, Confirmation | None]], list[Problem]]:
    """An item's YAML: the fields it names as waiting, and the problems of its markers."""
    named, problems = check_fields(item, schemas, known)
    problems += _in_yaml(item.doc, item.source, True)
    problems += _unmarked_in_yaml(item.doc, item.source, phrases, True)
    return named, problems


def _problem(passage: Passage, entry: Confirmation | None, known: Mapping[str, Any]) -> Problem:
    if entry is None:
        hint = did_you_mean(passage.id, list(known)) or (
            "the ids are: " + ", ".join(sorted(known))
            if known
            else "publisher.yml has no confirmations: add one with this id"
        )
        message = f"unknown confirmation '{passage.id}'"
        return Problem(passage.path, passage.first, passage.col, "", message, hint)
    what = entry.what.get("en") or entry.what.get("nl", "")
    return Problem(
        passage.path,
        passage.first,
        passage.col,
        "",
        f"not confirmed yet, so an editor's note: '{entry.id}' (owner: {entry.owner}): {what}",
        "a release leaves this passage out; once the publisher confirms it, write the fact and "
        "remove the markers and the entry in publisher.yml",
        Severity.WARNING,
    )


def _emptied_page(path: str, text: str, passages: list[Passage]) -> list[Problem]:
    """A page of `docs/` that a release would leave with no text but its headings."""
    lines = without(text).split("\n")
    front = len(lines) > 1 and lines[0] == "---"
    body = lines[lines.index("---", 1) + 1 :] if front and "---" in lines[1:] else lines
    if any(line.strip() and not mdscan.heading(line) for line in body):
        return []
    return [
        Problem(
            path,
            passages[0].first,
            passages[0].col,
            "",
            f"a release leaves out the passage that depends on '{passages[0].id}', and then the "
            "page has no text",
            "write text that holds without the confirmation; a release refuses this",
            Severity.WARNING,
            RULE,
        )
    ]
