"""What the sources may hold: files of the repository only, of types the site knows and checks.

A symbolic link (git stores them) could publish any file of the machine that builds, like
`/etc/passwd` or the build's environment; it is refused wherever the site reads sources. A file
in `docs/` is published as the engine finds it, so only types that a check of ours reads (pages
and pictures) are accepted; `overrides/` takes only what a theme needs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from lft import pictures
from lft.problems import Problem

READ = ("content", "docs", "overrides", "schemas")
"""The folders the site is made from."""
DOCS_TYPES = frozenset({".md", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".ico"})
"""File types `docs/` may hold: Markdown pages and pictures, each read by a check. Styles and
scripts are the theme's (`overrides/assets/`): a stylesheet could load from another site or
draw a fake dialog over the page, and nothing checks one."""
OVERRIDES_TYPES = frozenset({".html", ".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".webp"})
"""File types `overrides/` may hold: the theme's templates, styles, scripts and pictures. It is
code: a change there needs a maintainer's review (`.github/CODEOWNERS`)."""
_LINK_HINT = "put the file itself in the repository, or remove the link"


def _entries(folder: Path) -> Iterator[Path]:
    """Every file, folder and link under `folder`, without following links."""
    for top, dirs, files in os.walk(folder, followlinks=False):
        base = Path(top)
        for name in sorted(dirs + files):
            yield base / name


def check_sources(root: Path) -> list[Problem]:
    """A problem for each symbolic link in the sources and each file type `docs/` may not hold."""
    problems = []
    for name in READ:
        folder = root / name
        if folder.is_symlink() and name != "schemas":  # the test fixture links the real schemas
            problems.append(
                Problem.whole_file(f"{name}/", "this folder is a symbolic link", _LINK_HINT)
            )
            continue
        for path in _entries(folder):
            rel = path.relative_to(root).as_posix()
            suffix = path.suffix.lower()
            if path.is_symlink():
                target = os.readlink(path)
                problems.append(
                    Problem.whole_file(
                        rel, f"a symbolic link (to {target}) is never published", _LINK_HINT
                    )
                )
            elif not path.is_file():
                continue
            elif name == "docs" and suffix not in DOCS_TYPES:
                problems.append(
                    Problem.whole_file(
                        rel,
                        f"a {path.suffix or 'extensionless'} file in docs/ would be published "
                        "unchecked",
                        "docs/ holds pages (.md) and pictures (.svg, .png, .jpg, .webp, .ico); "
                        "write a page as .md; styles and scripts belong to overrides/assets/",
                    )
                )
            elif name == "overrides" and suffix not in OVERRIDES_TYPES:
                problems.append(
                    Problem.whole_file(
                        rel,
                        f"a {path.suffix or 'extensionless'} file in overrides/ would be "
                        "published as it is",
                        "overrides/ holds the theme's templates (.html), styles (.css), scripts "
                        "(.js) and pictures (.svg, .png, .jpg, .webp) only",
                    )
                )
            elif suffix in pictures.TYPES and name != "schemas":
                problems += [
                    Problem.whole_file(
                        rel,
                        problem,
                        "save it again as a still picture of the type its name says "
                        "(.png, .jpg, .webp)",
                    )
                    for problem in pictures.problems(path.name, path.read_bytes())
                ]
    return problems
