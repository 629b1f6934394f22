"""`lft translations`: complete, missing and outdated English texts, without git."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import replace, write
from conftest import run_cli as run
from lft.check.translations import (
    State,
    TextState,
    fingerprint,
    outdated_pages,
    recorded,
    translation_states,
)
from lft.render.pages import render_pages
from lft.source.load import load
from lft.source.schemas import Schemas

SCREENING = "content/interventions/voorbeeld-screening"
SHEET = "content/phenomena/voorbeeld"


def states(root: Path) -> dict[tuple[str, str], State]:
    content, _ = load(root, Schemas(root / "schemas"))
    return {(s.item, s.text): s.state for s in translation_states(root, content)}


def mark_all(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folders = [str(p) for kind in ("phenomena", "interventions", "news")
               for p in sorted((root / "content" / kind).iterdir())]  # fmt: skip
    code, _, _ = run(capsys, "--root", str(root), "translations", "--mark-current", *folders)
    assert code == 0


def test_fingerprint_ignores_wrapping_only() -> None:
    assert fingerprint("Een  zin\nover twee regels. ") == fingerprint("Een zin over twee regels.")
    assert fingerprint("Een zin.") != fingerprint("Een andere zin.")
    assert len(fingerprint("x")) == 12


def test_fresh_state_without_records(project: Path) -> None:
    for record in (project / "content").rglob("translations.yml"):
        record.unlink()
    found = states(project)
    assert found[(f"{SCREENING}/intervention.yml", "title")] is State.NEW
    assert found[(f"{SCREENING}/intervention.yml", "intervention.en.md")] is State.NEW
    assert found[("content/glossary.yml", "stroman")] is State.COMPLETE
    assert found[("content/organisations.yml", "nvm")] is State.COMPLETE


def test_new_item_in_both_languages_is_new_and_shows_no_notice(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text never marked current is 'new': readers see no 'out of date' notice on it."""
    (project / SCREENING / "translations.yml").unlink()
    content, _ = load(project, Schemas(project / "schemas"))
    assert outdated_pages(project, content) == {}
    page = next(p for p in render_pages(content) if p.src_uri.endswith("screening.en.md"))
    assert not page.outdated
    code, out, _ = run(capsys, "--root", str(project), "translations", "--only-problems")
    assert code == 0
    assert f"{SCREENING}/intervention.yml  intervention.en.md  new" in out
    assert out.splitlines()[-1].endswith(", 0 outdated, 4 new")


def test_text_added_to_a_marked_item_is_new(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mark_all(project, capsys)
    replace(
        project,
        f"{SCREENING}/intervention.yml",
        "    role: {nl: Advies, en: Advice}\n",
        "    role: {nl: Advies, en: Advice}\n  - organisation: nvm\n"
        "    role: {nl: Meldt, en: Reports}\n",
    )
    found = states(project)
    assert found[(f"{SCREENING}/intervention.yml", "partners[1].role")] is State.NEW
    assert found[(f"{SCREENING}/intervention.yml", "partners[0].role")] is State.COMPLETE


def test_awaiting_item_is_missing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mark_all(project, capsys)
    awaiting = "content/interventions/nog-te-vertalen/intervention.yml"
    found = states(project)
    assert found[(awaiting, "title")] is State.MISSING
    assert found[(awaiting, "partners[0].role")] is State.MISSING
    assert found[(awaiting, "intervention.en.md")] is State.MISSING
    # Nothing without English is recorded.
    assert recorded(project / "content/interventions/nog-te-vertalen") == {}


def test_marked_content_is_complete(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mark_all(project, capsys)
    found = states(project)
    assert {s for k, s in found.items() if "nog-te-vertalen" not in k[0]} == {State.COMPLETE}
    records = recorded(project / SHEET)
    assert set(records["en"]) == {"phenomenon.yml", "phenomenon.en.md", "charter.yml",
                                  "charter.en.md"}  # fmt: skip
    assert records["en"]["phenomenon.yml"]["title"] == fingerprint("Voorbeeldfenomeen")


def test_changed_dutch_makes_only_that_text_outdated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mark_all(project, capsys)
    replace(project, f"{SHEET}/phenomenon.yml", "nl: Voorbeeldfenomeen", "nl: Ander fenomeen")
    nl_md = project / SHEET / "phenomenon.nl.md"
    nl_md.write_text(nl_md.read_text("utf-8") + "\nEen nieuwe zin.\n", "utf-8")
    found = states(project)
    changed = {k for k, s in found.items() if s is State.OUTDATED}
    assert changed == {
        (f"{SHEET}/phenomenon.yml", "title"),
        (f"{SHEET}/phenomenon.yml", "phenomenon.en.md"),
    }
    content, _ = load(project, Schemas(project / "schemas"))
    assert outdated_pages(project, content) == {
        f"{SHEET}/phenomenon.yml": ["title", "phenomenon.en.md"]
    }
    # Marking current clears it, and writes nothing but translations.yml.
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    code, out, _ = run(
        capsys, "--root", str(project), "translations", "--mark-current",
        str(project / SHEET / "phenomenon.en.md"),
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[0].startswith(f"{SHEET}/translations.yml: ")
    assert "  marked voorbeeld/phenomenon.yml: title" in out
    assert "  marked voorbeeld/phenomenon.en.md" in out
    after = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert {p for p in after if after[p] != before.get(p)} == {project / SHEET / "translations.yml"}
    assert State.OUTDATED not in states(project).values()
    content, _ = load(project, Schemas(project / "schemas"))
    assert outdated_pages(project, content) == {}


def test_rewrapping_dutch_keeps_it_complete(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mark_all(project, capsys)
    nl_md = project / SCREENING / "intervention.nl.md"
    nl_md.write_text(nl_md.read_text("utf-8").replace(" ", "\n", 3) + "\n\n", "utf-8")
    assert states(project)[(f"{SCREENING}/intervention.yml", "intervention.en.md")] is (
        State.COMPLETE
    )


def test_removed_english_is_missing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mark_all(project, capsys)
    (project / SCREENING / "intervention.en.md").unlink()
    replace(project, "content/glossary.yml", ", en: straw man", "")
    found = states(project)
    assert found[(f"{SCREENING}/intervention.yml", "intervention.en.md")] is State.MISSING
    assert found[("content/glossary.yml", "stroman")] is State.MISSING
    assert found[("content/glossary.yml", "barrieremodel")] is State.COMPLETE


def test_translations_yml_is_not_an_unexpected_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mark_all(project, capsys)
    assert run(capsys, "--root", str(project), "check")[0] == 0


def test_report_table_and_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mark_all(project, capsys)
    replace(project, f"{SHEET}/phenomenon.yml", "nl: Voorbeeldfenomeen", "nl: Ander fenomeen")
    code, out, err = run(capsys, "--root", str(project), "translations", "--only-problems")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["item", "text", "state"]
    assert [f"{SHEET}/phenomenon.yml", "title", "outdated"] in [line.split() for line in lines]
    assert [line.split()[-1] for line in lines[1:-1]] == ["missing"] * 4 + ["outdated"]
    assert lines[-1].endswith(", 4 missing, 1 outdated, 0 new")
    assert lines[-1].startswith(f"{len(states(project))} texts: ")


def test_report_markdown(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--root", str(project), "translations", "--format", "markdown", "--only-problems"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["| item | text | state |", "|---|---|---|"]
    item = "content/interventions/nog-te-vertalen/intervention.yml"
    row = f"| {item} | partners[0].role | **missing** |"
    assert row in lines
    assert lines[-1].startswith("**") and lines[-1].endswith(" outdated, 0 new**")


def test_report_exits_0_with_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / SCREENING / "intervention.en.md").unlink()
    assert run(capsys, "--root", str(project), "translations")[0] == 0


def test_mark_current_refuses_a_path_outside_items(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in (project / "content").rglob("translations.yml")}
    code, out, err = run(
        capsys, "--root", str(project), "translations", "--mark-current",
        str(project / "content" / "glossary.yml"),
    )  # fmt: skip
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "is not an item folder" in err
    assert {p: p.read_bytes() for p in (project / "content").rglob("translations.yml")} == before


def test_mark_current_accepts_a_path_relative_to_the_root(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "content")
    code, _, _ = run(capsys, "--root", str(project), "translations", "--mark-current", SCREENING)
    assert code == 0
    assert (project / SCREENING / "translations.yml").is_file()


RECORDS = f"{SCREENING}/translations.yml"
REWRITE = (
    "(this file is written by `lft translations --mark-current`; delete it, then mark the "
    "reviewed translations current again)"
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("en: [\n", f"{RECORDS}:2:1: YAML syntax error: while parsing a flow node, expected the "
         "node content, but found '<stream end>' (check the indentation and quotes on this line "
         "and the one before)"),
        ("en:\n  intervention.yml:\n    title: 12\n",
         f"{RECORDS}:3:12: en.intervention.yml.title: expected a fingerprint of 12 hexadecimal "
         f"digits {REWRITE}"),
        ("en:\n  intervention.en.md: [a]\n",
         f"{RECORDS}:2:23: en.intervention.en.md: expected a fingerprint of 12 hexadecimal "
         f"digits {REWRITE}"),
        ("en:\n  intervention.yml: x\n",
         f"{RECORDS}:2:21: en.intervention.yml: expected the key paths of the texts of a YAML "
         f"file {REWRITE}"),
        ("de: {}\n", f"{RECORDS}:1:1: de: 'de' is not a language translated into {REWRITE}"),
        ("- en\n", f"{RECORDS}:1:1: expected a language, then file names, then fingerprints "
         f"{REWRITE}"),
        (b"en: \xff\n", f"{RECORDS}:1:5: the file is not valid UTF-8 text (save it as UTF-8 in "
         "your editor)"),
        (None, f"{RECORDS}:1:1: translations.yml is not a file {REWRITE}"),
    ],
)  # fmt: skip
def test_broken_record_is_refused_by_check_and_mark_current(
    text: str | bytes | None, problem: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / RECORDS
    path.unlink()
    if text is None:
        path.mkdir()
    else:
        write(project, RECORDS, text)
    code, out, _ = run(capsys, "--root", str(project), "check")
    assert (code, out) == (1, problem + "\n")
    # The report counts every written translation as new; marking current refuses.
    assert states(project)[(f"{SCREENING}/intervention.yml", "title")] is State.NEW
    code, out, err = run(capsys, "--root", str(project), "translations", "--mark-current",
                         str(project / SCREENING))  # fmt: skip
    assert (code, out, err) == (1, "", f"lft translations: {problem}\n")
    assert (
        path.is_dir()
        if text is None
        else path.read_bytes() == (text if isinstance(text, bytes) else text.encode())
    )


def test_text_state_fields() -> None:
    state = TextState("content/x/news.yml", "title", "en", State.COMPLETE, "abc")
    assert (state.item, state.text, state.lang, state.state) == (
        "content/x/news.yml",
        "title",
        "en",
        State.COMPLETE,
    )


def test_mark_current_refuses_a_folder_with_an_unreadable_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mark_all(project, capsys)
    before = (project / SHEET / "translations.yml").read_bytes()
    (project / SHEET / "phenomenon.yml").write_text("title: [\n", "utf-8")
    code, out, err = run(
        capsys, "--root", str(project), "translations", "--mark-current", str(project / SHEET)
    )
    assert (code, out) == (1, "")
    assert "run `lft check` and fix it first" in err
    assert (project / SHEET / "translations.yml").read_bytes() == before
