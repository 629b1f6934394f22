"""Hostile values from an attack round: each is refused at its place, in our words, never with a
traceback (issue 15, point 5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import replace, run_cli, write
from lft.commands.report import github_annotation
from lft.finish.preview import allowed_hosts, bad_request
from lft.finish.site import check_site
from lft.outputs import OutputError, apart, publishable, target_lock
from lft.problems import Problem
from lft.source.yamlsource import parse

SCREENING = "content/interventions/voorbeeld-screening/intervention.yml"


@pytest.mark.parametrize(
    ("escape", "what"),
    [
        ("\\ud800", "half of a character pair (U+D800), which is no character"),
        ("\\0", "the control character U+0000"),
        ("\\a", "the control character U+0007"),
        ("\\e[31m", "the control character U+001B"),
    ],
)
def test_a_yaml_escape_of_a_control_character_or_half_a_pair_is_refused_at_its_place(
    escape: str, what: str
) -> None:
    doc, problems = parse(f'title:\n  nl: "Tekst {escape} hier"\n', "x.yml")
    assert [str(p) for p in problems] == [
        f"x.yml:2:7: title.nl: the text holds {what}, written as an escape (remove the escape "
        "(\\ followed by a code): pages hold only visible text, tabs and line breaks)"
    ]
    assert doc is not None and "\ufffd" in doc.data["title"]["nl"]


def test_a_key_written_with_an_escape_is_refused_too() -> None:
    _, problems = parse('"ti\\etle": x\n', "x.yml")
    assert [(p.line, p.col, p.message) for p in problems] == [
        (1, 1, "the text holds the control character U+001B, written as an escape")
    ]


def test_a_control_character_in_content_is_refused_by_the_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(project, SCREENING, "effect: unknown", 'effect: unknown\nsummary_note: "\\ud800"')
    code, out, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert f"{SCREENING}:" in out and "half of a character pair (U+D800)" in out
    assert "Traceback" not in out + err


def test_terminal_escapes_never_reach_a_message() -> None:
    problem = Problem("x.md", 1, 1, "title", "unknown '\x1b[2J\x1b]0;pwned\x07'", "a\x9bb")
    assert str(problem) == "x.md:1:1: title: unknown '\\x1b[2J\\x1b]0;pwned\\x07' (a\\x9bb)"
    assert github_annotation(problem).endswith(
        "::title: unknown '\\x1b[2J\\x1b]0;pwned\\x07' (a\\x9bb)"
    )


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "abc", "-1", "1.5"])
@pytest.mark.parametrize("command", [["check"], ["build", "--site-dir", "out"], ["serve"]])
def test_a_bad_source_date_epoch_is_a_clear_usage_error(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    command: list[str],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, _, err = run_cli(capsys, "--root", str(project), *command)
    assert code == 2
    assert err == (
        f"lft {command[0]}: error: SOURCE_DATE_EPOCH={value!r} is not a time: write the number "
        "of seconds since 1970-01-01 in the digits 0-9, like $(git log -1 --format=%ct), or "
        "unset it\n"
    )
    assert not (project / "out").exists()


def test_front_matter_of_a_page_holds_only_known_keys(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "docs/about.md", "---\ndescription: Over ons\ntemplate: ../../etc.html\n---\n")
    write(project, "docs/about.en.md", "---\ndescription: [a, b]\n---\n\n# About\n")
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert (
        "docs/about.md:3:1: template: unknown front matter key 'template' (a page's front "
        "matter may set only title, description; remove this line)"
    ) in out
    assert "docs/about.en.md:2:14: description: expected a text on one line" in out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("CON.md", "'CON.md' is a name Windows keeps for a device"),
        ("lpt1.en.md", "'lpt1.en.md' is a name Windows keeps for a device"),
        ("wat?.md", "'wat?.md' holds a character Windows does not allow in a file name"),
        ("index.html.md", "the page name 'index.html' holds a dot, so its address would clash"),
        ("About.md", "'about.md' and 'About.md' differ only in capitals; on Windows and macOS"),
    ],
)
def test_names_that_clash_on_windows_or_macos_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    write(project, f"docs/{name}", "# Pagina\n")
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert message in out


def test_folders_that_differ_only_in_capitals_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "docs/Pictures/a.png", b"")
    write(project, "docs/pictures/b.png", b"")
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert "docs/pictures:1:1: 'pictures' and 'Pictures' differ only in capitals" in out


def test_a_site_without_its_home_pages_fails_its_checks(tmp_path: Path) -> None:
    write(tmp_path, "site/.lft-output", "")
    assert [str(p) for p in check_site(tmp_path / "site")] == [
        "en/index.html:1:1: the home page is missing: a site without it is not published",
        "index.html:1:1: the home page is missing: a site without it is not published",
    ]


def test_the_site_gets_modes_a_web_server_can_read_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write(tmp_path, "site/en/index.html", "x")
    finally:
        os.umask(old)
    publishable(tmp_path / "site")
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "en").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "en" / "index.html").stat().st_mode & 0o777 == 0o644


def test_two_builds_into_one_folder_cannot_interleave(tmp_path: Path) -> None:
    with (
        target_lock(tmp_path / "shared" / "site"),
        pytest.raises(OutputError, match=r"another lft build is writing into .*shared"),
        target_lock(tmp_path / "shared" / "site"),
    ):
        pass
    with target_lock(tmp_path / "shared" / "site"):
        pass  # released


@pytest.mark.parametrize(
    ("site", "how"), [("dist", "is"), (".", "holds"), ("dist/site", "is inside")]
)
def test_a_release_site_folder_is_apart_from_the_release_folder(
    tmp_path: Path, site: str, how: str
) -> None:
    with pytest.raises(OutputError, match=rf"the site folder .* {how} the release folder dist/"):
        apart(tmp_path, Path(site), Path("dist"))
    apart(tmp_path, Path("site"), Path("dist"))


@pytest.mark.parametrize(
    ("host", "path", "why"),
    [
        ("127.0.0.1:8000", "/about/", None),
        ("localhost:8000", "/", None),
        ("192.168.1.5:8000", "/", None),
        ("[fe80::1]:8000", "/", None),
        ("attacker.example:8000", "/", "unknown host 'attacker.example:8000'"),
        ("127.0.0.1.attacker.example:8000", "/", "unknown host"),
        ("[", "/", "unknown host"),
        ("", "/", "unknown host ''"),
        ("127.0.0.1:8000", "/\x00", "the path holds a control character"),
        ("127.0.0.1:8000", "/\xff\xfe", "the path is not UTF-8 text"),
    ],
)
def test_the_preview_checks_the_host_and_the_path(host: str, path: str, why: str | None) -> None:
    found = bad_request({"HTTP_HOST": host, "PATH_INFO": path}, allowed_hosts("127.0.0.1", 8000))
    if why is None:
        assert found is None
    else:
        assert found is not None and found.startswith(why)


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "intervention", "a\x1b[2Jb", "--phenomenon", "voorbeeld"],
        ["new", "intervention", "ab", "--phenomenon", "x\x1b]0;t\x07"],
        ["build", "--release", "--version", "1\x1b[2J"],
        ["translations", "--mark-current", "content/\x1b[2J"],
    ],
)
def test_terminal_escapes_in_arguments_never_reach_the_terminal(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run_cli(capsys, "--root", str(project), *argv)
    assert code in (1, 2)
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b" in err
