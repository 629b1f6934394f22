"""Search for readers: a Pagefind index of the built site, one per page language.

Pagefind reads the built HTML, so it indexes what readers see. The templates mark what counts:
only readers' pages carry `data-pagefind-body` (the contributor and publisher guides and the 404
page do not, so they are left out), navigation sits outside it, and each page names its type in
`type` metadata, shown with each result. Pagefind splits the index by `<html lang>` and stems
each language by it, so a reader on an English page gets English results only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"
"""The folder of the site where Pagefind writes its index and its search interface."""
ENTRY = "pagefind-entry.json"
"""Pagefind's list of the languages indexed, written in no fixed order."""


class IndexFailed(OSError):
    """Pagefind could not index the site (an OSError, so a build reports it as failed)."""


def index_site(site: Path) -> frozenset[str]:
    """Index the readers' pages of the built `site`; the files written, relative to `site`."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # a rebuild in the preview starts afresh
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise IndexFailed(f"Pagefind could not index {site}: {result.stdout}{result.stderr}")
    _sort_entry(bundle / ENTRY)
    return frozenset(
        path.relative_to(site).as_posix() for path in sorted(bundle.rglob("*")) if path.is_file()
    )


def _sort_entry(entry: Path) -> None:
    """Write the entry file with its keys sorted, so two builds of one commit are identical.

    Every other file Pagefind writes is named by and holds only its content; a `type` filter
    would not be (its files come out in a different order each run), hence metadata.
    """
    data = json.loads(entry.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    entry.write_text(text, encoding="utf-8")
