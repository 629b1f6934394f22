"""Publishing: review dates, drafts and embargo, sanitising, atomic and reproducible builds."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

import pytest

import lft.build
from conftest import draft_and_embargo, replace, writable_copy, write
from lft.build import BuildFailed, build_site, release_site
from lft.check.project import check_project
from lft.cli import main
from lft.engine.sanitize import sanitize


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_past_review_date_is_a_warning_naming_the_owner(project: Path) -> None:
    checked = check_project(project, today=dt.date(2028, 1, 1))
    lines = [str(p) for p in checked.problems]
    assert (
        "content/interventions/voorbeeld-screening/intervention.yml:17:13: warning: review_due: "
        "the review was due on 2027-11-29 (owner: the publisher's mailbox) [review-due] "
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
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft_and_embargo(project)
    site = tmp_path / "built"
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 0
    report = capsys.readouterr().err.splitlines()
    for line in (
        "left off the site: content/interventions/voorbeeld-screening/intervention.yml (draft)",
        "left off the site: content/news/2021-09-08-start/news.yml (embargo until 2099-01-01)",
    ):
        assert report.count(line) == 1  # once: by lft build, not again by the engine's plugin
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
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run(["git", "-C", str(project), *args], check=True, env=_git_env())


def tagged(project: Path, *versions: str) -> None:
    """Commit everything in `project` (a git checkout from now on) and tag it `versions`: a
    release is built from a clean checkout of its tag."""
    if not (project / ".git").exists():
        subprocess.run(["git", "-C", str(project), "init", "-q"], check=True, env=_git_env())
        write(project, ".gitignore", "build/\ndist/\n")
    for args in (
        ["add", "-A"],
        ["commit", "-qm", "snapshot", "--allow-empty"],
        *(["tag", "-f", version] for version in versions),
    ):
        subprocess.run(
            ["git", "-C", str(project), *args], check=True, env=_git_env(), capture_output=True
        )


GIT_ENV = {
    "GIT_AUTHOR_DATE": "2026-11-01T12:00:00Z",
    "GIT_COMMITTER_DATE": "2026-11-01T12:00:00Z",
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}
"""A fixed author and date for the commits of a test."""


def _git_env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


PUBLISHER = """\
organisation:
  name: {nl: Testuitgever, en: Test publisher}
  address: Postbus 1, 1000 AA Plaats
mailbox: redactie@test-publisher.nl
controller:
  name: {nl: Testuitgever, en: Test publisher}
  data_protection_officer: fg@test-publisher.nl
host:
  name: Testhost
  country: {nl: Nederland, en: the Netherlands}
  log_retention: {nl: zeven dagen, en: seven days}
licence:
  text: {name: CC BY 4.0, url: "https://creativecommons.org/licenses/by/4.0/"}
  data: {name: CC0 1.0, url: "https://creativecommons.org/publicdomain/zero/1.0/"}
site_url: https://lft.test-publisher.nl/
repository: https://github.com/test-publisher/lft
"""
"""A publisher.yml with every setting real, as a release needs it."""


@pytest.fixture
def identity(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The publisher's real identity, as a release needs it: publisher.yml and nothing else
    (the environment overrides no address), and no example address in the content."""
    monkeypatch.delenv("LFT_SITE_URL", raising=False)
    monkeypatch.delenv("LFT_REPO_URL", raising=False)
    write(project, "publisher.yml", PUBLISHER)
    for path in project.rglob("*"):
        if path.is_file() and path.suffix in {".yml", ".md"}:
            text = path.read_text(encoding="utf-8")
            if "example.org" in text:
                path.write_text(text.replace("example.org", "test-publisher.nl"), encoding="utf-8")


def test_two_builds_of_one_commit_are_byte_identical(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    other = tmp_path / "elsewhere" / "checkout"
    other.parent.mkdir()
    _git_snapshot(project)
    subprocess.run(["git", "clone", "-q", str(project), str(other)], check=True)
    build_site(project, tmp_path / "one")  # a build takes seconds: the clock moves on
    build_site(other, tmp_path / "two")
    first, second = files(tmp_path / "one"), files(tmp_path / "two")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert b"<lastmod>2026-11-01</lastmod>" in first["sitemap.xml"]


@pytest.mark.usefixtures("identity")
def test_release_writes_archive_and_checksums(project: Path, tmp_path: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1788220800"  # 2026-09-01
    try:
        # (the same tag released twice gives the same bytes: tests/test_tagged_release.py)
        made = release_site(project, tmp_path / "out", version="v1.2.3", dist=tmp_path / "dist")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    tarball, sums = made
    assert tarball.name == "lft-site-v1.2.3.tar.gz"
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    assert sums.read_text(encoding="utf-8") == f"{digest}  lft-site-v1.2.3.tar.gz\n"
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert "lft-site-v1.2.3/index.html" in names
    assert "lft-site-v1.2.3/en/404.html" in names
    footer = (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Version v1.2.3, published 1 September 2026" in footer
    dutch = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Versie v1.2.3, gepubliceerd op 1 september 2026" in dutch


def test_killed_build_leaves_the_previous_site(
    project: Path, fixture_site: Path, tmp_path: Path
) -> None:
    site = writable_copy(fixture_site, tmp_path / "built")  # the site of `project` as it is
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


@pytest.mark.usefixtures("identity")
def test_release_refuses_any_guard_finding_and_reports_excuses(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "docs/about.md", "# Over\n\nWe melden vertrouwelijk.\n")
    tagged(project, "v1.0.0")
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
    tagged(project, "v1.0.0")
    assert main([*args, "--release", "--version", "v1.0.0"]) == 0
    _, err = capsys.readouterr()
    assert "excused: docs/about.md:4:11: " in err
    assert "-- reason: melden zonder naam is hier bedoeld" in err


@pytest.mark.usefixtures("identity")
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
    tagged(project, "v0.0.1")
    assert main([*root, "build", "--release", "--version", "v0.0.1"]) == 0
    capsys.readouterr()
    assert authored() == before


def test_a_release_without_real_identity_names_each_setting(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LFT_SITE_URL", raising=False)
    monkeypatch.setenv("LFT_REPO_URL", "https://git.example.org/lft")
    site = tmp_path / "built"
    args = ["--root", str(project), "build", "--site-dir", str(site)]
    assert main([*args, "--release", "--version", "v1.0.0"]) == 1
    _, err = capsys.readouterr()
    assert "release: publisher.yml: site_url is not set; only the publisher can fill it in" in err
    assert (
        "release: LFT_REPO_URL=https://git.example.org/lft is a placeholder; unset it to use "
        "repository of publisher.yml, or set the real address"
    ) in err
    assert "LFT_SITE_URL" not in err
    assert not site.exists()
    assert not (project / "dist").exists()
    assert main(args) == 0
    _, err = capsys.readouterr()
    assert (
        "note: the site uses 18 placeholder identity settings (lft check lists them; a release "
        "refuses them)"
    ) in err
    assert "note: LFT_REPO_URL=https://git.example.org/lft overrides repository of " in err


@pytest.mark.usefixtures("identity")
@pytest.mark.parametrize("switch", ["LFT_ALLOW_DRAFTS", "LFT_ONLY_LANGUAGE"])
def test_a_release_refuses_the_preview_switches_and_a_build_ignores_them(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    switch: str,
) -> None:
    monkeypatch.setenv(switch, "true" if switch == "LFT_ALLOW_DRAFTS" else "en")
    replace(
        project,
        "content/interventions/voorbeeld-screening/intervention.yml",
        "effect: unknown",
        "effect: unknown\ndraft: true",
    )
    site = tmp_path / "built"
    args = ["--root", str(project), "build", "--site-dir", str(site)]
    assert main([*args, "--release", "--version", "v1.0.0"]) == 2
    _, err = capsys.readouterr()
    assert f"a release obeys no preview setting, but {switch} is set in the environment" in err
    assert not site.exists()
    assert main(args) == 0
    _, err = capsys.readouterr()
    assert f"lft build: ignoring {switch}: it is a setting of lft serve" in err
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert not (site / "interventions" / "voorbeeld-screening").exists()


@pytest.mark.usefixtures("identity")
@pytest.mark.parametrize("version", ["../evil", "1.0/2", "<b>1</b>", "latest"])
def test_a_bad_version_is_refused_before_anything_is_built(
    project: Path,
    fixture_site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    version: str,
) -> None:
    site = writable_copy(fixture_site, tmp_path / "built")  # a site a release could replace
    before = files(site)
    args = ["--root", str(project), "build", "--site-dir", str(site), "--release"]
    assert main([*args, "--version", version]) == 2
    assert "is not a version like 1.2.0 or v1.2.0" in capsys.readouterr().err
    assert files(site) == before
    assert not (project / "dist").exists()


def test_an_embargo_ends_by_the_clock_of_the_machine_not_by_a_commit_date(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace(
        project,
        "content/news/2021-09-08-start/news.yml",
        "type: news",
        "type: news\npublish_from: 2027-06-01",
    )
    monkeypatch.setattr("lft.clock.wall_today", lambda: dt.date(2026, 12, 2))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # a commit dated 2030-01-01
    checked = check_project(project)
    assert checked.today == dt.date(2026, 12, 2)
    assert "2021-09-08-start" not in checked.site_content.news
    monkeypatch.setattr("lft.clock.wall_today", lambda: dt.date(2027, 6, 1))
    assert "2021-09-08-start" in check_project(project).site_content.news


@pytest.mark.usefixtures("identity")
def test_a_release_speaks_for_its_own_day_never_a_later_one(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("lft.clock.wall_today", lambda: dt.date(2026, 12, 2))
    replace(
        project,
        "content/news/2021-09-08-start/news.yml",
        "type: news",
        "type: news\npublish_from: 2026-12-01",
    )
    site = tmp_path / "built"
    tagged(project, "v1.0.0", "v1.0.1")
    args = ["--root", str(project), "build", "--site-dir", str(site), "--release"]
    assert main([*args, "--version", "v1.0.0", "--date", "2030-01-01"]) == 2
    assert (
        "--date 2030-01-01 is after today (2026-12-02 on this machine's clock); "
        "a release cannot speak for a day that has not come" in capsys.readouterr().err
    )
    assert main([*args, "--version", "v1.0.0", "--date", "2026-11-30"]) == 0
    assert not (site / "news" / "2021-09-08-start").exists()
    assert main([*args, "--version", "v1.0.1", "--date", "2026-12-01"]) == 0
    assert (site / "news" / "2021-09-08-start" / "index.html").is_file()


@pytest.mark.usefixtures("identity")
def test_a_release_that_cannot_be_written_leaves_the_previous_release_whole(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, dist = tmp_path / "built", tmp_path / "dist"
    first = release_site(project, site, version="v1.0.0", dist=dist)
    before, sums = files(site), first[1].read_bytes()

    def full_disk(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr("lft.build.write_atomically", full_disk)
    with pytest.raises(BuildFailed, match=r"cannot write the release into .*No space left"):
        release_site(project, site, version="v1.0.1", dist=dist)
    assert files(site) == before
    assert (dist / "SHA256SUMS").read_bytes() == sums
    assert sorted(p.name for p in dist.iterdir()) == ["SHA256SUMS", "lft-site-v1.0.0.tar.gz"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".built")] == []


@pytest.mark.usefixtures("identity")
def test_a_release_whose_output_fails_a_check_is_not_archived(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_finish = lft.build.finish

    def lose_a_page(site: Path, *args: Any) -> None:
        real_finish(site, *args)
        (site / "en" / "about" / "index.html").unlink()

    monkeypatch.setattr("lft.build.finish", lose_a_page)
    site, dist = tmp_path / "built", tmp_path / "dist"
    with pytest.raises(BuildFailed, match=r"about/index.html:1:1: this page has no counterpart"):
        release_site(project, site, version="v1.0.0", dist=dist)
    assert not site.exists()
    assert not dist.exists() or list(dist.iterdir()) == []


@pytest.mark.usefixtures("identity")
def test_a_release_refuses_each_placeholder_of_the_publisher_file(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(project, "publisher.yml", "  name: Testhost\n", "  name: TODO naam van de host\n")
    replace(project, "publisher.yml", "mailbox: redactie@test-publisher.nl\n", "")
    args = ["--root", str(project), "build", "--site-dir", str(tmp_path / "built")]
    assert main([*args, "--release", "--version", "v1.0.0"]) == 1
    err = capsys.readouterr().err
    assert "release: publisher.yml: host.name 'TODO naam van de host' is a placeholder; " in err
    assert "release: publisher.yml: mailbox is not set; only the publisher can fill it in" in err
    assert not (tmp_path / "built").exists()


def test_the_publisher_file_gives_the_addresses_when_the_environment_does_not(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lft.check.identity import placeholder_settings

    monkeypatch.delenv("LFT_SITE_URL", raising=False)
    monkeypatch.delenv("LFT_REPO_URL", raising=False)
    write(project, "publisher.yml", PUBLISHER)
    assert placeholder_settings(project) == []
    site = tmp_path / "built"
    build_site(project, site)
    for page, name in (
        ("about/index.html", "Testuitgever"),
        ("en/about/index.html", "Test publisher"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="https://lft.test-publisher.nl/{page[:-10]}">' in html
        assert f"© {name}" in html  # the footer names the publisher from publisher.yml
        # structured data name the publisher, not the tables, as the organisation (F13)
        data = json.loads(
            html.split('<script type="application/ld+json">')[1].split("</script>")[0]
        )
        (organisation,) = [n for n in data["@graph"] if n.get("@id", "").endswith("#organisation")]
        assert (organisation["@type"], organisation["name"]) == ("Organization", name)
    assert "Contact: https://github.com/test-publisher/lft/security/advisories/new" in (
        site / ".well-known" / "security.txt"
    ).read_text(encoding="utf-8")
