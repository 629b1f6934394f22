"""PUBLISHING.md followed to the letter gives a release (issue 15, point 2): the publisher fills in
`publisher.yml` and nothing else, tags, and builds the release as "Building on your own
computer" says."""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from test_publishing import PUBLISHER, _git_env

GUIDE = REPO / "PUBLISHING.md"
COPIED = (
    ".github",
    ".gitignore",
    "CONTRIBUTING.md",
    "CONTRIBUTING.nl.md",
    "content",
    "docs",
    "guard.yml",
    "mkdocs.yml",
    "overrides",
    "publisher.yml",
    "schemas",
    "style.yml",
)
"""What a clone holds that a build reads (the package itself is installed)."""


def _clone(tmp_path: Path) -> Path:
    project = tmp_path / "lft"
    project.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    return project


def _git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *args],
        check=True,
        env=_git_env(),
        capture_output=True,
        text=True,
    ).stdout


def _local_build_commands() -> list[str]:
    """The commands of "Building on your own computer", in order."""
    section = GUIDE.read_text(encoding="utf-8").split("## Building on your own computer", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return block[1].strip().splitlines()


@pytest.mark.e2e  # the commands come from PUBLISHING.md: no call here names a build
def test_the_publishers_guide_gives_a_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LFT_SITE_URL", raising=False)
    monkeypatch.delenv("LFT_REPO_URL", raising=False)
    project = _clone(tmp_path)
    # "Before the first release, fill in every setting of publisher.yml": a made-up identity.
    # Facts still open stay listed: a release leaves the passages that wait for them out.
    real = (REPO / "publisher.yml").read_text(encoding="utf-8")
    (project / "publisher.yml").write_text(
        PUBLISHER + "\nconfirmations:" + real.split("\nconfirmations:", 1)[1], encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 0, out + err
    assert "placeholder" not in out, out  # nothing else to fill in anywhere
    commands = _local_build_commands()
    assert commands[0] == "make site"  # the site build; the release below builds it again
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "The publisher's identity")
    for command in commands[1:]:
        words = command.split()
        if words[0] == "git":
            _git(project, *words[1:])
            continue
        assert command.startswith("SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) "), command
        monkeypatch.setenv("SOURCE_DATE_EPOCH", _git(project, "log", "-1", "--format=%ct").strip())
        lft = words.index(".venv/bin/lft")
        code, out, err = run_cli(capsys, "--root", str(project), *words[lft + 1 :])
        assert code == 0, out + err
        assert "release file: " in err
    archive = project / "dist" / "lft-site-v0.0.0-local.tar.gz"
    assert (project / "dist" / "SHA256SUMS").is_file()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        page = tar.extractfile("lft-site-v0.0.0-local/contact/index.html")
        assert page is not None
        contact = page.read().decode("utf-8")
    assert "lft-site-v0.0.0-local/en/index.html" in names
    assert "redactie@test-publisher.nl" in contact
    assert "example.org" not in contact
    assert _git(project, "status", "--porcelain") == ""  # the release wrote nothing tracked
