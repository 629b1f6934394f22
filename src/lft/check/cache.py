"""What `lft check` made of each file, kept on disk for the next check of the same project.

A contributor checks again and again while editing a file or two. What a check made of each
file (`Project.kept`: its parse, schema check, guard scan, terms, passages) is kept in the
user's cache folder: `LFT_CACHE_DIR`, else `$XDG_CACHE_HOME/lft`, else `~/.cache/lft`, one file
per project folder. It is never inside the project, so no pull request can bring one (a cache
folder set inside the project is not used: reading a kept file runs what it holds); a fresh
clone in CI has none and checks everything.

A kept result is used only while everything else a check reads is as it was (`world`): lft's
own code and the installed packages, lft's settings in the environment, and every file of the
project a check reads that is not an item's file (settings, schemas, registries, `docs/`), with
the list of every file under `content/`. Then a kept result differs from a new one only where
an item's text changed, and that one is made anew: the rule the preview keeps its results by
(`lft.check.project.Project.changed`). `lft build`, a release and the preview's first check
never read it. `lft check --no-cache` neither reads nor writes it. What was kept for a project
not checked for a month is removed (`UNUSED_DAYS`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import lft
from lft.check.project import CHECKED
from lft.outputs import write_atomically
from lft.source.files import entries
from lft.source.load import is_item_file

SETTING = "LFT_CACHE_DIR"
"""The setting (environment) for the folder of the kept results."""
FORMAT = 1
"""The layout of a kept file; another layout is not read."""
_NOT_ITS_RESULTS = {SETTING, "LFT_WORKERS"}
"""lft's settings in the environment that change no result of a check."""

Kept = dict[tuple[str, str], tuple[object, Any]]


def folder() -> Path:
    """Where the kept results are."""
    setting = os.environ.get(SETTING, "").strip()
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "lft"


def _place(root: Path) -> Path | None:
    """The file of the project at `root`; None when the cache folder lies in the project, where
    a pull request could bring a file that reading would run as code."""
    cache = folder().resolve()
    if cache.is_relative_to(root.resolve()):
        return None
    name = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
    return cache / f"check-{name}.pickle"


def world(root: Path) -> str:
    """A digest of everything the kept results depend on besides the texts of items."""
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")
            digest.update(len(data).to_bytes(8, "big") + data)

    add(sys.version, str(FORMAT))
    code = Path(lft.__file__).parent
    for path in sorted(code.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            add(path.relative_to(code).as_posix(), path.read_bytes())
    add(*_installed())
    add(*sorted(f"{k}={v}" for k, v in os.environ.items() if _counts(k)))
    for name in CHECKED:
        path = root / name
        if path.is_symlink() or path.is_file():
            add(name, _state(path, name, path.is_symlink()))
        for rel, entry in entries(path, name) if path.is_dir() else ():
            if not entry.is_dir(follow_symlinks=False):
                add(rel, _state(Path(entry.path), rel, entry.is_symlink()))
    return digest.hexdigest()


def _installed() -> list[str]:
    """The installed packages with their versions, by the names of their metadata folders
    (`PyYAML-6.0.2.dist-info`): reading every package's metadata took longer than the rest."""
    found: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found.update(f"{folder}/{n}" for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _counts(name: str) -> bool:
    return name.startswith("LFT_") and name not in _NOT_ITS_RESULTS


def _state(path: Path, rel: str, link: bool) -> bytes:
    """A link by its target, an item's file by its name alone, any other file by its bytes."""
    try:
        if link:
            return b"link:" + os.fsencode(os.readlink(path))
        if is_item_file(rel):
            return b"item"
        return path.read_bytes()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()


def load(root: Path, now: str) -> Kept:
    """The results kept for the project at `root` when its world is `now`; none otherwise, or
    when they cannot be read (the kept world is read first, the results only when it is `now`)."""
    place = _place(root)
    if place is None:
        return {}
    try:
        with place.open("rb") as handle:
            if pickle.load(handle) != (FORMAT, now):
                return {}
            kept = pickle.load(handle)
    except Exception:  # whatever is wrong with a kept file (old, cut short): check anew
        return {}
    return kept if isinstance(kept, dict) else {}


def save(root: Path, now: str, kept: Kept) -> None:
    """Keep `kept` for the next check of the project at `root` (world `now`); where the cache
    folder cannot be written, the next check makes every result anew."""
    place = _place(root)
    if place is None:
        return
    head = pickle.dumps((FORMAT, now), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        place.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = head + pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(place, data, mode=0o600)  # texts of drafts and embargoed items
        _forget_unused(place.parent, now=time.time())
    except OSError:
        pass


UNUSED_DAYS = 30
"""A project not checked for this long (its folder gone, say) has its kept results removed."""


def _forget_unused(cache: Path, now: float) -> None:
    """Remove the kept results of the projects not checked for `UNUSED_DAYS` (by the time
    their file was written)."""
    for kept_file in cache.glob("check-*.pickle"):
        try:
            if now - kept_file.stat().st_mtime > UNUSED_DAYS * 86400:
                kept_file.unlink()
        except OSError:
            continue  # another check removed or replaced it
