"""Wording as data: warn where a text departs from the glossary or the house style.

The glossary records per term the one form the site uses (`preferred`) and the forms it avoids
(`avoid`), per language; the organisation registry gives each organisation's one spelling; the
house style (`style.yml`, read by `lft.check.style`) adds the form of address, other spellings of an
organisation's name, other names for a kind of page (whose name is its label) and words that are
not plain language. Every reader-facing text is scanned in its own language: the Markdown of items
and of `docs/`, and the `nl`/`en` values of the YAML files. Abbreviations must be explained.

Not scanned: code (fenced blocks found by `lft.source.mdscan`, inline code), link targets, HTML
tags and
attribute lists, quotations (blockquotes and text between double quotes) and the titles of
sources (the text of a link to another site), which the site quotes as they are; nor a section
heading the schema prescribes, which a contributor cannot change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lft.check.quick import Quick
from lft.check.style import STYLE_FILE, Style
from lft.placeholders import unfinished
from lft.problems import Problem, Severity, key_path
from lft.source import mdscan
from lft.source.labels import labels
from lft.source.load import MarkdownText, Reader, markdown_texts, read_text
from lft.source.memo import Remember, fresh, kept, kept_many
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES, Content, Document, Kind, plain_name
from lft.source.schemas import Schemas
from lft.workers import LIGHT, in_chunks

_ABBREVIATION = re.compile(r"(?<![\w-])[A-Z]{2,6}(?!\w)")
# Not prose: blanked out keeping the columns, after inline code (`mdscan.code_spans`). A source's
# title (the text of a link to another site) and a quotation are the source's words, not ours.
_NOT_PROSE = re.compile(
    r"\[[^\[\]\n]*\]\(https?://[^()\s]*\)"  # a link to another site, with its text
    r"|\]\([^()\s]*\)"  # a link target
    r"|<[^<>\n]*>"  # an HTML tag or an autolink
    r"|\{[:#.][^{}\n]*\}|\{\s*lang=[^{}\n]*\}"  # an attribute list
    r"|https?://\S+"  # a bare address
    r"|<!--(?:(?!<!--|-->).)*-->"  # a comment
    r'|"[^"\n]*"|“[^“”\n]*”|„[^„”“\n]*[”“]|«[^«»\n]*»'  # a quotation
    r"|(?<!\w)'[^'\n]*'(?!\w)|(?<!\w)‘[^‘’\n]*’(?!\w)",  # in single quotes, not an apostrophe
)
_FIND_ABBREVIATION, _FIND_NOT_PROSE = Quick(_ABBREVIATION), Quick(_NOT_PROSE)
_CAPITALS = re.compile(r"[A-Z]{2}")
"""What every abbreviation holds (a quick test)."""
"""The searches that pass over text quickly (`lft.check.quick`)."""
_QUOTATION = re.compile(r"^\s{0,3}>")
"""A line of a blockquote."""
KeyPath = tuple[str | int, ...]
_DEFINED = re.compile(r"^\*\[([^\]\n]+)\]:", re.MULTILINE)
"""An abbreviation a Markdown page explains itself (the `abbr` extension shows it on hover)."""
_NAME_PARTS = re.compile(r"\s+|(?<=\w)-(?=\w)")
"""What separates the words of a name: spaces, or a hyphen between two letters."""


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _word(form: str) -> str:
    return rf"(?<![\w-]){re.escape(form)}(?![\w-])"


@dataclass(frozen=True)
class Avoided:
    """A wording to avoid in one language: what finds it, what is wrong, what to write."""

    pattern: re.Pattern[str]
    needle: str
    """Lowercase text every match holds: a line without it is not searched (a quick test)."""
    problem: str
    """The message, with `{found}` for the words found."""
    hint: str
    right: str = ""
    """A spelling the pattern also finds that is right (an organisation's own)."""


def _glossary(content: Content) -> Iterator[tuple[str, Avoided]]:
    terms = content.glossary.entries if content.glossary else {}
    for entry in terms.values():
        if not isinstance(entry, dict):
            continue
        preferred = _mapping(entry.get("preferred"))
        for lang, listed in _mapping(entry.get("avoid")).items():
            use = preferred.get(lang) or preferred.get(DEFAULT_LANGUAGE, "")
            for form in listed if isinstance(listed, list) else []:
                yield (
                    lang,
                    _avoided(
                        form,
                        "'{found}' is a form this site avoids",
                        f"write '{use}' (content/glossary.yml)",
                    ),
                )


def _avoided(form: str, problem: str, hint: str) -> Avoided:
    """A form to avoid as a whole word, in any case."""
    return Avoided(re.compile(_word(form), re.IGNORECASE), form.lower(), problem, hint)


def _organisations(content: Content, style: Style) -> Iterator[tuple[str, Avoided]]:
    """Each organisation's one spelling: its names with another space or hyphen between the
    words (`FIU Nederland`), and the spellings `style.yml` lists (`FIU-NL`)."""
    entries = content.organisations.entries if content.organisations else {}
    for slug, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        names = {lang: str(_mapping(entry.get("name")).get(lang, "")) for lang in LANGUAGES}
        abbreviation = str(entry.get("abbreviation") or "")
        for lang in LANGUAGES:
            for name in filter(None, [plain_name(names[lang]), abbreviation]):
                words = [w for w in _NAME_PARTS.split(name) if w]
                if len(words) > 1:
                    joined = r"[ \t-]?".join(map(re.escape, words))
                    pattern = re.compile(rf"(?<![\w-]){joined}(?![\w-])")
                    # Every match holds every word: the longest is the rarest quick test.
                    yield lang, _misspelt(pattern, max(words, key=len), name, name)
            use = abbreviation or names[lang]
            for form in _mapping(style.organisations.get(slug)).get(lang, []):
                yield lang, _misspelt(re.compile(_word(form)), form, use)


def _misspelt(pattern: re.Pattern[str], needle: str, use: str, right: str = "") -> Avoided:
    return Avoided(
        pattern,
        needle.lower(),
        "'{found}' is not how this site spells the name",
        f"write '{use}' (content/organisations.yml)",
        right,
    )


def _style(style: Style) -> Iterator[tuple[str, Avoided]]:
    for lang, forms in style.address.items():
        for form, use in forms.items():
            yield (
                lang,
                _avoided(
                    form,
                    "'{found}' is not the site's form of address",
                    f"address the reader as '{use}' ({STYLE_FILE})",
                ),
            )
    for key, names in style.page_kinds.items():
        for lang, avoided in names.items():
            name = labels()[key][lang]
            for form in avoided:
                yield (
                    lang,
                    _avoided(
                        form,
                        "'{found}' is not the name of this kind of page",
                        f"call it '{name}' (src/lft/source/labels.yml: {key})",
                    ),
                )
    for entry in style.plain_language:
        yield (
            entry.lang,
            Avoided(
                re.compile(rf"(?<![\w-]){re.escape(entry.word)}\w*", re.IGNORECASE),
                entry.word.lower(),
                "'{found}' is not plain language (B1)",
                f"write '{entry.plain}' or the like ({STYLE_FILE})",
            ),
        )


@dataclass(frozen=True)
class Terminology:
    """What the glossary, the registry and the house style say about wording: avoided forms
    per language, and the abbreviations that are explained."""

    avoided: dict[str, list[Avoided]]
    abbreviations: frozenset[str]

    @classmethod
    def of(cls, content: Content, style: Style | None = None) -> Terminology:
        avoided: dict[str, list[Avoided]] = {lang: [] for lang in LANGUAGES}
        for lang, rule in [
            *_glossary(content),
            *_organisations(content, style or Style()),
            *_style(style or Style()),
        ]:
            avoided.setdefault(lang, []).append(rule)
        known: set[str] = set()
        terms = content.glossary.entries if content.glossary else {}
        for entry in terms.values():
            if not isinstance(entry, dict):
                continue
            for name in _mapping(entry.get("term")).values():
                known.update(_ABBREVIATION.findall(str(name)))
            if isinstance(entry.get("abbreviation"), str):
                known.update(_ABBREVIATION.findall(entry["abbreviation"]))
        organisations = content.organisations.entries if content.organisations else {}
        for organisation in organisations.values():
            if isinstance(organisation, dict):
                known.update(_ABBREVIATION.findall(str(organisation.get("abbreviation", ""))))
        return cls(avoided, frozenset(known))

    @cached_property
    def needles(self) -> dict[str, re.Pattern[str]]:
        """Per language, one search for every avoided wording's needle: a line in which it
        finds none holds no avoided wording (one test instead of one per wording)."""
        return {
            lang: re.compile("|".join(re.escape(avoided.needle) for avoided in rules))
            for lang, rules in self.avoided.items()
            if rules
        }

    @cached_property
    def _unsure(self) -> frozenset[str]:
        """The languages with a needle that blanking could make (see `may_find`)."""
        return frozenset(
            lang
            for lang, rules in self.avoided.items()
            for needle in (avoided.needle for avoided in rules)
            if needle != needle.strip(" ") or "  " in needle or {"σ", "ς"} & set(needle)
        )

    def may_find(self, text: str, lang: str) -> bool:
        """False where `line_problems` finds nothing in `text` for certain: it holds no two
        capitals (an abbreviation) and no needle of an avoided wording. Blanking what is not
        prose puts at least two spaces in each place, which makes neither, unless a needle
        starts or ends with a space, holds two, or holds a sigma (whose lower case depends on
        the letters next to it): in such a language every text is searched."""
        if lang in self._unsure or _CAPITALS.search(text):
            return True
        needles = self.needles.get(lang)
        return needles is not None and needles.search(text.lower()) is not None

    def line_problems(
        self,
        rel: str,
        line: int,
        col: int,
        text: str,
        lang: str,
        defined: frozenset[str] = frozenset(),
        *,
        markdown: bool = True,
    ) -> list[Problem]:
        """Problems in one line of prose that starts at (`line`, `col`) of `rel`; `defined` are
        the abbreviations its page explains itself (`*[ABC]: …`), which only Markdown can.
        A placeholder (`TODO`) is text still to write, which the guard reports: no abbreviation."""
        if not self.may_find(text, lang):
            return []  # most lines: one or two searches instead of blanking and four
        if "`" in text:
            for start, end in mdscan.code_spans(text):
                text = text[:start] + " " * (end - start) + text[end:]
        prose = _blank(text, _FIND_NOT_PROSE.finditer(text))
        problems = []

        def warning(at: int, message: str, hint: str) -> Problem:
            return Problem(rel, line, col + at, "", message, hint, Severity.WARNING)

        lower = prose.lower()
        needles = self.needles.get(lang)
        rules = self.avoided[lang] if needles is not None and needles.search(lower) else []
        for avoided in rules:
            if avoided.needle not in lower:
                continue
            for match in avoided.pattern.finditer(prose):
                if match.group() == avoided.right:
                    continue
                problems.append(
                    warning(
                        match.start(), avoided.problem.format(found=match.group()), avoided.hint
                    )
                )
        for match in _FIND_ABBREVIATION.finditer(prose):
            found = match.group()
            if found in self.abbreviations or found in defined or unfinished(found):
                continue
            explain = f"explain it on the page with a line '*[{found}]: …', " if markdown else ""
            problems.append(
                warning(
                    match.start(),
                    f"the abbreviation '{found}' is not in the glossary",
                    f"add a term with this abbreviation to content/glossary.yml, {explain}"
                    "or write the name in full",
                )
            )
        return problems


def _blank(text: str, matches: Iterator[re.Match[str]]) -> str:
    """`text` with each of `matches` replaced by as many spaces."""
    pieces: list[str] = []
    done = 0
    for match in matches:
        start, end = match.span()
        pieces += [text[done:start], " " * (end - start)]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def _markdown_lines(text: str, prescribed: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line of Markdown prose: not front matter, code, a quotation
    or a heading whose title is one of the `prescribed` section titles."""
    scan = mdscan.scan(text)
    headings = {heading.line: heading.title for heading in scan.headings}
    front = len(scan.lines) > 1 and scan.lines[0] == "---"
    for number, line in enumerate(scan.lines, start=1):
        if front:
            front = not (number > 1 and line == "---")
            continue
        if scan.in_code(number) or _QUOTATION.match(line):
            continue
        if headings.get(number) in prescribed:
            continue
        yield number, line


def yaml_texts(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str, str]]:
    """(path, language, text) of every `nl`/`en` text value in YAML data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LANGUAGES and isinstance(value, str):
                yield (*path, key), key, value
            else:
                yield from yaml_texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from yaml_texts(value, (*path, index))


def _yaml_problems(terms: Terminology, doc: Document, rel: str) -> list[Problem]:
    problems = []
    for path, lang, text in yaml_texts(doc.data):
        line, col = doc.where(path)
        flat = " ".join(text.split())
        for problem in terms.line_problems(rel, line, col, flat, lang, markdown=False):
            # A folded text has no column of its own per word: point at the value, name the key.
            problems.append(
                Problem(
                    rel, line, col, key_path(path), problem.message, problem.hint, problem.severity
                )
            )
    return problems


def _prescribed(schemas: Schemas) -> dict[str, frozenset[str]]:
    """Per prose file name (`intervention.nl.md`), the section titles its schema prescribes."""
    titles: dict[str, frozenset[str]] = {}
    for kind in Kind:
        if kind.schema in schemas.by_name:
            spec = schemas.markdown(kind)
            for lang in LANGUAGES:
                names = frozenset(s.titles[lang] for s in spec.sections)
                titles[f"{kind.value}.{lang}.md"] = names
    return titles


def check_terms(
    root: Path,
    content: Content,
    schemas: Schemas,
    style: Style,
    read: Reader = read_text,
    remember: Remember = fresh,
) -> list[Problem]:
    """Warnings for avoided forms, departures from the house `style` and unexplained
    abbreviations in every reader-facing text. `remember` keeps the warnings of a file's text
    for the next check (`lft.source.memo`)."""
    problems: list[Problem] = []
    terms = Terminology.of(content, style)
    prescribed = _prescribed(schemas)
    for item in content.items():
        made = functools.partial(_yaml_problems, terms, item.doc, item.source)
        problems += kept(remember, "terms", item.source, content.texts.get(item.source), made)
    for registry in content.registries():
        problems += _yaml_problems(terms, registry.doc, registry.source)
    texts, unreadable = markdown_texts(root, content, read)
    problems += unreadable  # a page that is not UTF-8 text is reported, not read
    jobs = [(markdown.path, markdown.text) for markdown in texts]

    def make(missing: list[int]) -> list[list[Problem]]:
        chosen = [texts[index] for index in missing]
        return in_chunks(_markdowns_problems, chosen, terms, prescribed, at_least=LIGHT)

    for found in kept_many(remember, "terms", jobs, make):
        problems += found
    return problems


def _markdowns_problems(
    texts: list[MarkdownText], terms: Terminology, prescribed: dict[str, frozenset[str]]
) -> list[list[Problem]]:
    return [_markdown_problems(terms, prescribed, markdown) for markdown in texts]


def _markdown_problems(
    terms: Terminology, prescribed: dict[str, frozenset[str]], markdown: MarkdownText
) -> list[Problem]:
    defined = frozenset(_DEFINED.findall(markdown.text))
    titles = prescribed.get(markdown.path.rsplit("/", 1)[-1], frozenset())
    if markdown.path.startswith("docs/"):
        titles = frozenset()
    return [
        problem
        for number, line in _markdown_lines(markdown.text, titles)
        for problem in terms.line_problems(markdown.path, number, 1, line, markdown.lang, defined)
    ]
