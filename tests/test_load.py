"""`lft.source.load`: the fixture site into the model, and the problems found while reading
files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE, TODAY, write
from lft.check import guard, publisher
from lft.check.project import check_project
from lft.problems import Problem
from lft.source import load as load_module
from lft.source.load import load, split_markdown
from lft.source.model import Content, Kind
from lft.source.schemas import Schemas

SCHEMAS = Schemas(FIXTURE / "schemas")
PHENOMENON = "content/phenomena/voorbeeld/phenomenon.yml"
PHENOMENON_EN = "content/phenomena/voorbeeld/phenomenon.en.md"


def loaded(root: Path) -> tuple[Content, list[str]]:
    content, problems = load(root, Schemas(root / "schemas"))
    return content, [str(p) for p in sorted(problems)]


def test_fixture_loads_without_problems() -> None:
    content, problems = load(FIXTURE, SCHEMAS)
    assert problems == []
    assert sorted(content.phenomena) == ["voorbeeld"]
    assert sorted(content.charters) == ["voorbeeld"]
    assert sorted(content.interventions) == ["nog-te-vertalen", "voorbeeld-screening"]
    assert sorted(content.news) == ["2021-09-08-start"]
    assert len(content.items()) == 5
    assert content.organisations is not None
    assert sorted(content.organisations.entries) == ["liec", "nvm"]
    assert content.glossary is not None
    assert sorted(content.glossary.entries) == ["barrieremodel", "stroman"]


def test_items_know_their_source_and_folder() -> None:
    content, _ = load(FIXTURE, SCHEMAS)
    item = content.phenomena["voorbeeld"]
    assert item.kind is Kind.PHENOMENON
    assert item.source == PHENOMENON
    assert item.folder == "content/phenomena/voorbeeld"
    assert item.data["process_steps"][0]["id"] == "aankoop"
    assert item.doc.where(("process_steps", 0, "id")) == (5, 9)


def test_markdown_is_split_into_intro_and_sections() -> None:
    content, _ = load(FIXTURE, SCHEMAS)
    prose = content.phenomena["voorbeeld"].prose["en"]
    assert prose.path == PHENOMENON_EN
    assert prose.intro == "An introduction."
    assert [(s.key, s.title, s.line) for s in prose.sections] == [
        ("scope", "Scope", 3),
        ("impact", "Impact", 7),
    ]
    assert prose.sections[0].body == "What belongs to it."
    assert prose.section("impact") is prose.sections[1]
    assert prose.section("bottlenecks") is None


def test_each_language_gets_its_own_markdown() -> None:
    content, _ = load(FIXTURE, SCHEMAS)
    assert content.phenomena["voorbeeld"].prose["nl"].sections[0].title == "Afbakening"
    assert sorted(content.interventions["nog-te-vertalen"].prose) == ["nl"]


def split(text: str, lang: str = "en") -> list[tuple[str, str, int]]:
    prose = split_markdown(text, "x.md", lang, SCHEMAS, Kind.PHENOMENON)
    return [(s.key, s.title, s.line) for s in prose.sections]


def test_headings_inside_fenced_code_are_not_sections() -> None:
    text = "Intro.\n\n```md\n## Impact\n```\n\n~~~\n## Scope\n~~~\n\n## Scope\n\nText.\n"
    prose = split_markdown(text, "x.md", "en", SCHEMAS, Kind.PHENOMENON)
    assert [(s.key, s.line) for s in prose.sections] == [("scope", 11)]
    assert "## Impact" in prose.intro


def test_unknown_heading_becomes_a_section_without_key() -> None:
    assert split("## Scope\n\n## Weather ##\n") == [("scope", "Scope", 1), ("", "Weather", 3)]


def test_level_three_headings_stay_inside_their_section() -> None:
    prose = split_markdown(
        "## Scope\n\n### Detail\n\nText.\n", "x.md", "en", SCHEMAS, Kind.PHENOMENON
    )
    assert len(prose.sections) == 1
    assert prose.sections[0].body == "### Detail\n\nText."


def test_byte_order_mark_and_crlf_are_accepted(project: Path) -> None:
    for rel in (PHENOMENON, PHENOMENON_EN):
        path = project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    content, problems = loaded(project)
    assert problems == []
    item = content.phenomena["voorbeeld"]
    assert item.data["title"]["en"] == "Example phenomenon"
    assert item.doc.where(("title",), key=True) == (2, 1)
    assert [s.line for s in item.prose["en"].sections] == [3, 7]
    assert item.prose["en"].intro == "An introduction."


def test_invalid_utf8_is_reported_at_its_line_and_column(project: Path) -> None:
    write(project, PHENOMENON, b"title: ok\nsummary: cafe \xff\n")
    content, problems = loaded(project)
    assert problems == [
        f"{PHENOMENON}:2:15: the file is not valid UTF-8 text (save it as UTF-8 in your editor)"
    ]
    assert "voorbeeld" not in content.phenomena


def test_invalid_utf8_column_counts_characters_not_bytes(project: Path) -> None:
    write(project, PHENOMENON_EN, "één ".encode() + b"\xff\n")
    _, problems = loaded(project)
    assert problems == [
        f"{PHENOMENON_EN}:1:5: the file is not valid UTF-8 text (save it as UTF-8 in your editor)"
    ]


def test_missing_registry_is_reported(project: Path) -> None:
    (project / "content/organisations.yml").unlink()
    content, problems = loaded(project)
    assert problems == [
        "content/organisations.yml:1:1: this file is missing "
        "(every site needs content/organisations.yml)"
    ]
    assert content.organisations is None


def test_missing_charter_is_reported(project: Path) -> None:
    (project / "content/phenomena/voorbeeld/charter.yml").unlink()
    content, problems = loaded(project)
    assert problems == [
        "content/phenomena/voorbeeld/charter.yml:1:1: this file is missing "
        "(every item in content/phenomena/ needs a charter.yml)"
    ]
    assert "voorbeeld" in content.phenomena
    assert content.charters == {}


def test_missing_content_folder_is_reported(tmp_path: Path) -> None:
    _, problems = loaded(tmp_path)
    assert problems == [
        f"content:1:1: the content folder is missing: there is no {tmp_path / 'content'} "
        "(run lft in the project folder, or give that folder with --root PATH)"
    ]


def test_unexpected_file_in_item_folder_is_reported(project: Path) -> None:
    write(project, "content/interventions/voorbeeld-screening/notes.txt", "x")
    write(project, "content/news/2021-09-08-start/photo.jpg", b"\xff\xd8")
    write(project, "content/news/2021-09-08-start/.DS_Store", b"\x00")
    _, problems = loaded(project)
    assert problems == [
        "content/interventions/voorbeeld-screening/notes.txt:1:1: unexpected file in an item "
        "folder (an item folder holds intervention.yml and one Markdown file per language)"
    ]


def test_markdown_in_a_language_that_does_not_exist_is_unexpected(project: Path) -> None:
    write(project, "content/phenomena/voorbeeld/phenomenon.de.md", "Hallo.\n")
    _, problems = loaded(project)
    assert problems == [
        "content/phenomena/voorbeeld/phenomenon.de.md:1:1: unexpected file in an item folder "
        "(an item folder holds charter.yml, phenomenon.yml and one Markdown file per language)"
    ]


def test_unexpected_file_in_content_is_reported(project: Path) -> None:
    write(project, "content/readme.txt", "x")
    write(project, "content/.hidden", "x")
    _, problems = loaded(project)
    assert problems == [
        "content/readme.txt:1:1: unexpected file or folder in content/ "
        "(items go in phenomena/, interventions/ or news/)"
    ]


def test_loose_file_in_a_type_folder_is_reported(project: Path) -> None:
    write(project, "content/interventions/intervention.yml", "title: x\n")
    _, problems = loaded(project)
    assert problems == [
        "content/interventions/intervention.yml:1:1: unexpected file in content/interventions/ "
        "(every item is a folder with its files inside)"
    ]


@pytest.mark.parametrize(
    ("folder", "problem"),
    [
        (
            "content/interventions/Wet_Bibob",
            "content/interventions/Wet_Bibob:1:1: folder name 'Wet_Bibob' is not a valid slug "
            "(rename it to 'wet-bibob': only lowercase letters, digits and hyphens)",
        ),
        (
            "content/news/2021-9-8-start",
            "content/news/2021-9-8-start:1:1: folder name '2021-9-8-start' is not a valid slug "
            "(rename it to '2021-09-08-start': the date as YYYY-MM-DD, then lowercase letters, "
            "digits and hyphens)",
        ),
        (
            "content/news/start",
            "content/news/start:1:1: folder name 'start' is not a valid slug "
            "(a news folder is named by its date and a slug, like '2021-09-08-start')",
        ),
        (
            "content/interventions/--",
            "content/interventions/--:1:1: folder name '--' is not a valid slug "
            "(use lowercase letters, digits and hyphens, like 'wet-bibob')",
        ),
    ],
)
def test_bad_folder_slug_is_reported(project: Path, folder: str, problem: str) -> None:
    write(project, f"{folder}/intervention.yml", "title: x\n")
    content, problems = loaded(project)
    assert problems == [problem]
    assert len(content.items()) == 5


def test_folder_without_its_yaml_is_reported(project: Path) -> None:
    write(project, "content/interventions/leeg/intervention.nl.md", "## Probleem\n")
    _, problems = loaded(project)
    assert problems == [
        "content/interventions/leeg/intervention.yml:1:1: this file is missing "
        "(every item in content/interventions/ needs an intervention.yml)"
    ]


def test_problems_are_problems_not_exceptions(project: Path) -> None:
    write(project, PHENOMENON, bytes(range(256)))
    write(project, "content/glossary.yml", "a: [\n")
    _, problems = load(project, Schemas(project / "schemas"))
    assert all(isinstance(p, Problem) for p in problems)
    assert sorted(p.path for p in problems) == ["content/glossary.yml", PHENOMENON]


def test_heading_without_a_space_is_a_section_as_markdown_renders_it(project: Path) -> None:
    prose = "content/phenomena/voorbeeld/phenomenon.en.md"
    write(project, prose, "Intro.\n\n##Scope\n\nA.\n\n## Impact ##\n\nB.\n")
    content, problems = load(project, Schemas(project / "schemas"))
    assert problems == []
    sections = content.phenomena["voorbeeld"].prose["en"].sections
    assert [(s.key, s.title, s.body) for s in sections] == [
        ("scope", "Scope", "A."),
        ("impact", "Impact", "B."),
    ]


@pytest.mark.parametrize(
    ("rel", "text", "where"),
    [
        ("intervention.en.md", "## Problem\n\nText\x00 about.\n", "3:5: the file holds a "
         "control character (#x0000)"),
        ("intervention.yml", "title: {nl: a\x1b[31m}\n", "1:14: the file holds a control "
         "character (#x001b)"),
    ],
)  # fmt: skip
def test_control_character_is_reported_at_its_place(
    project: Path, rel: str, text: str, where: str
) -> None:
    rel = f"content/interventions/voorbeeld-screening/{rel}"
    write(project, rel, text)
    _, problems = loaded(project)
    hint = "(remove it: it is invisible in most editors; retyping the line removes it)"
    assert f"{rel}:{where} {hint}" in problems


def test_a_check_reads_each_content_file_once(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loading reads every file of content/; the publication guard scans the text it read.
    reads: list[str] = []
    real = load_module.read_text

    def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
        reads.append(rel)
        return real(path, rel)

    for module in (load_module, guard, publisher):
        monkeypatch.setattr(module, "read_text", read_text)
    check_project(project)
    content_reads = [rel for rel in reads if rel.startswith("content/")]
    assert "content/interventions/voorbeeld-screening/intervention.nl.md" in content_reads
    assert sorted(content_reads) == sorted(set(content_reads))


def test_every_view_of_the_content_keeps_the_texts_it_was_read_from(project: Path) -> None:
    content, _ = load(project, Schemas(project / "schemas"))
    assert content.texts  # what the guard scans instead of reading the files again
    folder = content.interventions["voorbeeld-screening"].folder
    shown = content.without({folder})
    assert "voorbeeld-screening" not in shown.interventions
    for view in (content.published(TODAY), shown):
        assert view.texts == content.texts
