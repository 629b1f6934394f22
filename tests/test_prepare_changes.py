"""The preview's preparation after a change: only the pages of an item whose text alone changed
are rendered again, and the staged source is the same as a fresh preparation's, file for file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import replace
from lft.check.project import Project
from lft.render import pages
from lft.render.prepare import Prepared, prepare

INTERVENTION = "content/interventions/voorbeeld-screening"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _first(project: Path) -> tuple[Project, Prepared]:
    read = Project(project)
    return read, prepare(read, project / "build" / "pages")


def _again(read: Project, previous: Prepared, changed: str) -> Prepared:
    """What the preview does after a change: the project it keeps, with the changed file read
    again, prepared with the last preparation."""
    again = read.changed([read.root / changed])
    return prepare(again, read.root / "build" / "pages", previous=previous, changed=[changed])


def _fresh(project: Path) -> dict[str, bytes]:
    prepare(Project(project), project / "build" / "fresh")
    return _tree(project / "build" / "fresh")


def test_a_changed_text_renders_only_its_own_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read, first = _first(project)
    text = f"{INTERVENTION}/intervention.nl.md"
    replace(project, text, "Tekst over aanpak.", "Tekst over de nieuwe aanpak.")
    rendered: list[str] = []
    page = pages.Renderer.page

    def counted(
        self: pages.Renderer, template: str, base_uri: str, *args: Any, **kw: Any
    ) -> pages.Page:
        rendered.append(base_uri)
        return page(self, template, base_uri, *args, **kw)

    monkeypatch.setattr(pages.Renderer, "page", counted)
    second = _again(read, first, text)
    monkeypatch.undo()
    assert rendered == ["interventions/voorbeeld-screening.md"] * 2  # in both languages
    # the English page now says its translation is out of date
    assert second.changed == {
        "interventions/voorbeeld-screening.md",
        "interventions/voorbeeld-screening.en.md",
    }
    assert "Tekst over de nieuwe aanpak." in second.source.joinpath(
        "interventions/voorbeeld-screening.md"
    ).read_text(encoding="utf-8")
    assert _tree(second.source) == _fresh(project)


def test_a_changed_field_renders_every_page(project: Path) -> None:
    read, first = _first(project)
    data = f"{INTERVENTION}/intervention.yml"
    replace(project, data, "Voorbeeldscreening", "Voorbeeldscreening nieuw")
    second = _again(read, first, data)
    assert "interventions/index.md" in second.changed  # the overview lists the new title
    assert _tree(second.source) == _fresh(project)
