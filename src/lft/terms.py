"""Terminology as data: warn where a text uses a form the glossary avoids, or an unexplained
abbreviation.

The glossary records per term the one form the site uses (`preferred`) and the forms it avoids
(`avoid`), per language. Every reader-facing text is scanned in its own language: the Markdown of
items and of `docs/`, and the `nl`/`en` values of the YAML files. Code, link targets, HTML tags
and attribute lists are not prose and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lft.load import read_text
from lft.model import DEFAULT_LANGUAGE, LANGUAGES, Content
from lft.problems import Problem, Severity, key_path
from lft.yamlsource import Document

_ABBREVIATION = re.compile(r"(?<![\w-])[A-Z]{2,6}(?!\w)")
# Not prose: fenced code is handled per line; these are blanked out keeping the columns.
_NOT_PROSE = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|\]\([^()\s]*\)"  # a link target
    r"|<[^<>\n]*>"  # an HTML tag or an autolink
    r"|\{[:#.][^}\n]*\}|\{\s*lang=[^}\n]*\}"  # an attribute list
    r"|https?://\S+"  # a bare address
    r"|<!--(?:(?!<!--|-->).)*-->",  # a comment
)
KeyPath = tuple[str | int, ...]
_DEFINED = re.compile(r"^\*\[([^\]\n]+)\]:", re.MULTILINE)
"""An abbreviation a Markdown page explains itself (the `abbr` extension shows it on hover)."""
_FENCE = re.compile(r"^\s*(```|~~~)")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Avoided:
    """A form to avoid in one language and the form to use instead."""

    pattern: re.Pattern[str]
    form: str
    preferred: str


@dataclass(frozen=True)
class Terminology:
    """What the glossary says about wording: avoided forms per language, known abbreviations."""

    avoided: dict[str, list[Avoided]]
    abbreviations: frozenset[str]

    @classmethod
    def of(cls, content: Content) -> Terminology:
        avoided: dict[str, list[Avoided]] = {lang: [] for lang in LANGUAGES}
        known: set[str] = set()
        terms = content.glossary.entries if content.glossary else {}
        for entry in terms.values():
            if not isinstance(entry, dict):
                continue
            for name in _mapping(entry.get("term")).values():
                known.update(_ABBREVIATION.findall(str(name)))
            if isinstance(entry.get("abbreviation"), str):
                known.update(_ABBREVIATION.findall(entry["abbreviation"]))
            preferred = _mapping(entry.get("preferred"))
            for lang, listed in _mapping(entry.get("avoid")).items():
                use = preferred.get(lang) or preferred.get(DEFAULT_LANGUAGE, "")
                for form in listed if isinstance(listed, list) else []:
                    pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.IGNORECASE)
                    avoided.setdefault(lang, []).append(Avoided(pattern, form, use))
        organisations = content.organisations.entries if content.organisations else {}
        for organisation in organisations.values():
            if isinstance(organisation, dict):
                known.update(_ABBREVIATION.findall(str(organisation.get("abbreviation", ""))))
        return cls(avoided, frozenset(known))

    def line_problems(
        self,
        rel: str,
        line: int,
        col: int,
        text: str,
        lang: str,
        defined: frozenset[str] = frozenset(),
    ) -> list[Problem]:
        """Problems in one line of prose that starts at (`line`, `col`) of `rel`; `defined` are
        the abbreviations its page explains itself (`*[ABC]: …`)."""
        prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
        problems = []
        for avoided in self.avoided.get(lang, []):
            for match in avoided.pattern.finditer(prose):
                problems.append(
                    Problem(
                        rel,
                        line,
                        col + match.start(),
                        "",
                        f"'{match.group()}' is a form this site avoids",
                        f"write '{avoided.preferred}' (content/glossary.yml)",
                        Severity.WARNING,
                    )
                )
        for match in _ABBREVIATION.finditer(prose):
            if match.group() not in self.abbreviations | defined:
                problems.append(
                    Problem(
                        rel,
                        line,
                        col + match.start(),
                        "",
                        f"the abbreviation '{match.group()}' is not in the glossary",
                        "add a term with this abbreviation to content/glossary.yml, explain it on "
                        f"the page with a line '*[{match.group()}]: …', or write the name in full",
                        Severity.WARNING,
                    )
                )
        return problems


def _markdown_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line of Markdown outside fenced code and front matter."""
    fenced = False
    lines = text.split("\n")
    front = len(lines) > 1 and lines[0] == "---"
    for number, line in enumerate(lines, start=1):
        if front:
            front = not (number > 1 and line == "---")
            continue
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def _texts(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str, str]]:
    """(path, language, text) of every `nl`/`en` text value in YAML data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LANGUAGES and isinstance(value, str):
                yield (*path, key), key, value
            else:
                yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))


def _yaml_problems(terms: Terminology, doc: Document, rel: str) -> list[Problem]:
    problems = []
    for path, lang, text in _texts(doc.data):
        line, col = doc.where(path)
        for problem in terms.line_problems(rel, line, col, " ".join(text.split()), lang):
            # A folded text has no column of its own per word: point at the value, name the key.
            problems.append(
                Problem(
                    rel, line, col, key_path(path), problem.message, problem.hint, problem.severity
                )
            )
    return problems


def _docs_language(name: str) -> str:
    for lang in LANGUAGES:
        if name.endswith(f".{lang}.md"):
            return lang
    return DEFAULT_LANGUAGE


def check_terms(root: Path, content: Content) -> list[Problem]:
    """Warnings for avoided forms and unexplained abbreviations in every reader-facing text."""
    terms = Terminology.of(content)
    problems: list[Problem] = []
    for item in content.items():
        problems += _yaml_problems(terms, item.doc, item.source)
        for lang, prose in item.prose.items():
            defined = frozenset(_DEFINED.findall(prose.text))
            for number, line in _markdown_lines(prose.text):
                problems += terms.line_problems(prose.path, number, 1, line, lang, defined)
    for registry in content.registries():
        problems += _yaml_problems(terms, registry.doc, registry.source)
    docs = root / "docs"
    for page in sorted(p for p in docs.rglob("*.md") if p.is_file()) if docs.is_dir() else []:
        rel = page.relative_to(root).as_posix()
        lang = _docs_language(page.name)
        text, unreadable = read_text(page, rel)
        problems += unreadable  # a page that is not UTF-8 text is reported, not read
        defined = frozenset(_DEFINED.findall(text or ""))
        for number, line in _markdown_lines(text or ""):
            problems += terms.line_problems(rel, number, 1, line, lang, defined)
    return problems
