"""Assemble the pages MkDocs builds: hand-written `docs/` plus generated pages, in a staging folder.

mkdocs-static-i18n recreates every File from the docs folder on disk, so generated pages must
exist as real files. They go into a staging folder outside `docs/` and `content/`; only files
whose bytes changed are written, and files that are no longer produced are removed. Raster
pictures are staged drawn again without their metadata (`lft.source.pictures`), so only those bytes
are published.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from lft.outputs import MARKER, OutputError, make_output
from lft.render.pages import Page
from lft.source import pictures
from lft.source.load import docs_language


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless `path` holds it already (its time then stays, so an engine's dirty
    build leaves its page alone); True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _wanted(
    pages: list[Page],
    assets: dict[str, Path],
    docs: Path,
    target: Path,
    files: Mapping[str, bytes],
    language: str | None,
) -> dict[Path, bytes | Path]:
    """Each file `stage` puts in `target`, and where its bytes come from."""
    wanted: dict[Path, bytes | Path] = {target / uri: path for uri, path in assets.items()}
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            if path.is_symlink():
                raise OutputError(f"{path} is a symbolic link; lft publishes no linked files")
            if path.suffix == ".md" and language and docs_language(path.name) != language:
                continue
            if path.is_file():
                wanted[target / path.relative_to(docs)] = path
    for page in pages:
        if language and page.lang != language:
            continue
        wanted[target / page.src_uri] = page.markdown.encode("utf-8")
    for rel, data in files.items():
        wanted[target / rel] = data
    return wanted


def stage(
    pages: list[Page],
    assets: dict[str, Path],
    docs: Path,
    target: Path,
    rewrite: Callable[[str, str], str] | None = None,
    files: Mapping[str, bytes] | None = None,
    language: str | None = None,
) -> frozenset[str]:
    """Make `target` hold exactly the files of `docs`, the content assets, the pages and the
    generated `files` (the open data), each by its path in the site; the paths (relative to
    `target`) of the files it wrote or removed.

    `language`: the one language a preview builds (`lft serve --lang en`), whose pages alone
    are staged. mkdocs-static-i18n then builds it as the default language, which takes a
    page's unsuffixed file (the Dutch text) before its own (`about.en.md`) where both are there.

    `target` must be a folder lft made (it carries the marker) or a new or empty one: its other
    files are deleted. A symbolic link among the sources is refused, never followed.
    `rewrite(markdown, lang)` gives the text of each hand-written page as it is staged.
    """
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise OutputError(
            f"the staging folder {target} holds files lft did not write (no {MARKER} marker); "
            "set stage_dir to a new folder, like build/pages"
        )
    wanted = _wanted(pages, assets, docs, target, files or {}, language)
    make_output(target)
    wanted[target / MARKER] = (target / MARKER).read_bytes()
    refused: set[Path] = set()
    changed: set[Path] = set()
    for destination, origin in wanted.items():
        if isinstance(origin, Path) and os.path.realpath(origin) != os.path.abspath(origin):
            raise OutputError(
                f"{origin} goes through a symbolic link; lft publishes no linked files"
            )
        data = origin.read_bytes() if isinstance(origin, Path) else origin
        if rewrite and isinstance(origin, Path) and origin.suffix == ".md":
            text = data.decode("utf-8", "surrogateescape")  # unreadable text: `lft check` says so
            data = rewrite(text, docs_language(origin.name)).encode("utf-8", "surrogateescape")
        if destination.suffix.lower() in pictures.TYPES:
            if pictures.problems(destination.name, data):
                refused.add(destination)  # `lft check` names the problem; never published
                continue
            data = pictures.rewrite(destination.name, data)
        if _write_if_changed(destination, data):
            changed.add(destination)
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and (path not in wanted or path in refused):
            path.unlink()
            changed.add(path)
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return frozenset(path.relative_to(target).as_posix() for path in changed)
