"""The `lft` command line: exit codes, output, help texts, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE, replace, write
from conftest import run_cli as run
from lft.cli import parser

COMMANDS = ("check", "build", "serve", "new", "translations")


def test_check_clean_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(FIXTURE), "check")
    assert (code, out, err) == (0, "", "content is valid: 5 items checked\n")


def test_check_finds_the_root_from_a_subfolder(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--root", str(FIXTURE / "content" / "news"), "check")
    assert (code, err) == (0, "content is valid: 5 items checked\n")


def test_check_with_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(project, "content/phenomena/voorbeeld/charter.yml", "status: active", "status: actve")
    (project / "docs/about.en.md").unlink()
    code, out, err = run(capsys, "--root", str(project), "check")
    assert code == 1
    assert out.splitlines() == [
        "content/phenomena/voorbeeld/charter.yml:3:9: status: 'actve' is not one of: "
        "announced, being-set-up, active, ended (did you mean 'active'?)",
        "docs/about.md:1:1: the English version is missing (add docs/about.en.md)",
    ]
    assert err == "2 problems in 2 files\n"


def test_check_summary_counts_one_problem(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs/about.en.md").unlink()
    code, _, err = run(capsys, "--root", str(project), "check")
    assert (code, err) == (1, "1 problem in 1 file\n")


def test_check_without_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(tmp_path), "check")
    assert (code, out, err) == (
        1,
        f"content:1:1: the content folder is missing: there is no {tmp_path / 'content'} "
        "(run lft in the project folder, or give that folder with --root PATH)\n",
        "1 problem in 1 file\n",
    )


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(FIXTURE), "chekc")
    assert code == 2
    assert out == ""
    assert "invalid choice: 'chekc'" in err
    assert err.startswith("usage: lft")


def test_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2
    assert "the following arguments are required: COMMAND" in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--strict")
    assert code == 2
    assert "unrecognized arguments: --strict" in err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in COMMANDS:
        assert f"    {command} " in out, command
    assert "--root ROOT" in out


def test_parser_knows_exactly_the_documented_commands() -> None:
    action = next(a for a in parser()._actions if a.dest == "command")
    assert sorted(action.choices or []) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert f"usage: lft {command}" in out
    examples = [line.strip() for line in out.splitlines() if line.strip().startswith("Example:")]
    assert len(examples) == 1
    assert examples[0].startswith(f"Example: lft {command}")
    action = next(a for a in parser()._actions if a.dest == "command")
    summary = next(a.help for a in action._get_subactions() if a.dest == command)
    assert summary and "\n" not in summary and summary.endswith(".")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_for_contributors(command: str) -> None:
    for guide in ("README.md", "CONTRIBUTING.md", "CONTRIBUTING.nl.md"):
        text = (FIXTURE.parent.parent.parent / guide).read_text(encoding="utf-8")
        assert f"lft {command}" in text, f"{guide} does not mention 'lft {command}'"


def test_broken_files_never_give_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "content/phenomena/voorbeeld/phenomenon.yml", "title: {nl: 'x\n\tsummary: [\n")
    write(project, "content/interventions/voorbeeld-screening/intervention.yml", bytes(range(256)))
    write(project, "content/phenomena/voorbeeld/charter.en.md", b"\x00\xff\xfe")
    write(project, "content/glossary.yml", "- a list\n- not a mapping\n")
    write(project, "content/organisations.yml", "a: &x 1\nb: *x\n<<: {c: 1}\na: 2\n")
    write(project, "content/news/2021-09-08-start/news.yml", "")
    write(project, "content/news/2021-09-08-start/image.png", bytes(range(256)))
    code, out, err = run(capsys, "--root", str(project), "check")
    assert code == 1
    assert "Traceback" not in out + err
    paths = {line.split(":", 1)[0] for line in out.splitlines()}
    assert paths == {
        "content/glossary.yml",
        "content/phenomena/voorbeeld/charter.en.md",
        "content/interventions/voorbeeld-screening/intervention.yml",
        "content/news/2021-09-08-start/news.yml",
        "content/organisations.yml",
        "content/phenomena/voorbeeld/phenomenon.yml",
        # nog-te-vertalen names organisation nvm, which organisations.yml no longer has
        "content/interventions/nog-te-vertalen/intervention.yml",
        "content/phenomena/voorbeeld/charter.yml",
        "content/news/2021-09-08-start/image.png",  # not a picture at all: named, not published
    }


def test_missing_schemas_never_give_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "schemas" / "common.schema.json").unlink()
    (project / "schemas" / "news.schema.json").unlink()
    code, out, err = run(capsys, "--root", str(project), "check")
    hint = "(the content cannot be checked without it; restore it from the repository)"
    assert (code, err) == (1, "2 problems in 2 files\n")
    assert out.splitlines() == [
        f"schemas/common.schema.json:1:1: this schema is missing {hint}",
        f"schemas/news.schema.json:1:1: this schema is missing {hint}",
    ]


def test_root_is_accepted_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--root", str(FIXTURE))
    assert (code, out, err) == (0, "", "content is valid: 5 items checked\n")


def test_the_preview_switches_last_as_long_as_the_preview(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lft serve --lang en --allow-drafts` sets them for its engine and gives them back, so a
    later command in the same process (a release, say) does not find them."""
    import os

    import lft.engine.mkdocs

    seen: dict[str, str | None] = {}

    def serve(root: Path, address: str) -> None:
        seen.update({n: os.environ.get(n) for n in ("LFT_ONLY_LANGUAGE", "LFT_ALLOW_DRAFTS")})
        raise KeyboardInterrupt  # as when the contributor stops the preview

    monkeypatch.setattr(lft.engine.mkdocs, "serve", serve)
    monkeypatch.setenv("LFT_ONLY_LANGUAGE", "nl")
    monkeypatch.delenv("LFT_ALLOW_DRAFTS", raising=False)
    code, _, _ = run(capsys, "--root", str(FIXTURE), "serve", "--lang", "en", "--allow-drafts")
    assert code == 130
    assert seen == {"LFT_ONLY_LANGUAGE": "en", "LFT_ALLOW_DRAFTS": "true"}
    assert os.environ.get("LFT_ONLY_LANGUAGE") == "nl"
    assert "LFT_ALLOW_DRAFTS" not in os.environ
