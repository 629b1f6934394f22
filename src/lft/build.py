"""Build the site atomically: into a fresh folder next to the target, swapped in only when done."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

log = logging.getLogger("mkdocs")


class BuildFailed(Exception):
    """The site could not be built; the previous site is untouched."""


def build_site(root: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build `root`'s site into `site_dir`, replacing it only after a complete, clean build."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(work), strict=strict)
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    work.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
