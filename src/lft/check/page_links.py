"""Links from an item's prose to a page of `docs/`: `[Vermoeden melden](docs:report.md)`.

An item's Markdown cannot link a page by a relative path (the publication guard's `link` rule:
its pages are generated, at addresses of their own). It names the page of `docs/` instead, by
its Dutch file name, after `docs:`. `lft check` refuses such a link when the page is missing in
either language (`docs/report.md` and `docs/report.en.md`), at its line and column with a
did-you-mean; the renderer writes it as a relative link from the item's page, which the site's
language plugin turns into the page of the same language (`lft.render.pages`). A section
cannot be named: its address differs between the languages. In code, `docs:` is text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lft.check.schemacheck import did_you_mean
from lft.problems import Problem
from lft.source import mdscan
from lft.source.model import Content

PREFIX = "docs:"
"""What starts the address of a link from an item's prose to a page of `docs/`."""
_LINK = re.compile(r"\]\(docs:(?P<target>[^\s()]*)\)")
_NAME = re.compile(r"[a-z0-9_-]+")
_EXAMPLE = "[Vermoeden melden](docs:report.md)"


@dataclass(frozen=True)
class PageLink:
    """A link to a page of `docs/` in a Markdown text: where its target starts (1-based line
    and column, and offsets in its line) and the target as written."""

    line: int
    col: int
    start: int
    end: int
    target: str


def page_links(text: str) -> Iterator[PageLink]:
    """Every link to a page of `docs/` in `text`, outside code, in reading order."""
    scan = mdscan.scan(text)
    for number, line in enumerate(scan.lines, start=1):
        if PREFIX not in line or scan.in_code(number):
            continue
        spans = mdscan.code_spans(line)
        for found in _LINK.finditer(line):
            if any(start <= found.start() < end for start, end in spans):
                continue
            start = found.start("target") - len(PREFIX)
            yield PageLink(number, start + 1, start, found.end("target"), found["target"])


def linked(text: str, url: Callable[[str], str]) -> str:
    """`text` with each link to a page of `docs/` addressed by `url` (the page's file name →
    the address from the page being written)."""
    lines = text.split("\n")
    for link in reversed(list(page_links(text))):
        line = lines[link.line - 1]
        lines[link.line - 1] = line[: link.start] + url(link.target) + line[link.end :]
    return "\n".join(lines)


def _pages(docs: Path) -> set[str]:
    """The Dutch file names of the pages of `docs/`, like `report.md`."""
    if not docs.is_dir():
        return set()
    found = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    return {name for name in found if not name.endswith(".en.md")}


def bilingual_pages(root: Path) -> set[str]:
    """The pages of `docs/` in both languages, by their Dutch file name: the pages a generated
    page may link."""
    docs = root / "docs"
    return {page for page in _pages(docs) if (docs / _english(page)).is_file()}


def _english(page: str) -> str:
    return page[: -len(".md")] + ".en.md"


def _problem(page: str, pages: set[str]) -> tuple[str, str] | None:
    """What is wrong with a link to `page` (message, hint), or None."""
    if "#" in page:
        return (
            f"the link to '{page}' names a section",
            "link the page alone (docs:report.md): the address of a section differs between "
            "the languages",
        )
    parts = page.removesuffix(".md").split("/")
    if not page.endswith(".md") or not all(_NAME.fullmatch(part) for part in parts):
        return (
            f"'{page}' is not the name of a page of docs/",
            f"name the Dutch page's file under docs/, like {_EXAMPLE}; the site links the "
            "page of the reader's language",
        )
    if page not in pages:
        hint = did_you_mean(page, pages) or "the pages are: " + ", ".join(sorted(pages))
        return f"no page docs/{page}", hint
    return None


def check_page_links(root: Path, content: Content) -> list[Problem]:
    """Each link of an item's prose to a page of `docs/` that is missing in either language,
    names a section or is no page name."""
    docs = root / "docs"
    pages = _pages(docs)
    problems = []
    for item in content.items():
        for prose in item.prose.values():
            for link in page_links(prose.text):
                wrong = _problem(link.target, pages)
                if wrong is None and not (docs / _english(link.target)).is_file():
                    wrong = (
                        f"docs/{link.target} has no English page",
                        f"write docs/{_english(link.target)}, or link another page",
                    )
                if wrong:
                    problems.append(Problem(prose.path, link.line, link.col, "", *wrong))
    return problems
