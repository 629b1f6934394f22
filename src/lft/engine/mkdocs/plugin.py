"""The MkDocs adapter: hands the prepared site source to MkDocs and escapes what the theme prints.

Only event wiring lives here; the work is done by `pipeline` (check, render, stage). `lft build`
prepares the source itself and gives it to the plugin; `mkdocs build` and `serve` let the plugin
prepare it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from lft.check.identity import address
from lft.check.project import Project, fingerprint
from lft.check.publisher import PUBLISHER_FILE, Publisher, address_problem
from lft.clock import ClockError
from lft.engine.mkdocs.rebuild import Rebuild
from lft.engine.mkdocs.theme import list_installed_once, trust
from lft.engine.mkdocs.watch import Changes, why_not_events
from lft.engine.sanitize import text_only
from lft.finish.findable import SITEMAP
from lft.finish.preview import (
    CONSOLE,
    Search,
    allowed_hosts,
    guarded,
    harden_changed,
    settle,
)
from lft.outputs import OutputError, check_output
from lft.problems import Severity
from lft.render.facts import INFO, page_facts, theme_words
from lft.render.pages import Page
from lft.render.prepare import Prepared, prepare
from lft.source.load import docs_language
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger("mkdocs.plugins.lft")


class LftConfig(Config):
    stage_dir = config_options.Type(str, default="build/pages")
    """Folder where hand-written and generated pages are assembled for MkDocs (never docs/)."""
    edit_uri = config_options.Type(str, default="edit/main/")
    """Path under repo_url where a file of the repository is edited, like edit/main/."""
    allow_drafts = config_options.Type(bool, default=False)
    """Preview: show drafts, and let placeholders pass as warnings (never for a release)."""


def _only_language(config: MkDocsConfig) -> str | None:
    """The one language mkdocs-static-i18n builds (`build_only_locale`: `lft serve --lang`)."""
    i18n = config.plugins.get("i18n")
    only = getattr(getattr(i18n, "config", None), "build_only_locale", None)
    return only if isinstance(only, str) else None


def _console() -> logging.Logger:
    """Messages for the person running `serve`, outside MkDocs' strict-mode warning count."""
    console = logging.getLogger(CONSOLE)
    if not console.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("lft: %(message)s"))
        console.addHandler(handler)
        console.setLevel(logging.INFO)
        console.propagate = False
    return console


def _publisher_facts(publisher: Publisher) -> dict[str, Any]:
    """What the theme's structured data may say of the publisher: confirmed values only."""

    def known(setting: str) -> str:
        return publisher.value(setting) if publisher.known(setting) else ""

    return {
        "mailbox": known("mailbox"),
        "organisation": {
            "address": known("organisation.address"),
            "name": {lang: known(f"organisation.name.{lang}") for lang in LANGUAGES},
        },
    }


ADDRESSES = (("site_url", "site_url"), ("repo_url", "repository"))
"""Each address of the engine's settings and the setting of `publisher.yml` it comes from."""


def _publisher_addresses(config: MkDocsConfig, publisher: Publisher) -> None:
    """The site's and the repository's address from `publisher.yml`, or from the environment
    where PUBLISHING.md allows it (`lft.check.identity.address`): the publisher writes them once.
    Either must be an absolute https address without markup (`address_problem`): it goes into
    pages, the sitemap and feeds. A project without these settings keeps those of its
    `mkdocs.yml`. (The preview's own `http://127.0.0.1:…/`, which `mkdocs serve` sets, comes from
    neither.)"""
    for option, setting in ADDRESSES:
        value, variable = address(publisher, setting)
        if not value:
            continue
        problem = address_problem(variable or f"{PUBLISHER_FILE} {setting}", value)
        if problem:
            raise PluginError(f"lft: {problem}")
        config[option] = value if option != "site_url" else value.rstrip("/") + "/"


def _anchors(links: Iterable[AnchorLink]) -> Iterator[AnchorLink]:
    for link in links:
        yield link
        yield from _anchors(link.children)


_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^<>]*type="checkbox"[^<>]*) autocomplete="off">'
)
"""Material's drawer and search toggles carry `autocomplete`, which HTML allows on text fields
only (the Nu Html Checker reports it); the theme is fixed in its output, not forked."""


def _without_checkbox_autocomplete(html: str) -> str:
    """A page as the engine made it, its toggles fixed before it is written (once)."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", html)


def _watch_changes(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """The preview's watches on the system's file events instead of MkDocs' poll, where the
    system can watch them all (`lft.engine.mkdocs.watch`). MkDocs watches its settings file
    before this, and the folders of `config.watch` after."""
    own = [config.config_file_path] if config.config_file_path else []
    why = why_not_events([*own, *(path for path in config.watch if path not in own)])
    if why:
        _console().info("watching files by a poll every half second: %s", why)
        return
    for path in own:
        server.unwatch(path)
    server.observer = Changes()  # the engine's attribute is typed as its own choice of observer
    for path in own:
        server.watch(path)


class _Compiled(BytecodeCache):
    """The theme's templates, compiled once per process: a preview's rebuild or a second build
    (both languages, the tests) compiles none again. Jinja checks each template's source against
    the checksum it was compiled from, so a changed template is compiled anew."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


class LftPlugin(BasePlugin[LftConfig]):
    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        """The state of a new invocation (a build, or a preview and its rebuilds)."""
        self.sources: dict[str, str | None] = {}
        """Each generated page and the content file it comes from (None for an overview)."""
        self.generated: dict[str, Page] = {}
        """Each generated page by its source path: what it is, for the theme."""
        self.default_404: bytes | None = None
        self.root = Path()
        self.docs = Path()
        self.serving = False
        self.files: dict[str, tuple[int, int]] = {}
        """Each watched file's (mtime, size) at the last rebuild, to name what changed."""
        self.problems: list[str] = []
        """The content problems of the last check while serving, shown on every page."""
        self.noted: set[str] = set()
        """While serving: the warnings and notes the last rebuild found (`_note`)."""
        self.prepared: Prepared | None = None
        """A source `lft build` prepared already; without it, the plugin prepares one."""
        self.language: str | None = None
        """The one language `lft build` has this build make (`lft.engine.mkdocs.build`);
        None for every language (a preview, `mkdocs build`)."""
        self.project: Project | None = None
        """While serving: the project as last read; a rebuild reads again only what changed."""
        self.changed: list[str] = []
        """While serving: the files changed since the last rebuild, by their path from the
        root."""
        self.rebuild = Rebuild()
        """While serving: what the last rebuild staged and served, to build only what changed."""
        self.search = Search()
        """While serving: the search index, made again after a rebuild."""
        self.holding = False
        """This rebuild holds the site (`Search.lock`) from its start to its hardening."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A new invocation: a build or a preview starts from nothing the last one left (MkDocs
        keeps this instance for the next in the same process). Defining on_startup also keeps
        it alive across a preview's rebuilds."""
        self._start()
        self.serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.root = Path(config.config_file_path or ".").resolve().parent
        if self.prepared is not None:
            target = self.prepared.source
        else:
            try:
                target = check_output(self.root, Path(self.config.stage_dir), "stage_dir")
            except OutputError as exc:
                raise PluginError(f"lft: {exc}") from exc
        list_installed_once(config.theme)
        if Path(config.docs_dir).resolve() == target:
            return config  # mkdocs-static-i18n's build of the next language
        self.docs = Path(config.docs_dir).resolve()
        self.changed = []
        if self.prepared is None:
            project = Project(self.root)
            if self.serving:
                project = self._report_changes()
            previous = self.rebuild.prepared if self.serving else None
            self.rebuild.since |= set(self.changed)
            try:
                prepared = prepare(
                    project,
                    target,
                    allow_drafts=self.config.allow_drafts,
                    previous=previous,
                    changed=self.rebuild.since,
                    language=_only_language(config),
                )
            except (OutputError, ClockError) as exc:
                raise PluginError(f"lft: {exc}") from exc
        else:
            prepared = self.prepared
        if self.language in (None, DEFAULT_LANGUAGE):  # once for all languages
            self._report(prepared)
        if self.serving:
            config.theme.static_templates.discard(SITEMAP)  # see `on_files`
            self._hold()
            why = self.rebuild.whole(config, prepared, self.changed, self.problems)
            if why:
                clean_directory(config.site_dir)  # the (dirty) build writes every page
                _console().info("building every page: %s", why)
        if prepared.staged:
            self.sources = prepared.sources
            self.generated = {page.src_uri: page for page in prepared.pages}
        publisher = prepared.checked.publisher  # read and validated once, by the check
        config.extra["lft_publisher"] = _publisher_facts(publisher)
        config.extra["lft_words"] = theme_words()
        _publisher_addresses(config, publisher)
        config.docs_dir = str(target)
        for folder in (self.root / "content", self.docs, self.root / "schemas"):
            if str(folder) not in config.watch:
                config.watch.append(str(folder))
        return config

    def _hold(self) -> None:
        """Keep the search index from being replaced while this rebuild writes the site."""
        if not self.holding:
            self.search.lock.acquire()
            self.holding = True
        self.search.rebuilds += 1

    def _release(self) -> None:
        if self.holding:
            self.holding = False
            self.search.lock.release()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """While serving, no sitemap: nothing reads a preview's, and writing and scanning it
        took every rebuild a time that grows with the site (0.7 s at 1,000 items). Its template
        is not rendered (`on_config`), nor copied as a file of the theme (here)."""
        sitemap = files.get_file_from_path(SITEMAP) if self.serving else None
        if sitemap is not None:
            files.remove(sitemap)
        return files

    def on_build_error(self, *, error: Exception) -> None:
        self._release()

    def on_shutdown(self) -> None:
        self.search.stop()  # its folder of links is removed before the preview's site

    def _report(self, prepared: Prepared) -> None:
        """Log what a check found; outside a preview, content errors stop the build."""
        checked = prepared.checked
        errors = checked.errors
        reported = self.prepared is not None  # `lft build` reported the check itself
        notes = (
            [] if reported else [str(p) for p in checked.problems if p.severity is Severity.WARNING]
        )
        if errors and not self.serving:
            raise PluginError(
                "content problems:\n"
                + "\n".join(str(p) for p in sorted(errors))
                + f"\n{len(errors)} problem(s); run 'lft check' for the same list."
            )
        self.problems = [str(p) for p in sorted(errors)]
        if errors:
            console = _console()
            for message in self.problems:
                console.error("%s", message)
            if prepared.staged:
                console.error(
                    "%d problem(s): serving every page without problems until the content is valid",
                    len(errors),
                )
            else:
                console.error("%d problem(s): still serving the last valid version", len(errors))
            self._note(notes)
            return
        notes += [] if reported else checked.report()
        for notice, flagged in (
            ("not translated yet", [p.src_uri for p in prepared.pages if p.untranslated]),
            ("translation out of date", [p.src_uri for p in prepared.pages if p.outdated]),
        ):
            if flagged:
                notes.append(f"shown with a '{notice}' notice: {', '.join(flagged)}")
        self._note(notes)
        if self.serving:
            _console().info("content is valid")

    def _note(self, notes: list[str]) -> None:
        """Log the warnings and notes of a check (a warning never fails a strict build). A
        preview's rebuild logs only those the rebuild before did not find, and how many it
        found in all: a saved file's new warnings are not lost among the project's."""
        if not self.serving:
            for note in notes:
                log.info("lft: %s", note)
            return
        new = [note for note in notes if note not in self.noted]
        for note in new:
            log.info("lft: %s", note)
        if len(new) < len(notes):
            log.info(
                "lft: %d warning(s) and note(s) in all, %d of them new ('lft check' lists "
                "every warning)",
                len(notes),
                len(new),
            )
        self.noted = set(notes)

    def _report_changes(self) -> Project:
        """Name each file that changed since the last rebuild (kept in `changed`); the project
        with only those read again."""
        now = {path: (mtime, size) for path, mtime, size in fingerprint(self.root)}
        changed: list[str] = []
        if self.files:
            changed = sorted(
                path
                for path in now.keys() | self.files.keys()
                if now.get(path) != self.files.get(path)
            )
            for path in changed:
                state = "removed" if path not in now else "changed"
                _console().info("%s %s", state, Path(path).relative_to(self.root).as_posix())
        self.files = now
        if self.project is None:
            self.project = Project(self.root)
        else:
            self.project = self.project.changed(Path(path) for path in changed)
        self.changed = [Path(path).relative_to(self.root).as_posix() for path in changed]
        return self.project

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.unwatch(config.docs_dir)
        _watch_changes(server, config)
        host, port = config.dev_addr.host, config.dev_addr.port
        server.set_app(guarded(server.serve_request, allowed_hosts(host, port)))
        return server

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Any
    ) -> str:
        if page.file.src_uri in self.sources:
            # A generated page is edited in its source under content/; an overview page, which
            # only lists items, has nothing to edit.
            source = self.sources[page.file.src_uri]
            base = (config.repo_url or "").rstrip("/")
            page.edit_url = f"{base}/{self.config.edit_uri}{source}" if source and base else None
        return markdown

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Any) -> Environment:
        """Escape every value a theme template prints, unless it is HTML we made safe; keep the
        compiled templates for the next build of this process."""
        env.autoescape = True
        env.bytecode_cache = _COMPILED
        return env

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        page.content = Markup(page.content or "")
        context["lft_problems"] = self.problems  # type: ignore[typeddict-unknown-key]
        context["lft_page"] = self._facts(page.file.src_uri)  # type: ignore[typeddict-unknown-key]
        for anchor in _anchors(page.toc):
            anchor.title = Markup(text_only(anchor.title))
        return context

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return _without_checkbox_autocomplete(output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return _without_checkbox_autocomplete(output_content)  # the 404 page

    def _facts(self, src_uri: str) -> dict[str, object]:
        """What the page is (`lft.render.facts`): the renderer's kind of a generated page; a
        hand-written page is about the site."""
        page = self.generated.get(src_uri)
        if page is None:
            return page_facts(INFO, docs_language(src_uri))
        return page_facts(page.kind, page.lang, page.published)

    @event_priority(0)
    def _one_404_per_language(self, *, config: MkDocsConfig) -> None:
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

    @event_priority(-200)  # after mkdocs-static-i18n (-100) built the other languages
    def _finish_preview(self, *, config: MkDocsConfig) -> None:
        """The preview's search, and the preview made as strict as a build
        (`lft.finish.preview`)."""
        if not self.serving or getattr(config.plugins.get("i18n"), "building", False):
            return  # `lft build` finishes in build.finish(); a language built inside waits
        site = Path(config.site_dir)
        every_page = not self.rebuild.served.files
        try:
            self._harden(config, self.search.now(site) if every_page else self.search.files)
        finally:
            self._release()
        if every_page:
            settle()
        written = self.rebuild.served.written
        if not every_page and any(rel.endswith(".html") for rel in written):
            self.search.later(site, lambda files: self._searched(config, files))

    def _searched(self, config: MkDocsConfig, indexed: frozenset[str]) -> None:
        """The search made again after a rebuild of some pages, in place: harden its files, and
        say that it finds what the pages now say."""
        self._harden(config, indexed)
        _console().info("search is up to date")

    def _harden(self, config: MkDocsConfig, indexed: frozenset[str]) -> None:
        """Harden what the preview wrote since the last time, the search index's files
        `indexed` trusted as generated (`lft.finish.preview.harden_changed`)."""
        trusted = trust(config)
        trusted = replace(trusted, generated=trusted.generated | indexed)
        site = Path(config.site_dir)
        for finding in harden_changed(site, trusted, self.rebuild.served):
            _console().error("not served: %s", finding)

    on_post_build = CombinedEvent(_one_404_per_language, _finish_preview)
