"""Which English texts are complete, missing or outdated, without asking git.

Every item folder may hold a machine-written `translations.yml` that records, per language, the
fingerprint of the Dutch text each translation was made from:

    en:
      intervention.yml:
        title: 3f2a9c01b7de
        partners[0].role: 9d1e55c0a4f2
      intervention.en.md: 71c0e2aa19b3

The YAML texts are recorded under the name of their YAML file (a phenomenon folder holds both
`phenomenon.yml` and `charter.yml`), by the key path of the bilingual text; the prose under the
name of the translated Markdown file, with the fingerprint of the whole Dutch Markdown file. A
fingerprint is the first 12 hex digits of the SHA-256 of the Dutch text with its whitespace
normalised, so re-wrapping a paragraph does not make a translation outdated.

`lft translations --mark-current PATH` writes that file; nothing else does.

A translation is *complete* when its recorded fingerprint is that of the current Dutch text,
*outdated* when a fingerprint is recorded for it but the Dutch text changed since, *new* when it
is written but no fingerprint was ever recorded for it (a fresh item, or a text added to one),
and *missing* when it is not written (or still holds the placeholder of `lft new`). Readers
see a notice only on pages with an outdated translation; `lft check` refuses a
`translations.yml` that is not the shape `--mark-current` writes.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from lft.placeholders import unfinished
from lft.problems import Problem, key_path
from lft.source.load import TRANSLATIONS_FILE, read_text
from lft.source.model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Content,
    Document,
    Item,
    Registry,
    bilingual_texts,
)
from lft.source.yamlsource import parse

"""A translation that still holds the placeholder `lft new` wrote is not there yet."""
TARGETS = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
_HEADER = (
    "# Written by `lft translations --mark-current`; do not edit by hand.\n"
    "# For every translated text: a fingerprint of the Dutch text it was translated from.\n"
)


class State(Enum):
    COMPLETE = "complete"
    MISSING = "missing"
    OUTDATED = "outdated"
    NEW = "new"


@dataclass(frozen=True, order=True)
class TextState:
    """The state of the translation of one text of one item (or one registry entry)."""

    item: str
    """The item's YAML file (or the registry file), like content/news/x/news.yml."""
    text: str
    """The key path of the text (`partners[0].role`), the Markdown file (`news.en.md`), or the
    registry entry (`wet-bibob`)."""
    lang: str
    state: State
    fingerprint: str = ""
    """The current fingerprint of the Dutch text; empty for registry entries."""


def fingerprint(text: str) -> str:
    """First 12 hex digits of the SHA-256 of the text, whitespace and Unicode normalised."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def texts(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every bilingual `{nl, en}` object in the data, by its key path as a contributor reads it."""
    for path, text in bilingual_texts(data):
        yield key_path(path), text


_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
_REWRITE = (
    "this file is written by `lft translations --mark-current`; delete it, then mark the "
    "reviewed translations current again"
)


def read_records(folder: Path, rel: str) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The fingerprints recorded in `folder/translations.yml` (`rel` is its path for
    messages), per language, and what is wrong with the file; no records when it is absent
    or wrong."""
    path = folder / TRANSLATIONS_FILE
    if not path.exists():
        return {}, []
    if not path.is_file():
        return {}, [Problem.whole_file(rel, "translations.yml is not a file", _REWRITE)]
    text, problems = read_text(path, rel)
    doc, more = parse(text, rel) if text is not None else (None, [])
    problems += more
    if doc is None or problems:
        return {}, problems
    problems = list(_shape_problems(doc, rel))
    return ({} if problems else doc.data), problems


def _shape_problems(doc: Document, rel: str) -> Iterator[Problem]:
    """Whatever differs from what `mark_current` writes: language → file → fingerprints."""

    def wrong(path: tuple[str | int, ...], message: str, key: bool = False) -> Problem:
        line, col = doc.where(path, key=key)
        return Problem(rel, line, col, key_path(path), message, _REWRITE)

    if not isinstance(doc.data, dict):
        yield wrong((), "expected a language, then file names, then fingerprints")
        return
    for lang, files in doc.data.items():
        if lang not in TARGETS:
            yield wrong((lang,), f"'{lang}' is not a language translated into", key=True)
        elif not isinstance(files, dict):
            yield wrong((lang,), "expected the names of the translated files")
        else:
            for name, value in files.items():
                where: tuple[str | int, ...] = (lang, name)
                if name.endswith(".md"):
                    entries = [(where, value)]
                elif name.endswith(".yml") and isinstance(value, dict):
                    entries = [((*where, k), v) for k, v in value.items()]
                else:
                    yield wrong(where, "expected the key paths of the texts of a YAML file")
                    continue
                for at, fingerprint_ in entries:
                    if not (isinstance(fingerprint_, str) and _FINGERPRINT.match(fingerprint_)):
                        yield wrong(at, "expected a fingerprint of 12 hexadecimal digits")


def recorded(folder: Path) -> dict[str, dict[str, Any]]:
    """The fingerprints recorded in `folder/translations.yml`, per language; empty when absent
    or not valid (every written translation then counts as new; `lft check` reports why)."""
    return read_records(folder, TRANSLATIONS_FILE)[0]


def check_records(root: Path, content: Content) -> list[Problem]:
    """What is wrong with the `translations.yml` of every item folder, with its position."""
    problems: list[Problem] = []
    for folder in sorted({item.folder for item in content.items()}):
        problems += read_records(root / folder, f"{folder}/{TRANSLATIONS_FILE}")[1]
    return problems


def _written(text: Any) -> bool:
    """True for a translation that is there: not absent, empty or a `lft new` placeholder."""
    return isinstance(text, str) and bool(text.strip()) and not unfinished(text)


def _md_name(item: Item, lang: str) -> str:
    return f"{item.kind.value}.{lang}.md"


def _markdown(item: Item, lang: str) -> str | None:
    prose = item.prose.get(lang)
    return prose.text if prose is not None else None


def item_states(item: Item, records: dict[str, dict[str, Any]]) -> list[TextState]:
    """The state of every translatable text of one item, in file order (Markdown last)."""
    yml = item.source.rsplit("/", 1)[1]
    states: list[TextState] = []
    for lang in TARGETS:
        lang_records = records.get(lang, {})
        file_records = lang_records.get(yml)
        file_records = file_records if isinstance(file_records, dict) else {}
        known = set(file_records.values())
        for path, text in texts(item.data):
            source = text.get(DEFAULT_LANGUAGE)
            if not isinstance(source, str):
                continue
            current = fingerprint(source)
            if not _written(text.get(lang)):
                state = State.MISSING
            elif file_records.get(path) == current or current in known:
                # Also complete when the text moved with its translation (a reordered list).
                state = State.COMPLETE
            elif path in file_records:
                state = State.OUTDATED
            else:
                state = State.NEW
            states.append(TextState(item.source, path, lang, state, current))
        dutch = _markdown(item, DEFAULT_LANGUAGE)
        if dutch is None:
            continue  # `lft check` reports the missing Dutch text
        current = fingerprint(dutch)
        name = _md_name(item, lang)
        if item.awaiting(lang) or not _written(_markdown(item, lang)):
            state = State.MISSING
        elif lang_records.get(name) == current:
            state = State.COMPLETE
        elif name in lang_records:
            state = State.OUTDATED
        else:
            state = State.NEW
        states.append(TextState(item.source, name, lang, state, current))
    return states


def registry_states(registry: Registry) -> list[TextState]:
    """One row per entry: complete when every text of the entry has its translation."""
    states: list[TextState] = []
    entries = registry.doc.data if isinstance(registry.doc.data, dict) else {}
    for lang in TARGETS:
        for name, entry in entries.items():
            found = list(texts(entry))
            if not found:
                continue
            missing = any(not isinstance(t.get(lang), str) or not t[lang].strip() for _, t in found)
            state = State.MISSING if missing else State.COMPLETE
            states.append(TextState(registry.source, str(name), lang, state))
    return states


def translation_states(root: Path, content: Content) -> list[TextState]:
    """The translation state of every text of every item and registry entry."""
    states: list[TextState] = []
    cache: dict[str, dict[str, dict[str, Any]]] = {}
    for item in sorted(content.items(), key=lambda i: i.source):
        if item.folder not in cache:
            cache[item.folder] = recorded(root / item.folder)
        states += item_states(item, cache[item.folder])
    for registry in content.registries():
        states += registry_states(registry)
    return states


def outdated_pages(root: Path, content: Content, lang: str = "en") -> dict[str, list[str]]:
    """Per item (by its YAML source path, `Item.source`): the texts whose `lang` translation is
    outdated. Items whose translations are all current (or missing) are left out."""
    out: dict[str, list[str]] = {}
    for state in translation_states(root, content):
        if state.lang == lang and state.state is State.OUTDATED:
            out.setdefault(state.item, []).append(state.text)
    return out


def item_folder(root: Path, path: Path) -> Path | None:
    """The item folder that `path` (the folder or one of its files) belongs to, if any."""
    path = path.resolve()
    folder = path if path.is_dir() else path.parent
    content = (root / "content").resolve()
    if folder.parent.parent != content or folder.parent.name not in (
        "phenomena",
        "interventions",
        "news",
    ):
        return None
    return folder


@dataclass
class Marked:
    """What `mark_current` recorded for one folder."""

    path: Path
    marked: list[str]
    changed: list[str]
    """The texts that were not complete before (outdated or new)."""


def mark_current(folder: Path, items: list[Item]) -> Marked:
    """Record the current fingerprints of every text of `items` (all in `folder`) that has its
    translation; only `folder/translations.yml` is written."""
    before = recorded(folder)
    records: dict[str, dict[str, Any]] = {}
    marked: list[str] = []
    changed: list[str] = []
    for item in sorted(items, key=lambda i: i.source):
        yml = item.source.rsplit("/", 1)[1]
        for state in item_states(item, before):
            if state.state is State.MISSING:
                continue
            lang_records = records.setdefault(state.lang, {})
            if state.text.endswith(".md"):
                lang_records[state.text] = state.fingerprint
                name = f"{item.folder.rsplit('/', 1)[1]}/{state.text}"
            else:
                lang_records.setdefault(yml, {})[state.text] = state.fingerprint
                name = f"{item.folder.rsplit('/', 1)[1]}/{yml}: {state.text}"
            marked.append(name)
            if state.state is not State.COMPLETE:
                changed.append(name)
    target = folder / TRANSLATIONS_FILE
    text = _HEADER + yaml.safe_dump(
        records, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if current != text:
        _write_atomic(target, text)
    return Marked(target, marked, changed)


def _write_atomic(target: Path, text: str) -> None:
    handle, tmp = tempfile.mkstemp(prefix=".translations-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary(states: list[TextState]) -> str:
    counts = {s: sum(1 for t in states if t.state is s) for s in State}
    total = len(states)
    parts = ", ".join(f"{counts[s]} {s.value}" for s in State)
    return f"{total} text{'s' if total != 1 else ''}: {parts}"


def table(states: list[TextState]) -> str:
    """A plain text table: item, text, state; one row per text."""
    rows = [("item", "text", "state")]
    rows += [(s.item, s.text, s.state.value) for s in states]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows]
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\|`*_])")


def markdown_table(states: list[TextState]) -> str:
    """A Markdown table for a pull-request comment."""

    def cell(value: str) -> str:
        return _MD_SPECIAL.sub(r"\\\1", value)

    marks = {
        State.COMPLETE: "complete",
        State.MISSING: "**missing**",
        State.OUTDATED: "**outdated**",
        State.NEW: "new",
    }
    lines = ["| item | text | state |", "|---|---|---|"]
    lines += [f"| {cell(s.item)} | {cell(s.text)} | {marks[s.state]} |" for s in states]
    return "\n".join(lines)
