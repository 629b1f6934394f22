"""What the sources may hold: files of the repository only, of types the site knows and checks.

A symbolic link (git stores them) could publish any file of the machine that builds, like
`/etc/passwd` or the build's environment; it is refused wherever the site reads sources. A file
in `docs/` is published as the engine finds it, so only types that a check of ours reads (pages
and pictures) are accepted; `overrides/` takes only what a theme needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from lft.problems import Problem
from lft.source import pictures

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
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)}
)
"""Names Windows keeps for devices, with any extension: `CON.md` cannot be checked out there."""
_FORBIDDEN_CHARACTERS = frozenset('<>:"\\|?*')
"""Characters Windows refuses in a file name."""
_LANGUAGE_SUFFIXES = (".en", ".nl")
_NAME_HINT = "rename it to lowercase letters, digits and hyphens, like about-us.md"


def listing(folder: Path) -> list[os.DirEntry[str]]:
    """What `folder` holds, by name: one system call for the folder, none per file (an entry
    knows whether it is a folder, a file or a link)."""
    with os.scandir(folder) as found:
        return sorted(found, key=lambda entry: entry.name)


Lister = Callable[[Path], list[os.DirEntry[str]]]
"""`listing`, or a `Listings` that asks the system once per folder."""


class Listings:
    """What each folder holds (`listing`), asked of the system the first time only: the walks
    of one command (the loader's, the guard's, the checks of identity and of the sources) share
    one. An entry's kind (folder, file, link) is kept with it; its `stat()` would be kept too,
    so what needs a file's time or size (`lft.check.project.fingerprint`) walks afresh."""

    def __init__(self) -> None:
        self.found: dict[str, list[os.DirEntry[str]] | None] = {}
        """By the folder's path: what it holds, or None when it could not be read."""

    def __call__(self, folder: Path) -> list[os.DirEntry[str]]:
        key = os.fspath(folder)
        if key not in self.found:
            try:
                self.found[key] = listing(folder)
            except OSError:
                self.found[key] = None
        found = self.found[key]
        if found is None:
            raise NotADirectoryError(f"cannot list {key}")
        return found


def entries(
    folder: Path, rel: str, lister: Lister = listing
) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file, folder and link under `folder`, whose own path (from the project's root,
    say) is `rel`, each with its path `rel/…`: each folder's by name and before what it holds;
    a link is listed, never followed. An entry knows whether it is a folder, a file or a link
    without asking the system again, so one walk serves every check of a large tree. A folder
    that cannot be read is passed over, as `os.walk` does. `lister` lists each folder."""
    try:
        found = lister(folder)
    except OSError:
        return
    for entry in found:
        path = f"{rel}/{entry.name}" if rel else entry.name
        yield path, entry
        if entry.is_dir(follow_symlinks=False):
            yield from entries(Path(entry.path), path, lister)


def name_problem(name: str, folder: str) -> str | None:
    """Why a file or folder may not have `name` (a checkout on Windows or macOS, or the site,
    would lose or mix it up), or None."""
    stem = name.split(".", 1)[0]
    if stem.upper() in _RESERVED:
        return f"'{name}' is a name Windows keeps for a device, so the file cannot be checked out"
    if _FORBIDDEN_CHARACTERS & set(name) or name.endswith((".", " ")):
        return f"'{name}' holds a character Windows does not allow in a file name"
    if folder.split("/", 1)[0] == "docs" and name.endswith(".md"):
        page = name[: -len(".md")]
        for suffix in _LANGUAGE_SUFFIXES:
            page = page.removesuffix(suffix)
        if "." in page:
            return (
                f"the page name '{page}' holds a dot, so its address would clash with a file "
                "of the site (like index.html)"
            )
    return None


def _clashes(found: list[str]) -> list[Problem]:
    """Each name among `found` (the paths of what a folder holds) that another one beside it
    equals in another case, and each bad name."""
    problems = []
    seen: dict[tuple[str, str], str] = {}
    for rel in found:
        parent, name = rel.rsplit("/", 1)
        bad = name_problem(name, parent)
        if bad:
            problems.append(Problem.whole_file(rel, bad, _NAME_HINT))
        first = seen.setdefault((parent, name.casefold()), name)
        if first != name:
            problems.append(
                Problem.whole_file(
                    rel,
                    f"'{name}' and '{first}' differ only in capitals; on Windows and macOS "
                    "they are one file, so one of them would be lost",
                    "give one of them another name, in lowercase",
                )
            )
    return problems


def check_sources(root: Path, lister: Lister = listing) -> list[Problem]:
    """A problem for each symbolic link in the sources and each file type `docs/` may not hold
    (`lister` lists each folder)."""
    problems = []
    for name in READ:
        folder = root / name
        if folder.is_symlink() and name != "schemas":  # the test fixture links the real schemas
            problems.append(
                Problem.whole_file(f"{name}/", "this folder is a symbolic link", _LINK_HINT)
            )
            continue
        found = list(entries(folder, name, lister))
        problems += _clashes([rel for rel, _entry in found])
        for rel, entry in found:
            suffix = os.path.splitext(entry.name)[1].lower()
            if entry.is_symlink():
                target = os.readlink(entry.path)
                problems.append(
                    Problem.whole_file(
                        rel, f"a symbolic link (to {target}) is never published", _LINK_HINT
                    )
                )
            elif not entry.is_file(follow_symlinks=False):
                continue
            elif name == "docs" and suffix not in DOCS_TYPES:
                problems.append(
                    Problem.whole_file(
                        rel,
                        f"a {Path(entry.name).suffix or 'extensionless'} file in docs/ would be "
                        "published unchecked",
                        "docs/ holds pages (.md) and pictures (.svg, .png, .jpg, .webp, .ico); "
                        "write a page as .md; styles and scripts belong to overrides/assets/",
                    )
                )
            elif name == "overrides" and suffix not in OVERRIDES_TYPES:
                problems.append(
                    Problem.whole_file(
                        rel,
                        f"a {Path(entry.name).suffix or 'extensionless'} file in overrides/ "
                        "would be published as it is",
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
                    for problem in pictures.problems(entry.name, Path(entry.path).read_bytes())
                ]
    return problems
