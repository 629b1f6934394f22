"""Search for readers: a Pagefind index of the built site, one per page language.

Pagefind reads the built HTML, so it indexes what readers see. The templates mark what counts:
only readers' pages carry `data-pagefind-body` (the contributor and publisher guides and the 404
page do not, so they are left out), navigation sits outside it, and each page names its type in
`type` metadata, shown with each result. Each language's pages are indexed on their own, into
a bundle in that language's folder (`pagefind/`, `en/pagefind/`), which the pages of that
language load: a reader on an English page gets English results only, and Pagefind, which
holds every page it indexes in memory (about a third of a megabyte a page,
Pagefind/pagefind#842), needs a third less than for one index of both languages (1.08 GB
instead of 1.7 GB at 3,000 items, `BENCHMARKS.md`).
"""

from __future__ import annotations

import json
import os
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


class IndexFailed(OSError):
    """Pagefind could not index the site (an OSError, so a build reports it as failed)."""


def bundles(site: Path) -> list[str]:
    """Where the search bundles of `site` are, relative to it: the default language's at the
    root, and one in the folder of each other language the site has (none in a preview of one
    language, which is served at the root)."""
    roots = [language_root(lang) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return [BUNDLE] + [f"{root}{BUNDLE}" for root in roots if (site / root).is_dir()]


def index_site(site: Path) -> frozenset[str]:
    """Index the readers' pages of the built `site`, each language into its own bundle
    (`bundles`); the files written, relative to `site`."""
    written: list[str] = []
    for bundle in bundles(site):
        folder = (site / bundle).parent
        shutil.rmtree(site / bundle, ignore_errors=True)  # a rebuild in the preview starts afresh
        if folder == site:
            _index_own_pages(site, site / bundle)
        else:
            _index(folder, site / bundle)
        _sort_entry(site / bundle / ENTRY)
        written += [
            path.relative_to(site).as_posix()
            for path in sorted((site / bundle).rglob("*"))
            if path.is_file()
        ]
    return frozenset(written)


def _index_own_pages(site: Path, bundle: Path) -> None:
    """Index the pages at the root of `site` and below it, but for the other languages' folders:
    Pagefind reads a hidden folder of hard links to them, made inside the site (what an
    interrupted build leaves of it goes with the site's unfinished folder)."""
    others = [(site / other).parent for other in bundles(site)[1:]]
    pages = [
        page
        for page in site.rglob("*.html")
        if not any(page.is_relative_to(folder) for folder in others)
    ]
    view = Path(tempfile.mkdtemp(prefix=".pages-", dir=site))
    try:
        for page in pages:
            target = view / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
        _index(view, bundle)
    finally:
        shutil.rmtree(view, ignore_errors=True)


def _index(pages: Path, bundle: Path) -> None:
    """Pagefind over the HTML under `pages`, its bundle written to `bundle`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(bundle)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise IndexFailed(f"Pagefind could not index {pages}: {result.stdout}{result.stderr}")


def _sort_entry(entry: Path) -> None:
    """Write the entry file with its keys sorted, so two builds of one commit are identical.

    Every other file Pagefind writes is named by and holds only its content; a `type` filter
    would not be (its files come out in a different order each run), hence metadata.
    """
    data = json.loads(entry.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    entry.write_text(text, encoding="utf-8")
