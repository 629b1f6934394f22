"""Prepare a complete site source before any engine runs: check → render → stage.

The result is a folder of Markdown pages in both languages (`docs/` with the generated pages and
the content's assets) that any engine which reads Python-Markdown with `lft.engine.mdext` turns into
the same, sanitised site. Nothing here imports an engine.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from lft.check.identity import site_address
from lft.check.page_links import bilingual_pages
from lft.check.project import Checked, Project, check_project
from lft.check.publisher import Confirmation, Publisher
from lft.check.translations import outdated_pages
from lft.check.unconfirmed import RULE as UNCONFIRMED
from lft.check.unconfirmed import highlighted, without
from lft.check.unconfirmed_fields import released
from lft.outputs import MARKER
from lft.problems import Problem
from lft.render.assets import content_assets
from lft.render.feeds import feed_files
from lft.render.opendata import data_files, data_pages, publisher_names
from lft.render.pages import Page, Renderer, render_pages
from lft.render.publisher_pages import publisher_pages
from lft.render.stage import stage
from lft.source.addresses import Planned
from lft.source.model import Content, Item


@dataclass(frozen=True)
class Prepared:
    """A staged site source and what went into it."""

    checked: Checked
    pages: list[Page]
    """The generated pages; with errors, those of the items without errors (a first preview)."""
    source: Path
    staged: bool = True
    """False when errors left the last staged source in place (a preview keeps showing it)."""
    changed: frozenset[str] = frozenset()
    """The files of `source` that this preparation wrote or removed, by their path in it."""
    made: Made | None = None
    """What the generated pages were made from (None when nothing was generated)."""

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
    previous: Prepared | None = None,
    changed: Collection[str] | None = None,
    language: str | None = None,
) -> Prepared:
    """Check the content of `root` (a folder, or the `Project` a command made) and stage the
    site source into `source`.

    With errors, a source staged before stays as it was, and a new one gets every page that
    does not come from a broken item (or the hand-written pages only, when a registry or a
    setting is broken), so a preview keeps running; a build refuses such a result.
    `allow_drafts` shows drafts, for a preview only. Passages and fields that wait for a
    confirmation are shown as editor's notes, or left out of a `release`, in generated and
    hand-written pages alike (a field in the open data too). `previous`, the preview's last
    preparation of the same folder: when only the texts of some items changed, only their own
    pages are rendered again (`_rendered`); `changed`, the files changed since (by their path
    from the root): the translation states of the other items are taken from `previous`.
    `language`: the one language a preview builds, whose pages alone are staged (`stage`).
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
    made = None
    broken = _broken_items(shown, checked.errors)
    if broken is not None:
        shown = shown.without(broken)
        outdated = _outdated(root, shown, previous, changed)
        notes = None if release else confirmations
        made = Made(root, publisher, shown, outdated, frozenset(bilingual_pages(root)), notes)
        pages, files = _rendered(made, checked, previous, editorial)
        made = replace(made, files=files)
    assets = content_assets(shown, root)
    changed = stage(pages, assets, root / "docs", source, editorial, files, language)
    return Prepared(checked, pages, source, changed=changed, made=made)


@dataclass(frozen=True)
class Made:
    """What the generated pages and files were made from, and the files (the open data, the
    feeds): a preview's next preparation compares with it (`_texts_changed`)."""

    root: Path
    publisher: Publisher
    content: Content
    outdated: frozenset[str]
    """The sources of the items whose translation is behind."""
    hand_written: frozenset[str]
    """The hand-written pages in both languages (`bilingual_pages`)."""
    notes: dict[str, Confirmation] | None
    """The open confirmations, shown as editor's notes; None in a release."""
    files: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def mailbox(self) -> str:
        known = self.publisher.known("mailbox")
        return self.publisher.value("mailbox") if known else ""

    def renderer(self) -> Renderer:
        return Renderer(self.content, set(self.outdated), self.mailbox, self.notes)


def _rendered(
    made: Made,
    checked: Checked,
    previous: Prepared | None,
    editorial: Callable[[str, str], str],
) -> tuple[list[Page], dict[str, bytes]]:
    """The generated pages and files: only the pages of the items whose text alone changed
    since `previous`, the rest as `previous` made them; everything when more changed."""
    texts = _texts_changed(previous, checked, made) if previous is not None else None
    if previous is not None and previous.made is not None and texts is not None:
        again = {page.src_uri: _edited(page, editorial) for page in _item_pages(made, texts)}
        pages = [again.get(page.src_uri, page) for page in previous.pages]
        return pages, dict(previous.made.files)
    publisher, shown = made.publisher, made.content
    pages = render_pages(shown, set(made.outdated), made.mailbox, made.notes)
    pages += publisher_pages(publisher, made.hand_written) + data_pages(publisher)
    pages = [_edited(page, editorial) for page in pages]
    base = site_address(publisher)
    files = data_files(shown, publisher, base)
    files |= feed_files(shown, base, publisher_names(publisher))
    return pages, files


def _outdated(
    root: Path, shown: Content, previous: Prepared | None, changed: Collection[str] | None
) -> frozenset[str]:
    """The sources of the items whose translation is behind (`outdated_pages`): worked out
    again only for the items with a changed file or new on the site, when `changed` is known."""
    made = previous.made if previous is not None else None
    if made is None or changed is None:
        return frozenset(outdated_pages(root, shown))
    touched = {posixpath.dirname(path) for path in changed}
    before = {item.source for item in made.content.items()}
    kept = {
        item.source
        for item in shown.items()
        if item.folder not in touched and item.source in before
    }
    again = shown.keeping(lambda item: item.source not in kept)
    return frozenset(made.outdated & kept) | frozenset(outdated_pages(root, again))


def _edited(page: Page, editorial: Callable[[str, str], str]) -> Page:
    return replace(page, markdown=editorial(page.markdown, page.lang))


def _item_pages(made: Made, sources: set[str]) -> list[Page]:
    """The pages of the items from `sources`, and the pages that show them beside their own
    item (a fact sheet shows its charter), in every language."""

    def chosen(planned: Planned) -> bool:
        _template, _base_uri, item, _source_file, extra = planned
        return item is not None and (
            item.source in sources or any(_source(value) in sources for value in extra.values())
        )

    return made.renderer().pages(chosen)


def _source(value: object) -> str | None:
    return value.source if isinstance(value, Item) else None


def _texts_changed(previous: Prepared, checked: Checked, made: Made) -> set[str] | None:
    """The sources of the items whose Markdown text (or translation state) alone changed since
    `previous`, when that is all: their own pages are the only ones that show it (overviews,
    feeds and the open data are made of the YAML data). None when anything else may have
    changed: an item or a registry, the settings, the day, the hand-written pages, an error."""
    before, was_made = previous.checked, previous.made
    if (
        was_made is None
        or not previous.staged
        or before.errors
        or checked.errors
        or before.today != checked.today
        or was_made.publisher.data != made.publisher.data
        or was_made.notes != made.notes
        or was_made.hand_written != made.hand_written
    ):
        return None
    old = {item.source: item for item in was_made.content.items()}
    new = {item.source: item for item in made.content.items()}
    registries = [(r.source, r.doc.data) for r in made.content.registries()]
    if old.keys() != new.keys() or registries != [
        (r.source, r.doc.data) for r in was_made.content.registries()
    ]:
        return None
    changed = set()
    for source, item in new.items():
        was = old[source]
        if (item.kind, item.slug, item.data, item.pictures) != (
            was.kind,
            was.slug,
            was.data,
            was.pictures,
        ):
            return None
        if item.prose != was.prose or (source in made.outdated) != (source in was_made.outdated):
            changed.add(source)
    return changed


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
