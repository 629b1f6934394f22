"""A release is what was tagged (issue 15, point 3): a clean checkout of its tag, an archive that is
never replaced by other content, a site folder apart from the release folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, write
from test_publishing import identity, tagged

__all__ = ["identity"]  # the fixture, used by name

NEWS = "content/news/2021-09-08-start/news.nl.md"


def release(
    capsys: pytest.CaptureFixture[str], project: Path, version: str, *more: str
) -> tuple[int, str]:
    site = str(project.parent / "built")
    code, _, err = run_cli(
        capsys, "--root", str(project), "build", "--site-dir", site, "--release", "--version",
        version, *more,
    )  # fmt: skip
    return code, err


def append(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.usefixtures("identity")
def test_a_release_refuses_changes_that_are_not_committed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tagged(project, "v1.0.0")
    append(project, NEWS, "\nNog niet vastgelegd.\n")
    write(project, "docs/new.md", "# Nieuw\n")
    code, err = release(capsys, project, "v1.0.0")
    assert code == 1
    assert (
        "release: the work tree has changes that are not committed, so the release would not "
        f"be what v1.0.0 tagged: {NEWS}, docs/new.md; commit or stash them, then tag and "
        "release\n"
    ) in err
    assert not (project.parent / "built").exists()
    assert not (project / "dist").exists()


@pytest.mark.usefixtures("identity")
def test_a_release_is_built_from_its_tag_only(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = release(capsys, project, "v1.0.0")
    assert code == 1
    assert f"release: {project} is not a git checkout; a release is built from a checkout" in err
    tagged(project, "v1.0.0")
    append(project, NEWS, "\nLater vastgelegd.\n")
    tagged(project)
    code, err = release(capsys, project, "v1.0.0")
    assert code == 1
    assert "is not the tag v1.0.0 (" in err
    assert "; check the tag out first (git switch --detach v1.0.0)" in err
    code, err = release(capsys, project, "v2.0.0")
    assert code == 1
    assert "release: there is no tag v2.0.0; tag the commit to release (git tag v2.0.0)" in err
    assert not (project / "dist").exists()


@pytest.mark.usefixtures("identity")
def test_a_release_never_replaces_the_archive_of_other_content(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tagged(project, "v1.0.0")
    assert release(capsys, project, "v1.0.0")[0] == 0
    archive = project / "dist" / "lft-site-v1.0.0.tar.gz"
    first = archive.read_bytes()
    assert release(capsys, project, "v1.0.0")[0] == 0  # the same tag again: the same bytes
    append(project, NEWS, "\nAnders.\n")
    tagged(project, "v1.0.0")  # the tag moved to other content
    code, err = release(capsys, project, "v1.0.0")
    assert code == 1
    assert f"build failed: {archive} already holds a release v1.0.0 of other content" in err
    assert archive.read_bytes() == first


@pytest.mark.usefixtures("identity")
@pytest.mark.parametrize(("site", "how"), [("dist", "is"), (".", "holds"), ("dist/s", "is inside")])
def test_a_release_refuses_a_site_folder_on_the_release_folder(
    project: Path, capsys: pytest.CaptureFixture[str], site: str, how: str
) -> None:
    write(project, "dist/lft-site-v0.9.0.tar.gz", b"an earlier release")
    args = ["--root", str(project), "build", "--site-dir", str(project / site), "--release"]
    code, _, err = run_cli(capsys, *args, "--version", "v1.0.0")
    assert code == 2
    assert f" {how} the release folder dist/; build the site elsewhere, like site/" in err
    assert (project / "dist" / "lft-site-v0.9.0.tar.gz").read_bytes() == b"an earlier release"


@pytest.mark.usefixtures("identity")
def test_a_release_day_is_not_before_the_last_change_of_the_content(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tagged(project, "v1.0.0")  # committed on 2026-11-01
    code, err = release(capsys, project, "v1.0.0", "--date", "2026-10-31")
    assert code == 2
    assert (
        "--date 2026-10-31 is before the last change of the content (2026-11-01); a release "
        "speaks for a day on which its content existed: give that day or a later one"
    ) in err
    assert not (project / "dist").exists()


@pytest.mark.usefixtures("identity")
def test_a_release_refuses_a_placeholder_address_anywhere_in_the_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "CONTRIBUTING.md", "# Contributing\n\nMail redactie@lft.example.org.\n")
    tagged(project, "v1.0.0")
    args = ["--root", str(project), "build", "--site-dir", str(project.parent / "built")]
    code, out, err = run_cli(capsys, *args, "--release", "--version", "v1.0.0")
    assert code == 1
    assert (
        "CONTRIBUTING.md:3:6: warning: a placeholder address: redactie@lft.example.org [identity]"
    ) in out
    assert "1 problem(s): a release allows no finding" in err
    assert not (project / "dist").exists()
