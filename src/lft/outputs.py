"""The folders lft writes: where they may be, whose they are, and how one replaces another.

An output folder (the site, the staging folder of the pages, the release folder) is never the
project folder, never an authored folder, never inside one and never a folder that holds one.
lft marks every folder it makes with a marker file and replaces or empties only folders that
carry it, so a mistyped setting can not delete a contributor's work. A build holds a lock of its
project and one of its target folder, so a second build of the same project, or a build from
another checkout into the same folder, stops instead of mixing its files with the first one's.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".lft-output"
"""The file lft writes into every folder it makes, and looks for before it replaces one."""

AUTHORED = (
    ".git",
    ".github",
    "content",
    "docs",
    "overrides",
    "schemas",
    "scripts",
    "src",
    "tests",
)
"""Folders of the project that people write; no output goes into, onto or around them."""

LOCK = "build/.lft-build.lock"
"""The lock file of a build, relative to the project folder."""


class OutputError(Exception):
    """An output folder that lft must not write, with a message naming the setting."""


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() + "/" if path.is_relative_to(root) else str(path)


def check_output(root: Path, folder: Path, setting: str) -> Path:
    """`folder` resolved, or an OutputError saying why `setting` may not point there."""
    root = root.resolve()
    target = (root / folder).resolve()
    where = f"{setting} {_shown(target, root) if target != root else '.'}"
    hint = "choose a new folder of its own, like site/ or /tmp/lft-site"
    if target == root:
        raise OutputError(f"{where} is the project folder; {hint}")
    if root.is_relative_to(target):
        raise OutputError(f"{where} holds the project folder; {hint}")
    for name in AUTHORED:
        authored = root / name
        if target == authored or target.is_relative_to(authored):
            raise OutputError(f"{where} is inside {name}/, which people write; {hint}")
        if authored.is_relative_to(target):
            raise OutputError(f"{where} holds {name}/, which people write; {hint}")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{where} is a file, not a folder; {hint}")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise OutputError(
            f"{where} holds files that lft did not write (it has no {MARKER} marker); "
            "lft replaces only folders it made: empty or remove it yourself, or "
            f"{hint.removeprefix('choose ')}"
        )
    return target


def apart(root: Path, site_dir: Path, dist: Path) -> None:
    """Refuse a site folder that is, holds or lies in the release folder: putting the site in
    place would delete the archive just written, or the archive would land inside the site."""
    site, releases = (root / site_dir).resolve(), (root / dist).resolve()
    if site == releases or releases.is_relative_to(site) or site.is_relative_to(releases):
        how = (
            "is" if site == releases else "holds" if releases.is_relative_to(site) else "is inside"
        )
        raise OutputError(
            f"the site folder {_shown(site, root.resolve())} {how} the release folder "
            f"{_shown(releases, root.resolve())}; build the site elsewhere, like site/"
        )


def make_output(folder: Path) -> Path:
    """Create `folder` (readable by a web server) with lft's marker in it."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    (folder / MARKER).write_text("made by lft; replaced by the next build\n", encoding="utf-8")
    return folder


def remove_output(folder: Path) -> None:
    """Delete a folder lft made; a folder without the marker is left alone."""
    if (folder / MARKER).is_file():
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock, or raise OutputError if another build holds it."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another lft build of this project is running (it holds {LOCK}); "
                "wait until it has finished, then build again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def target_lock(target: Path) -> Iterator[None]:
    """Hold the lock of the folder that will hold `target`, or raise OutputError if a build
    (from any checkout) holds it: two builds into one site folder would mix their files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another lft build is writing into {target.parent} (perhaps from another "
                "checkout); wait until it has finished, then build again"
            ) from None
        yield
    finally:
        os.close(handle)  # closing releases the lock


def publishable(folder: Path) -> None:
    """Give every folder 0755 and every file 0644, whatever the umask of the build: a web
    server runs as another user and must read them all."""
    folder.chmod(0o755)
    for top, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(top, name), 0o755)
        for name in files:
            os.chmod(os.path.join(top, name), 0o644)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder `new` in the place of `target` so that readers always see one of them."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        remove_output(new)  # now the previous folder
        return
    previous = target.with_name(f".{target.name}.previous")
    remove_output(previous)
    target.rename(previous)
    new.rename(target)
    remove_output(previous)


def write_atomically(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Write `target` under a temporary name and rename it: it is whole or it is the old one.
    `mode`: who may read it (by default everyone: the site and its archive are public)."""
    temporary = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        temporary.rename(target)
    finally:
        temporary.unlink(missing_ok=True)
