"""The house style as data: `style.yml` at the project root, read and validated.

It holds what the glossary and the organisation registry cannot say: the form of address per
language, spellings of an organisation's name that are not its one spelling, other names for a
kind of page (whose one name is its label in `labels.yml`), a plain-language list and the words
that say a fact is not confirmed. `lft.check.terms` and `lft.check.unconfirmed` turn it into
warnings; a
project without the file has no such rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lft.check.schemacheck import SchemaChecker, did_you_mean
from lft.problems import Problem
from lft.source.labels import labels
from lft.source.load import Reader, read_text
from lft.source.model import Content
from lft.source.schemas import Schemas
from lft.source.yamlsource import parse

STYLE_FILE = "style.yml"
SCHEMA = "style.schema.json"


@dataclass(frozen=True)
class Plain:
    """A word that is not plain language in one language, and what to write instead."""

    word: str
    plain: str
    lang: str


@dataclass(frozen=True)
class Style:
    """The rules of `style.yml`; empty when the file is missing or has errors."""

    address: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language: each avoided form of address and the form to use (`je` → `u`)."""
    organisations: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per organisation key: the spellings of its name to avoid, per language."""
    page_kinds: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per label key of a kind of page: its other names to avoid, per language."""
    plain_language: list[Plain] = field(default_factory=list)
    unconfirmed_phrases: dict[str, list[str]] = field(default_factory=dict)
    """Per language: words that say a fact is not confirmed (`lft.check.unconfirmed`)."""


def _unknown_keys(
    data: dict[str, Any], section: str, known: set[str], where: str, doc: Any
) -> list[Problem]:
    problems = []
    for key in data.get(section) or {}:
        if key not in known:
            line, col = doc.where((section, key), key=True)
            problems.append(
                Problem(
                    STYLE_FILE,
                    line,
                    col,
                    f"{section}.{key}",
                    f"unknown key '{key}'",
                    did_you_mean(key, known) or f"the keys are in {where}",
                )
            )
    return problems


def load_style(
    root: Path, content: Content, schemas: Schemas, read: Reader = read_text
) -> tuple[Style, list[Problem]]:
    """Read and check `style.yml`; with any problem in it, no style rule applies."""
    path = root / STYLE_FILE
    if not path.is_file():
        return Style(), []
    text, problems = read(path, STYLE_FILE)
    if text is None:
        return Style(), problems
    doc, problems = parse(text, STYLE_FILE)
    if doc is None:
        return Style(), problems
    if not isinstance(doc.data, dict):
        return Style(), [Problem.whole_file(STYLE_FILE, "the file must hold 'key: value' lines")]
    if SCHEMA in schemas.by_name:
        problems += SchemaChecker(schemas, {}).check(doc, STYLE_FILE, SCHEMA)
    organisations = set(content.organisations.entries if content.organisations else {})
    problems += _unknown_keys(
        doc.data, "organisations", organisations, "content/organisations.yml", doc
    )
    problems += _unknown_keys(
        doc.data, "page_kinds", set(labels()), "src/lft/source/labels.yml", doc
    )
    if problems:
        return Style(), problems
    data = doc.data
    return Style(
        address=data.get("address") or {},
        organisations=data.get("organisations") or {},
        page_kinds=data.get("page_kinds") or {},
        plain_language=[
            Plain(e["word"], e["plain"], e["lang"]) for e in data.get("plain_language") or []
        ],
        unconfirmed_phrases=data.get("unconfirmed_phrases") or {},
    ), []


def unconfirmed_patterns(style: Style) -> dict[str, re.Pattern[str]]:
    """Per language, one search for the words that say a fact is not confirmed, as words."""
    return {
        lang: re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE
        )
        for lang, words in style.unconfirmed_phrases.items()
        if words
    }
