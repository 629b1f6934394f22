"""Fields of a YAML item that wait for a confirmation (`unconfirmed: {field: id}`): checked
against the schema and publisher.yml, marked in a preview, left out of a release that names
them, and a release refused when the item cannot be without the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import replace
from lft.build import BuildFailed, release_site
from lft.check.project import check_project
from lft.render.prepare import prepare
from test_unconfirmed import published  # noqa: F401  (the fixture)

CHARTER = "content/phenomena/voorbeeld/charter.yml"


def waiting(root: Path, lines: str) -> None:
    """Name fields of the fixture's charter as waiting for a confirmation."""
    replace(root, CHARTER, "status: active\n", f"status: active\nunconfirmed:\n{lines}")


def test_an_unknown_field_or_entry_is_an_error_at_its_place_with_a_hint(
    published: Path,  # noqa: F811
) -> None:
    waiting(published, "  stauts: voorbeeld-chair\n  cadence: voorbeeld-chair\n")
    waiting_too = "  status: voorbeeld-chiar\n"
    replace(published, CHARTER, "  cadence: voorbeeld-chair\n", f"  cadence: x\n{waiting_too}")
    errors = [str(p) for p in check_project(published).errors]
    assert errors == [
        f"{CHARTER}:5:3: unconfirmed.stauts: unknown field 'stauts' (did you mean 'status'?)",
        f"{CHARTER}:6:3: unconfirmed.cadence: the item has no field 'cadence' that could wait "
        "for a confirmation (write the field 'cadence' with what its newest source says, or "
        "remove this line)",
        f"{CHARTER}:7:11: unconfirmed.status: unknown confirmation 'voorbeeld-chiar' (did you "
        "mean 'voorbeeld-chair'?)",
    ]


def test_the_check_lists_a_field_as_an_editors_note(published: Path) -> None:  # noqa: F811
    waiting(published, "  status: voorbeeld-chair\n")
    checked = check_project(published)
    assert checked.errors == []
    assert (
        f"{CHARTER}:5:3: warning: unconfirmed.status: not confirmed yet, so an editor's note: "
        "the field 'status' waits for 'voorbeeld-chair' (owner: LIEC): who chairs the table (a "
        "release leaves this field out; once the publisher confirms it, write the fact and "
        "remove this line and the entry in publisher.yml)"
    ) in [str(p) for p in checked.problems]
    assert (
        f"left out of the release: {CHARTER}:5: field 'status': 'voorbeeld-chair', not "
        "confirmed yet: who chairs the table (owner: LIEC)"
    ) in checked.report(release=True)
    assert (
        f"editor's note (a release leaves it out): {CHARTER}:5: field 'status': 'voorbeeld-chair'"
    ) in checked.report(release=False)


def test_a_preview_marks_the_value_and_a_release_leaves_it_out_of_every_page_and_the_data(
    published: Path,  # noqa: F811
) -> None:
    waiting(published, "  status: voorbeeld-chair\n  chair_role: voorbeeld-chair\n")
    note = (
        '<span class="lft-unconfirmed"><strong>Redactienotitie, niet voor lezers: wacht op '
        "bevestiging van LIEC (voorbeeld-chair): wie de tafel voorzit. Een release laat dit "
        "weg.</strong> "
    )
    preview = prepare(published, published / "build" / "pages")
    pages = {p.src_uri: p.markdown for p in preview.pages}
    assert (
        f"- Status van de tafel: **{note}Actief</span>**" in pages["phenomena/voorbeeld/charter.md"]
    )
    assert f"- Voorzitter: {note}Een rol</span>" in pages["phenomena/voorbeeld/charter.md"]
    assert f"**{note}Actief</span>**" in pages["phenomena/voorbeeld/index.md"]
    assert f"({note}Actief</span>)" in pages["index.md"]
    assert f"({note}Actief</span>)" in pages["phenomena/index.md"]
    assert (
        "(voorbeeld-chair): who chairs the table. A release leaves this out.</strong> Active"
        in (pages["index.en.md"])
    )

    release = prepare(published, published / "build" / "release", release=True)
    for page in release.pages:
        assert "lft-unconfirmed" not in page.markdown, page.src_uri
        assert "Actief" not in page.markdown and "Active" not in page.markdown, page.src_uri
        assert "Een rol" not in page.markdown and "A role" not in page.markdown, page.src_uri
    pages = {p.src_uri: p.markdown for p in release.pages}
    assert "- Over de tafel: [Voorbeeldtafel](charter.md)" in pages["phenomena/voorbeeld/index.md"]
    data = json.loads((release.source / "data" / "lft.json").read_text(encoding="utf-8"))
    assert "status" not in data["charters"][0]
    csv = (release.source / "data" / "phenomena.csv").read_text(encoding="utf-8")
    assert "active" not in csv


@pytest.mark.parametrize("field", ["name", "goals"])  # goals: required of an active table
def test_a_release_that_would_miss_a_required_field_is_refused_naming_the_entry(
    published: Path,  # noqa: F811
    tmp_path: Path,
    field: str,
) -> None:
    waiting(published, f"  {field}: voorbeeld-chair\n")
    expected = (
        f"{CHARTER}:5:3: warning: unconfirmed.{field}: a release leaves out the field "
        f"'{field}', which waits for 'voorbeeld-chair', but the schema requires it here "
        "[unconfirmed] (only an optional field can wait for a confirmation: write "
        "what the newest source says, or have the publisher confirm it; a release refuses "
        "this)"
    )
    assert expected in [str(p) for p in check_project(published).problems]
    with pytest.raises(BuildFailed, match=rf"'{field}', which waits for 'voorbeeld-chair'"):
        release_site(published, tmp_path / "r", version="v1.0.0", dist=tmp_path / "dist")


def test_a_field_the_template_does_not_mark_in_place_gets_a_note_under_the_title(
    published: Path,  # noqa: F811
) -> None:
    waiting(published, "  members: voorbeeld-chair\n")
    preview = prepare(published, published / "build" / "pages")
    charter = next(p for p in preview.pages if p.src_uri == "phenomena/voorbeeld/charter.en.md")
    assert (
        "# Example table\n\n"
        '<div class="lft-unconfirmed" markdown>\n\n**Editor\'s note, not for readers: waits for '
        "confirmation by LIEC (voorbeeld-chair): who chairs the table. A release leaves this "
        "out.** This is about the field `members` of this page.\n\n</div>\n"
    ) in charter.markdown
    assert "| Trade association |" in charter.markdown
    release = prepare(published, published / "build" / "release", release=True)
    charter = next(p for p in release.pages if p.src_uri == "phenomena/voorbeeld/charter.en.md")
    assert "Trade association" not in charter.markdown and "lft-unconfirmed" not in charter.markdown
