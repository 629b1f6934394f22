"""What `lft check` made of each file, kept for the next check (`lft.check.cache`): used only
while nothing but the texts of items changed, and the report always the one a fresh check
gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import lft.check.guard as guard
from conftest import replace
from lft.check import cache
from lft.cli import main

SCREENING = "content/interventions/voorbeeld-screening/intervention.nl.md"


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the guard scans (the fixture's few files are scanned in this process)."""
    scanned: list[str] = []
    scan = guard._scan_text

    def counted(root: Path, rel: str, text: str, config: guard.Settings) -> guard.Scanned:
        scanned.append(rel)
        return scan(root, rel, text, config)

    monkeypatch.setattr(guard, "_scan_text", counted)
    return scanned


def check(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), "check", *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_second_check_finds_the_same_from_what_the_first_kept(
    project: Path, scans: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    first = check(project, capsys)
    assert first[0] == 0 and len(scans) > 10
    scans.clear()
    assert check(project, capsys) == first
    assert scans == []


def test_an_edited_item_alone_is_checked_anew_and_its_problem_found(
    project: Path, scans: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    check(project, capsys)
    scans.clear()
    replace(project, SCREENING, "Tekst over aanpak.", "Bel Jan op 06-12345678.")
    edited = check(project, capsys)
    assert scans == [SCREENING]
    assert edited[0] == 1 and f"{SCREENING}:11:" in edited[1]
    assert edited == check(project, capsys, "--no-cache")


@pytest.mark.parametrize(
    "rel",
    ["content/glossary.yml", "schemas/intervention.schema.json", "docs/about.md", "guard.yml"],
)
def test_a_change_to_anything_but_an_items_text_makes_every_result_anew(
    project: Path, scans: list[str], capsys: pytest.CaptureFixture[str], rel: str
) -> None:
    check(project, capsys)
    everything = len(scans)
    scans.clear()
    path = project / rel
    path.write_bytes(path.read_bytes() + b"\n")
    check(project, capsys)
    assert len(scans) == everything


def test_a_new_file_among_the_items_makes_every_result_anew(
    project: Path, scans: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    check(project, capsys)
    everything = len(scans)
    scans.clear()
    (project / "content/interventions/voorbeeld-screening/kaart.png").write_bytes(b"")
    check(project, capsys)
    assert len(scans) == everything


def test_the_kept_results_lie_outside_the_project_for_their_owner_alone(
    project: Path, own_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(project.rglob("*"))
    check(project, capsys)
    assert sorted(project.rglob("*")) == before
    (kept,) = own_cache.iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600
    assert own_cache.stat().st_mode & 0o777 == 0o700


def test_no_cache_neither_reads_nor_writes_and_a_damaged_one_is_passed_over(
    project: Path, own_cache: Path, scans: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = check(project, capsys, "--no-cache")
    assert not own_cache.exists()
    check(project, capsys)
    (kept,) = own_cache.iterdir()
    kept.write_bytes(kept.read_bytes()[:200])  # cut short
    scans.clear()
    assert check(project, capsys) == fresh
    assert len(scans) > 10
    assert cache.load(project, cache.world(project))  # kept again, whole


def test_the_world_of_the_kept_results_is_the_code_the_settings_and_the_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = cache.world(project)
    assert cache.world(project) == now
    monkeypatch.setenv("LFT_SITE_URL", "https://elders.example/")
    assert cache.world(project) != now
    monkeypatch.delenv("LFT_SITE_URL")
    monkeypatch.setenv("LFT_WORKERS", "3")  # changes no result
    assert cache.world(project) == now
    replace(project, SCREENING, "Tekst over aanpak.", "Andere tekst.")
    assert cache.world(project) == now  # an item's text: each result knows its own


def test_a_cache_folder_inside_the_project_is_not_used(
    project: Path,
    scans: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pull request could bring a file there, and reading a kept file runs what it holds."""
    inside = project / ".lft-cache"
    monkeypatch.setenv(cache.SETTING, str(inside))
    check(project, capsys)
    assert not inside.exists()
    scans.clear()
    check(project, capsys)
    assert len(scans) > 10  # nothing kept: everything checked anew


def test_what_was_kept_for_a_project_not_checked_for_a_month_is_removed(
    project: Path, own_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own_cache.mkdir()
    gone, recent = own_cache / "check-gone.pickle", own_cache / "check-recent.pickle"
    for kept_file, days in ((gone, cache.UNUSED_DAYS + 1), (recent, cache.UNUSED_DAYS - 1)):
        kept_file.write_bytes(b"")
        when = time.time() - days * 86400  # relative to now: no calendar date
        os.utime(kept_file, (when, when))
    check(project, capsys)
    assert not gone.exists() and recent.exists()
    assert len(list(own_cache.iterdir())) == 2  # the recent one and this project's
