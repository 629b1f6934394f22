"""A contributor's path end to end: scaffold, see every placeholder, fill in, publish, translate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import replace
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
contact: redactie@lft.example.org
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
