"""The lock file: what a fresh clone installs is exactly what CI tested.

`requirements.lock` names every Python package with its exact version and hashes (`make lock`
writes it from `pyproject.toml`); `make` installs from it with `--require-hashes`, using the
installer that `tools.lock` pins the same way.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
TOOLS_LOCK = ROOT / "tools.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def pins(text: str) -> dict[str, str]:
    """Package name (canonical) to its exact version, as the lock names them."""
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def declared() -> list[Requirement]:
    """What pyproject.toml asks for: the dependencies and the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [
        Requirement(r)
        for r in (*project["dependencies"], *project["optional-dependencies"]["test"])
    ]


def test_every_declared_requirement_is_locked_at_a_version_it_allows() -> None:
    locked = pins(LOCK.read_text(encoding="utf-8"))
    disagree = [
        str(req)
        for req in declared()
        if canonicalize_name(req.name) not in locked
        or not req.specifier.contains(locked[canonicalize_name(req.name)], prereleases=True)
    ]
    assert disagree == [], "pyproject.toml and requirements.lock disagree: run `make lock`"


def test_every_locked_package_has_a_hash() -> None:
    entries = [
        entry
        for lock in (LOCK, TOOLS_LOCK)
        for entry in re.split(r"\n(?=[A-Za-z0-9])", lock.read_text(encoding="utf-8"))
    ]
    unhashed = [e.split()[0] for e in entries if PIN.match(e) and "--hash=sha256:" not in e]
    assert unhashed == []


def test_the_installer_is_pinned_as_tools_in_asks() -> None:
    """`make` takes uv from tools.lock; tools.in names the version `make lock` locks."""
    wanted = [
        Requirement(line)
        for line in (ROOT / "tools.in").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    locked = pins(TOOLS_LOCK.read_text(encoding="utf-8"))
    assert [r.name for r in wanted] == ["uv"]
    assert all(r.specifier.contains(locked[canonicalize_name(r.name)]) for r in wanted), (
        "tools.in and tools.lock disagree: run `make lock`"
    )


def test_the_installed_packages_are_the_locked_ones() -> None:
    """`make` installed from the lock: every locked package is here at its locked version."""
    locked = pins(LOCK.read_text(encoding="utf-8"))
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()
    }
    differ = {
        name: (version, installed.get(name))
        for name, version in locked.items()
        if installed.get(name) != version
    }
    assert differ == {}, "the environment is not the lock's: run `make` again"


def test_nothing_is_installed_beyond_the_lock() -> None:
    """`make` installs exactly the lock (`uv pip sync`): every other package is removed, so a
    test can pass only with what a fresh clone gets."""
    locked = pins(LOCK.read_text(encoding="utf-8"))
    installed = {canonicalize_name(d.metadata["Name"]) for d in importlib.metadata.distributions()}
    assert installed - locked.keys() == {"lft"}, "the environment is not the lock's: run `make`"


def test_the_lock_reader_sees_a_disagreement() -> None:
    lock = "mkdocs==1.6.0 \\\n    --hash=sha256:00\nnh3==0.3.8 \\\n    --hash=sha256:00\n"
    assert pins(lock) == {"mkdocs": "1.6.0", "nh3": "0.3.8"}
    assert not Requirement("mkdocs==1.6.1").specifier.contains(pins(lock)["mkdocs"])
