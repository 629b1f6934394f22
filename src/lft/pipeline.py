"""Prepare a complete site source before any engine runs: check → render → stage.

The result is a folder of Markdown pages in both languages (`docs/` with the generated pages and
the content's assets) that any engine which reads Python-Markdown with `lft.mdext` turns into
the same, sanitised site. Nothing here imports an engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from lft.content_check import Checked, check_project
from lft.feeds import feed_files
from lft.identity import site_address
from lft.opendata import data_files, data_pages, publisher_names
from lft.outputs import MARKER
from lft.publisher import load_publisher, publisher_pages
from lft.render import Page, content_assets, render_pages
from lft.stage import stage
from lft.translations import outdated_pages


@dataclass(frozen=True)
class Prepared:
    """A staged site source and what went into it."""

    checked: Checked
    pages: list[Page]
    """The generated pages; empty when the content has errors (then only `docs/` is staged)."""
    source: Path
    staged: bool = True
    """False when errors left the last staged source in place (a preview keeps showing it)."""

    @property
    def sources(self) -> dict[str, str | None]:
        """Each generated page and the content file it comes from (None for an overview)."""
        return {page.src_uri: page.source for page in self.pages}


def prepare(
    root: Path, source: Path, *, allow_drafts: bool = False, today: dt.date | None = None
) -> Prepared:
    """Check `root`'s content and stage the site source into `source`.

    With errors, a source staged before stays as it was, and a new one gets the hand-written
    pages only, so a preview keeps running; a build refuses such a result. `allow_drafts` shows
    drafts, for a preview only.
    """
    checked = check_project(root, allow_drafts=allow_drafts, today=today)
    shown = checked.content if allow_drafts else checked.site_content
    if checked.errors and (source / MARKER).is_file():
        return Prepared(checked, [], source, staged=False)
    pages: list[Page] = []
    files: dict[str, bytes] = {}
    if not checked.errors:
        publisher = load_publisher(root)[0]
        pages = render_pages(shown, set(outdated_pages(root, shown)))
        pages += publisher_pages(publisher) + data_pages(publisher)
        base = site_address(publisher)
        files = data_files(shown, publisher, base)
        files |= feed_files(shown, base, publisher_names(publisher))
    stage(pages, content_assets(shown, root), root / "docs", source, files)
    return Prepared(checked, pages, source)
