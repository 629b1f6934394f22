"""One identity, one place (issue 15, point 2): every placeholder of the publisher's identity is
listed by `lft check` at its place; addresses come from publisher.yml, the environment
overrides them only where PUBLISHING.md says, and the build says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, replace, run_cli, write
from lft.check.identity import check_identity, overrides
from lft.placeholders import example_addresses, is_placeholder
from test_publishing import PUBLISHER

SCREENING = "content/interventions/voorbeeld-screening/intervention.yml"


def test_every_placeholder_address_is_listed_wherever_it_is(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "publisher.yml", PUBLISHER.replace("lft.test-publisher.nl", "lft.example.org"))
    replace(project, "guard.yml", "allowed_mailboxes: []", "allowed_mailboxes: [a@lft.example.org]")
    replace(project, SCREENING, "effect: unknown", "effect: unknown\ncontact: a@lft.example.org")
    write(project, "CONTRIBUTING.md", "# Contributing\n\nMail us at  x@lft.example.org.\n")
    write(
        project,
        ".github/ISSUE_TEMPLATE/report.yml",
        "body:\n  - placeholder: https://lft.example.org/news/\n",
    )
    write(project, "docs/about.md", "# Over\n\nZie <https://lft.example.org/contact/>.\n")
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 0  # warnings: a contributor cannot fix them, a release refuses them
    lines = [line for line in out.splitlines() if "[identity]" in line]
    assert [line.split(" [identity]")[0] for line in lines] == [
        ".github/ISSUE_TEMPLATE/report.yml:2:18: warning: a placeholder address: "
        "https://lft.example.org/news/",
        "CONTRIBUTING.md:3:13: warning: a placeholder address: x@lft.example.org",
        f"{SCREENING}:12:10: warning: a placeholder address: a@lft.example.org",
        "docs/about.md:3:6: warning: a placeholder address: https://lft.example.org/contact/",
        "guard.yml:11:21: warning: a placeholder address: a@lft.example.org",
        "mkdocs.yml:4:11: warning: a placeholder address: https://lft.example.org/",
    ]
    assert "(remove the line: an item's contact is the publisher's mailbox" in lines[2]


def test_an_example_web_address_that_is_not_the_publishers_is_no_identity(
    project: Path,
) -> None:
    # The fixture's sources are on example.org, but the publisher's site is elsewhere.
    write(project, "publisher.yml", PUBLISHER)
    assert check_identity(project) == []


def test_the_real_repository_has_no_placeholder_outside_publisher_yml() -> None:
    assert [str(p) for p in check_identity(REPO)] == []


def test_one_definition_of_a_placeholder() -> None:
    assert is_placeholder("") and is_placeholder("TODO naam") and is_placeholder("FIXME")
    assert is_placeholder("https://lft.example.org/") and is_placeholder("a@host.invalid")
    assert is_placeholder("http://localhost:8000/")
    assert not is_placeholder("https://www.riec.nl/") and not is_placeholder("Todo-lijst")
    text = "Zie https://x.example.com/a, mail b@example.net; niet https://example-lft.nl/."
    assert [m.group() for m in example_addresses(text)] == [
        "https://x.example.com/a",
        "b@example.net",
    ]


def test_the_environment_overrides_only_the_two_addresses_and_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "publisher.yml", PUBLISHER)
    monkeypatch.delenv("LFT_REPO_URL", raising=False)
    monkeypatch.setenv("LFT_SITE_URL", "https://elders.test-publisher.nl/")
    assert overrides(project) == [
        "LFT_SITE_URL=https://elders.test-publisher.nl/ overrides site_url of publisher.yml "
        "(https://lft.test-publisher.nl/)"
    ]
    monkeypatch.delenv("LFT_SITE_URL")
    assert overrides(project) == []


def test_an_items_contact_may_only_name_an_allowed_function_mailbox(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "publisher.yml", PUBLISHER)
    replace(project, SCREENING, "effect: unknown", "effect: unknown\ncontact: jan@gemeente.nl")
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert f"{SCREENING}:12:10: e-mail address ja…nl is not an allowed function mailbox" in out
    replace(project, "guard.yml", "allowed_mailboxes: []", "allowed_mailboxes: [jan@gemeente.nl]")
    assert run_cli(capsys, "--root", str(project), "check")[0] == 0


def test_a_placeholder_address_is_one_problem_at_its_place_for_each_check(tmp_path: Path) -> None:
    # The identity check (a warning, with the hint for an item's contact line) and the release
    # check of the built site (an error) make the problem in one place
    # (`lft.placeholders.address_problems`).
    from lft.finish import site as sitechecks
    from lft.placeholders import address_problems

    text = "title: x\ncontact: a@lft.example.org\nsite: https://example.com/a and b@riec.nl\n"
    found = address_problems("x.yml", text, "found", lambda line: f"on '{line}'")
    assert [(p.line, p.col, p.message, p.hint) for p in found] == [
        (2, 10, "found: a@lft.example.org", "on 'contact: a@lft.example.org'"),
        (3, 7, "found: https://example.com/a", "on 'site: https://example.com/a and b@riec.nl'"),
    ]
    kept = address_problems("x.yml", text, "found", str, keep=lambda found: "@" in found)
    assert [p.col for p in kept] == [10]
    write(tmp_path, "site/nl/index.html", "<p>\n  Mail <b>a@lft.example.org</b></p>\n")
    assert [str(p) for p in sitechecks._named(tmp_path / "site", [], True)] == [
        "nl/index.html:2:11: a placeholder address in a release: a@lft.example.org"
        " (write the real addresses in publisher.yml (lft check lists them))"
    ]
    assert sitechecks._named(tmp_path / "site", [], False) == []
