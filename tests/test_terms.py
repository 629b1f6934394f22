"""Terminology as data: avoided forms and unexplained abbreviations, in the matching language."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_fixture, run_cli, write
from lft.load import load
from lft.schemas import Schemas
from lft.terms import check_terms

GLOSSARY_TERM = """
fact-sheet:
  term: {nl: feitenblad, en: fact sheet}
  definition: {nl: Een overzicht van de feiten., en: An overview of the facts.}
  preferred: {nl: feitenblad, en: fact sheet}
  avoid: {nl: [factsheet], en: [factsheet, facts sheet]}
riec:
  term: {nl: RIEC (Regionaal Informatie- en Expertise Centrum), en: RIEC}
  definition: {nl: Een regionaal centrum., en: A regional centre.}
"""


def messages(root: Path) -> list[str]:
    content, problems = load(root, Schemas(root / "schemas"))
    assert [str(p) for p in problems] == []
    return sorted(str(p) for p in check_terms(root, content))


def site(tmp_path: Path) -> Path:
    root = copy_fixture(tmp_path / "site")
    glossary = root / "content" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + GLOSSARY_TERM, encoding="utf-8")
    return root


def test_the_fixture_site_has_no_term_warnings(tmp_path: Path) -> None:
    assert messages(site(tmp_path)) == []


def test_an_avoided_form_is_named_in_its_own_language_only(tmp_path: Path) -> None:
    root = site(tmp_path)
    write(root, "docs/terms.md", "# Over\n\nHet Factsheet en de factsheets.\n")
    write(
        root, "docs/terms.en.md", "# About\n\nThe factsheet, `factsheet` and [a](factsheet.md).\n"
    )
    assert messages(root) == [
        "docs/terms.en.md:3:5: warning: 'factsheet' is a form this site avoids (write 'fact sheet'"
        " (content/glossary.yml))",
        "docs/terms.md:3:5: warning: 'Factsheet' is a form this site avoids (write 'feitenblad'"
        " (content/glossary.yml))",
    ]


def test_an_abbreviation_must_be_in_the_glossary(tmp_path: Path) -> None:
    root = site(tmp_path)
    write(root, "docs/terms.md", "# Over\n\nDe RIEC's en het KPO.\n\n```\nXYZ\n```\n")
    write(root, "docs/terms.en.md", "# About\n\nThe RIEC and WCAG.\n\n*[WCAG]: Web Content…\n")
    assert messages(root) == [
        "docs/terms.md:3:18: warning: the abbreviation 'KPO' is not in the glossary (add a term"
        " with this abbreviation to content/glossary.yml, explain it on the page with a line"
        " '*[KPO]: …', or write the name in full)",
    ]


def test_yaml_texts_are_checked_per_language_at_their_key(tmp_path: Path) -> None:
    root = site(tmp_path)
    glossary = root / "content" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text.replace("en: An overview of the facts.", "en: An overview in a factsheet."),
        encoding="utf-8",
    )
    line = next(n for n, s in enumerate(glossary.read_text().split("\n"), 1) if "a factsheet" in s)
    assert messages(root) == [
        f"content/glossary.yml:{line}:54: warning: fact-sheet.definition.en: 'factsheet' is a"
        " form this site avoids (write 'fact sheet' (content/glossary.yml))",
    ]


def test_an_abbreviation_in_a_yaml_text_gets_no_markdown_hint(tmp_path: Path) -> None:
    root = site(tmp_path)
    glossary = root / "content" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text.replace("en: An overview of the facts.", "en: An overview of the KPO."),
        encoding="utf-8",
    )
    line = next(n for n, s in enumerate(glossary.read_text().split("\n"), 1) if "the KPO" in s)
    assert messages(root) == [
        f"content/glossary.yml:{line}:54: warning: fact-sheet.definition.en: the abbreviation "
        "'KPO' is not in the glossary (add a term with this abbreviation to "
        "content/glossary.yml, or write the name in full)",
    ]


def test_a_placeholder_of_a_skeleton_is_text_to_write_not_an_abbreviation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path)
    new = ("new", "intervention", "nieuw", "--phenomenon", "voorbeeld")
    assert run_cli(capsys, "--root", str(root), *new)[0] == 0
    out = run_cli(capsys, "--root", str(root), "check", "--allow-drafts")[1]
    assert "unfinished text: 'TODO" in out
    assert "abbreviation 'TODO'" not in out and "abbreviation 'FIXME'" not in out
