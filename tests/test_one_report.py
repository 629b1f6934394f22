"""Every message once, in our words (issue 15, point 6): one report per command, no engine
jargon, and a link the engine would refuse refused by `lft check` first."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, write
from lft.engine.mkdocs import engine_words

WARNING = "docs/about.md:3:11: warning: 'vertrouwelijk' may point at information that is not public"


def test_make_site_prints_each_warning_once(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LFT_SITE_URL", raising=False)
    monkeypatch.delenv("LFT_REPO_URL", raising=False)
    write(project, "docs/about.md", "# Over\n\nWe melden vertrouwelijk.\n")
    check = run_cli(capsys, "--root", str(project), "check")
    build = run_cli(capsys, "--root", str(project), "build", "--site-dir", str(tmp_path / "built"))
    assert check[0] == build[0] == 0
    said = check[1] + check[2] + build[1] + build[2]
    assert said.count(WARNING) == 1
    assert "1 warning: run lft check for the list\n" in build[2]
    assert "LFT_SITE_URL" not in said and "LFT_REPO_URL" not in said
    assert "Building documentation" not in said and "Cleaning site directory" not in said
    assert "INFO" not in build[2].replace("INFO    -  lft: shown with a", "")


def test_a_docs_link_the_engine_would_refuse_is_refused_by_the_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        "docs/about.md",
        "# Over\n\nZie [de kaart](ontbrekend.md), [nieuws](news/index.md#top), "
        "[colofon](colophon.md) en `[code](nergens.md)`.\n\n[Begrippen](glosary.md)\n",
    )
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert [line for line in out.splitlines() if "leads to no page" in line] == [
        "docs/about.md:3:16: the link 'ontbrekend.md' leads to no page or file of the site "
        "(link to a page of docs/ (like about.md) or a generated page (like "
        "interventions/index.md))",
        "docs/about.md:5:13: the link 'glosary.md' leads to no page or file of the site "
        "(did you mean 'glossary.md'?)",
    ]


@pytest.mark.e2e
def test_a_build_the_engine_refuses_in_both_languages_is_refused_once_for_all_warnings(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each language is built by a worker of its own (`lft.engine.mkdocs.languages`): what
    each said comes once, in the order one process says it, and one refusal counts both."""
    from lft import workers

    for rel, link in (
        ("docs/privacy.md", "about.md#nergens"),
        ("docs/privacy.en.md", "about.md#nowhere"),
    ):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + f"\n[x]({link})\n", encoding="utf-8")
    said = {}
    for count in ("1", "2"):
        monkeypatch.setenv("LFT_WORKERS", count)
        monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # as the command runs
        code, _out, err = run_cli(
            capsys, "--root", str(project), "build", "--site-dir", str(tmp_path / count)
        )
        assert code == 1
        said[count] = err
    assert said["1"] == said["2"]
    lines = said["2"].splitlines()
    assert [line for line in lines if "leads to no heading" in line] == [
        f"warning: page {page}: the link '{link}' leads to no heading {anchor} of that page"
        for page, link, anchor in (
            ("privacy.md", "about.md#nergens", "#nergens"),
            ("privacy.en.md", "about.md#nowhere", "#nowhere"),
        )
    ]
    assert "build failed: the site engine stopped at the 2 warning(s) it gave above" in lines


@pytest.mark.parametrize(
    ("message", "words"),
    [
        (
            "Doc file 'about.md' contains a link 'x.md', but the target is not found among "
            "documentation files.",
            "page about.md: the link 'x.md' leads to no page or file of the site",
        ),
        (
            "Doc file 'a.md' contains a link 'b.md#c', but the doc 'b.md' does not contain an "
            "anchor '#c'.",
            "page a.md: the link 'b.md#c' leads to no heading #c of that page",
        ),
        (
            "Aborted with 1 warnings in strict mode!",
            "the site engine stopped at the 1 warning(s) it gave above",
        ),
        ("Aborted with a BuildError!", "the preview stopped at the error above"),
        ("Config value 'x': odd", "the site engine says: Config value 'x': odd"),
    ],
)
def test_the_engines_messages_are_said_in_our_words(message: str, words: str) -> None:
    assert engine_words(message) == words
