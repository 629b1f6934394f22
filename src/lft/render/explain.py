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
from collections.abc import Iterator

from lft.source import kinds
from lft.source.mdscan import code_spans, scan

_NOT_RUNNING_TEXT = ("#", ">", "|", "!!!", "???", "<", "-", "*", "+", "    ", "\t", ":", "[")
"""How a block starts when it is no paragraph of running text."""
_LIST_ITEM = re.compile(r"(?<!\d)\d+[.)]\s")
_MASKED = re.compile(
    r"\[[^\[\]]*\]\([^()]*\)"  # a link, its text and address
    r"|<[^<>]*>"  # an autolink or an HTML tag
    r"|“[^“”]*”|‘[^‘’]*’|„[^„”“]*[”“]|\"[^\"]*\"|«[^«»]*»"  # a quotation
)


def _forms(term: kinds.Term, lang: kinds.Language) -> Iterator[re.Pattern[str]]:
    """The ways running text names a term: its name without the part in brackets (in any case,
    unless it is written in capitals), and its abbreviation (as written)."""
    name: str = term["term"].get(lang, "")
    plain = name.split(" (", 1)[0].strip()
    if plain:
        flags = 0 if plain.isupper() else re.IGNORECASE
        yield re.compile(rf"(?<![\w-]){re.escape(plain)}(?![\w-])", flags)
    if term.get("abbreviation"):
        yield re.compile(rf"(?<![\w-]){re.escape(term['abbreviation'])}(?![\w-])")


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
    terms: kinds.Glossary,
    lang: kinds.Language,
    seen: set[str],
    glossary: str,
    labels: tuple[str, str],
) -> str:
    """`text` (Markdown) with an explanation after the first paragraph that uses each term not
    in `seen` yet; `seen` gains those terms. `glossary` is the link to the glossary page,
    `labels` what the explanation is called and the words of the link to an entry."""
    called, more = labels
    out: list[str] = []
    for block, prose in _blocks(text):
        out.append(block)
        if not prose:
            continue
        masked = _masked(block)
        found: list[tuple[int, str]] = []
        for slug, term in terms.items():
            if slug in seen or lang not in term["term"] or lang not in term["definition"]:
                continue
            hits = [m.start() for form in _forms(term, lang) if (m := form.search(masked))]
            if hits:
                found.append((min(hits), slug))
        for _, slug in sorted(found):
            seen.add(slug)
            term = terms[slug]
            out.append(
                "\n\n"
                f'<details class="lft-term" markdown>\n'
                f"<summary>{called}: {term['term'][lang]}</summary>\n\n"
                f"{term['definition'][lang]} [{more}]({glossary}#{slug})\n\n"
                "</details>"
            )
    return "\n".join(out)
