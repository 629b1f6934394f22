"""What a preview's rebuild builds again: only the pages whose staged source changed, unless
something every page shows changed.

`lft serve` runs MkDocs' dirty builds (`serve`): MkDocs then renders again only the pages whose
staged source is newer than their output, and the staging (`lft.render.stage`) writes only the
files whose bytes changed. That is right for a changed text of an existing page. Every page
must be built again when what all pages show changes: the problems named in the banner of every
page, the settings (`mkdocs.yml`, `publisher.yml`, the schemas), the theme's templates, or the
set of staged files (a page or a file added or removed: the navigation, the language switcher
and the links of other pages may change, and MkDocs never removes a page's old output).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from lft.finish.preview import Served, file_states
from lft.render.prepare import Prepared
from lft.source.files import entries

PER_PAGE = ("content", "docs")
"""The folders whose files change only the pages made of them (a dirty build suffices)."""


@dataclass
class Rebuild:
    """What the preview staged and served at its last rebuild."""

    prepared: Prepared | None = None
    """The last preparation that staged the source (the next one renders only what changed)."""
    since: set[str] = field(default_factory=set)
    """The files changed since `prepared`, by their path from the project's root."""
    problems: list[str] | None = None
    """The content problems in the banner of every page; None before the first build."""
    staged: frozenset[str] = frozenset()
    """The files of the staged source."""
    theme: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The files of the theme's custom folder (`overrides/`)."""
    served: Served = field(default_factory=Served)
    """What the preview serves (`lft.finish.preview.harden_changed`)."""

    def whole(
        self,
        config: MkDocsConfig,
        prepared: Prepared,
        changed: list[str],
        problems: list[str],
    ) -> str | None:
        """Why this rebuild must build every page (see the module), or None when the pages
        whose staged source changed will do; remember what it staged for the next."""
        staged = frozenset(rel for rel, entry in entries(prepared.source, "") if entry.is_file())
        custom = config.theme.custom_dir
        theme = file_states(Path(custom)) if custom else {}
        settings = [path for path in changed if Path(path).parts[0] not in PER_PAGE]
        why = None
        if self.problems is None:
            why = "the first build"
        elif self.problems != problems:
            why = "the problems shown on every page changed"
        elif settings:
            why = f"{settings[0]} changed"
        elif theme != self.theme:
            why = "the theme's templates changed"
        elif staged != self.staged:
            why = "a page or a file was added or removed"
        if prepared.staged:
            self.prepared, self.since = prepared, set()
        self.problems, self.staged, self.theme = list(problems), staged, theme
        if why:
            self.served = Served()
        return why
