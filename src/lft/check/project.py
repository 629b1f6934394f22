"""A project folder, read once per command, and all the checks of its content.

A `Project` holds the root and, each read the first time a stage asks and then kept: the
schemas (one `Schemas`, so one validator per schema), `publisher.yml` (read and validated
once), the guard settings, the style, the content (each YAML file parsed once), the text of
every file a check reads (`read`: the loader, the guard, the identity, terms and docs checks
all get the same text) and what each folder holds (`listings`: their walks share one).
`lft check`, `lft build`, `lft serve` and `lft translations` make one and hand it to every
stage; the check's result is kept on it too (`check_project`), so a build checks its content
once. The preview keeps its project and reads again only the files that changed (`changed`),
and lists no folder again while only texts of items change. `check_project` runs every check
of the content (content/, schemas/, docs/, publisher.yml, style.yml) and reports all problems
at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from lft.check.docs import check_docs_links
from lft.check.guard import guard
from lft.check.guard.config import Settings, settings
from lft.check.identity import FILES as IDENTITY_FILES
from lft.check.identity import check_identity
from lft.check.page_links import check_page_links
from lft.check.publisher import Publisher, load_publisher, publisher_page_uris
from lft.check.style import Style, load_style
from lft.check.terms import check_terms
from lft.check.unconfirmed import Unconfirmed, check_unconfirmed
from lft.check.validate import REVIEW_RULE, check
from lft.clock import build_day
from lft.problems import Problem, Severity
from lft.source import load as loader
from lft.source.addresses import data_page_uris, page_uris
from lft.source.files import Listings, check_sources, entries
from lft.source.load import is_item_file
from lft.source.model import Content
from lft.source.schemas import Schemas

T = TypeVar("T")
CHECKED = ("publisher.yml", "style.yml", *IDENTITY_FILES, "schemas")
"""Every file and folder of a project that a check reads: the settings, the files that may
name the publisher (`content/` and `docs/` among them) and the schemas."""


class Project:
    """The files of one project folder, each read once (see the module)."""

    def __init__(
        self,
        root: Path,
        texts: dict[str, tuple[str | None, list[Problem]]] | None = None,
        kept: dict[tuple[str, str], tuple[object, Any]] | None = None,
        listings: Listings | None = None,
    ):
        self.root = root
        self.listings = listings or Listings()
        """What each folder holds, listed the first time a walk asks."""
        self.texts: dict[str, tuple[str | None, list[Problem]]] = dict(texts or {})
        """Each file read so far, by its path from the root: its text (None when unreadable)
        and why it could not be read."""
        self.checks: dict[tuple[bool, dt.date], Checked] = {}
        """The content check, by (drafts allowed, the day it speaks for)."""
        self.kept: dict[tuple[str, str], tuple[object, Any]] = dict(kept or {})
        """What a check made of one file (`remember`), by (check, path): what it was made
        from and the result."""
        self.made = 0
        """How many results `remember` made anew rather than found kept."""

    def remember(self, stage: str, rel: str, made_from: object, make: Callable[[], T], /) -> T:
        """`make()` for the file `rel`, or what `stage` made from equal inputs before, in this
        project or the one it was `changed` from (`lft.source.memo.Remember`)."""
        before = self.kept.get((stage, rel))
        if before is not None and before[0] == made_from:
            result: T = before[1]
            return result
        made = make()
        self.kept[stage, rel] = (made_from, made)
        self.made += 1
        return made

    def read(self, path: Path, rel: str) -> tuple[str | None, list[Problem]]:
        """The text of a file of the project (`lft.source.load.read_text`), read the first time
        only."""
        if rel not in self.texts:
            self.texts[rel] = loader.read_text(path, rel)
        text, problems = self.texts[rel]
        return text, list(problems)

    @cached_property
    def schemas(self) -> Schemas:
        return Schemas(self.root / "schemas")

    @cached_property
    def loaded(self) -> tuple[Content, list[Problem]]:
        """The content and the problems found while reading it: the YAML files whose parse is
        not kept are parsed ahead, over worker processes when there are many."""
        loader.parse_ahead(self.root, self.read, self.remember, self.listings)
        return loader.load(self.root, self.schemas, self.read, self.remember, self.listings)

    @property
    def content(self) -> Content:
        return self.loaded[0]

    @cached_property
    def publisher(self) -> tuple[Publisher, list[Problem]]:
        """`publisher.yml`, read and validated once, and its problems."""
        return load_publisher(self.root, self.schemas, self.read)

    @cached_property
    def guard_settings(self) -> tuple[Settings, list[Problem]]:
        """`guard.yml` with the publisher's mailboxes, and its problems."""
        return settings(self.root, self.publisher[0], self.read)

    @cached_property
    def style(self) -> tuple[Style, list[Problem]]:
        """`style.yml`, and its problems."""
        return load_style(self.root, self.content, self.schemas, self.read)

    def _rel(self, path: Path) -> str | None:
        """`path` by its path from the root, as written (a link on the way is not followed),
        or as resolved; None outside the project."""
        ways = ((path.absolute(), self.root.absolute()), (path.resolve(), self.root.resolve()))
        for way, root in ways:
            if way.is_relative_to(root):
                return way.relative_to(root).as_posix()
        return None

    def changed(self, paths: Iterable[Path]) -> Project:
        """A project for the same folder after `paths` changed: only those files are read
        again (and the content, schemas and settings made anew from the kept texts).

        What the checks made of each file (`remember`) and what each folder holds are kept
        when only texts of items changed, files that were there before and still are: the
        result for a file depends on its text and on the project's settings, schemas and
        registries, and a check of links on which files exist. Any other change makes every
        result anew and lists every folder again. A file now reached through a link (the file
        or a folder above it) is another file: a link is refused, and its target read anew."""
        gone = {rel for rel in map(self._rel, paths) if rel is not None}
        texts = {rel: read for rel, read in self.texts.items() if rel not in gone}
        root = self.root.resolve()
        items_edited = all(
            is_item_file(rel)
            and rel in self.texts
            and (self.root / rel).is_file()
            and (self.root / rel).resolve() == root / rel
            for rel in gone
        )
        if not items_edited:
            return Project(self.root, texts)
        return Project(self.root, texts, self.kept, self.listings)


@dataclass
class Checked:
    """The loaded content and every problem found in it."""

    content: Content
    today: dt.date
    publisher: Publisher = field(default_factory=Publisher)
    """`publisher.yml`, read and validated once with the rest."""
    problems: list[Problem] = field(default_factory=list)
    excused: list[tuple[Problem, str]] = field(default_factory=list)
    """Guard findings excused by an `lft-allow` next to them, with the reason given."""
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """Drafts and embargoed items: (source file, why)."""
    unconfirmed: Unconfirmed = field(default_factory=lambda: Unconfirmed([], []))
    """The passages marked as depending on an open confirmation (left out of a release)."""

    @property
    def release_blockers(self) -> list[Problem]:
        """What stops a release: every error and every publication-guard warning."""
        return [
            p
            for p in self.problems
            if p.severity is Severity.ERROR or (p.rule and p.rule != REVIEW_RULE)
        ]

    def report(self, *, release: bool = False) -> list[str]:
        """The build report: what was left off the site, the passages that wait for a
        confirmation (left out of a release) and which findings were excused."""
        lines = [f"left off the site: {source} ({why})" for source, why in self.left_out]
        lines += self.unconfirmed.report(release=release)
        lines += [f"excused: {problem} -- reason: {reason}" for problem, reason in self.excused]
        return lines

    @property
    def site_content(self) -> Content:
        """What the public site shows: drafts and embargoed items left out."""
        return self.content.published(self.today)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds mkdocs.yml or content/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "content").is_dir():
            return folder
    return start


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, times and sizes of every file a check reads (`CHECKED`): cheap to take, changes
    on any edit."""
    found = []
    for name in sorted(CHECKED):
        path = root / name
        if path.is_file():
            stat = path.stat()
            found.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
        for _rel, entry in entries(path, name) if path.is_dir() else ():
            if entry.is_file():
                stat = entry.stat()
                found.append((Path(entry.path).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def check_project(
    root: Path | Project, *, allow_drafts: bool = False, today: dt.date | None = None
) -> Checked:
    """Load and check everything; problems are sorted by file, line and column.

    `root` is a project folder, or a `Project` a command made: then every file is read once,
    and the result is kept on it, so a stage that asks again (`lft build` checks, then
    prepares the pages) gets the same check. `today` is the date the build speaks for
    (embargoes end on it); by default the build day of `lft.clock`. `allow_drafts` lets
    placeholders pass as warnings, for a preview.
    """
    project = root if isinstance(root, Project) else Project(root)
    today = today or build_day(project.root)
    key = (allow_drafts, today)
    if key not in project.checks:
        project.checks[key] = _check(project, allow_drafts, today)
    return project.checks[key]


def _check(project: Project, allow_drafts: bool, today: dt.date) -> Checked:
    root, schemas, read = project.root, project.schemas, project.read
    content, problems = project.loaded
    problems = list(problems)
    problems += check(root, content, schemas, today, read, project.remember)
    generated = page_uris(content) + publisher_page_uris() + data_page_uris()
    problems += collisions(generated, root / "docs")
    problems += check_docs_links(root, set(generated), read)
    problems += check_page_links(root, content)
    problems += check_sources(root, project.listings)
    publisher, found = project.publisher
    problems += found
    problems += check_identity(root, publisher, read, project.listings)
    style, found = project.style
    problems += found
    unconfirmed = check_unconfirmed(
        root, content, publisher, schemas, style, read, project.remember
    )
    problems += unconfirmed.problems
    problems += check_terms(root, content, schemas, style, read, project.remember)
    config = project.guard_settings
    report = guard(
        root,
        content,
        today,
        allow_drafts=allow_drafts,
        config=config,
        read=read,
        remember=project.remember,
        lister=project.listings,
    )
    problems += report.problems
    return Checked(
        content,
        today,
        publisher,
        sorted(set(problems)),
        report.excused,
        report.left_out,
        unconfirmed,
    )


def collisions(uris: list[str], docs: Path) -> list[Problem]:
    """A generated page may never hide a hand-written one."""
    return [
        Problem.whole_file(
            f"docs/{uri}",
            "this hand-written page has the same address as a generated page",
            "rename or move the hand-written page",
        )
        for uri in uris
        if (docs / uri).exists()
    ]
