"""Output folders: no setting makes lft delete authored work; builds take turns; swaps are whole."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import replace, run_cli, write
from lft.build import BuildFailed, build_site
from lft.cli import main
from lft.outputs import LOCK, MARKER, build_lock, replace_folder, target_lock


def authored(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != "build"
    }


@pytest.mark.parametrize(
    ("site_dir", "message"),
    [
        (".", "the site folder . is the project folder; choose a new folder of its own"),
        ("content", "the site folder content/ is inside content/, which people write"),
        ("docs/built", "the site folder docs/built/ is inside docs/, which people write"),
        ("..", "holds the project folder"),
    ],
)
def test_a_site_folder_on_authored_work_is_refused_and_nothing_is_deleted(
    project: Path, capsys: pytest.CaptureFixture[str], site_dir: str, message: str
) -> None:
    before = authored(project)
    assert main(["--root", str(project), "build", "--site-dir", str(project / site_dir)]) == 1
    assert message in capsys.readouterr().err
    assert authored(project) == before


@pytest.mark.parametrize("stage_dir", [".", "content", "docs", "schemas/x"])
def test_a_stage_dir_on_authored_work_is_refused_and_nothing_is_deleted(
    project: Path, caplog: pytest.LogCaptureFixture, stage_dir: str
) -> None:
    replace(
        project,
        "mkdocs.yml",
        "watch: []",
        f"watch: []\nplugins:\n  - lft:\n      stage_dir: {stage_dir}",
    )
    before = authored(project)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "out")))
    assert re.search(r"lft: stage_dir \S+ (is the project folder|is inside|holds)", caplog.text)
    assert authored(project) == before


def test_a_folder_lft_did_not_make_is_never_replaced(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "mine"
    write(site, "notes.txt", "my own notes")
    with pytest.raises(BuildFailed, match=f"holds files that lft did not write .*{MARKER}"):
        build_site(project, site)
    assert (site / "notes.txt").read_text(encoding="utf-8") == "my own notes"


def test_the_site_is_readable_by_a_web_server(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "built"
    old = os.umask(0o077)  # a builder who keeps their files to themselves
    try:
        build_site(project, site)
    finally:
        os.umask(old)
    modes = {p.stat().st_mode & 0o777 for p in site.rglob("*") if p.is_file()}
    folders = {p.stat().st_mode & 0o777 for p in [site, *site.rglob("*")] if p.is_dir()}
    assert (modes, folders) == ({0o644}, {0o755})


def test_a_site_folder_that_cannot_be_made_is_a_clear_failure(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a-file", "")
    assert (
        main(["--root", str(project), "build", "--site-dir", str(tmp_path / "a-file" / "site")])
        == 1
    )
    err = capsys.readouterr().err
    assert "build failed: cannot write " in err and "Traceback" not in err


def test_a_second_build_waits_its_turn(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "built"
    with (
        build_lock(project),
        pytest.raises(
            BuildFailed, match=f"another lft build of this project is running \\(it holds {LOCK}\\)"
        ),
    ):
        build_site(project, site)
    assert not site.exists()
    with build_lock(project):  # the refused build left the lock free for the next one
        pass


def test_replacing_a_folder_is_one_step(tmp_path: Path) -> None:
    old, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((old, "old"), (new, "new")):
        write(folder, "index.html", text)
        write(folder, MARKER, "")
    inode = os.stat(new).st_ino
    replace_folder(new, old)
    assert os.stat(old).st_ino == inode  # the new folder itself took the place: no copy, no gap
    assert (old / "index.html").read_text(encoding="utf-8") == "new"
    assert not new.exists()


def test_a_preview_with_a_stage_dir_on_authored_work_is_refused_cleanly(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(
        project,
        "mkdocs.yml",
        "watch: []",
        "watch: []\nplugins:\n  - lft:\n      stage_dir: content",
    )
    before = authored(project)
    code, _, err = run_cli(capsys, "--root", str(project), "serve", "--dev-addr", "127.0.0.1:0")
    assert code == 1
    assert "lft: stage_dir content/ is inside content/, which people write" in err
    assert "lft serve: the preview stopped at the error above" in err
    assert "Traceback" not in err
    assert authored(project) == before


def test_a_build_from_another_checkout_into_the_same_folder_stops(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "shared" / "site"
    with (
        target_lock(site),  # held by a build of another checkout
        pytest.raises(BuildFailed, match=r"another lft build is writing into .*shared"),
    ):
        build_site(project, site)
    assert not site.exists()


def test_the_staging_copies_of_killed_builds_are_cleaned(project: Path, tmp_path: Path) -> None:
    for name in ("pages-killed1", "pages-killed2"):
        write(project, f"build/{name}/{MARKER}", "")
        write(project, f"build/{name}/index.md", "# Oud\n")
    write(project, "build/pages-mine/notes.md", "not made by lft")
    build_site(project, tmp_path / "built")
    assert sorted(p.name for p in (project / "build").iterdir() if p.is_dir()) == ["pages-mine"]
