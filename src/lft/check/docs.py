"""Check the hand-written pages of `docs/`: both languages, their front matter, their links."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from lft.check.schemacheck import did_you_mean
from lft.problems import Problem
from lft.source.load import Reader, read_text
from lft.source.yamlsource import parse

FRONT_MATTER_KEYS = ("title", "description")
"""What the front matter of a hand-written page may set: the engine reads other keys as its own
settings (`template:` would choose a theme file, `hide:` drop the navigation)."""


def check_docs(root: Path, read: Reader = read_text) -> list[Problem]:
    """Hand-written pages exist in both languages."""
    problems: list[Problem] = []
    docs = root / "docs"
    if not docs.is_dir():
        return problems
    pages = set()
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if path.is_file():
            pages.add(page)
        else:
            problems.append(
                Problem.whole_file(
                    f"docs/{page}",
                    "a folder has the name of a page",
                    "a page is a Markdown file; rename the folder or move the page out of it",
                )
            )
    for page in sorted(pages):
        problems += check_front_matter(docs / page, f"docs/{page}", read)
        if page.endswith(".en.md"):
            counterpart = page[: -len(".en.md")] + ".md"
            missing_lang = "Dutch"
        else:
            counterpart = page[: -len(".md")] + ".en.md"
            missing_lang = "English"
        if counterpart not in pages:
            problems.append(
                Problem.whole_file(
                    f"docs/{page}",
                    f"the {missing_lang} version is missing",
                    f"add docs/{counterpart}",
                )
            )
    return problems


def check_front_matter(path: Path, rel: str, read: Reader = read_text) -> list[Problem]:
    """The front matter of a hand-written page (between `---` lines at its start) holds only
    FRONT_MATTER_KEYS, each a text."""
    text = read(path, rel)[0]
    if text is None or not text.startswith("---\n"):
        return []  # unreadable (the guard says why) or without front matter
    end = text.find("\n---\n", 3)
    block = text[4 : end + 1] if end >= 0 else text[4:]
    doc, problems = parse(block, rel)
    if doc is None:
        return [replace(p, line=p.line + 1) for p in problems]
    problems = [replace(p, line=p.line + 1) for p in problems]
    if not isinstance(doc.data, dict):
        return [*problems, Problem(rel, 2, 1, "", "the front matter must hold 'key: value' lines")]
    allowed = ", ".join(FRONT_MATTER_KEYS)
    for key, value in doc.data.items():
        line, col = doc.where((key,), key=True)
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                Problem(
                    rel,
                    line + 1,
                    col,
                    key,
                    f"unknown front matter key '{key}'",
                    f"a page's front matter may set only {allowed}; remove this line",
                )
            )
        elif not isinstance(value, str):
            line, col = doc.where((key,))
            problems.append(Problem(rel, line + 1, col, key, "expected a text on one line"))
    return problems


def check_docs_links(root: Path, generated: set[str], read: Reader = read_text) -> list[Problem]:
    """A relative link of a hand-written page leads to a page or file of the site: one of
    `docs/` or a `generated` page (by source path, like `interventions/wet-bibob.md`). The
    engine would refuse the build for it, in its own words; `lft check` says it first."""
    from lft.check.guard.html import targets
    from lft.check.guard.markdown import without_code
    from lft.check.guard.text import Text

    docs = root / "docs"
    problems = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        text = read(path, f"docs/{rel}")[0]
        if text is None or not path.is_file():
            continue
        where = Text(f"docs/{rel}", text)
        for target, offset, _image in targets(without_code(text)):
            page = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
            if not page or page.startswith("/") or page.endswith("/") or ":" in page:
                continue  # an anchor, a folder, a site-absolute or another site's address
            found = posixpath.normpath(posixpath.join(posixpath.dirname(rel), page))
            if found.startswith("../") or found in generated or (docs / found).is_file():
                continue  # outside docs/: the guard says so
            line, col = where.where(offset)
            hint = did_you_mean(page, generated | _docs_files(docs), cutoff=0.8)
            problems.append(
                Problem(
                    f"docs/{rel}",
                    line,
                    col,
                    "",
                    f"the link '{target}' leads to no page or file of the site",
                    hint
                    or "link to a page of docs/ (like about.md) or a generated page "
                    "(like interventions/index.md)",
                )
            )
    return problems


def _docs_files(docs: Path) -> set[str]:
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
