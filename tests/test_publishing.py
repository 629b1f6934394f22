"""Publishing: review dates, drafts and embargo, sanitising, atomic and reproducible builds."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from conftest import replace, write
from lft.build import build_site, release_site
from lft.cli import main
from lft.project import check_project
from lft.sanitize import sanitize


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_past_review_date_is_a_warning_naming_the_owner(project: Path) -> None:
    checked = check_project(project, today=dt.date(2028, 1, 1))
    lines = [str(p) for p in checked.problems]
    assert (
        "content/interventions/voorbeeld-screening/intervention.yml:17:13: warning: review_due: "
        "the review was due on 2027-11-29 (owner: redactie@lft.example.org) [review-due] "
        "(check the page, then update last_reviewed and the next review date)"
    ) in lines
    assert checked.errors == []
    assert check_project(project, today=dt.date(2026, 11, 29)).problems == []


def test_placeholder_values_give_no_schema_error(project: Path) -> None:
    replace(
        project,
        "content/interventions/voorbeeld-screening/intervention.yml",
        "effect: unknown",
        'effect: "TODO: choose reduces, mixed, none, increases or unknown"',
    )
    lines = [str(p) for p in check_project(project).problems]
    assert not [line for line in lines if "is not one of" in line]


def test_drafts_and_embargoed_items_stay_off_the_site(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    replace(
        project,
        "content/interventions/voorbeeld-screening/intervention.yml",
        "effect: unknown",
        "effect: unknown\ndraft: true",
    )
    replace(
        project,
        "content/news/2021-09-08-start/news.yml",
        "type: news",
        "type: news\npublish_from: 2099-01-01",
    )
    site = tmp_path / "built"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.lft"):
        build_site(project, site)
    assert (
        "lft: left off the site: content/interventions/voorbeeld-screening/intervention.yml "
        "(draft)" in caplog.messages
    )
    assert (
        "lft: left off the site: content/news/2021-09-08-start/news.yml "
        "(embargo until 2099-01-01)" in caplog.messages
    )
    assert not (site / "interventions" / "voorbeeld-screening").exists()
    assert not (site / "en" / "news" / "2021-09-08-start").exists()
    overview = (site / "interventions" / "index.html").read_text(encoding="utf-8")
    assert "voorbeeld-screening" not in overview
    assert "nog-te-vertalen" in overview


def test_sanitiser_removes_scripts_handlers_and_dangerous_urls() -> None:
    html = (
        '<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a>'
        '<img src="data:image/svg+xml,x" onerror="y()"><span lang="nl">c</span></p>'
        '<iframe src="https://example.org"></iframe><svg onload="z()"></svg>'
    )
    assert sanitize(html) == '<p>a<a>b</a><img><span lang="nl">c</span></p>'


def _git_snapshot(project: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-11-01T12:00:00Z",
        "GIT_COMMITTER_DATE": "2026-11-01T12:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run(["git", "-C", str(project), *args], check=True, env=env)


def test_two_builds_of_one_commit_are_byte_identical(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    other = tmp_path / "elsewhere" / "checkout"
    other.parent.mkdir()
    _git_snapshot(project)
    subprocess.run(["git", "clone", "-q", str(project), str(other)], check=True)
    build_site(project, tmp_path / "one")
    time.sleep(1.1)
    build_site(other, tmp_path / "two")
    first, second = files(tmp_path / "one"), files(tmp_path / "two")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert b"<lastmod>2026-11-01</lastmod>" in first["sitemap.xml"]


def test_release_writes_archive_and_checksums(project: Path, tmp_path: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1788220800"  # 2026-09-01
    try:
        made = release_site(project, tmp_path / "out", version="v1.2.3", dist=tmp_path / "dist")
        again = release_site(project, tmp_path / "out2", version="v1.2.3", dist=tmp_path / "d2")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    tarball, sums = made
    assert tarball.name == "lft-site-v1.2.3.tar.gz"
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    assert sums.read_text(encoding="utf-8") == f"{digest}  lft-site-v1.2.3.tar.gz\n"
    assert again[0].read_bytes() == tarball.read_bytes()
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert "lft-site-v1.2.3/index.html" in names
    assert "lft-site-v1.2.3/en/404.html" in names
    footer = (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Version v1.2.3, published 1 September 2026" in footer
    dutch = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Versie v1.2.3, gepubliceerd op 1 september 2026" in dutch


def test_killed_build_leaves_the_previous_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "built"
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 0
    before = files(site)
    write(project, "docs/extra.md", "# Extra\n")
    write(project, "docs/extra.en.md", "# Extra\n")
    build = subprocess.Popen(
        [sys.executable, "-m", "lft.cli", "--root", str(project), "build", "--site-dir", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".built.building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL
    assert files(site) == before
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 0
    assert (site / "extra" / "index.html").is_file()
    assert list(tmp_path.glob(".built.building-*")) == []


def test_outdated_translation_shows_a_notice_until_marked_current(
    project: Path, tmp_path: Path
) -> None:
    screening = "content/interventions/voorbeeld-screening"
    replace(project, f"{screening}/intervention.nl.md", "Tekst over aanpak.", "Nieuwe aanpak.")
    site = tmp_path / "built"
    build_site(project, site)
    english = site / "en" / "interventions" / "voorbeeld-screening" / "index.html"
    dutch = site / "interventions" / "voorbeeld-screening" / "index.html"
    assert "Translation out of date" in english.read_text(encoding="utf-8")
    assert "Vertaling verouderd" not in dutch.read_text(encoding="utf-8")
    other = site / "en" / "phenomena" / "voorbeeld" / "index.html"
    assert "Translation out of date" not in other.read_text(encoding="utf-8")
    assert main(["--root", str(project), "translations", "--mark-current", screening]) == 0
    build_site(project, site)
    assert "Translation out of date" not in english.read_text(encoding="utf-8")


def test_release_refuses_any_guard_finding_and_reports_excuses(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "docs/about.md", "# Over\n\nWe melden vertrouwelijk.\n")
    args = ["--root", str(project), "build", "--site-dir", str(tmp_path / "built")]
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--release", "--version", "v1.0.0"]) == 1
    out, err = capsys.readouterr()
    assert "docs/about.md:3:11: warning: " in out
    assert "[confidential-word]" in out
    assert "1 problem(s): a release allows no finding" in err
    write(
        project,
        "docs/about.md",
        "# Over\n\n<!-- lft-allow confidential-word: melden zonder naam is hier bedoeld -->\n"
        "We melden vertrouwelijk.\n",
    )
    assert main([*args, "--release", "--version", "v1.0.0"]) == 0
    _, err = capsys.readouterr()
    assert "excused: docs/about.md:4:11: " in err
    assert "-- reason: melden zonder naam is hier bedoeld" in err


def test_no_command_but_new_and_mark_current_touches_content_or_docs(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def authored() -> dict[str, bytes]:
        return {
            p.relative_to(project).as_posix(): p.read_bytes()
            for folder in ("content", "docs")
            for p in (project / folder).rglob("*")
            if p.is_file()
        }

    before = authored()
    root = ["--root", str(project)]
    assert main([*root, "check"]) == 0
    assert main([*root, "check", "--format", "json"]) == 0
    assert main([*root, "translations"]) == 0
    assert main([*root, "build", "--site-dir", str(tmp_path / "built")]) == 0
    assert main([*root, "build", "--release", "--version", "v0.0.1"]) == 0
    capsys.readouterr()
    assert authored() == before
