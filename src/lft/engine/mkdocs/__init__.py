"""The site engine: MkDocs 1.x (ProperDocs or MkDocs, `lft.engine`) with Material and static-i18n.

The only place MkDocs is imported. The core prepares a complete site source
(`lft.render.prepare.prepare`); this module turns it into HTML (`build`) or previews it (`serve`),
and
says what the theme ships itself (`trust`), so that the core's checks of the output can tell the
theme's scripts and files from anything else. Moving to another engine means writing this
module again for it: the plugin in `plugin.py` is thin wiring (escaping what the theme prints,
edit links to `content/`, the 404 page per language).
"""

from __future__ import annotations

import gc
import logging
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lft.engine import activate, logger

ENGINE = activate()
"""The engine that runs in this process, chosen before MkDocs is first imported (`lft.engine`)."""

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.commands.build import log as build_log  # noqa: E402
from mkdocs.commands.serve import serve as mkdocs_serve  # noqa: E402
from mkdocs.config import config_options, load_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402
from mkdocs.plugins import PluginCollection  # noqa: E402

from lft.engine.mkdocs.languages import Said, kept, move_into, say  # noqa: E402
from lft.engine.mkdocs.plugin import LftPlugin  # noqa: E402
from lft.engine.mkdocs.theme import trust  # noqa: E402
from lft.finish.scan import Trust  # noqa: E402
from lft.render.prepare import Prepared  # noqa: E402
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES  # noqa: E402
from lft.workers import in_chunks  # noqa: E402


class EngineFailed(Exception):
    """The engine refused the source or its settings; the message says why."""


_ENGINE_WORDS = (
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target "
            r"(?:'[^']*' )?is not found among documentation files\."
        ),
        "page {page}: the link '{link}' leads to no page or file of the site",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc "
            r"'[^']*' does not contain an anchor '(?P<anchor>[^']*)'\."
        ),
        "page {page}: the link '{link}' leads to no heading {anchor} of that page",
    ),
    (
        re.compile(r"Aborted with (?P<count>\d+) warnings? in strict mode!"),
        "the site engine stopped at the {count} warning(s) it gave above",
    ),
    (re.compile(r"Aborted with a BuildError!"), "the preview stopped at the error above"),
)
"""MkDocs' messages that reach a contributor, and the same in lft's words."""


def engine_words(message: str) -> str:
    """An engine message in lft's words: a known one rephrased, any other one marked as the
    engine's, so nobody takes it for a check of ours."""
    for pattern, words in _ENGINE_WORDS:
        found = pattern.fullmatch(message.strip())
        if found:
            return words.format(**found.groupdict())
    return f"the site engine says: {message.strip()}"


@dataclass(frozen=True)
class Built:
    """What the engine built: what it ships itself, and the site's addresses from its settings."""

    trust: Trust
    site_url: str
    repo_url: str


def build(
    root: Path, prepared: Prepared, site: Path, *, strict: bool, extra: dict[str, object]
) -> Built:
    """Build the `prepared` source of `root` into the folder `site`, each language by a worker
    process of its own where there are cores for it (`lft.engine.mkdocs.languages`).

    `extra` goes to the templates (the release footer reads `lft_release`).
    """
    folders = {
        lang: site
        if lang == DEFAULT_LANGUAGE
        else Path(tempfile.mkdtemp(prefix=f"{site.name}-{lang}-", dir=site.parent))
        for lang in LANGUAGES
    }
    try:
        done = in_chunks(
            _languages,
            [(lang, str(folder)) for lang, folder in folders.items()],
            root,
            prepared,
            strict,
            extra,
            size=1,
            fork_only=True,
        )
        failed = say([said for said, _built in done])
        if failed is not None and failed.refused is not None:
            reason = failed.refused
            raise EngineFailed(engine_words(reason) if failed.by_engine else reason)
        for folder in folders.values():
            if folder != site:
                move_into(folder, site)
        built = dict(zip(folders, (built for _said, built in done), strict=True))
        made = built[DEFAULT_LANGUAGE]
        assert made is not None
        return made
    finally:
        for folder in folders.values():
            if folder != site:
                shutil.rmtree(folder, ignore_errors=True)


def _languages(
    jobs: list[tuple[str, str]],
    root: Path,
    prepared: Prepared,
    strict: bool,
    extra: dict[str, object],
) -> list[tuple[Said, Built | None]]:
    """Build each language (language, folder) of `jobs`; what each build said, and what it
    built unless the engine refused it."""
    done: list[tuple[Said, Built | None]] = []
    for lang, folder in jobs:
        said = Said()
        with kept(logger(), said):
            built: Built | None = None
            try:
                built = _build(root, prepared, Path(folder), lang, strict, extra)
            except MkDocsException as exc:
                said.refused, said.by_engine = str(exc), True
            except EngineFailed as exc:
                said.refused = str(exc)
        done.append((said, built))
    return done


def _build(
    root: Path,
    prepared: Prepared,
    site: Path,
    lang: str,
    strict: bool,
    extra: dict[str, object],
) -> Built:
    """Build the pages of the language `lang` into `site`, where mkdocs-static-i18n puts them
    (the default language's at the root, another's in its folder)."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=strict)
    try:
        plugin = config.plugins["lft"]
        if not isinstance(plugin, LftPlugin):
            raise EngineFailed("mkdocs.yml does not load the lft plugin (plugins: - lft)")
        # As MkDocs' own build command: a build, whatever an earlier preview in this
        # process left in the plugins (they live on for the next load_config).
        config.plugins.on_startup(command="build", dirty=False)
        plugin.prepared, plugin.language = prepared, lang
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise EngineFailed("mkdocs.yml does not load mkdocs-static-i18n (plugins: - i18n)")
        # The one language; `building` keeps the plugin from building the others after it.
        i18n.current_language, i18n.building = lang, True
        config.extra.update(extra)
        try:
            mkdocs_build(config)
        finally:
            plugin.prepared = None
            config.plugins.on_shutdown()
        return Built(trust(config), config.site_url or "", config.repo_url or "")
    finally:
        _forget(config)


def _forget(config: MkDocsConfig) -> None:
    """Let go of the configuration of a build, its plugins and what they hold.

    MkDocs' settings are one for the process: the setting of the plugins keeps every plugin
    `load_config` makes (for the next `load_config`: a preview's rebuilds), and settings keep
    the last configuration. mkdocs-static-i18n's plugin keeps every page of the last build
    with its HTML: at 3,000 items hundreds of megabytes that the steps after the engine could
    use. The next build makes its configuration and plugins anew; the pages are freed at once
    (they refer to each other, so only a collection of reference cycles frees them)."""
    setting = MkDocsConfig.plugins
    assert isinstance(setting, config_options.Plugins)
    setting.plugin_cache.clear()
    setting.plugins = PluginCollection()
    config.clear()
    gc.collect()


_DIRTY_NOTICES = (
    "A 'dirty' build is being performed",
    "The directory contains stale files. Use --clean",
)
"""MkDocs' warnings on every dirty build, which the preview's rebuilds are on purpose."""


def _not_dirty_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(_DIRTY_NOTICES)


def serve(root: Path, dev_addr: str) -> None:
    """Preview the site, preparing the source again on every change (the plugin does it).

    Each rebuild is one of MkDocs' dirty builds, in every language: only the pages whose staged
    source changed are built again, unless the plugin emptied the site first because something
    every page shows changed (`lft.engine.mkdocs.rebuild`). mkdocs-static-i18n builds the other
    language dirty only when the command line holds `--dirty`, so it does while serving.
    """
    argv = sys.argv
    sys.argv = [*argv, "--dirty"]
    build_log.addFilter(_not_dirty_notice)
    try:
        mkdocs_serve(
            config_file=str(root / "mkdocs.yml"),
            livereload=True,
            build_type="dirty",
            dev_addr=dev_addr,
            strict=False,
        )
    except MkDocsException as exc:
        raise EngineFailed(engine_words(exc.format_message())) from exc
    finally:
        sys.argv = argv
        build_log.removeFilter(_not_dirty_notice)
