"""One project folder, read once per command.

A `Project` holds the root and, each read the first time a stage asks and then kept: the
schemas (one `Schemas`, so one validator per schema), `publisher.yml` (read and validated
once), the guard settings, the style, the content (each YAML file parsed once) and the text
of every file a check reads (`read`: the loader, the guard, the identity, terms and docs
checks all get the same text). `lft check`, `lft build`, `lft serve` and `lft translations`
make one and hand it to every stage; the check's result is kept on it too
(`lft.content_check.check_project`), so a build checks its content once. The preview keeps
its project and reads again only the files that changed (`changed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lft import load as loader
from lft.guard.config import Settings, settings
from lft.model import Content
from lft.problems import Problem
from lft.publisher import Publisher, load_publisher
from lft.schemas import Schemas
from lft.style import Style, load_style

if TYPE_CHECKING:
    from lft.content_check import Checked


class Project:
    """The files of one project folder, each read once (see the module)."""

    def __init__(
        self, root: Path, texts: dict[str, tuple[str | None, list[Problem]]] | None = None
    ):
        self.root = root
        self.texts: dict[str, tuple[str | None, list[Problem]]] = dict(texts or {})
        """Each file read so far, by its path from the root: its text (None when unreadable)
        and why it could not be read."""
        self.checks: dict[tuple[bool, dt.date], Checked] = {}
        """The content check, by (drafts allowed, the day it speaks for)."""

    def read(self, path: Path, rel: str) -> tuple[str | None, list[Problem]]:
        """The text of a file of the project (`lft.load.read_text`), read the first time only."""
        if rel not in self.texts:
            self.texts[rel] = loader.read_text(path, rel)
        text, problems = self.texts[rel]
        return text, list(problems)

    @cached_property
    def schemas(self) -> Schemas:
        return Schemas(self.root / "schemas")

    @cached_property
    def loaded(self) -> tuple[Content, list[Problem]]:
        """The content and the problems found while reading it."""
        return loader.load(self.root, self.schemas, self.read)

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

    def changed(self, paths: Iterable[Path]) -> Project:
        """A project for the same folder after `paths` changed: only those files are read
        again (and the content, schemas and settings made anew from the kept texts)."""
        gone = set()
        for path in paths:
            try:
                gone.add(path.resolve().relative_to(self.root.resolve()).as_posix())
            except ValueError:
                continue
        kept = {rel: read for rel, read in self.texts.items() if rel not in gone}
        return Project(self.root, kept)
