"""Wording as data: avoided forms, the house style and unexplained abbreviations, in the matching
language, never in code, quotations or the titles of sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, copy_fixture, run_cli, write
from lft.check.style import load_style
from lft.check.terms import Avoided, Terminology, check_terms
from lft.source.load import load
from lft.source.model import LANGUAGES
from lft.source.schemas import Schemas

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
    schemas = Schemas(root / "schemas")
    style, wrong = load_style(root, content, schemas)
    return sorted(str(p) for p in wrong + check_terms(root, content, schemas, style))


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


STYLE = """\
address:
  nl: {je: u, jouw: uw}
organisations:
  nvm: {nl: [NVM-makelaars]}
page_kinds:
  charter: {nl: [tafelhandvest], en: [table charter]}
plain_language:
  - {word: functiemailbox, plain: algemeen e-mailadres, lang: nl, why: B1}
"""


def styled(tmp_path: Path) -> Path:
    root = site(tmp_path)
    write(root, "style.yml", STYLE)
    return root


def test_the_house_style_warns_at_the_line_in_dutch_texts(tmp_path: Path) -> None:
    root = styled(tmp_path)
    write(
        root,
        "docs/style.md",
        "# Stijl\n\nHier kunt je het Tafelhandvest lezen.\n\nMail de functiemailboxen of de"
        " NVM-makelaars.\n\nDe Nederlandse Vereniging van Makelaars en de Nederlandse-Vereniging"
        " van Makelaars.\n",
    )
    assert messages(root) == [
        "docs/style.md:3:11: warning: 'je' is not the site's form of address (address the reader"
        " as 'u' (style.yml))",
        "docs/style.md:3:18: warning: 'Tafelhandvest' is not the name of this kind of page (call"
        " it 'Over de tafel' (src/lft/source/labels.yml: charter))",
        "docs/style.md:5:32: warning: 'NVM-makelaars' is not how this site spells the name"
        " (write 'NVM' (content/organisations.yml))",
        "docs/style.md:5:9: warning: 'functiemailboxen' is not plain language (B1) (write"
        " 'algemeen e-mailadres' or the like (style.yml))",
        "docs/style.md:7:47: warning: 'Nederlandse-Vereniging van Makelaars' is not how this"
        " site spells the name (write 'Nederlandse Vereniging van Makelaars'"
        " (content/organisations.yml))",
    ]


def test_no_style_warning_in_code_quotations_source_titles_or_english(tmp_path: Path) -> None:
    root = styled(tmp_path)
    write(
        root,
        "docs/style.md",
        "# Stijl\n\n> Ken je cliënt, zei de toezichthouder.\n\n"
        "Het beginsel \"ken je cliënt\" en \u201eken je klant\u201d en 'ken jouw klant'.\n\n"
        "Zie [Ken je cliënt: een handleiding](https://example.nl/kyc) en `je`.\n\n"
        "````markdown\n```\nje functiemailbox\n```\nTODO je\n````\n\nNog TODO.\n",
    )
    write(root, "docs/style.en.md", "# Style\n\nJe ne regrette rien, said the functiemailbox.\n")
    assert messages(root) == []


def test_a_heading_the_schema_prescribes_is_not_the_contributors_to_change(
    tmp_path: Path,
) -> None:
    root = styled(tmp_path)
    write(
        root,
        "style.yml",
        STYLE + "  - {word: werkwijze, plain: hoe de tafel werkt, lang: nl, why: B1}\n",
    )
    charter = root / "content/phenomena/voorbeeld/charter.nl.md"
    charter.write_text(
        charter.read_text(encoding="utf-8").replace("De werkwijze.", "Over de werkwijze."),
        encoding="utf-8",
    )
    assert messages(root) == [
        "content/phenomena/voorbeeld/charter.nl.md:9:9: warning: 'werkwijze' is not plain"
        " language (B1) (write 'hoe de tafel werkt' or the like (style.yml))"
    ]


def test_a_wrong_style_file_is_an_error_and_no_rule_applies(tmp_path: Path) -> None:
    root = styled(tmp_path)
    write(root, "style.yml", STYLE.replace("nvm:", "nvn:").replace("charter:", "chartr:"))
    write(root, "docs/style.md", "# Stijl\n\nKijk je mee?\n")
    assert messages(root) == [
        "style.yml:4:3: organisations.nvn: unknown key 'nvn' (did you mean 'nvm'?)",
        "style.yml:6:3: page_kinds.chartr: unknown key 'chartr' (did you mean 'charter'?)",
    ]


def test_the_sites_own_words_follow_the_house_style() -> None:
    from lft.check.terms import Terminology
    from lft.source.labels import labels
    from lft.source.model import Kind

    schemas = Schemas(REPO / "schemas")
    content, _ = load(REPO, schemas)
    style, problems = load_style(REPO, content, schemas)
    assert problems == []
    terms = Terminology.of(content, style)
    found = set()
    for key, texts in labels().items():
        for lang, text in texts.items():
            for problem in terms.line_problems("", 1, 1, text, lang):
                found.add((f"labels.yml: {key}", problem.message))
    for kind in Kind:
        for section in schemas.markdown(kind).sections:
            for lang, title in section.titles.items():
                for problem in terms.line_problems("", 1, 1, title, lang):
                    found.add((kind.schema, problem.message))
    assert found == set()  # a section title of a schema is a heading of every item


def test_the_quick_test_of_a_line_passes_nothing_that_would_be_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`may_find` skips a line only where blanking code, links and quotations could not make an
    abbreviation or an avoided wording: the same problems as searching every line."""
    root = site(tmp_path)
    content, _ = load(root, Schemas(root / "schemas"))
    style, _ = load_style(root, content, Schemas(root / "schemas"))
    terms = Terminology.of(content, style)
    lines = [
        "Het Factsheet en de factsheets.",
        "ABhttps://example.org/x en XYhttp://a.b",  # a link next to capitals: 'AB' once blanked
        'De FIOD en "het LIEC" en `RIEC` en <b>ABC</b>.',
        "Zie [de tekst](https://example.org) bij jij en je.",
        "Gewone tekst zonder iets bijzonders.",
        "U kunt het factsheet'je lezen.",
    ]
    quick = [terms.line_problems("x.md", 1, 1, line, lang) for line in lines for lang in LANGUAGES]
    monkeypatch.setattr(Terminology, "may_find", lambda *_: True)
    slow = [terms.line_problems("x.md", 1, 1, line, lang) for line in lines for lang in LANGUAGES]
    assert quick == slow
    assert any(quick)


def test_a_needle_that_blanking_could_make_turns_the_quick_test_off() -> None:
    rule = Avoided(re.compile("x"), "je ", "'{found}'", "")
    terms = Terminology({"nl": [rule], "en": []}, frozenset())
    assert terms.may_find("niets", "nl")
    assert not terms.may_find("niets", "en")
