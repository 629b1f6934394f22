"""Build the site atomically and reproducibly, and package a release.

The site is built into a fresh folder next to the target and swapped in only when the build is
complete, so a failed or interrupted build leaves the previous site as it was. The build date is
SOURCE_DATE_EPOCH, or else the time of the last commit: never the clock, so two builds of the
same commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from lft.checks import Trust, scan_site
from lft.clock import source_date_epoch
from lft.harden import SECURITY_TXT, add_policies, clean_search_index, security_txt
from lft.plugin import trust
from lft.render import format_day
from lft.search import index_site
from lft.seo import make_findable


class BuildFailed(Exception):
    """The site could not be built; the previous site is untouched."""


def build_site(
    root: Path, site_dir: Path, *, strict: bool = True, release: dict[str, str] | None = None
) -> None:
    """Build `root`'s site into `site_dir`, replacing it only after a complete, clean build."""
    epoch = str(source_date_epoch(root))
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        _build_and_swap(root, site_dir, strict=strict, release=release)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _build_and_swap(
    root: Path, site_dir: Path, *, strict: bool, release: dict[str, str] | None
) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by an interrupted build
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(work), strict=strict)
        if release:
            config.extra["lft_release"] = release
        mkdocs_build(config)
        day = dt.datetime.fromtimestamp(source_date_epoch(root), dt.UTC).date()
        written = (
            {SECURITY_TXT: security_txt(config.repo_url, config.site_url or "", day)}
            if config.repo_url
            else {}
        )
        finish(work, trust(config), written)
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


def finish(site: Path, trusted: Trust, written: Mapping[str, str]) -> None:
    """Harden the freshly built site, add the `written` files, then refuse it if it is unsafe."""
    clean_search_index(site / "search" / "search_index.json")
    add_policies(site, trusted)
    for rel, text in written.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    added = index_site(site) | make_findable(site)
    trusted = replace(trusted, generated=trusted.generated | written.keys() | added)
    problems = scan_site(site, trusted)
    if problems:
        raise BuildFailed(
            "the built site is not safe to publish:\n"
            + "\n".join(f"site/{p}" for p in problems)
            + f"\n{len(problems)} problem(s) in the output"
        )


def archive(site_dir: Path, target: Path, prefix: str, mtime: int) -> None:
    """A tar.gz of the site whose bytes depend only on the files: sorted, fixed owner and time."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(site_dir.rglob("*")):
            info = tar.gettarinfo(str(path), f"{prefix}/{path.relative_to(site_dir).as_posix()}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = mtime
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    with (
        target.open("wb") as raw,
        gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=mtime, compresslevel=9
        ) as compressed,
    ):
        compressed.write(buffer.getvalue())


def release_site(root: Path, site_dir: Path, *, version: str, dist: Path) -> list[Path]:
    """Build the release: the site, `lft-site-<version>.tar.gz` and `SHA256SUMS` in `dist`."""
    epoch = source_date_epoch(root)
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    release = {
        "version": version,
        "date_nl": format_day(day, "nl"),
        "date_en": format_day(day, "en"),
    }
    build_site(root, site_dir, strict=True, release=release)
    dist.mkdir(parents=True, exist_ok=True)
    name = f"lft-site-{version}"
    tarball = dist / f"{name}.tar.gz"
    archive(site_dir, tarball, name, epoch)
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    sums = dist / "SHA256SUMS"
    sums.write_text(f"{digest}  {tarball.name}\n", encoding="utf-8")
    return [tarball, sums]
