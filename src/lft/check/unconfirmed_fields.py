"""Fields of a YAML item that wait for a confirmation: the `unconfirmed` key of an item.

What a Markdown marker (`lft.check.unconfirmed`) does for a passage, this does for a field:

    status: active
    unconfirmed:
      status: vastgoed-status

Each key names a field of the item's schema that the item has, each value an entry under
`confirmations:` in `publisher.yml`. `lft check` lists each field as a warning naming its entry
and owner, and refuses an unknown field or entry at its place; a preview shows the value as an
editor's note (`lft.render.pages.Language.noted`); a release leaves the field out of the content
before anything is rendered (`released`), so no page and no open data shows it, and its report
names it. A release that would then miss a field the schema requires is refused.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from lft.check.publisher import Confirmation
from lft.check.schemacheck import SchemaChecker, did_you_mean
from lft.problems import Problem, Severity
from lft.source.model import Content, Document, Item
from lft.source.schemas import Schemas

KEY = "unconfirmed"
"""The key of an item that names its fields waiting for a confirmation."""
RULE = "unconfirmed"
"""The rule of a finding a release refuses: leaving a passage or a field out that waits for a
confirmation would break its page or its item."""


@dataclass(frozen=True)
class Field:
    """A field of an item that waits for a confirmation, and where it is named."""

    path: str
    line: int
    col: int
    name: str
    id: str


def waiting(data: Any) -> dict[str, str]:
    """The fields of an item's data that wait for a confirmation, and the id each waits for."""
    named = data.get(KEY) if isinstance(data, dict) else None
    if not isinstance(named, dict):
        return {}
    return {k: v for k, v in named.items() if isinstance(k, str) and isinstance(v, str)}


def released(content: Content) -> Content:
    """The content as a release shows it: every field that waits for a confirmation left out."""

    def without(item: Item) -> Item:
        fields = waiting(item.data)
        if not fields:
            return item
        data = {k: v for k, v in item.data.items() if k not in fields and k != KEY}
        return replace(item, doc=Document(data, item.doc.positions, item.doc.key_positions))

    return content.changing(without)


def check_fields(
    item: Item, schemas: Schemas, known: Mapping[str, Confirmation]
) -> tuple[list[tuple[Field, Confirmation | None]], list[Problem]]:
    """The fields of `item` that wait for a confirmation, each with its entry, and the problems:
    an unknown field or entry (errors), each field as an editor's note, and what a release
    would miss by leaving them out."""
    fields = waiting(item.data)
    if not fields:
        return [], []
    properties = set(schemas.by_name[item.kind.schema].get("properties", {})) - {KEY}
    found: list[tuple[Field, Confirmation | None]] = []
    problems: list[Problem] = []
    for name, ident in fields.items():
        wrong = _wrong_field(item, name, properties)
        if wrong:
            problems.append(wrong)
            continue
        line, col = item.doc.where((KEY, name), key=True)
        entry = known.get(ident)
        found.append((Field(item.source, line, col, name, ident), entry))
        problems.append(_note(item, name, ident, entry, known))
    problems += _missing(item, schemas, [f.name for f, _ in found], fields)
    return found, problems


def _wrong_field(item: Item, name: str, properties: set[str]) -> Problem | None:
    where = (KEY, name)
    if name not in properties:
        listing = "the fields are: " + ", ".join(sorted(properties))
        return Problem.at(
            item.source,
            item.doc,
            where,
            f"unknown field '{name}'",
            did_you_mean(name, properties) or listing,
            key=True,
        )
    if name not in item.data:
        return Problem.at(
            item.source,
            item.doc,
            where,
            f"the item has no field '{name}' that could wait for a confirmation",
            f"write the field '{name}' with what its newest source says, or remove this line",
            key=True,
        )
    return None


def _note(
    item: Item, name: str, ident: str, entry: Confirmation | None, known: Mapping[str, Any]
) -> Problem:
    where = (KEY, name)
    if entry is None:
        hint = did_you_mean(ident, list(known)) or (
            "the ids are: " + ", ".join(sorted(known))
            if known
            else "publisher.yml has no confirmations: add one with this id"
        )
        return Problem.at(item.source, item.doc, where, f"unknown confirmation '{ident}'", hint)
    what = entry.what.get("en") or entry.what.get("nl", "")
    return Problem.at(
        item.source,
        item.doc,
        where,
        f"not confirmed yet, so an editor's note: the field '{name}' waits for '{entry.id}' "
        f"(owner: {entry.owner}): {what}",
        "a release leaves this field out; once the publisher confirms it, write the fact and "
        "remove this line and the entry in publisher.yml",
        key=True,
        severity=Severity.WARNING,
    )


def _missing(
    item: Item, schemas: Schemas, names: list[str], fields: Mapping[str, str]
) -> Iterator[Problem]:
    """A field the schema requires of the item once the fields in `names` are left out."""
    if not names:
        return
    data = {k: v for k, v in item.data.items() if k not in names and k != KEY}
    checker = SchemaChecker(schemas, {})
    shown = Document(data, item.doc.positions, item.doc.key_positions)
    for problem in checker.check(shown, item.source, item.kind.schema):
        name = next((n for n in names if problem.message == f"missing required key '{n}'"), None)
        if name is None:
            continue
        yield Problem.at(
            item.source,
            item.doc,
            (KEY, name),
            f"a release leaves out the field '{name}', which waits for '{fields[name]}', but "
            "the schema requires it here",
            "only an optional field can wait for a confirmation: write what the newest source "
            "says, or have the publisher confirm it; a release refuses this",
            key=True,
            severity=Severity.WARNING,
            rule=RULE,
        )
