"""The MkDocs adapter: checks and renders `content/` and hands the pages to MkDocs.

Only event wiring lives here; the work is done by `project`, `render` and `stage`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page as MkDocsPage

from lft.model import DEFAULT_LANGUAGE
from lft.project import check_project
from lft.render import content_assets, render_pages
from lft.sanitize import sanitize
from lft.stage import collisions, stage

log = logging.getLogger("mkdocs.plugins.lft")


class LftConfig(Config):
    content_dir = config_options.Type(str, default="content")
    """Folder with the authored content, relative to mkdocs.yml."""
    stage_dir = config_options.Type(str, default="build/pages")
    """Folder where hand-written and generated pages are assembled for MkDocs (never docs/)."""
    edit_uri = config_options.Type(str, default="edit/main/")
    """Path under repo_url where a file of the repository is edited, like edit/main/."""


class LftPlugin(BasePlugin[LftConfig]):
    def __init__(self) -> None:
        self.sources: dict[str, str] = {}
        self.default_404: bytes | None = None
        self.root = Path()
        self.docs = Path()

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.root = Path(config.config_file_path or ".").resolve().parent
        target = (self.root / self.config.stage_dir).resolve()
        if Path(config.docs_dir).resolve() == target:
            return config  # mkdocs-static-i18n's build of the next language
        self.docs = Path(config.docs_dir).resolve()
        checked = check_project(self.root)
        pages = render_pages(checked.site_content) if not checked.errors else []
        errors = checked.errors + collisions(pages, self.docs)
        for problem in checked.problems:
            if problem not in errors:
                log.warning(str(problem))
        if errors:
            raise PluginError(
                "content problems:\n"
                + "\n".join(str(p) for p in sorted(errors))
                + f"\n{len(errors)} problem(s); run 'lft check' for the same list."
            )
        stage(pages, content_assets(checked.site_content, self.root), self.docs, target)
        self.sources = {p.src_uri: p.source for p in pages if p.source}
        untranslated = sorted(p.src_uri for p in pages if p.untranslated)
        if untranslated:
            log.info("lft: shown with a 'not translated yet' notice: %s", ", ".join(untranslated))
        config.docs_dir = str(target)
        for folder in (self.root / self.config.content_dir, self.docs, self.root / "schemas"):
            if str(folder) not in config.watch:
                config.watch.append(str(folder))
        return config

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.unwatch(config.docs_dir)
        return server

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Any
    ) -> str:
        source = self.sources.get(page.file.src_uri)
        if source and config.repo_url:
            page.edit_url = f"{config.repo_url.rstrip('/')}/{self.config.edit_uri}{source}"
        return markdown

    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Any
    ) -> str:
        return sanitize(html)

    @event_priority(0)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep one 404 page per language: every language build writes the same 404.html."""
        page = Path(config.site_dir) / "404.html"
        if not page.is_file():
            return
        lang = config.theme["language"]
        if lang == DEFAULT_LANGUAGE:
            self.default_404 = page.read_bytes()
            return
        localized = Path(config.site_dir) / lang / "404.html"
        localized.parent.mkdir(parents=True, exist_ok=True)
        localized.write_bytes(page.read_bytes())
        if self.default_404 is not None:
            page.write_bytes(self.default_404)
