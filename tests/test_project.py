"""One project, read once per command (`lft.check.project`): a check and a build read each file
once, check the content once and validate `publisher.yml` once."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run_cli, write
from lft.check import project as content_check
from lft.check import publisher
from lft.check.project import Project
from lft.render.prepare import prepare


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
