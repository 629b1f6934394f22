"""A contributor's path end to end: scaffold, see every placeholder, fill in, publish, translate."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, replace
from lft.build import build_site
from lft.cli import main

FOLDER = "content/interventions/huur-check"
FILLED = """\
# yaml-language-server: $schema=../../../schemas/intervention.schema.json
title: {nl: Huurcheck, en: Rental check}
summary: {nl: Een controle bij verhuur., en: A check when renting out.}
phenomena:
  - phenomenon: voorbeeld
    steps: [aankoop]
instrument_types: [administrative]
partners:
  - organisation: liec
    role: {nl: Advies, en: Advice}
effect: unknown
evidence_level: practice-example
sources:
  - {title: Bron A, url: "https://example.org/a"}
last_reviewed: 2026-11-29
review_due: 2027-11-29
"""


def test_new_intervention_from_skeleton_to_site(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(project)]
    assert main([*args, "new", "intervention", "huur-check", "--phenomenon", "voorbeeld"]) == 0
    capsys.readouterr()

    assert main([*args, "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    placeholders = [line for line in out if "[placeholder]" in line]
    files = {line.split(":", 1)[0] for line in placeholders}
    assert files == {f"{FOLDER}/intervention.{ext}" for ext in ("yml", "nl.md", "en.md")}
    assert all(re.match(rf"^{FOLDER}/intervention\.[a-z.]+:\d+:\d+: ", line) for line in out)
    skeleton = (project / FOLDER / "intervention.yml").read_text(encoding="utf-8").splitlines()
    todo_lines = {n for n, line in enumerate(skeleton, start=1) if "TODO" in line}
    yml_lines = {int(line.split(":")[1]) for line in placeholders if ".yml:" in line}
    assert yml_lines == todo_lines

    (project / FOLDER / "intervention.yml").write_text(FILLED, encoding="utf-8")
    for lang, text in (("nl", "Ingevulde tekst."), ("en", "Filled-in text.")):
        prose = project / FOLDER / f"intervention.{lang}.md"
        filled = re.sub(r"TODO[^\n]*", text, prose.read_text(encoding="utf-8"))
        prose.write_text(filled, encoding="utf-8")
    assert main([*args, "check"]) == 0
    capsys.readouterr()

    site = tmp_path / "built"
    build_site(project, site)
    for prefix, title in (("", "Huurcheck"), ("en/", "Rental check")):
        page = site / prefix / "interventions" / "huur-check" / "index.html"
        assert f">{title}</h1>" in page.read_text(encoding="utf-8")
        overview = (site / prefix / "interventions" / "index.html").read_text(encoding="utf-8")
        assert 'href="huur-check/"' in overview
        sheet = (site / prefix / "phenomena" / "voorbeeld" / "index.html").read_text("utf-8")
        assert "interventions/huur-check/" in sheet


def test_changed_dutch_makes_english_outdated_until_marked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(project), "translations"]
    screening = "content/interventions/voorbeeld-screening"
    assert main(args) == 0
    assert "outdated" not in capsys.readouterr().out.replace("0 outdated", "")
    replace(project, f"{screening}/intervention.nl.md", "Tekst over aanpak.", "Nieuwe aanpak.")
    replace(project, f"{screening}/intervention.yml", "Voorbeeldscreening", "Screening")
    assert main(args) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    outdated = {row[1] for row in rows if len(row) == 3 and row[2] == "outdated"}
    assert outdated == {"intervention.en.md", "title"}
    assert main([*args, "--mark-current", screening]) == 0
    capsys.readouterr()
    assert main([*args, "--only-problems"]) == 0
    assert "outdated" not in capsys.readouterr().out.replace("0 outdated", "")


GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def documented_git_add(guide: str) -> list[list[str]]:
    """The `git add` lines of the guide's step 'open the pull request', as arguments."""
    text = (REPO / guide).read_text(encoding="utf-8")
    step = text.split("### 7.", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split()[2:] for line in step.splitlines() if line.startswith("git add ")]


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "CONTRIBUTING.nl.md"])
def test_documented_commit_step_takes_everything_lft_new_changed(
    guide: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)

    def git(*args: str, cwd: Path = project) -> None:
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    args = ["--root", str(project), "new"]
    assert main([*args, "organisation", "huurteam"]) == 0
    assert main([*args, "intervention", "huur-check", "--phenomenon", "voorbeeld"]) == 0
    capsys.readouterr()
    registry = project / "content/organisations.yml"
    text = registry.read_text(encoding="utf-8")
    entry = text[text.index("\nhuurteam:") :]
    registry.write_text(
        text.replace(
            entry,
            "\nhuurteam:\n  name: {nl: Huurteam, en: Rental team}\n  sector: public\n"
            '  website: "https://example.org/huurteam"\n',
        ),
        encoding="utf-8",
    )
    (project / FOLDER / "intervention.yml").write_text(
        FILLED.replace("organisation: liec", "organisation: huurteam"), encoding="utf-8"
    )
    for lang, filled in (("nl", "Ingevulde tekst."), ("en", "Filled-in text.")):
        prose = project / FOLDER / f"intervention.{lang}.md"
        prose.write_text(re.sub(r"TODO[^\n]*", filled, prose.read_text("utf-8")), "utf-8")
    assert main(["--root", str(project), "check"]) == 0

    adds = documented_git_add(guide)
    assert adds
    for paths in adds:
        git("add", *(path.replace("mijn-slug", "huur-check") for path in paths))
    git("commit", "-qm", "Intervention: huur-check")
    clone = tmp_path / "pushed"
    git("clone", "-q", str(project), str(clone), cwd=tmp_path)
    capsys.readouterr()
    assert main(["--root", str(clone), "check"]) == 0, capsys.readouterr().out
