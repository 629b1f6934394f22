"""The guard's settings: allowed function mailboxes and public service numbers (`guard.yml`) and
the marking list.

The classification markings every Dutch government site must refuse are data shipped with the
guard (`markings.yml` beside this module); a project adds its own in `guard.yml` under the same
keys. Problems with the settings are reported at their place in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lft.check.guard.personal import phone_digits
from lft.check.publisher import Publisher, load_publisher
from lft.problems import Problem, Severity
from lft.source.load import Reader, read_text
from lft.source.model import Document
from lft.source.yamlsource import parse

CONFIG = "guard.yml"
DEFAULT_MARKINGS = Path(__file__).with_name("markings.yml")
MARKING_KEYS = ("markings", "capital_markings")
"""Phrases matched in any case, and phrases matched only when written in capitals."""


@dataclass
class Settings:
    mailboxes: set[str] = field(default_factory=set)
    public_numbers: set[str] = field(default_factory=set)
    """Digits of the public service numbers a page may name (`phone_digits`)."""
    markings: list[str] = field(default_factory=list)
    capital_markings: list[str] = field(default_factory=list)

    def key(self) -> SettingsKey:
        """The settings as one value that can be compared and kept (a cache key)."""
        return (
            tuple(sorted(self.mailboxes)),
            tuple(sorted(self.public_numbers)),
            tuple(self.markings),
            tuple(self.capital_markings),
        )

    @classmethod
    def of(cls, key: SettingsKey) -> Settings:
        """The settings `key` was taken from."""
        mailboxes, numbers, any_case, capitals = key
        return cls(set(mailboxes), set(numbers), list(any_case), list(capitals))


SettingsKey = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _strings(doc: Document, rel: str, key: str, example: str) -> tuple[list[str], list[Problem]]:
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    if value is None:
        return [], []
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return [v.strip() for v in value], []
    line, col = doc.where((key,))
    return [], [Problem(rel, line, col, key, "expected a list of texts", example, rule="allow")]


def _read(path: Path, rel: str, read: Reader = read_text) -> tuple[Document | None, list[Problem]]:
    text, problems = read(path, rel)
    if text is None:
        return None, [
            Problem(
                p.path,
                p.line,
                p.col,
                p.key,
                f"cannot read the guard settings: {p.message}",
                p.hint,
                rule="allow",
            )
            for p in problems
        ]
    doc, problems = parse(text, rel)
    return doc, [
        Problem(p.path, p.line, p.col, p.key, p.message, p.hint, p.severity, "allow")
        for p in problems
    ]


@cache
def _defaults() -> tuple[tuple[str, ...], tuple[str, ...]]:
    doc, problems = _read(DEFAULT_MARKINGS, DEFAULT_MARKINGS.name)
    assert doc is not None and not problems, problems  # shipped with the package
    any_case, _ = _strings(doc, DEFAULT_MARKINGS.name, "markings", "")
    capitals, _ = _strings(doc, DEFAULT_MARKINGS.name, "capital_markings", "")
    return tuple(any_case), tuple(capitals)


def _mailboxes(doc: Document, publisher: Path | Publisher) -> tuple[set[str], list[Problem]]:
    """The allowed mailboxes of `guard.yml` and the publisher's own."""
    mailboxes, problems = _strings(
        doc, CONFIG, "allowed_mailboxes", "write one '- name@example.org' line per function mailbox"
    )
    problems = [
        Problem(
            p.path,
            p.line,
            p.col,
            p.key,
            "expected a list of e-mail addresses",
            p.hint,
            rule="allow",
        )
        for p in problems
    ]
    return {m.lower() for m in mailboxes} | publisher_mailboxes(publisher), problems


def settings(
    root: Path, publisher: Publisher | None = None, read: Reader = read_text
) -> tuple[Settings, list[Problem]]:
    """The settings of the project at `root`, and what is wrong with its `guard.yml`;
    `publisher` and `read`, when the caller has them, save reading those files again."""
    any_case, capitals = _defaults()
    result = Settings(markings=list(any_case), capital_markings=list(capitals))
    path = root / CONFIG
    if not path.is_file():
        return result, [
            Problem(
                CONFIG,
                1,
                1,
                "",
                "the guard settings are missing, so no e-mail address is allowed",
                "create guard.yml with the function mailboxes under allowed_mailboxes",
                Severity.WARNING,
                "allow",
            )
        ]
    doc, problems = _read(path, CONFIG, read)
    if doc is None:
        return result, problems
    if doc.data is not None and not isinstance(doc.data, dict):
        return result, [
            Problem(
                CONFIG,
                1,
                1,
                "",
                "the guard settings must be 'key: value' lines",
                "write 'allowed_mailboxes:' with one '- name@example.org' line below it",
                rule="allow",
            )
        ]
    result.mailboxes, problems = _mailboxes(doc, root if publisher is None else publisher)
    numbers, more = _strings(
        doc, CONFIG, "public_numbers", "write one '- 0900-8844' line per number"
    )
    problems += more
    result.public_numbers = {phone_digits(n) for n in numbers}
    for key in MARKING_KEYS:
        extra, more = _strings(doc, CONFIG, key, "write one '- Niet openbaar' line per marking")
        problems += more
        getattr(result, key).extend(extra)
    return result, problems


PUBLISHER_MAILBOXES = ("mailbox", "controller.data_protection_officer")
"""The settings of `publisher.yml` that are function mailboxes by definition."""


def publisher_mailboxes(root: Path | Publisher) -> set[str]:
    """The publisher's own mailboxes: allowed wherever the site shows them."""
    publisher = load_publisher(root)[0] if isinstance(root, Path) else root
    return {publisher.value(s).lower() for s in PUBLISHER_MAILBOXES if publisher.value(s)}


def marking_pattern(phrase: str) -> str:
    """A regular expression for a marking phrase and its variants: words apart by spaces, line
    ends, hyphens, slashes or underscores, or written as one word ('Politie Vertrouwelijk',
    'Politievertrouwelijk', 'Politie/Vertrouwelijk'); a dot after a word is optional ('Stg.
    Geheim', 'Stg Geheim', 'Stg.Geheim'); a colon may also be a space, a hyphen or a slash, with
    spaces around it ('TLP:RED', 'TLP: red', 'TLP RED', 'TLP/RED')."""
    words = []
    for word in phrase.split():
        parts = [_abbreviated(part) for part in word.split(":")]
        words.append("[\\s/_-]*:?[\\s/_-]*".join(parts))
    return "[\\s/_-]*".join(words)


def _abbreviated(word: str) -> str:
    """A word whose dots are optional, and may be followed by a separator inside it ('Dep.V.',
    'Dep. V.', 'DepV')."""
    pieces = word.split(".")
    out = re.escape(pieces[0])
    for piece in pieces[1:]:
        out += "\\.?" + (f"[\\s/_-]*{re.escape(piece)}" if piece else "")
    return out
