"""Prepare a complete site source before any engine runs: check → render → stage.

The result is a folder of Markdown pages in both languages (`docs/` with the generated pages and
the content's assets) that any engine which reads Python-Markdown with `lft.engine.mdext` turns into
the same, sanitised site. Nothing here imports an engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from lft.check.identity import site_address
from lft.check.page_links import bilingual_pages
from lft.check.project import Checked, Project, check_project
from lft.check.translations import outdated_pages
from lft.check.unconfirmed import RULE as UNCONFIRMED
from lft.check.unconfirmed import highlighted, without
from lft.check.unconfirmed_fields import released
from lft.outputs import MARKER
from lft.problems import Problem
from lft.render.feeds import feed_files
from lft.render.opendata import data_files, data_pages, publisher_names
from lft.render.pages import Page, content_assets, render_pages
from lft.render.publisher_pages import publisher_pages
from lft.render.stage import stage
from lft.source.model import Content


@dataclass(frozen=True)
class Prepared:
    """A staged site source and what went into it."""

    checked: Checked
    pages: list[Page]
    """The generated pages; with errors, those of the items without errors (a first preview)."""
    source: Path
    staged: bool = True
    """False when errors left the last staged source in place (a preview keeps showing it)."""

    @property
    def sources(self) -> dict[str, str | None]:
        """Each generated page and the content file it comes from (None for an overview)."""
        return {page.src_uri: page.source for page in self.pages}

    @property
    def page_sources(self) -> dict[str, str | None]:
        """Every page of the staged source and the file it is made from: `sources`, and each
        hand-written page's own file in `docs/` (the output guard binds excuses to them)."""
        generated = self.sources
        staged = {p.relative_to(self.source).as_posix() for p in self.source.rglob("*.md")}
        written = {uri: f"docs/{uri}" for uri in sorted(staged - generated.keys())}
        return {**written, **generated}


def prepare(
    root: Path | Project,
    source: Path,
    *,
    allow_drafts: bool = False,
    today: dt.date | None = None,
    release: bool = False,
) -> Prepared:
    """Check the content of `root` (a folder, or the `Project` a command made) and stage the
    site source into `source`.

    With errors, a source staged before stays as it was, and a new one gets every page that
    does not come from a broken item (or the hand-written pages only, when a registry or a
    setting is broken), so a preview keeps running; a build refuses such a result.
    `allow_drafts` shows drafts, for a preview only. Passages and fields that wait for a
    confirmation are shown as editor's notes, or left out of a `release`, in generated and
    hand-written pages alike (a field in the open data too).
    """
    project = root if isinstance(root, Project) else Project(root)
    root = project.root
    checked = check_project(project, allow_drafts=allow_drafts, today=today)
    shown = checked.content if allow_drafts else checked.site_content
    if release:
        shown = released(shown)
    if checked.errors and (source / MARKER).is_file():
        return Prepared(checked, [], source, staged=False)
    if release and any(p.rule == UNCONFIRMED for p in checked.problems):
        # Leaving out what waits for a confirmation would break a page or an item: the build
        # refuses this release (`lft.build`), so there is nothing to stage.
        return Prepared(checked, [], source, staged=False)
    publisher = checked.publisher
    confirmations = {c.id: c for c in publisher.confirmations}

    def editorial(markdown: str, lang: str) -> str:
        return without(markdown) if release else highlighted(markdown, lang, confirmations)

    pages: list[Page] = []
    files: dict[str, bytes] = {}
    broken = _broken_items(shown, checked.errors)
    if broken is not None:
        shown = shown.without(broken)
        mailbox = publisher.value("mailbox") if publisher.known("mailbox") else ""
        notes = None if release else confirmations
        pages = render_pages(shown, set(outdated_pages(root, shown)), mailbox, notes)
        pages += publisher_pages(publisher, bilingual_pages(root)) + data_pages(publisher)
        pages = [replace(p, markdown=editorial(p.markdown, p.lang)) for p in pages]
        base = site_address(publisher)
        files = data_files(shown, publisher, base)
        files |= feed_files(shown, base, publisher_names(publisher))
    stage(pages, content_assets(shown, root), root / "docs", source, editorial, files)
    return Prepared(checked, pages, source)


def _broken_items(content: Content, errors: list[Problem]) -> set[str] | None:
    """The folders of the items with errors, which a first preview leaves out so that it can
    show every other page; None when an error lies outside items and hand-written pages (a
    registry, publisher.yml, the schemas), which every generated page depends on."""
    folders = {item.folder for item in content.items()}
    broken = set()
    for error in errors:
        folder = error.path.rsplit("/", 1)[0]
        if folder in folders:
            broken.add(folder)
        elif not error.path.startswith("docs/"):
            return None
    return broken
