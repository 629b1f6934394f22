"""What a release is built from: a clean checkout of the tag it names.

A release archive stands for its tag: anyone can rebuild it from the tag and get the same bytes.
So `lft build --release --version V` refuses a project that is not a git checkout, a tag V that
does not exist, a HEAD that is not the commit of V, and changes that are not committed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

SOURCES = (
    "content",
    "docs",
    "overrides",
    "schemas",
    "src",
    "guard.yml",
    "mkdocs.yml",
    "publisher.yml",
    "pyproject.toml",
)
"""What the site is made from: a new file here that is not committed is not in the tag."""
SHOWN = 5
"""How many changed files a message names."""


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _changes(status: str) -> list[str]:
    """The files of `git status --porcelain -z` that make the tree differ from HEAD: every
    changed tracked file, and new files among the SOURCES."""
    changed = []
    entries = iter(status.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":
            next(entries, None)  # the name before the rename
        if code != "??" or path.split("/", 1)[0] in SOURCES:
            changed.append(path)
    return changed


def untagged(root: Path, version: str) -> list[str]:
    """Why `root` is not a clean checkout of the tag `version`: empty when it is."""
    switch = f"git switch --detach {version}"
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return [
            f"{root} is not a git checkout; a release is built from a checkout of its tag "
            f"({switch} in a clone of the repository)"
        ]
    tag = _git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{version}^{{commit}}")
    problems = []
    if tag is None:
        problems.append(
            f"there is no tag {version}; tag the commit to release (git tag {version}), "
            "then build the release from it"
        )
    else:
        head = (_git(root, "rev-parse", "HEAD") or "").strip()
        if head != tag.strip():
            problems.append(
                f"HEAD ({head[:12] or 'no commit'}) is not the tag {version} "
                f"({tag.strip()[:12]}); check the tag out first ({switch})"
            )
    changed = _changes(_git(root, "status", "--porcelain", "-z", "--untracked-files=all") or "")
    if changed:
        more = f" and {len(changed) - SHOWN} more" if len(changed) > SHOWN else ""
        problems.append(
            f"the work tree has changes that are not committed, so the release would not be "
            f"what {version} tagged: {', '.join(changed[:SHOWN])}{more}; commit or stash them, "
            "then tag and release"
        )
    return problems
