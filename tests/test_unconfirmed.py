"""Passages that wait for a confirmation: listed by the check, marked in a preview, left out of a
release that names them, and a release refused when leaving one out would break a page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, replace, write
from lft.build import BuildFailed, release_site
from lft.check.project import check_project
from lft.check.unconfirmed import highlighted, read, without
from lft.cli import main
from test_publishing import PUBLISHER, tagged

CONFIRMATIONS = """\
confirmations:
  - id: voorbeeld-chair
    about: content/phenomena/voorbeeld/charter.yml
    what: {nl: wie de tafel voorzit, en: who chairs the table}
    owner: LIEC
  - id: privacy-basis
    about: docs/privacy.md
    what: {nl: de grondslag, en: the legal basis}
    owner: LIEC
"""
OPEN, CLOSE = "<!-- lft-unconfirmed: {} -->", "<!-- /lft-unconfirmed -->"


def marked(name: str, passage: str) -> str:
    return f"{OPEN.format(name)}\n{passage}\n{CLOSE}\n"


@pytest.fixture
def published(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture site with a real publisher that has two open confirmations, a passage in the
    charter and one in the privacy page depending on them."""
    monkeypatch.setenv("LFT_SITE_URL", "https://lft.test-publisher.nl/")
    monkeypatch.setenv("LFT_REPO_URL", "https://github.com/test-publisher/lft")
    write(project, "publisher.yml", PUBLISHER + CONFIRMATIONS)
    for path in project.rglob("*"):
        if path.is_file() and path.suffix in {".yml", ".md"}:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("example.org", "test-publisher.nl"), encoding="utf-8")
    charter = "content/phenomena/voorbeeld/charter.nl.md"
    replace(
        project,
        charter,
        "De werkwijze.\n",
        "De werkwijze.\n\n" + marked("voorbeeld-chair", "Bert Voorzitter leidt de tafel."),
    )
    write(
        project,
        "docs/privacy.md",
        "# Privacy\n\nDe privacyverklaring van de testsite.\n\n"
        "```markdown\n<!-- lft-unconfirmed: geen-marker -->\n```\n\n## Grondslag\n\n"
        + marked("privacy-basis", "De grondslag is het algemeen belang."),
    )
    return project


def test_a_marked_passage_is_read_with_its_lines_and_code_is_not_a_marker() -> None:
    text = (
        "Intro.\n\n<!-- lft-unconfirmed: vastgoed-chair -->\nDe voorzitter.\n"
        "<!-- /lft-unconfirmed -->\n\n```\n<!-- lft-unconfirmed: x -->\n```\n"
        "`<!-- lft-unconfirmed: y -->`\n"
    )
    passages, problems = read("a.md", text)
    assert problems == []
    assert [(p.first, p.last, p.col, p.id) for p in passages] == [(3, 5, 1, "vastgoed-chair")]


def test_malformed_markers_are_errors_at_their_place() -> None:
    text = (
        "<!-- lft-unconfirmed: a -->\n<!-- lft-unconfirmed: b -->\ntekst\n"
        "<!-- /lft-unconfirmed -->\n"
        "<!-- /lft-unconfirmed -->\nEen zin <!-- lft-unconfirmed: c --> erin.\n"
        "<!-- lft-unconfirmed: Hoofd Letter -->\n<!-- lft-unconfirmed -->\n"
        "<!-- lft-unconfirmed: d -->\n"
    )
    _, problems = read("a.md", text)
    assert [str(p) for p in problems] == [
        "a.md:2:1: a marked passage cannot hold another one (the passage of line 1 is still "
        "open) (close it with <!-- /lft-unconfirmed --> first)",
        "a.md:5:1: this marker closes no passage (open it first: <!-- lft-unconfirmed: ID --> "
        "… <!-- /lft-unconfirmed -->)",
        "a.md:6:9: a marker of an unconfirmed passage must stand alone on its line (write "
        "<!-- lft-unconfirmed: ID --> … <!-- /lft-unconfirmed -->, each marker on a line of its "
        "own)",
        "a.md:7:1: 'Hoofd Letter' is not the id of a confirmation (name the entry of "
        "publisher.yml's confirmations: <!-- lft-unconfirmed: ID -->)",
        "a.md:8:1: the marker names no confirmation (name the entry of publisher.yml's "
        "confirmations: <!-- lft-unconfirmed: ID -->)",
        "a.md:9:1: the passage that depends on 'd' is never closed (end it with a line "
        "<!-- /lft-unconfirmed -->)",
    ]


def test_a_release_text_loses_the_passage_and_a_heading_left_without_text() -> None:
    text = (
        "# Titel\n\nBlijft.\n\n## Alleen onbevestigd\n\n"
        + marked("x", "Weg.")
        + "\n### Ook leeg\n\n"
        + marked("x", "Ook weg.")
        + "\n## Blijft ook\n\nTekst.\n\n"
        + marked("x", "Weg 3.")
    )
    assert without(text) == "# Titel\n\nBlijft.\n\n## Blijft ook\n\nTekst.\n\n"
    assert without("Geen passage.\n") == "Geen passage.\n"


def test_a_preview_text_puts_the_passage_in_a_note_that_names_the_entry() -> None:
    from lft.check.publisher import Confirmation

    entry = Confirmation("x", "docs/a.md", {"nl": "wie <voorzit>", "en": "who chairs"}, "LIEC")
    shown = highlighted("Voor.\n" + marked("x", "De voorzitter."), "nl", {"x": entry})
    assert shown == (
        'Voor.\n\n<div class="lft-unconfirmed" markdown>\n\n**Redactienotitie, niet voor lezers: '
        "wacht op bevestiging van LIEC (x): wie &lt;voorzit&gt;. Een release laat dit weg.**\n"
        "\nDe voorzitter.\n\n</div>\n\n"
    )


def test_the_check_lists_each_passage_with_its_entry_and_refuses_unknown_ones(
    published: Path,
) -> None:
    write(published, "docs/about.md", "# Over\n\n" + marked("voorbeeld-chiar", "Iets."))
    checked = check_project(published)
    shown = [
        str(p) for p in checked.problems if "lft-unconfirmed" in str(p) or "confirm" in p.message
    ]
    assert (
        "content/phenomena/voorbeeld/charter.nl.md:11:1: warning: not confirmed yet, so an "
        "editor's note: 'voorbeeld-chair' (owner: LIEC): who chairs the table (a release leaves "
        "this passage out; once the publisher confirms it, write the fact and remove the markers "
        "and the entry in publisher.yml)" in shown
    )
    assert (
        "docs/privacy.md:11:1: warning: not confirmed yet, so an editor's note: 'privacy-basis' "
        "(owner: LIEC): the legal basis (a release leaves this passage out; once the publisher "
        "confirms it, write the fact and remove the markers and the entry in publisher.yml)"
    ) in shown
    assert (
        "docs/about.md:3:1: unknown confirmation 'voorbeeld-chiar' (did you mean "
        "'voorbeeld-chair'?)" in shown
    )
    assert not any("geen-marker" in line for line in shown)  # inside code: an example


def test_a_marker_in_a_yaml_field_is_an_error(published: Path) -> None:
    replace(
        published,
        "content/phenomena/voorbeeld/charter.yml",
        "{nl: Een rol,",
        "{nl: '<!-- lft-unconfirmed: voorbeeld-chair --> Een rol',",
    )
    errors = [str(p) for p in check_project(published).errors]
    assert errors == [
        "content/phenomena/voorbeeld/charter.yml:9:18: chair_role.nl: a YAML field cannot hold "
        "an unconfirmed passage: the marker would be shown as text (move the passage into the "
        "Markdown text, or name the field under the item's unconfirmed: key (chair_role: ID))"
    ]


def test_a_build_marks_the_passage_and_a_release_leaves_it_out_and_says_so(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(published), "build", "--site-dir", str(tmp_path / "built")]
    assert main(args) == 0
    _, err = capsys.readouterr()
    assert "editor's note (a release leaves it out): docs/privacy.md:11-13: 'privacy-basis'" in err
    page = (tmp_path / "built/privacy/index.html").read_text(encoding="utf-8")
    assert '<div class="lft-unconfirmed">' in page
    assert "De grondslag is het algemeen belang." in page
    assert "wacht op bevestiging van LIEC (privacy-basis): de grondslag." in page

    tagged(published, "v1.0.0")  # a release is built from a clean checkout of its tag
    assert main([*args, "--release", "--version", "v1.0.0"]) == 0
    _, err = capsys.readouterr()
    assert (
        "left out of the release: docs/privacy.md:11-13: 'privacy-basis', not confirmed yet: the "
        "legal basis (owner: LIEC)" in err
    )
    assert (
        "left out of the release: content/phenomena/voorbeeld/charter.nl.md:11-13: "
        "'voorbeeld-chair', not confirmed yet: who chairs the table (owner: LIEC)" in err
    )
    site = tmp_path / "built"
    texts = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for path, html in texts.items():
        assert 'class="lft-unconfirmed"' not in html, path
        assert "Bert Voorzitter" not in html and "algemeen belang" not in html, path
    privacy = texts[site / "privacy/index.html"]
    assert "Grondslag" not in privacy  # its heading had nothing else under it
    assert "De privacyverklaring van de testsite." in privacy
    assert "&lt;!-- lft-unconfirmed: geen-marker --&gt;" in privacy  # an example in code stays
    assert "who chairs the table" not in texts[site / "en/colophon/index.html"]


def test_a_release_that_would_empty_a_required_section_is_refused_naming_the_entry(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(
        published,
        "content/phenomena/voorbeeld/charter.nl.md",
        "De werkwijze.\n",
        marked("voorbeeld-chair", "De werkwijze."),
    )
    args = ["--root", str(published), "build", "--site-dir", str(tmp_path / "built")]
    assert main(args) == 0  # a normal build keeps the passage, marked
    capsys.readouterr()
    assert main(["--root", str(published), "check"]) == 0  # `lft check` lists the warnings
    out, _ = capsys.readouterr()
    expected = (
        "content/phenomena/voorbeeld/charter.nl.md:7:1: warning: a release leaves out the passage "
        "that depends on 'voorbeeld-chair' (line 9), and then the required section 'Werkwijze' "
        "has no text [unconfirmed]"
    )
    assert expected in out
    tagged(published, "v1.0.0")  # a release is built from a clean checkout of its tag
    assert main([*args, "--release", "--version", "v1.0.0"]) == 1
    out, err = capsys.readouterr()
    assert expected in out
    assert "a release allows no finding" in err
    with pytest.raises(BuildFailed, match=r"'voorbeeld-chair'.*'Werkwijze'"):
        release_site(published, tmp_path / "r", version="v1.0.0", dist=tmp_path / "dist")


def test_a_release_refuses_an_unmarked_sentence_that_a_fact_is_not_confirmed(
    published: Path, tmp_path: Path
) -> None:
    write(published, "style.yml", "unconfirmed_phrases: {nl: [niet bevestigd]}\n")
    replace(
        published,
        "content/phenomena/voorbeeld/charter.nl.md",
        "De werkwijze.\n",
        "De werkwijze. Wie de tafel voorzit, is nog niet bevestigd.\n",
    )
    with pytest.raises(BuildFailed, match=r"without the markers a release needs:\n.*charter"):
        release_site(published, tmp_path / "r", version="v1.0.0", dist=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def real_copy(dest: Path) -> Path:
    """The repository's content, docs and settings, with a publisher.yml whose settings are all
    filled in and whose confirmations are still open."""
    for name in ("content", "docs", "schemas", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    for name in ("mkdocs.yml", "guard.yml", "style.yml"):
        shutil.copy(REPO / name, dest / name)
    open_ones = (REPO / "publisher.yml").read_text(encoding="utf-8").split("\nconfirmations:")[1]
    write(dest, "publisher.yml", PUBLISHER + "confirmations:" + open_ones)
    for path in dest.rglob("*"):
        if path.is_file() and path.suffix in {".yml", ".md"}:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("example.org", "test-publisher.nl"), encoding="utf-8")
    return dest


def test_a_release_of_the_real_content_shows_no_unconfirmed_passage_and_no_open_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LFT_SITE_URL", "https://lft.test-publisher.nl/")
    monkeypatch.setenv("LFT_REPO_URL", "https://github.com/test-publisher/lft")
    root = real_copy(tmp_path / "repo")
    # One passage of the real privacy statement, marked here, stands for all that are.
    privacy = (root / "docs/privacy.md").read_text(encoding="utf-8")
    paragraph = next(p for p in privacy.split("\n\n") if p[:1].isalpha() and len(p) > 60)
    replace(root, "docs/privacy.md", paragraph, marked("privacy-basis", paragraph).rstrip("\n"))
    checked = check_project(root)
    report = checked.report(release=True)
    passages = [p for p, _ in checked.unconfirmed.passages]
    assert passages
    for passage in passages:
        assert any(
            f"{passage.path}:{passage.first}-{passage.last}: '{passage.id}'" in line
            for line in report
        )
    # The table's status is a field that waits for a confirmation: named, and on no page.
    assert (
        f"left out of the release: {TABLE}:{status_line()}: field 'status': 'vastgoed-status', "
        "not confirmed yet: whether the table on undermining crime in the real-estate chain "
        "still meets after January 2024"
    ) in "\n".join(report)
    site = tmp_path / "site"
    release_site(root, site, version="v1.0.0", dist=tmp_path / "dist")
    open_ones = [c.what["nl"] for c in load_confirmations(root)] + [
        c.what["en"] for c in load_confirmations(root)
    ]
    phrases = [
        phrase
        for words in yaml.safe_load((root / "style.yml").read_text(encoding="utf-8"))[
            "unconfirmed_phrases"
        ].values()
        for phrase in words
    ]
    assert "niet bevestigd" in phrases
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="lft-unconfirmed"' not in html, page
        assert not [p for p in phrases if p in html.lower()], page  # no "not confirmed" sentence
        assert paragraph.split("\n")[0] not in html, page
        assert not re.search(r"\b(Actief|Active)\b", html), page  # the table's status
        for what in open_ones:
            assert what not in html, (page, what)


TABLE = "content/phenomena/vastgoedketen/charter.yml"


def status_line() -> int:
    """The line of the real charter that says its status waits for a confirmation."""
    lines = (REPO / TABLE).read_text(encoding="utf-8").split("\n")
    return lines.index("  status: vastgoed-status") + 1


def test_a_preview_of_the_real_content_shows_the_tables_status_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lft.render.prepare import prepare

    monkeypatch.setenv("LFT_SITE_URL", "https://lft.test-publisher.nl/")
    root = real_copy(tmp_path / "repo")
    pages = {p.src_uri: p.markdown for p in prepare(root, tmp_path / "pages").pages}
    note = {
        "nl": "Een release laat dit weg.</strong> Actief</span>",
        "en": "A release leaves this out.</strong> Active</span>",
    }
    for uri in ("index", "phenomena/index", "phenomena/vastgoedketen/index"):
        for lang, suffix in (("nl", ""), ("en", ".en")):
            markdown = pages[f"{uri}{suffix}.md"]
            assert '<span class="lft-unconfirmed"><strong>' in markdown, uri
            assert "(vastgoed-status)" in markdown and note[lang] in markdown, (uri, lang)
    charter = pages["phenomena/vastgoedketen/charter.md"]
    assert '- Status van de tafel: **<span class="lft-unconfirmed">' in charter
    assert note["nl"] in charter


def load_confirmations(root: Path) -> list:  # type: ignore[type-arg]
    from lft.check.publisher import load_publisher

    return load_publisher(root)[0].confirmations


def test_the_checks_of_a_release_refuse_an_editors_note_that_got_through(tmp_path: Path) -> None:
    from lft.finish.site import check_site

    page = '<html lang="nl"><body>\n<p>Tekst.</p><div class="x lft-unconfirmed">Noot</div>\n'
    write(tmp_path, "index.html", page)
    write(tmp_path, "en/index.html", page.replace('lang="nl"', 'lang="en"'))
    assert check_site(tmp_path) == []
    assert [str(p) for p in check_site(tmp_path, release=True)] == [
        f"{rel}:2:14: an editor's note (a passage that waits for a confirmation) in a release "
        "(a release leaves them out)"
        for rel in ("en/index.html", "index.html")
    ]


def test_the_preview_source_shows_each_passage_as_a_note_and_a_release_source_leaves_it_out(
    published: Path,
) -> None:
    from lft.render.prepare import prepare

    preview = prepare(published, published / "build" / "pages")
    privacy = (preview.source / "privacy.md").read_text(encoding="utf-8")
    assert '<div class="lft-unconfirmed" markdown>' in privacy
    charter = next(p for p in preview.pages if p.src_uri == "phenomena/voorbeeld/charter.md")
    assert '<div class="lft-unconfirmed" markdown>' in charter.markdown
    assert "Bert Voorzitter leidt de tafel." in charter.markdown
    release = prepare(published, published / "build" / "release", release=True)
    assert "algemeen belang" not in (release.source / "privacy.md").read_text(encoding="utf-8")
    charter = next(p for p in release.pages if p.src_uri == "phenomena/voorbeeld/charter.md")
    assert "Bert Voorzitter" not in charter.markdown
    assert "## Werkwijze {#working-method}\n\nDe werkwijze.\n" in charter.markdown


def test_a_sentence_that_says_a_fact_is_not_confirmed_must_be_marked(published: Path) -> None:
    write(
        published, "style.yml", "unconfirmed_phrases: {nl: [niet bevestigd], en: [not confirmed]}\n"
    )
    write(
        published,
        "docs/about.md",
        "# Over\n\nDe voorzitter is nog niet bevestigd.\n\n"
        + marked("voorbeeld-chair", "De voorzitter is nog Niet bevestigd.")
        + "\n`niet bevestigd` <!-- niet bevestigd -->\n",
    )
    write(published, "docs/about.en.md", "# About\n\nNiet bevestigd is Dutch; not confirmed.\n")
    replace(
        published,
        "content/phenomena/voorbeeld/charter.yml",
        "{nl: Een rol,",
        "{nl: Een rol (niet bevestigd),",
    )
    shown = [str(p) for p in check_project(published).problems if "says a fact" in p.message]
    assert shown == [
        "content/phenomena/voorbeeld/charter.yml:9:18: warning: chair_role.nl: 'niet bevestigd' "
        "says a fact is not confirmed, in a field a release cannot leave out [unmarked-unconfirmed]"
        " (name the field under "
        "the item's unconfirmed: key (chair_role: ID), or say it in the Markdown text and mark "
        "it there (<!-- lft-unconfirmed: ID -->))",
        "docs/about.en.md:3:26: warning: 'not confirmed' says a fact is not confirmed, but the "
        "passage is not marked [unmarked-unconfirmed] (an open confirmation is an editor's "
        "note: mark the passage with the id of its entry in publisher.yml, "
        "<!-- lft-unconfirmed: ID --> … <!-- /lft-unconfirmed -->, so a release leaves it out)",
        "docs/about.md:3:22: warning: 'niet bevestigd' says a fact is not confirmed, but the "
        "passage is not marked [unmarked-unconfirmed] (an open confirmation is an editor's "
        "note: mark the passage with the id of its entry in publisher.yml, "
        "<!-- lft-unconfirmed: ID --> … <!-- /lft-unconfirmed -->, so a release leaves it out)",
    ]


def test_an_announced_charter_may_leave_out_goals_coordinator_and_chair_until_confirmed(
    published: Path,
) -> None:
    from lft.render.prepare import prepare

    charter = "content/phenomena/voorbeeld/charter.yml"
    replace(published, charter, "status: active\n", "status: announced\n")
    replace(published, charter, "goals:\n  - {nl: Samenwerken, en: Cooperate}\n", "")
    replace(published, charter, "coordinator: liec\n", "")
    replace(published, charter, "chair_role: {nl: Een rol, en: A role}\n", "")
    prepared = prepare(published, published / "build" / "pages")
    assert prepared.checked.errors == []
    page = next(p for p in prepared.pages if p.src_uri == "phenomena/voorbeeld/charter.md")
    assert "- Coördinator:" not in page.markdown
    assert "- Voorzitter:" not in page.markdown
    assert "## Doelen" not in page.markdown
    replace(published, charter, "status: announced\n", "status: active\n")
    assert [str(p) for p in check_project(published).errors] == [
        f"{charter}:2:1: missing required key 'coordinator' (needed when status is active or "
        "ended)",
        f"{charter}:2:1: missing required key 'goals' (needed when status is active or ended)",
    ]
