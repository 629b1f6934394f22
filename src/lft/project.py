"""A project folder (content/, schemas/, docs/) and the check of all its content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lft.clock import build_day
from lft.load import load
from lft.model import Content
from lft.problems import Problem, Severity
from lft.schemas import Schemas
from lft.validate import check


@dataclass
class Checked:
    """The loaded content and every problem found in it."""

    content: Content
    today: dt.date
    problems: list[Problem] = field(default_factory=list)

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


def check_project(
    root: Path, *, allow_drafts: bool = False, today: dt.date | None = None
) -> Checked:
    """Load and check everything; problems are sorted by file, line and column.

    `today` is the date the build speaks for (embargoes end on it); by default the build day
    of `lft.clock`. `allow_drafts` lets placeholders pass as warnings, for a preview.
    """
    today = today or build_day(root)
    schemas = Schemas(root / "schemas")
    content, problems = load(root, schemas)
    problems += check(root, content, schemas, today)
    return Checked(content, today, sorted(set(problems)))
