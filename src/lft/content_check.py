"""The check of all content of a project folder (content/, schemas/, docs/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lft.clock import build_day
from lft.guard import guard
from lft.identity import FILES as IDENTITY_FILES
from lft.identity import check_identity
from lft.model import Content
from lft.opendata import data_page_uris
from lft.problems import Problem, Severity
from lft.project import Project
from lft.publisher import Publisher, publisher_page_uris
from lft.render import page_uris
from lft.sources import check_sources
from lft.stage import collisions
from lft.terms import check_terms
from lft.unconfirmed import Unconfirmed, check_unconfirmed
from lft.validate import REVIEW_RULE, check, check_docs_links


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
    """Names, times and sizes of every file a check reads: cheap to take, changes on any edit."""
    found = []
    read = {"publisher.yml", "style.yml", *IDENTITY_FILES}
    for config in sorted(root / name for name in read if (root / name).is_file()):
        stat = config.stat()
        found.append((config.as_posix(), stat.st_mtime_ns, stat.st_size))
    folders = {"schemas", *(name for name in IDENTITY_FILES if (root / name).is_dir())}
    for folder in sorted(folders):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
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
    problems += check(root, content, schemas, today, read)
    generated = page_uris(content) + publisher_page_uris() + data_page_uris()
    problems += collisions(generated, root / "docs")
    problems += check_docs_links(root, set(generated), read)
    problems += check_sources(root)
    publisher, found = project.publisher
    problems += found
    problems += check_identity(root, publisher, read)
    style, found = project.style
    problems += found
    unconfirmed = check_unconfirmed(root, content, publisher, schemas, style, read)
    problems += unconfirmed.problems
    problems += check_terms(root, content, schemas, style, read)
    config = project.guard_settings
    report = guard(root, content, today, allow_drafts=allow_drafts, config=config, read=read)
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
