"""One project, read once per command (`lft.check.project`): a check and a build read each file
once, check the content once and validate `publisher.yml` once."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_cli, write
from lft.check import project as content_check
from lft.check import publisher
from lft.check.project import Project
from lft.render.prepare import prepare
from lft.workers import WORKERS


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How often each file of the project is read, each content check run and `publisher.yml`
    validated."""
    counted: Counter[str] = Counter()
    read_bytes = Path.read_bytes
    check = content_check._check
    validate = publisher._read_publisher

    def counting_read(path: Path) -> bytes:
        counted[path.name] += 1
        return read_bytes(path)

    def counting_check(*args: object, **kwargs: object) -> object:
        counted["content check"] += 1
        return check(*args, **kwargs)  # type: ignore[arg-type]

    def counting_validate(*args: object, **kwargs: object) -> object:
        counted["publisher validated"] += 1
        return validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    monkeypatch.setattr(content_check, "_check", counting_check)
    monkeypatch.setattr(publisher, "_read_publisher", counting_validate)
    yield counted


@pytest.fixture
def published(project: Path) -> Path:
    shutil.copy(REPO / "publisher.yml", project / "publisher.yml")
    return project


def test_a_check_and_the_staging_after_it_read_every_file_once(
    published: Path, reads: Counter[str], tmp_path: Path
) -> None:
    project = Project(published)
    checked = content_check.check_project(project)
    prepared = prepare(project, tmp_path / "stage")
    assert prepared.checked is checked
    assert reads["content check"] == 1
    assert reads["publisher validated"] == 1
    assert reads["publisher.yml"] == 1
    assert reads["guard.yml"] == 1
    for name in ("intervention.yml", "intervention.nl.md", "phenomenon.yml", "news.en.md"):
        assert reads[name] == len(list(published.glob(f"content/*/*/{name}"))) > 0, name


def test_a_changed_file_is_read_again_and_no_other(published: Path, reads: Counter[str]) -> None:
    project = Project(published)
    content_check.check_project(project)
    before = reads.copy()
    page = write(published, "docs/about.md", "# Over\n\nNieuwe tekst.\n")
    again = project.changed([page])
    checked = content_check.check_project(again)
    assert reads["about.md"] - before["about.md"] == 1
    assert reads["publisher.yml"] == before["publisher.yml"]
    assert reads["intervention.yml"] == before["intervention.yml"]
    assert reads["content check"] == 2
    assert "docs/about.md" in again.texts
    assert again.texts["docs/about.md"][0] == "# Over\n\nNieuwe tekst.\n"
    assert not checked.errors


def test_a_check_lists_each_folder_once_and_again_only_when_files_come_or_go(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walks of `content/` (the loader's, the YAML's over workers, the guard's, the identity
    and sources checks) share one listing of each folder; the preview's project keeps it while
    only texts of items change."""
    listed: Counter[str] = Counter()
    scandir = os.scandir

    def counting(folder: str) -> Any:
        rel = Path(folder).relative_to(published).as_posix()
        if rel.startswith("content"):
            listed[rel] += 1
        return scandir(folder)

    monkeypatch.setattr(os, "scandir", counting)
    monkeypatch.setenv(WORKERS, "1")
    project = Project(published)
    content_check.check_project(project)
    assert listed[SCREENING] == listed["content/interventions"] == 1
    assert set(listed.values()) == {1}
    first = listed.total()
    edited = project.changed([_edit(published, f"{SCREENING}/intervention.nl.md", "\nMeer.\n")])
    content_check.check_project(edited)
    assert listed.total() == first
    added = edited.changed([_edit(published, f"{SCREENING}/notes.md", "Aantekeningen.\n")])
    content_check.check_project(added)
    assert listed.total() == 2 * first


def test_an_item_folder_made_a_link_is_refused_after_a_check_that_kept_what_it_found(
    published: Path, tmp_path: Path
) -> None:
    """The preview keeps what a check found while only texts of items change. An item folder
    replaced by a link to one with the same files is no such change: the link is refused, as
    a new check refuses it."""
    project = Project(published)
    content_check.check_project(project)
    folder = published / SCREENING
    moved = shutil.move(folder, tmp_path / "elsewhere")
    folder.symlink_to(moved, target_is_directory=True)
    (folder / "intervention.nl.md").write_text("Andere tekst.\n", encoding="utf-8")
    after = content_check.check_project(project.changed(sorted(folder.iterdir())))
    fresh = content_check.check_project(Project(published))
    assert after.problems == fresh.problems
    assert any("symbolic link" in p.message for p in after.problems if p.path == SCREENING)


def test_lft_build_checks_once_and_reads_publisher_yml_once(
    published: Path, reads: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "--root", str(published), "build", "--site-dir", "out")
    assert code == 0, err
    assert reads["content check"] == 1
    assert reads["publisher validated"] == 1
    assert reads["publisher.yml"] == 1


def test_the_preview_keeps_its_project_and_reads_only_the_saved_file_again(
    published: Path, reads: Counter[str]
) -> None:
    from lft.engine.mkdocs.plugin import LftPlugin

    plugin = LftPlugin()
    plugin.root = published
    first = plugin._report_changes()
    content_check.check_project(first)
    before = reads.copy()
    write(published, "docs/about.md", "# Over\n\nOpgeslagen.\n")
    second = plugin._report_changes()
    assert second is not first
    content_check.check_project(second)
    assert reads["about.md"] - before["about.md"] == 1
    assert reads["intervention.yml"] == before["intervention.yml"]
    assert reads["publisher.yml"] == before["publisher.yml"]
    assert second.texts["docs/about.md"][0] == "# Over\n\nOpgeslagen.\n"


SCREENING = "content/interventions/voorbeeld-screening"
EDITS = {
    # An item's prose: a personal phone number (guard), an unexplained abbreviation (terms).
    "item prose": (
        f"{SCREENING}/intervention.nl.md",
        "\n\nBel 06-12345678 of vraag het de QXZW.\n",
    ),
    # An item's prose: a passage marked as waiting for a confirmation nobody listed.
    "item passage": (
        f"{SCREENING}/intervention.en.md",
        "\n\n<!-- lft-unconfirmed: nobody-listed -->\nNot confirmed yet.\n"
        "<!-- /lft-unconfirmed -->\n",
    ),
    # An item's prose: a heading that skips a level (the structure of its Markdown).
    "item structure": (
        f"{SCREENING}/intervention.nl.md",
        "\n\n#### Te diep\n\nTekst.\n",
    ),
    # An item's facts: a partner nobody knows (schema) and a placeholder (guard).
    "item facts": (
        f"{SCREENING}/intervention.yml",
        "\nsee_also: [TODO]\n",
    ),
    # A registry: the organisation an item names is gone (every item's schema check again).
    "registry": ("content/organisations.yml", None),
    # A new file in an item's folder, which no item has (what the folder holds, listed again).
    "new file": (f"{SCREENING}/notes.md", "Aantekeningen.\n"),
}


def _edit(root: Path, rel: str, added: str | None) -> Path:
    path = root / rel
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if added is None:  # the registry: drop its first entry
        text = text.replace("liec:", "liec-weg:", 1)
    else:
        text += added
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_check_after_an_edit_finds_what_a_check_of_a_new_project_finds(
    published: Path, edit: str
) -> None:
    """The preview's project keeps what the checks made of each file it did not change
    (`Project.remember`); its check after a saved file is the check `lft check` would make."""
    project = Project(published)
    before = content_check.check_project(project)
    changed = project.changed([_edit(published, *EDITS[edit])])
    after = content_check.check_project(changed)
    fresh = content_check.check_project(Project(published))
    assert after.problems == fresh.problems != before.problems
    assert after.excused == fresh.excused


def test_after_an_items_edit_only_its_file_is_checked_again(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lft.check import guard

    scanned: Counter[str] = Counter()
    scan = guard._scan_text

    def counting(root: Path, rel: str, *args: object) -> object:
        scanned[rel] += 1
        return scan(root, rel, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(guard, "_scan_text", counting)
    monkeypatch.setenv(WORKERS, "1")  # counted in this process
    project = Project(published)
    content_check.check_project(project)
    first = scanned.copy()
    rel = f"{SCREENING}/intervention.nl.md"
    content_check.check_project(project.changed([_edit(published, rel, "\nMeer.\n")]))
    assert scanned - first == Counter({rel: 1})
    assert len(first) > 10
    # A change of a setting makes every file's scan anew.
    content_check.check_project(project.changed([published / "guard.yml"]))
    assert {r: scanned[r] - first[r] for r in first} == {r: 1 + (r == rel) for r in first}
