"""What the theme ships itself: its inline scripts and the files it copies (`trust`).

Read from the theme's own templates and folders, so the core's checks of the output can tell
the theme's scripts and files from anything else, in a build and in the preview. An installed
theme's folders are read once per process (`list_installed_once` for the engine's own listing).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme

from lft.finish.scan import Trust

SCRIPT_PARTIALS = "partials/javascripts"
"""Where Material keeps the inline scripts it writes into every page."""
GENERATED = frozenset({"sitemap.xml", "sitemap.xml.gz"})
"""The files MkDocs and Material write themselves, beside pages and copies."""
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_VALUE = re.compile(r"\\\{\\\{[^{}]*?\\\}\\\}")
"""A `{{ … }}` of a template, as `re.escape` writes it."""
_OPEN_VALUE = r"[^\"'<>\\]*"
"""What a template value may become in a trusted script: a string without quotes or markup."""
_INSTALLED = Path(sys.prefix).resolve()
"""Where installed packages, the theme among them, live."""


def trust(config: MkDocsConfig) -> Trust:
    """What this engine ships itself: the theme's inline scripts and the files it copies.

    The scripts are read from the theme's own templates, each value the template fills in
    left open as a quoted string without markup, so a new theme release needs no change here.
    """
    dirs = [Path(d) for d in config.theme.dirs]
    scripts: list[re.Pattern[str]] = []
    copies: dict[str, Path] = {}
    for folder in reversed(dirs):
        # An installed theme does not change while the process runs; the project's own
        # overrides may (the preview), so they are read again each time.
        read = _installed if _is_installed(folder) else _folder
        found_scripts, found_copies = read(folder)
        scripts[:0] = found_scripts
        copies.update(found_copies)
    copies.update(_copies(Path(config.docs_dir)))
    return Trust(tuple(scripts), copies, GENERATED)


def _folder(folder: Path) -> tuple[list[re.Pattern[str]], dict[str, Path]]:
    """A theme folder's inline scripts and the files it copies."""
    scripts: list[re.Pattern[str]] = []
    for partial in sorted((folder / SCRIPT_PARTIALS).glob("*.html")):
        for body in _INLINE_SCRIPT.findall(partial.read_text(encoding="utf-8")):
            pattern = _TEMPLATE_VALUE.sub(lambda _: _OPEN_VALUE, re.escape(body))
            scripts.append(re.compile(pattern))
    return scripts, _copies(folder)


_installed = functools.cache(_folder)
"""`_folder` of an installed theme, read once per process."""


def _copies(folder: Path) -> dict[str, Path]:
    """The files of `folder` the engine may copy: none hidden (it never copies those), so
    Material's 14,000 icons in `.icons` are not listed."""
    found: dict[str, Path] = {}
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(top, name)
            if not name.startswith(".") and path.suffix not in {".html", ".md", ".py"}:
                found[path.relative_to(folder).as_posix()] = path
    return found


def _is_installed(folder: Path) -> bool:
    return _INSTALLED in folder.resolve().parents


@functools.cache
def _installed_templates(folder: str) -> list[str]:
    """The files of an installed theme folder but the hidden ones (Material's `.icons`), which
    the engine never copies and its templates never load by listing."""
    return [
        name
        for name in FileSystemLoader(folder).list_templates()
        if not any(part.startswith(".") for part in name.split("/"))
    ]


class _Listing(FileSystemLoader):
    """The theme's folders, as the engine's own loader reads them, with the listing of an
    installed folder made once per process (and without its hidden files)."""

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.searchpath:
            if _is_installed(Path(folder)):
                names.update(_installed_templates(folder))
            else:
                names.update(FileSystemLoader(folder).list_templates())
        return sorted(names)


def list_installed_once(theme: Theme) -> None:
    """Let the engine list the files of an installed theme once per process: it lists them on
    every build of each language to find what to copy (leaving hidden files out), and Material
    ships some 14,000 icons in a hidden folder (0.3 s a listing). What it loads and copies is
    the same."""
    if getattr(theme, "_lft_listing", False):
        return
    made = theme.get_env

    def get_env() -> Environment:
        env = made()
        env.loader = _Listing(theme.dirs)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
    theme._lft_listing = True  # type: ignore[attr-defined]
