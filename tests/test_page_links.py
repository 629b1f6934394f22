"""An item's prose links a page of docs/ as `[text](docs:page.md)`: checked to exist in both
languages, at its place, and written as the address of the reader's language."""

from __future__ import annotations

from pathlib import Path

from conftest import replace, write
from lft.check.page_links import linked, page_links
from lft.check.project import check_project
from lft.cli import main
from lft.render.prepare import prepare

CHARTER = "content/phenomena/voorbeeld/charter"


def test_links_outside_code_are_found_and_addressed() -> None:
    text = (
        "Zie [Over](docs:about.md) en [Privacy](docs:privacy.md).\n"
        "`[code](docs:x.md)`\n```\n[code](docs:y.md)\n```\n"
    )
    assert [(link.line, link.col, link.target) for link in page_links(text)] == [
        (1, 12, "about.md"),
        (1, 40, "privacy.md"),
    ]
    assert linked(text, lambda page: f"../{page}").split("\n")[0] == (
        "Zie [Over](../about.md) en [Privacy](../privacy.md)."
    )


def test_a_link_to_a_missing_page_a_section_or_a_path_is_an_error_at_its_place(
    project: Path,
) -> None:
    write(project, "docs/alleen.md", "# Alleen Nederlands\n\nTekst.\n")
    replace(
        project,
        f"{CHARTER}.nl.md",
        "De werkwijze.\n",
        "De werkwijze: [a](docs:abuot.md), [b](docs:about.md#doel), [c](docs:../README.md),\n"
        "[d](docs:alleen.md) en [e](docs:about.en.md). [Goed](docs:about.md).\n",
    )
    rel = f"{CHARTER}.nl.md"
    shown = [str(p) for p in check_project(project).errors if p.path == rel]
    assert shown == [
        f"{rel}:9:19: no page docs/abuot.md (did you mean 'about.md'?)",
        f"{rel}:9:39: the link to 'about.md#doel' names a section (link the page alone "
        "(docs:report.md): the address of a section differs between the languages)",
        f"{rel}:9:64: '../README.md' is not the name of a page of docs/ (name the Dutch page's "
        "file under docs/, like [Vermoeden melden](docs:report.md); the site links the page of "
        "the reader's language)",
        f"{rel}:10:5: docs/alleen.md has no English page (write docs/alleen.en.md, or link "
        "another page)",
        f"{rel}:10:28: 'about.en.md' is not the name of a page of docs/ (name the Dutch page's "
        "file under docs/, like [Vermoeden melden](docs:report.md); the site links the page of "
        "the reader's language)",
    ]


def test_the_link_is_written_as_the_page_of_each_language(project: Path, tmp_path: Path) -> None:
    for lang, text in (("nl", "De werkwijze."), ("en", "The method.")):
        replace(project, f"{CHARTER}.{lang}.md", f"{text}\n", "[Over](docs:about.md).\n")
    prepared = prepare(project, tmp_path / "pages")
    assert prepared.checked.errors == []
    pages = {p.src_uri: p.markdown for p in prepared.pages}
    assert "[Over](../../about.md)." in pages["phenomena/voorbeeld/charter.md"]
    assert "[Over](../../about.md)." in pages["phenomena/voorbeeld/charter.en.md"]
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "built")]) == 0
    built = tmp_path / "built" / "phenomena" / "voorbeeld" / "charter"
    assert '<a href="../../../about/">Over</a>' in (built / "index.html").read_text("utf-8")
    english = tmp_path / "built" / "en" / "phenomena" / "voorbeeld" / "charter" / "index.html"
    assert '<a href="../../../about/">Over</a>' in english.read_text("utf-8")  # /en/about/


def test_the_contact_page_says_once_that_the_postal_address_is_to_be_confirmed(
    project: Path, tmp_path: Path
) -> None:
    contact = next(p for p in prepare(project, tmp_path / "p").pages if p.src_uri == "contact.md")
    assert "Postadres\n:   *nog te bevestigen door de uitgever*\n" in contact.markdown


def test_the_contact_page_links_the_report_pages_the_project_has(
    project: Path, tmp_path: Path
) -> None:
    write(project, "docs/report.md", "# Vermoeden melden\n\nBel 112.\n")
    write(project, "docs/report.en.md", "# Report a suspicion\n\nCall 112.\n")
    pages = {p.src_uri: p.markdown for p in prepare(project, tmp_path / "p").pages}
    assert "op de pagina [Vermoeden melden](report.md)." in pages["contact.md"]
    assert "on the page [Report a suspicion](report.md)." in pages["contact.en.md"]
    assert "Op de pagina Kwetsbaarheid melden leest u" in pages["contact.md"]  # none here
