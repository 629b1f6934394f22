"""publisher.yml: validated with positions, placeholders and confirmations named, pages written."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import REPO
from lft.check import publisher as publisher_module
from lft.check.publisher import SETTINGS, load_publisher
from lft.problems import Problem, Severity
from lft.render.publisher_pages import publisher_pages

COMPLETE = """\
organisation:
  name: {nl: Voorbeeldcentrum, en: Example Centre}
  address: Postbus 1, 1000 AA Plaats
mailbox: info@voorbeeld.nl
controller:
  name: {nl: Voorbeeldcentrum, en: Example Centre}
  data_protection_officer: fg@voorbeeld.nl
host:
  name: Voorbeeldhosting
  country: {nl: Nederland, en: the Netherlands}
  log_retention: {nl: 14 dagen, en: 14 days}
licence:
  text: {name: CC BY 4.0, url: 'https://creativecommons.org/licenses/by/4.0/'}
  data: {name: CC0 1.0, url: 'https://creativecommons.org/publicdomain/zero/1.0/'}
site_url: https://www.voorbeeld.nl/
repository: https://github.com/voorbeeld/lft
"""


def project(tmp_path: Path, text: str) -> Path:
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "publisher.yml").write_text(text, encoding="utf-8")
    return tmp_path


def messages(root: Path) -> list[str]:
    return [str(p) for p in load_publisher(root)[1]]


def test_a_complete_publisher_has_no_placeholders_and_no_problems(tmp_path: Path) -> None:
    publisher, problems = load_publisher(project(tmp_path, COMPLETE))
    assert problems == []
    assert publisher.placeholders() == []
    assert publisher.value("organisation.name.en") == "Example Centre"


def test_placeholders_are_named_with_their_value(tmp_path: Path) -> None:
    text = COMPLETE.replace("info@voorbeeld.nl", "redactie@lft.example.org").replace(
        "Voorbeeldhosting", "TODO hosting party"
    )
    root = project(tmp_path, text.replace("https://www.voorbeeld.nl/", "https://example.org/"))
    publisher, _ = load_publisher(root)
    assert publisher.placeholders() == [
        ("mailbox", "redactie@lft.example.org"),
        ("host.name", "TODO hosting party"),
        ("site_url", "https://example.org/"),
    ]
    assert messages(root) == [
        "publisher.yml:4:10: warning: mailbox: still a placeholder: 'redactie@lft.example.org' "
        "(only the publisher can fill this in; a release refuses a placeholder)",
        "publisher.yml:9:9: warning: host.name: still a placeholder: 'TODO hosting party' "
        "(only the publisher can fill this in; a release refuses a placeholder)",
        "publisher.yml:15:11: warning: site_url: still a placeholder: 'https://example.org/' "
        "(only the publisher can fill this in; a release refuses a placeholder)",
    ]


def test_a_missing_file_is_no_check_problem_but_every_setting_is_a_placeholder(
    tmp_path: Path,
) -> None:
    publisher, problems = load_publisher(tmp_path)
    assert problems == []
    assert publisher.placeholders() == [(setting, "") for setting in SETTINGS]


def test_schema_problems_have_positions(tmp_path: Path) -> None:
    text = COMPLETE.replace("mailbox: info@voorbeeld.nl", "mailbox: Jan Jansen").replace(
        "site_url:", "website:"
    )
    assert messages(project(tmp_path, text)) == [
        "publisher.yml:1:1: missing required key 'site_url' (give the absolute https:// "
        "address, without spaces, quotes or markup, like https://www.example-lft.nl/)",
        "publisher.yml:1:1: warning: site_url: not set (only the publisher can fill this in; a "
        "release refuses a placeholder)",
        "publisher.yml:4:10: mailbox: 'Jan Jansen' is not valid here (give a function mailbox "
        "like info@organisation.nl, never a person's address)",
        "publisher.yml:15:1: website: unknown key 'website' (allowed here: confirmations, "
        "controller, host, licence, mailbox, organisation, repository, site_url)",
    ]


@pytest.mark.parametrize(
    "address",
    ["'https://www.voorbeeld.nl/\"><script>alert(1)</script>'", "http://www.voorbeeld.nl/"],
)
def test_an_address_with_markup_or_without_https_is_refused(tmp_path: Path, address: str) -> None:
    text = COMPLETE.replace("site_url: https://www.voorbeeld.nl/", f"site_url: {address}")
    [problem] = [m for m in messages(project(tmp_path, text)) if "site_url" in m]
    assert problem.startswith("publisher.yml:15:11: site_url: ")
    assert problem.endswith(
        "is not valid here (give the absolute https:// address, without spaces, quotes or "
        "markup, like https://www.example-lft.nl/)"
    )


def test_open_confirmations_are_warnings_with_their_owner(tmp_path: Path) -> None:
    text = COMPLETE + (
        "confirmations:\n"
        "  - id: voorbeeld-chair\n"
        "    about: content/phenomena/voorbeeld/charter.yml\n"
        "    what: {nl: wie de tafel voorzit, en: who chairs the table}\n"
        "    owner: LIEC\n"
    )
    assert messages(project(tmp_path, text)) == [
        "publisher.yml:18:5: warning: confirmations[0]: not confirmed yet (owner: LIEC): who "
        "chairs the table (once confirmed, write it in content/phenomena/voorbeeld/charter.yml"
        " and remove this entry, the markers of the passages and the unconfirmed: lines of the"
        " fields that wait for it (lft-unconfirmed: voorbeeld-chair); a release leaves those"
        " out)",
    ]


def test_pages_show_values_and_say_plainly_what_is_not_confirmed_without_a_public_list(
    tmp_path: Path,
) -> None:
    text = COMPLETE.replace("Voorbeeldhosting", "TODO").replace("<", "&lt;")
    text = text.replace("Postbus 1", "Postbus <1>") + (
        "confirmations:\n"
        "  - id: organisations-named\n"
        "    about: content/organisations.yml\n"
        "    what: {nl: wie er deelneemt, en: who takes part}\n"
        "    owner: LIEC\n"
    )
    publisher, _ = load_publisher(project(tmp_path, text))
    pages = {page.src_uri: page.markdown for page in publisher_pages(publisher)}
    assert sorted(pages) == ["colophon.en.md", "colophon.md", "contact.en.md", "contact.md"]
    colophon = pages["colophon.en.md"]
    assert "Publisher and responsible for the content\n:   Example Centre\n" in colophon
    assert "Postal address\n:   Postbus &#60;1&#62;, 1000 AA Plaats\n" in colophon
    assert "Hosting (processor)\n:   *to be confirmed by the publisher*\n" in colophon
    assert (
        "Licence of the data\n:   [CC0 1&#46;0](https://creativecommons.org/publicdomain/"
        in colophon
    )
    assert "who takes part" not in colophon  # the open confirmations are for editors
    assert "wie er deelneemt" not in pages["colophon.md"]
    assert "Hosting (verwerker)\n:   *nog te bevestigen door de uitgever*\n" in pages["colophon.md"]
    assert ":   <info@voorbeeld.nl>" in pages["contact.md"]


@pytest.mark.parametrize(
    "value",
    [
        "**Vet** en _schuin_",
        "[klik](javascript:alert(1))",
        "# Kop",
        "Naam {: .lft-problems #__config }",
        "<img src=x onerror=alert(1)>",
        "`code` ![x](https://tracker.invalid/p.png)",
        "Regel\n\n- lijst",
    ],
)
def test_publisher_values_are_plain_text_not_markdown(tmp_path: Path, value: str) -> None:
    text = COMPLETE.replace("Postbus 1, 1000 AA Plaats", json.dumps(value))
    publisher, _ = load_publisher(project(tmp_path, text))
    page = {p.src_uri: p.markdown for p in publisher_pages(publisher)}["contact.md"]
    shown = page.split("Postadres\n:   ", 1)[1].split("\n", 1)[0]
    assert not set(re.sub(r"&#[0-9]+;", "", shown)) & set("*_[]()#{}<>`!"), shown
    html_page = markdown.markdown(shown, extensions=["attr_list", "def_list"])
    assert html.unescape(re.sub("<[^>]+>", "", html_page)) == (
        "Voorbeeldcentrum, " + " ".join(value.split())
    )


def test_the_real_publisher_file_is_valid_and_names_its_placeholders() -> None:
    publisher, problems = load_publisher(REPO)
    assert [p for p in problems if p.severity is not Severity.WARNING] == []
    assert ("mailbox", "redactie@lft.example.org") in publisher.placeholders()


def test_the_publishers_own_mailboxes_are_allowed_by_the_guard(project: Path) -> None:
    from lft.check.guard.config import settings

    (project / "publisher.yml").write_text(
        "mailbox: Redactie@Uitgever.nl\ncontroller:\n  data_protection_officer: fg@uitgever.nl\n",
        encoding="utf-8",
    )
    assert {"redactie@uitgever.nl", "fg@uitgever.nl"} <= settings(project)[0].mailboxes


def test_a_confirmation_needs_an_id_that_markers_can_name(tmp_path: Path) -> None:
    text = COMPLETE + (
        "confirmations:\n"
        "  - about: docs/privacy.md\n"
        "    what: {nl: de grondslag, en: the legal basis}\n"
        "    owner: LIEC\n"
        "  - id: Privacy Basis\n"
        "    about: docs/privacy.md\n"
        "    what: {nl: de grondslag, en: the legal basis}\n"
        "    owner: LIEC\n"
    )
    errors = [
        str(p) for p in load_publisher(project(tmp_path, text))[1] if p.severity is Severity.ERROR
    ]
    hint = (
        "(lowercase letters, digits and hyphens, like 'vastgoed-chair'; a passage that waits for "
        "it is marked <!-- lft-unconfirmed: vastgoed-chair -->)"
    )
    assert errors == [
        f"publisher.yml:18:5: confirmations[0]: missing required key 'id' {hint}",
        f"publisher.yml:21:9: confirmations[1].id: 'Privacy Basis' is not valid here {hint}",
    ]


def test_publisher_is_read_once_while_it_stays_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, COMPLETE)
    reads: list[str] = []
    real = publisher_module.read_text

    def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
        reads.append(rel)
        return real(path, rel)

    monkeypatch.setattr(publisher_module, "read_text", read_text)
    first = load_publisher(root)
    assert load_publisher(root) == first
    assert reads == ["publisher.yml"]
    (root / "publisher.yml").write_text(
        COMPLETE.replace("Voorbeeldcentrum", "Ander centrum"), encoding="utf-8"
    )
    assert load_publisher(root)[0].value("organisation.name.nl") != first[0].value(
        "organisation.name.nl"
    )
    assert reads == ["publisher.yml", "publisher.yml"]
