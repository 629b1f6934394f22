"""An item page stays the same size however many courses of action the catalogue holds (issue 18:
every item page under 15 KB gzip at every N): a fact sheet lists the `LISTED` most recently
reviewed of a step's and of the phenomenon's courses of action, and links to the catalogue's
page of all of them, in both languages."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from lft.check.project import Project
from lft.render.pages import LISTED, Renderer

SOURCE = "content/interventions/voorbeeld-screening"


def _with_copies(root: Path, copies: int) -> Renderer:
    for n in range(copies):
        target = root / f"content/interventions/kopie-{n:03d}"
        if not target.exists():
            shutil.copytree(root / SOURCE, target)
            item = target / "intervention.yml"
            text = item.read_text(encoding="utf-8")
            item.write_text(text.replace("last_reviewed: ", f"# copy {n}\nlast_reviewed: "))
    project = Project(root)
    return Renderer(project.content)


def _fact_sheet(renderer: Renderer, lang: str) -> str:
    sheet = renderer.content.phenomena["voorbeeld"]
    return renderer.page("phenomenon", "phenomena/voorbeeld/index.md", lang, sheet).markdown


def test_a_fact_sheet_lists_a_few_courses_of_action_and_links_to_all(project: Path) -> None:
    renderer = _with_copies(project, 12)
    assert len(renderer.by_phenomenon["voorbeeld"]) == 14
    for lang, step, phenomenon in (
        (
            "nl",
            "Alle handelingsperspectieven bij deze stap",
            "Alle handelingsperspectieven bij dit",
        ),
        ("en", "All courses of action at this step", "All courses of action for this phenomenon"),
    ):
        page = _fact_sheet(renderer, lang)
        listed = [line for line in page.split("\n") if "interventions/kopie-" in line]
        assert 0 < len(listed) <= 3 * LISTED  # at a glance, the step, the phenomenon
        link = "(../../interventions/step/voorbeeld/aankoop.md) (14)"  # the engine adds .en
        assert page.count(f"[{step}]{link}") == 2  # at a glance and in the step
        link = "(../../interventions/phenomenon/voorbeeld.md) (14)"
        assert f"[{phenomenon}" in page and link in page


def test_a_fact_sheet_does_not_grow_with_the_catalogue(project: Path) -> None:
    small = _fact_sheet(_with_copies(project, 10), "en")
    large = _fact_sheet(_with_copies(project, 40), "en")
    assert len(gzip.compress(large.encode())) - len(gzip.compress(small.encode())) < 100
