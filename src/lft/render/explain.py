"""Glossary terms explained where they stand: the first time a page's running text uses a term
of the glossary, a short explanation follows the paragraph, in the page's language, with a link
to the glossary entry.

The explanation is a `<details>` element: it opens by touch, keyboard and screen reader alike,
without JavaScript, and stays out of the way until asked. Only paragraphs count: never headings,
lists, tables, quotations or code, and within a paragraph never link text, inline code or text
in quotation marks. Each term is explained at most once per page.
"""

from __future__ import annotations

import re
from functools import cache

from lft.source import kinds
from lft.source.mdscan import code_spans, scan
from lft.source.model import term_forms

_NOT_RUNNING_TEXT = ("#", ">", "|", "!!!", "???", "<", "-", "*", "+", "    ", "\t", ":", "[")
"""How a block starts when it is no paragraph of running text."""
_LIST_ITEM = re.compile(r"(?<!\d)\d+[.)]\s")
_MASKED = re.compile(
    r"\[[^\[\]]*\]\([^()]*\)"  # a link, its text and address
    r"|<[^<>]*>"  # an autolink or an HTML tag
    r"|“[^“”]*”|‘[^‘’]*’|„[^„”“]*[”“]|\"[^\"]*\"|«[^«»]*»"  # a quotation
)


Form = tuple[str, bool, re.Pattern[str]]
"""One way running text names a term: a needle the text must hold for the pattern to match
(case-folded when case is ignored: a quick test before the search), and the pattern."""


def _forms(term: kinds.Term, lang: kinds.Language) -> tuple[Form, ...]:
    """The ways running text names a term (`lft.source.model.term_forms`)."""
    name: str = term["term"].get(lang, "")
    return _compiled(name, term.get("abbreviation") or "")


@cache
def _compiled(name: str, abbreviation: str) -> tuple[Form, ...]:
    """The forms of a name and an abbreviation, compiled once per process."""
    forms: list[Form] = []
    for words, fold, _field in term_forms(name, abbreviation):
        pattern = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])", re.I if fold else 0)
        forms.append((words.casefold() if fold else words, fold, pattern))
    return tuple(forms)


_WORD = re.compile(r"\w+")


class Terms:
    """The glossary's terms that running text in one language can name, made once per render
    and language: each with its forms, and found from the words of a paragraph, so a paragraph
    is searched only for the terms whose first word it holds (not for every term of a glossary
    that grows with the site)."""

    def __init__(self, glossary: kinds.Glossary, lang: kinds.Language) -> None:
        self.glossary = glossary
        self.lang = lang
        self.named = [
            (slug, _forms(term, lang))
            for slug, term in glossary.items()
            if lang in term["term"] and lang in term["definition"]
        ]
        self.by_folded_word: dict[str, list[int]] = {}
        """The terms with a form that ignores case, by its first word (case-folded)."""
        self.by_word: dict[str, list[int]] = {}
        """The terms with a form written as it must stand, by its first word."""
        self.always: list[int] = []
        """The terms with a form that does not start with a word: searched in every paragraph."""
        for index, (_slug, forms) in enumerate(self.named):
            for needle, fold, _pattern in forms:
                first = _WORD.match(needle)
                if first is None:
                    self.always.append(index)
                else:
                    table = self.by_folded_word if fold else self.by_word
                    table.setdefault(first.group(), []).append(index)

    def candidates(self, masked: str, folded: str) -> set[int]:
        """The terms whose first word stands in a paragraph (`masked`, and `folded`, the same
        case-folded): every term one of whose forms the paragraph can hold."""
        found = set(self.always)
        for word in set(_WORD.findall(folded)):
            found.update(self.by_folded_word.get(word, ()))
        for word in set(_WORD.findall(masked)):
            found.update(self.by_word.get(word, ()))
        return found


def _masked(block: str) -> str:
    """`block` with code, links and quotations blanked out, offsets kept."""
    chars = list(block)
    spans = code_spans(block) + [m.span() for m in _MASKED.finditer(block)]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _blocks(text: str) -> list[tuple[str, bool]]:
    """The blocks of `text` (separated by blank lines), each with whether it is running text."""
    scanned = scan(text)
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    prose = True
    for number, line in enumerate(scanned.lines, start=1):
        if not line.strip() and not scanned.in_code(number):
            if current:
                blocks.append(("\n".join(current), prose))
            current, prose = [], True
            blocks.append((line, False))
            continue
        if not current:
            prose = not (
                scanned.in_code(number)
                or line.startswith(_NOT_RUNNING_TEXT)
                or _LIST_ITEM.match(line)
            )
        elif scanned.in_code(number):
            prose = False
        current.append(line)
    if current:
        blocks.append(("\n".join(current), prose))
    return blocks


def explain(
    text: str,
    terms: Terms,
    seen: set[str],
    glossary: str,
    labels: tuple[str, str],
) -> str:
    """`text` (Markdown) with an explanation after the first paragraph that uses each term not
    in `seen` yet; `seen` gains those terms. `glossary` is the link to the glossary page,
    `labels` what the explanation is called and the words of the link to an entry."""
    called, more = labels
    lang = terms.lang
    out: list[str] = []
    for block, prose in _blocks(text):
        out.append(block)
        if not prose:
            continue
        masked = _masked(block)
        folded = masked.casefold()  # holds every needle of a name the pattern finds in any case
        found: list[tuple[int, str]] = []
        for index in terms.candidates(masked, folded):
            slug, forms = terms.named[index]
            if slug in seen:
                continue
            hits = [
                m.start()
                for needle, fold, form in forms
                if needle in (folded if fold else masked) and (m := form.search(masked))
            ]
            if hits:
                found.append((min(hits), slug))
        for _, slug in sorted(found):
            seen.add(slug)
            term = terms.glossary[slug]
            out.append(
                "\n\n"
                f'<details class="lft-term" markdown>\n'
                f"<summary>{called}: {term['term'][lang]}</summary>\n\n"
                f"{term['definition'][lang]} [{more}]({glossary}#{slug})\n\n"
                "</details>"
            )
    return "\n".join(out)
