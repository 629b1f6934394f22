"""`lft new`: complete skeletons in both languages, never overwriting anything."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from conftest import run_cli as run
from lft.check.project import check_project
from lft.render.scaffold import Scaffold
from lft.source.model import Kind
from lft.source.schemas import Schemas
from lft.source.yamlsource import parse

MODELINE = "# yaml-language-server: $schema="


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run without a terminal unless a test gives one."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def assert_loads(root: Path, rels: list[str]) -> None:
    """The files parse as YAML and none of them gives a loading problem."""
    for rel in rels:
        if rel.endswith(".yml"):
            text = (root / rel).read_text(encoding="utf-8")
            assert text.startswith(MODELINE), rel
            doc, problems = parse(text, rel)
            assert doc is not None and problems == [], (rel, problems)
    checked = check_project(root)
    assert not [p for p in checked.problems if "YAML" in p.message]


def assert_prose(root: Path, folder: str, kind: Kind) -> None:
    spec = Schemas(root / "schemas").markdown(kind)
    for lang in ("nl", "en"):
        text = (root / folder / f"{kind.value}.{lang}.md").read_text(encoding="utf-8")
        headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
        assert headings == [s.titles[lang] for s in spec.sections]
        paragraphs = [p for p in text.split("\n\n") if not p.startswith("## ")]
        assert paragraphs and all(p.startswith("TODO: ") for p in paragraphs)


def test_new_intervention(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--root", str(project), "new", "intervention", "huur-check", "--phenomenon",
        "voorbeeld", "--step", "aankoop",
    )  # fmt: skip
    assert (code, err) == (0, "")
    folder = "content/interventions/huur-check"
    files = [f"{folder}/intervention.yml", f"{folder}/intervention.nl.md",
             f"{folder}/intervention.en.md"]  # fmt: skip
    for rel in files:
        assert f"created  {rel}\n" in out
    assert f"lft translations --mark-current {folder}" in out
    assert "lft check" in out
    assert_loads(project, files)
    assert_prose(project, folder, Kind.INTERVENTION)
    yml = (project / files[0]).read_text(encoding="utf-8")
    assert 'phenomenon: voorbeeld\n    steps: ["aankoop"]' in yml
    assert 'title:\n  nl: "TODO: titel van het handelingsperspectief"\n' in yml
    assert "administrative, criminal, fiscal, private of preventive" in yml
    checked = check_project(project)
    item = checked.content.interventions["huur-check"]
    assert item.data["title"]["en"].startswith("TODO")
    # Only placeholders are wrong: no problem names a value that is not a placeholder.
    assert not [p for p in checked.problems if p.path.startswith(folder) and "TODO" not in str(p)]


def test_new_intervention_without_step_gets_a_placeholder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(
        capsys, "--root", str(project), "new", "intervention", "x", "--phenomenon", "voorbeeld"
    )
    assert code == 0
    yml = (project / "content/interventions/x/intervention.yml").read_text(encoding="utf-8")
    assert 'steps: ["TODO: id van een processtap van voorbeeld: aankoop"]' in yml


def test_new_phenomenon_writes_fact_sheet_and_charter(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "--root", str(project), "new", "phenomenon", "witwassen")
    assert code == 0
    folder = "content/phenomena/witwassen"
    names = ["phenomenon.yml", "phenomenon.nl.md", "phenomenon.en.md", "charter.yml",
             "charter.nl.md", "charter.en.md"]  # fmt: skip
    assert sorted(p.name for p in (project / folder).iterdir()) == sorted(names)
    assert_loads(project, [f"{folder}/{n}" for n in names])
    assert_prose(project, folder, Kind.PHENOMENON)
    assert_prose(project, folder, Kind.CHARTER)
    checked = check_project(project)
    assert "witwassen" in checked.content.phenomena
    assert "witwassen" in checked.content.charters
    assert not [p for p in checked.problems if p.path.startswith(folder) and "TODO" not in str(p)]


def test_new_news_uses_the_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--root", str(project), "new", "news", "tweede-tafel", "--date", "2026-03-01"
    )
    assert code == 0
    folder = "content/news/2026-03-01-tweede-tafel"
    assert f"created  {folder}/news.yml" in out
    yml = (project / folder / "news.yml").read_text(encoding="utf-8")
    assert "\ndate: 2026-03-01\n" in yml
    assert_loads(project, [f"{folder}/news.yml"])
    assert_prose(project, folder, Kind.NEWS)
    checked = check_project(project)
    assert not [p for p in checked.problems if p.path.startswith(folder) and "TODO" not in str(p)]


def test_new_news_defaults_to_today(
    project: Path, capsys: pytest.CaptureFixture[str], frozen_date: dt.date
) -> None:
    # "Today" is SOURCE_DATE_EPOCH's day when it is set: the same before and after midnight.
    code, out, _ = run(capsys, "--root", str(project), "new", "news", "vandaag")
    assert code == 0
    assert f"content/news/{frozen_date.isoformat()}-vandaag/news.yml" in out
    yml = (project / f"content/news/{frozen_date.isoformat()}-vandaag/news.yml").read_text()
    assert f"\ndate: {frozen_date.isoformat()}\n" in yml


def test_new_news_without_source_date_uses_the_calendar(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")

    class Calendar(dt.date):
        @classmethod
        def today(cls) -> Calendar:
            return cls(2031, 2, 3)

    monkeypatch.setattr("lft.render.scaffold.dt.date", Calendar)
    created = Scaffold(project).news("later")
    assert created.folder == "content/news/2031-02-03-later"


@pytest.mark.parametrize(
    ("kind", "registry"), [("term", "glossary"), ("organisation", "organisations")]
)
def test_new_entry_is_appended(
    kind: str, registry: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "content" / f"{registry}.yml"
    before = path.read_bytes()
    code, out, _ = run(capsys, "--root", str(project), "new", kind, "nieuw-item")
    assert code == 0
    assert f"content/{registry}.yml" in out
    after = path.read_bytes()
    assert after.startswith(before)  # appended, the existing text untouched
    assert after[len(before) :].startswith(b"\nnieuw-item:\n")
    checked = check_project(project)
    registry_obj = getattr(checked.content, registry)
    assert registry_obj is not None and "nieuw-item" in registry_obj.entries
    assert not [p for p in checked.problems if p.path == f"content/{registry}.yml"
                and "TODO" not in str(p)]  # fmt: skip


def test_new_entry_after_a_file_without_final_newline(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "content" / "glossary.yml"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    code, _, _ = run(capsys, "--root", str(project), "new", "term", "nieuw")
    assert code == 0
    assert "nieuw" in (check_project(project).content.glossary or pytest.fail()).entries


@pytest.mark.parametrize(
    "argv",
    [
        ("phenomenon", "voorbeeld"),
        ("intervention", "voorbeeld-screening", "--phenomenon", "voorbeeld"),
        ("news", "start", "--date", "2021-09-08"),
        ("term", "stroman"),
        ("organisation", "nvm"),
    ],
)
def test_existing_slug_is_refused(
    argv: tuple[str, ...], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    code, out, err = run(capsys, "--root", str(project), "new", *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("lft new: ") and err.count("\n") == 1
    assert "already exists" in err
    assert snapshot(project) == before


def test_never_overwrites_a_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lft.render.scaffold import Scaffold, ScaffoldError

    scaffold = Scaffold(project)
    (project / "content/interventions/nieuw").mkdir()
    mine = project / "content/interventions/nieuw/intervention.yml"
    mine.write_text("mine", "utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold.intervention("nieuw", "voorbeeld")
    # Even if the folder appeared between the check and the writing, nothing is overwritten.
    monkeypatch.setattr(Path, "exists", lambda self: False)
    with pytest.raises(FileExistsError):
        scaffold.intervention("nieuw", "voorbeeld")
    assert mine.read_text("utf-8") == "mine"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("intervention", "x"), "--phenomenon is missing"),
        (("phenomenon",), "SLUG is missing"),
        (("intervention", "x", "--phenomenon", "onbekend"), "unknown phenomenon 'onbekend'; "
         "the phenomena are: voorbeeld"),
        (("intervention", "x", "--phenomenon", "voorbeeld", "--step", "verkoop"),
         "'voorbeeld' has no step 'verkoop'; the steps are: aankoop"),
        (("news", "x", "--date", "2021-13-01"), "'2021-13-01' is not a date"),
        (("term", "Hoofdletter"), "'Hoofdletter' is not a valid name"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2_with_one_line(
    argv: tuple[str, ...], message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    code, out, err = run(capsys, "--root", str(project), "new", *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (("intervention", "Huur Check", "--phenomenon", "voorbeeld"),
         "lft new: 'Huur Check' is not a valid name for an intervention: use lowercase letters, "
         "digits and single hyphens, like 'huur-check'"),
        (("organisation", "Politie_Oost"),
         "lft new: 'Politie_Oost' is not a valid name for an organisation: use lowercase "
         "letters, digits and single hyphens, like 'politie-oost'"),
        (("news", "Één--bericht"),
         "lft new: 'Één--bericht' is not a valid name for a news item: use lowercase letters, "
         "digits and single hyphens, like 'een-bericht'"),
        (("term", "!!"),
         "lft new: '!!' is not a valid name for a term: use lowercase letters, digits and "
         "single hyphens, like 'wet-bibob'"),
    ],
)  # fmt: skip
def test_invalid_name_suggests_the_slug(
    argv: tuple[str, ...], line: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--root", str(project), "new", *argv)
    assert (code, out, err) == (2, "", line + "\n")


def test_unknown_type_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--root", str(project), "new", "article", "x")
    assert code == 2
    assert "invalid choice" in err


def test_asks_on_a_terminal(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("onbekend\nvoorbeeld\n"))
    code, out, err = run(capsys, "--root", str(project), "new", "intervention", "gevraagd")
    assert code == 0
    assert "unknown phenomenon 'onbekend'" in err
    assert "which phenomenon does it serve (voorbeeld)" in out
    assert (project / "content/interventions/gevraagd/intervention.yml").is_file()


def test_broken_registry_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content/glossary.yml"
    path.write_text("a: [\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project), "new", "term", "nieuw")
    assert code == 1
    assert "lft check" in err
    assert path.read_text(encoding="utf-8") == "a: [\n"
