"""`lft check --format text|github|json`, `--allow-drafts`, `lft build --release` usage, and
the exit codes 0 (clean), 1 (content problems) and 2 (usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE, replace
from conftest import run_cli as run
from lft.commands.report import github_annotation
from lft.problems import Problem, Severity

STATUS = (
    "content/phenomena/voorbeeld/charter.yml:3:9: status: 'actve' is not one of: "
    "announced, being-set-up, active, ended (did you mean 'active'?)"
)


@pytest.fixture
def broken(project: Path) -> Path:
    replace(project, "content/phenomena/voorbeeld/charter.yml", "status: active", "status: actve")
    return project


def test_text_is_the_default(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    default = run(capsys, "--root", str(broken), "check")
    text = run(capsys, "--root", str(broken), "check", "--format", "text")
    assert default == text == (1, STATUS + "\n", "1 problem in 1 file\n")


def test_github_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(broken), "check", "--format", "github")
    assert (code, err) == (1, "1 problem in 1 file\n")
    assert out == (
        "::error file=content/phenomena/voorbeeld/charter.yml,line=3,col=9,title=lft check::"
        "status: 'actve' is not one of: announced, being-set-up, active, ended "
        "(did you mean 'active'?)\n"
    )


def test_github_escaping() -> None:
    problem = Problem(
        "content/a,b:c%.yml", 2, 5, "title.nl", "100% wrong\r\nhere", "a: b, c", Severity.WARNING
    )
    assert github_annotation(problem) == (
        "::warning file=content/a%2Cb%3Ac%25.yml,line=2,col=5,title=lft check::"
        "title.nl: 100%25 wrong%0D%0Ahere (a: b, c)"
    )


def test_github_names_the_rule() -> None:
    problem = Problem("docs/a.md", 1, 1, "", "a placeholder", "", rule="placeholder")
    assert github_annotation(problem).endswith("::a placeholder [placeholder]")


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(broken), "check", "--format", "json")
    assert (code, err) == (1, "1 problem in 1 file\n")
    assert json.loads(out) == [
        {
            "path": "content/phenomena/voorbeeld/charter.yml",
            "line": 3,
            "col": 9,
            "key": "status",
            "message": "'actve' is not one of: announced, being-set-up, active, ended",
            "hint": "did you mean 'active'?",
            "severity": "error",
            "rule": "",
        }
    ]


def test_json_format_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(FIXTURE), "check", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_github_format_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(FIXTURE), "check", "--format", "github")[:2] == (0, "")


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(FIXTURE), "check", "--format", "xml")
    assert (code, out) == (2, "")
    assert "invalid choice: 'xml'" in err


def test_allow_drafts_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(FIXTURE), "check", "--allow-drafts")[0] == 0


def test_warnings_alone_exit_0(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lft.check.project import check_project
    from lft.commands import check as check_command

    def with_warning(root: Path, **kwargs: object) -> object:
        checked = check_project(root)
        checked.problems.append(
            Problem("docs/about.md", 1, 1, "", "a warning", "", Severity.WARNING)
        )
        return checked

    monkeypatch.setattr(check_command, "check_project", with_warning)
    code, out, _ = run(capsys, "--root", str(project), "check", "--format", "github")
    assert code == 0
    assert out == "::warning file=docs/about.md,line=1,col=1,title=lft check::a warning\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("build", "--release"), "--release needs --version VERSION"),
        (("build", "--version", "1.0.0"), "--version and --date are only used with --release"),
    ],
)
def test_release_usage_errors(
    argv: tuple[str, ...], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--root", str(FIXTURE), *argv, "--site-dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"lft build: error: {message}" + err.split(message, 1)[1]
    assert err.count("\n") == 1
    assert not any(tmp_path.iterdir())
