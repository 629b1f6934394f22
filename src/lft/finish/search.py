"""Search for readers: a Pagefind index of the built site, one per page language.

Pagefind reads the built HTML, so it indexes what readers see. The templates mark what counts:
only readers' pages carry `data-pagefind-body` (the contributor and publisher guides and the 404
page do not, so they are left out), navigation sits outside it, and each page names its type in
`type` metadata, shown with each result. Each language's pages are indexed on their own, into
a bundle in that language's folder (`pagefind/`, `en/pagefind/`), which the pages of that
language load: a reader on an English page gets English results only, and Pagefind, which
holds every page it reads in memory (about a third of a megabyte a page,
Pagefind/pagefind#842), needs a third less than for one index of both languages. It is given
only the pages it indexes (`_indexed`) and leaves out the list on the overview of courses of
action (`LISTED`): at 3,000 items it peaks at 0.99 GB (1.08 GB before, 1.7 GB for both languages
at once; `BENCHMARKS.md`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES, language_root

BUNDLE = "pagefind"
"""The folder of each language's pages where Pagefind writes its index and search interface."""
ENTRY = "pagefind-entry.json"
"""Pagefind's list of the languages indexed, written in no fixed order."""
_BODY = re.compile(rb"data-pagefind-body", re.IGNORECASE)
"""What every page Pagefind indexes holds (the readers' pages, `overrides/main.html`). Pagefind
reads every page it is given and keeps what it read of each until it is done, also of a page it
leaves out for having none, so it is given only pages that hold this (a page that merely
mentions it is left out by Pagefind itself)."""
LISTED = ".lft-catalogue"
"""What Pagefind leaves out of the pages it indexes: the list of every course of action on
their overview page, which repeats what each course of action's own page says (a search found
the overview beside the page, once for each course of action it found)."""


class IndexFailed(OSError):
    """Pagefind could not index the site (an OSError, so a build reports it as failed)."""


def bundles(site: Path) -> list[str]:
    """Where the search bundles of `site` are, relative to it: the default language's at the
    root, and one in the folder of each other language the site has (none in a preview of one
    language, which is served at the root; `index_site` makes none for a folder without a page
    to find)."""
    roots = [language_root(lang) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return [BUNDLE] + [f"{root}{BUNDLE}" for root in roots if (site / root).is_dir()]


def index_site(site: Path) -> frozenset[str]:
    """Index the readers' pages of the built `site`, each language into its own bundle
    (`bundles`); the files written, relative to `site`."""
    written: list[str] = []
    folders = [(site / bundle).parent for bundle in bundles(site)]
    for bundle, folder in zip(bundles(site), folders, strict=True):
        shutil.rmtree(site / bundle, ignore_errors=True)  # a rebuild in the preview starts afresh
        others = [other for other in folders if other != folder and other.is_relative_to(folder)]
        pages = _indexed(folder, others)
        if not pages:
            continue  # no readers' page in this language (the 404 page of `lft serve --lang`)
        _index(pages, folder, site, site / bundle)
        _sort_entry(site / bundle / ENTRY)
        written += [
            path.relative_to(site).as_posix()
            for path in sorted((site / bundle).rglob("*"))
            if path.is_file()
        ]
    return frozenset(written)


def _indexed(folder: Path, others: list[Path]) -> list[Path]:
    """The pages under `folder`, but for those of other languages' `others`, that Pagefind
    indexes: those with a `data-pagefind-body` (`_BODY`)."""
    return [
        page
        for page in sorted(folder.rglob("*.html"))
        if not any(page.is_relative_to(other) for other in others)
        and _BODY.search(page.read_bytes())
    ]


def _index(pages: list[Path], folder: Path, site: Path, bundle: Path) -> None:
    """Pagefind over `pages` (under `folder`), its bundle written to `bundle`: it reads a hidden
    folder of hard links to them, made inside `site` (what an interrupted build leaves of it
    goes with the site's unfinished folder)."""
    view = Path(tempfile.mkdtemp(prefix=".pages-", dir=site))
    try:
        for page in pages:
            target = view / page.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
        command = [sys.executable, "-m", "pagefind", "--site", str(view)]
        command += ["--output-path", str(bundle), "--exclude-selectors", LISTED]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(view, ignore_errors=True)
    if result.returncode != 0:
        raise IndexFailed(f"Pagefind could not index {folder}: {result.stdout}{result.stderr}")


def _sort_entry(entry: Path) -> None:
    """Write the entry file with its keys sorted, so two builds of one commit are identical.

    Every other file Pagefind writes is named by and holds only its content; a `type` filter
    would not be (its files come out in a different order each run), hence metadata.
    """
    data = json.loads(entry.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    entry.write_text(text, encoding="utf-8")
