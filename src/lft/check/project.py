"""The check of all content of a project folder (content/, schemas/, docs/), and its cache."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lft.check.guard import guard
from lft.check.identity import FILES as IDENTITY_FILES
from lft.check.identity import check_identity
from lft.check.publisher import Publisher, load_publisher, publisher_page_uris
from lft.check.style import load_style
from lft.check.terms import check_terms
from lft.check.unconfirmed import Unconfirmed, check_unconfirmed
from lft.check.validate import REVIEW_RULE, check, check_docs_links
from lft.clock import build_day
from lft.problems import Problem, Severity
from lft.source.addresses import data_page_uris, page_uris
from lft.source.files import check_sources
from lft.source.load import load
from lft.source.model import Content
from lft.source.schemas import Schemas


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


_checked: dict[tuple[object, ...], Checked] = {}


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
    root: Path, *, allow_drafts: bool = False, today: dt.date | None = None
) -> Checked:
    """Load and check everything; problems are sorted by file, line and column.

    `today` is the date the build speaks for (embargoes end on it); by default the build day
    of `lft.clock`. `allow_drafts` lets placeholders pass as warnings, for a preview. The
    result is reused while no file changes (`lft build` checks, then its plugin asks again).
    """
    today = today or build_day(root)
    key = (root.resolve(), allow_drafts, today, fingerprint(root))
    if key not in _checked:
        _checked.clear()
        schemas = Schemas(root / "schemas")  # read once, for every check below
        content, problems = load(root, schemas)
        problems += check(root, content, schemas, today)
        generated = page_uris(content) + publisher_page_uris() + data_page_uris()
        problems += collisions(generated, root / "docs")
        problems += check_docs_links(root, set(generated))
        problems += check_sources(root)
        publisher, found = load_publisher(root, schemas)
        problems += found
        problems += check_identity(root)
        style, found = load_style(root, content, schemas)
        problems += found
        unconfirmed = check_unconfirmed(root, content, publisher, schemas, style)
        problems += unconfirmed.problems
        problems += check_terms(root, content, schemas, style)
        report = guard(root, content, today, allow_drafts=allow_drafts)  # texts as loaded
        problems += report.problems
        _checked[key] = Checked(
            content,
            today,
            publisher,
            sorted(set(problems)),
            report.excused,
            report.left_out,
            unconfirmed,
        )
    return _checked[key]


def collisions(uris: list[str], docs: Path) -> list[Problem]:
    """A generated page may never hide a hand-written one."""
    problems = []
    for uri in uris:
        if (docs / uri).exists():
            problems.append(
                Problem(
                    f"docs/{uri}",
                    1,
                    1,
                    "",
                    "this hand-written page has the same address as a generated page",
                    "rename or move the hand-written page",
                )
            )
    return problems
