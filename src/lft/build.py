"""Build the site atomically and reproducibly, and package a release.

The site is built into a fresh folder next to the target and put in its place in one step only
when the build is complete and its checks pass, so a failed, refused or interrupted build leaves
the previous site as it was. The build date is SOURCE_DATE_EPOCH, or else the time of the last
commit: never the clock, so two builds of the same commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import re
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from lft.check.project import Checked, Project
from lft.check.unconfirmed import RULE as UNCONFIRMED
from lft.check.unconfirmed import UNMARKED
from lft.clock import build_day, source_date_epoch
from lft.engine import mkdocs as engine
from lft.engine.mkdocs import Built
from lft.environment import changed
from lft.finish.findable import make_findable
from lft.finish.guard import scan_output
from lft.finish.onepass import Shipped, add_policies
from lft.finish.policy import HEADERS_FILE, SECURITY_TXT, headers_file, security_txt
from lft.finish.scan import Trust, scan_site
from lft.finish.search import index_site
from lft.finish.site import check_site, left_out
from lft.outputs import (
    MARKER,
    OutputError,
    apart,
    build_lock,
    check_output,
    make_output,
    publishable,
    remove_output,
    replace_folder,
    target_lock,
    write_atomically,
)
from lft.placeholders import is_placeholder
from lft.render.pages import format_day
from lft.render.prepare import Prepared, prepare
from lft.source.svg import clean_site

PREVIEW_SWITCHES = ("LFT_ALLOW_DRAFTS", "LFT_ONLY_LANGUAGE")
"""Environment settings of `lft serve` (drafts shown, one language) that no build obeys."""
VERSION = re.compile(r"(?<![0-9v])v?[0-9]+(?:\.[0-9]+){1,2}(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?")
"""A release version: 1.2.0, v1.2.0 or 1.2.0-rc.1; it becomes part of file names."""


class BuildFailed(Exception):
    """The site could not be built; the previous site is untouched."""


def preview_switches() -> list[str]:
    """The preview settings present in the environment, by name."""
    return [name for name in PREVIEW_SWITCHES if os.environ.get(name)]


@contextmanager
def _build_environment(root: Path) -> Iterator[None]:
    """Fix the build date and hide the preview switches while the engine reads its settings."""
    epoch = str(source_date_epoch(root))
    with changed({"SOURCE_DATE_EPOCH": epoch, **dict.fromkeys(PREVIEW_SWITCHES)}):
        yield


def build_site(
    root: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    today: dt.date | None = None,
    project: Project | None = None,
) -> None:
    """Build `root`'s site into `site_dir`, replacing it only after a complete, clean build.

    `today` is the day the site speaks for (embargoes end on it); by default the build day.
    `project`, the one the command read and checked already, is not read again.
    """
    target = _target(root, site_dir)
    with _build_environment(root), _locked(root, target):
        work = _build(root, target, strict=strict, release=None, today=today, project=project)
        _swap(work, target)


@contextmanager
def _locked(root: Path, target: Path) -> Iterator[None]:
    try:
        with build_lock(root), target_lock(target):
            yield
    except OutputError as exc:
        raise BuildFailed(str(exc)) from exc
    except OSError as exc:
        raise BuildFailed(f"cannot write in {root / 'build'}: {exc.strerror}") from exc


def _target(root: Path, site_dir: Path) -> Path:
    try:
        return check_output(root, site_dir, "the site folder")
    except OutputError as exc:
        raise BuildFailed(str(exc)) from exc


def _build(
    root: Path,
    target: Path,
    *,
    strict: bool,
    release: dict[str, str] | None,
    today: dt.date | None,
    project: Project | None = None,
) -> Path:
    """A complete, checked site in a new folder beside `target`; nothing else is touched."""
    work, stage = _folders(root, target)
    try:
        built, checked, sources = _engine(
            root, project, stage, work, strict=strict, release=release, today=today
        )
        shipped = finish(work, built.trust, _security_txt(root, checked, built))
        publishable(work)
        _check_output(root, work, checked, sources, shipped, release=bool(release))
    except (engine.EngineFailed, OSError, OutputError) as exc:
        remove_output(work)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        remove_output(work)
        raise
    finally:
        remove_output(stage)
    return work


def _engine(
    root: Path,
    project: Project | None,
    stage: Path,
    work: Path,
    *,
    strict: bool,
    release: dict[str, str] | None,
    today: dt.date | None,
) -> tuple[Built, Checked, dict[str, str | None]]:
    """The content of `root` checked, its source prepared in `stage` and built by the engine
    into `work`: the build, the check and the file each page is made from. What the source was
    made of (the rendered pages, the open data and the feeds) is let go of on return, before
    the steps after the engine read every built page."""
    prepared = prepare(project or root, stage, today=today, release=bool(release))
    _refuse_content(prepared, release=bool(release))
    built = engine.build(
        root, prepared, work, strict=strict, extra={"lft_release": release} if release else {}
    )
    if release:
        _refuse_placeholder_addresses(built)
    return built, prepared.checked, prepared.page_sources


def _folders(root: Path, target: Path) -> tuple[Path, Path]:
    """A new folder for the site beside `target` and one for its source under `build/`; what
    an interrupted build left is removed first (the locks keep other builds out)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in [
            *target.parent.glob(f".{target.name}.building-*"),
            *(root / "build").glob("pages-*"),
        ]:
            remove_output(stale)
        work = make_output(
            Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        )
        stage = make_output(Path(tempfile.mkdtemp(prefix="pages-", dir=root / "build")))
    except OSError as exc:
        raise BuildFailed(f"cannot write {exc.filename or target.parent}: {exc.strerror}") from exc
    return work, stage


def _refuse_content(prepared: Prepared, *, release: bool) -> None:
    """No build with content errors; no release that would break a page by leaving out an
    unconfirmed passage, or that says a fact is unconfirmed without the markers."""
    if prepared.checked.errors:
        raise BuildFailed(
            f"{len(prepared.checked.errors)} content problem(s); run 'lft check' for the list"
        )
    for rule, headline in (
        (UNCONFIRMED, "leaving out the unconfirmed passages would break a page"),
        (UNMARKED, "a text says a fact is not confirmed without the markers a release needs"),
    ):
        broken = [p for p in prepared.checked.problems if p.rule == rule and release]
        if broken:
            raise BuildFailed(f"{headline}:\n" + "\n".join(map(str, broken)))


def _refuse_placeholder_addresses(built: Built) -> None:
    unreal = [
        f"{setting} is {value or 'not set'}"
        for setting, value in (("site_url", built.site_url), ("repository", built.repo_url))
        if is_placeholder(value)
    ]
    if unreal:
        raise BuildFailed(
            "a release needs the publisher's real addresses in publisher.yml: " + "; ".join(unreal)
        )


def _security_txt(root: Path, checked: Checked, built: Built) -> dict[str, str]:
    """`security.txt`, when the site has a repository to report to."""
    publisher = checked.publisher
    repository = publisher.value("repository") if publisher.known("repository") else ""
    repository = repository or built.repo_url
    mailbox = publisher.value("mailbox") if publisher.known("mailbox") else ""
    if not repository:
        return {}
    return {SECURITY_TXT: security_txt(repository, built.site_url, build_day(root), mailbox)}


def _check_output(
    root: Path,
    work: Path,
    checked: Checked,
    sources: dict[str, str | None],
    shipped: Shipped | None,
    *,
    release: bool,
) -> None:
    """The built site as a whole and the publication guard over what readers get (`sources`:
    the file each page is made from)."""
    problems = [
        f"site/{p}"
        for p in check_site(
            work,
            left_out=left_out(checked.content, checked.site_content),
            release=release,
            pages=shipped.site if shipped else None,
        )
    ]
    found = scan_output(
        work,
        root,
        excused=checked.excused,
        sources=sources,
        pages=shipped.guard if shipped else None,
    )
    problems += [f"site/{m}" for m in found]
    if problems:
        raise BuildFailed(
            "the built site fails its checks:\n"
            + "\n".join(problems)
            + f"\n{len(problems)} problem(s) in the output"
        )


def _swap(work: Path, target: Path) -> None:
    try:
        replace_folder(work, target)
    except OSError as exc:
        remove_output(work)
        raise BuildFailed(f"cannot replace {target}: {exc.strerror}") from exc


def finish(site: Path, trusted: Trust, written: Mapping[str, str]) -> Shipped | None:
    """Harden the freshly built site, add the `written` files, then refuse it if it is unsafe;
    the pages as they ship, read once for every later check (None when the policy step gave
    none: each check then reads the pages itself)."""
    shipped: Shipped | None = add_policies(site, trusted)
    for rel, text in written.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    # MARKER: the output folder's own mark (`lft.outputs`), never published (`archive`).
    added = index_site(site) | make_findable(site) | {HEADERS_FILE, MARKER}
    clean_site(site)
    (site / HEADERS_FILE).write_text(headers_file(site), encoding="utf-8")
    trusted = replace(trusted, generated=trusted.generated | written.keys() | added)
    problems = scan_site(site, trusted, shipped.output if shipped else None)
    if problems:
        raise BuildFailed(
            "the built site is not safe to publish:\n"
            + "\n".join(f"site/{p}" for p in problems)
            + f"\n{len(problems)} problem(s) in the output"
        )
    return shipped


def archive(site_dir: Path, prefix: str, mtime: int) -> bytes:
    """A tar.gz of the site whose bytes depend only on the files: sorted, fixed owner and time."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir).as_posix()
            if rel == MARKER:
                continue
            info = tar.gettarinfo(str(path), f"{prefix}/{rel}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = mtime
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    compressed = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=compressed, mtime=mtime, compresslevel=9
    ) as stream:
        stream.write(buffer.getvalue())
    return compressed.getvalue()


def release_site(
    root: Path,
    site_dir: Path,
    *,
    version: str,
    dist: Path,
    day: dt.date | None = None,
    project: Project | None = None,
) -> list[Path]:
    """Build the release of `day`: the site, `lft-site-<version>.tar.gz` and `SHA256SUMS`.

    Archive and checksums are written under temporary names and renamed when both are whole;
    the site is put in place last, so a failure at any step leaves the previous release.
    """
    if not VERSION.fullmatch(version):
        raise BuildFailed(f"--version {version!r} is not a version like 1.2.0 or v1.2.0-rc.1")
    day = day or build_day(root)
    release = {
        "version": version,
        "date_nl": format_day(day, "nl"),
        "date_en": format_day(day, "en"),
    }
    name = f"lft-site-{version}"
    try:
        apart(root, site_dir, dist)
    except OutputError as exc:
        raise BuildFailed(str(exc)) from exc
    target = _target(root, site_dir)
    with _build_environment(root), _locked(root, target):
        work = _build(root, target, strict=True, release=release, today=day, project=project)
        tarball = dist / f"{name}.tar.gz"
        sums = dist / "SHA256SUMS"
        try:
            dist.mkdir(parents=True, exist_ok=True)
            data = archive(work, name, source_date_epoch(root))
            if tarball.is_file() and tarball.read_bytes() != data:
                remove_output(work)
                raise BuildFailed(
                    f"{tarball} already holds a release {version} of other content; a "
                    "version is released once: choose a new version (or delete that archive "
                    "if it was never published)"
                )
            write_atomically(tarball, data)
            write_atomically(sums, f"{hashlib.sha256(data).hexdigest()}  {tarball.name}\n".encode())
        except OSError as exc:
            remove_output(work)
            raise BuildFailed(f"cannot write the release into {dist}: {exc.strerror}") from exc
        _swap(work, target)
    return [tarball, sums]
