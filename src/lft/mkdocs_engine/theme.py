"""What the theme ships itself: its inline scripts and the files it copies (`trust`).

Read from the theme's own templates and folders, so the core's checks of the output can tell
the theme's scripts and files from anything else, in a build and in the preview.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from lft.checks import Trust

SCRIPT_PARTIALS = "partials/javascripts"
"""Where Material keeps the inline scripts it writes into every page."""
GENERATED = frozenset({"sitemap.xml", "sitemap.xml.gz"})
"""The files MkDocs and Material write themselves, beside pages and copies."""
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_VALUE = re.compile(r"\\\{\\\{[^{}]*?\\\}\\\}")
"""A `{{ … }}` of a template, as `re.escape` writes it."""
_OPEN_VALUE = r"[^\"'<>\\]*"
"""What a template value may become in a trusted script: a string without quotes or markup."""


def trust(config: MkDocsConfig) -> Trust:
    """What this engine ships itself: the theme's inline scripts and the files it copies.

    The scripts are read from the theme's own templates, each value the template fills in
    left open as a quoted string without markup, so a new theme release needs no change here.
    """
    dirs = [Path(d) for d in config.theme.dirs]
    scripts: list[re.Pattern[str]] = []
    for folder in dirs:
        for partial in sorted((folder / SCRIPT_PARTIALS).glob("*.html")):
            for body in _INLINE_SCRIPT.findall(partial.read_text(encoding="utf-8")):
                pattern = _TEMPLATE_VALUE.sub(lambda _: _OPEN_VALUE, re.escape(body))
                scripts.append(re.compile(pattern))
    copies: dict[str, Path] = {}
    for folder in [*reversed(dirs), Path(config.docs_dir)]:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in {".html", ".md", ".py"}:
                copies[path.relative_to(folder).as_posix()] = path
    return Trust(tuple(scripts), copies, GENERATED)
