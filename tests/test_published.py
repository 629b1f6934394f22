"""Nothing a contributor writes is lost: every text the check accepts is on a page, and every
skeleton `lft new` writes renders, in both languages, with and without drafts allowed.

The complete items are generated from the schemas, so a field added to a schema without a
template that shows it fails here (unless it is listed in NOT_ON_PAGES with the reason).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from conftest import run_cli, write
from lft.check.project import check_project
from lft.check.translations import outdated_pages
from lft.render.pages import render_pages
from lft.source.addresses import localized_uri
from lft.source.model import LANGUAGES, Kind
from lft.source.schemas import Schemas

NOT_ON_PAGES = {
    "draft": "keeps the item off the site",
    "publish_from": "keeps the item off the site until the date",
    "awaiting_translation": "shows the notice and the Dutch text instead",
    "unconfirmed": "marks fields as waiting for the publisher: a note in a preview, left out of "
    "a release",
    "avoid": "glossary: the forms the terminology check warns about",
    "preferred": "glossary: the form the terminology check asks for",
}
"""Keys whose value is not text for readers: what each does instead."""

DAY = "2026-11-30"
SLUG = "volledig"
MAILBOX = "meldpunt@test-publisher.nl"
"""The function mailbox an item names as its contact, allowed in guard.yml."""
PAGES = {
    Kind.PHENOMENON: f"phenomena/{SLUG}/index.md",
    Kind.CHARTER: f"phenomena/{SLUG}/charter.md",
    Kind.INTERVENTION: f"interventions/{SLUG}.md",
    Kind.NEWS: f"news/{DAY}-{SLUG}.md",
}


class Filler:
    """A value for every property of a schema; each free text is a unique marker word."""

    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas
        self.count = 0
        self.texts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        self.refs = {"organisation": "liec", "phenomenon": "voorbeeld", "term": "stroman"}

    def marker(self, lang: str | None, letters: bool = False) -> str:
        """A unique word; one not in a language (`lang` None) must be on both pages."""
        self.count += 1
        word = f"merk{self.count:03d}{lang or ''}"
        if letters:  # like an abbreviation
            word = "M" + "".join(chr(ord("a") + int(d)) for d in f"{self.count:03d}")
        for shown_in in [lang] if lang else LANGUAGES:
            self.texts[shown_in].append(word)
        return word

    def value(self, node: dict[str, Any], schema: str, lang: str | None = None) -> Any:
        if "x-ref" in node:
            return self.refs[node["x-ref"]]
        if "$ref" in node:
            name, _, pointer = str(node["$ref"]).partition("#/$defs/")
            schema = name or schema
            return self.value(self.schemas.by_name[schema]["$defs"][pointer], schema, lang)
        if "enum" in node:
            return node["enum"][0]
        kind = node.get("type")
        if kind == "object":
            props = node.get("properties", {})
            return {
                key: self.value(sub, schema, key if key in LANGUAGES else lang)
                for key, sub in props.items()
                if key not in NOT_ON_PAGES
            }
        if kind == "array":
            return [self.value(node["items"], schema, lang)]
        if kind == "integer":
            self.count += 1
            return 1900 + self.count
        if kind == "number":
            return 19000
        if node.get("format") == "date":
            return DAY
        pattern = str(node.get("pattern", ""))
        if "https?" in pattern:
            self.count += 1
            return f"https://example.org/bron-{self.count:03d}"
        if "@" in pattern:
            return MAILBOX
        if pattern.startswith("^[A-Z]"):
            return self.marker(lang, letters=True)
        if pattern:
            self.count += 1
            return f"id{self.count:03d}"
        return self.marker(lang)


def complete_project(project: Path) -> Filler:
    """Add to the fixture site an item of every kind and a registry entry of every registry
    with every property filled in, and prose with an introduction and every section."""
    schemas = Schemas(project / "schemas")
    filler = Filler(schemas)
    guard = project / "guard.yml"
    guard.write_text(
        guard.read_text(encoding="utf-8").replace(
            "allowed_mailboxes: []", f"allowed_mailboxes: [{MAILBOX}]"
        ),
        encoding="utf-8",
    )
    folders = {
        Kind.PHENOMENON: f"content/phenomena/{SLUG}",
        Kind.CHARTER: f"content/phenomena/{SLUG}",
        Kind.INTERVENTION: f"content/interventions/{SLUG}",
        Kind.NEWS: f"content/news/{DAY}-{SLUG}",
    }
    for kind, folder in folders.items():
        data = filler.value(schemas.by_name[kind.schema], kind.schema)
        if kind is Kind.INTERVENTION:
            data["phenomena"] = [{"phenomenon": "voorbeeld", "steps": ["aankoop"]}]
        if kind is Kind.NEWS:
            data["image"]["src"] = "foto.png"
            buffer = io.BytesIO()
            Image.new("RGB", (4, 3), "white").save(buffer, "PNG")
            write(project, f"{folder}/foto.png", buffer.getvalue())
        write(project, f"{folder}/{kind.value}.yml", yaml.safe_dump(data, allow_unicode=True))
        spec = schemas.markdown(kind)
        for lang in LANGUAGES:
            parts = [filler.marker(lang)]
            parts += [f"## {s.titles[lang]}\n\n{filler.marker(lang)}" for s in spec.sections]
            write(project, f"{folder}/{kind.value}.{lang}.md", "\n\n".join(parts) + "\n")
    for registry in ("organisations", "glossary"):
        name = f"{registry}.schema.json"
        entry = filler.value(schemas.by_name[name]["additionalProperties"], name)
        path = project / "content" / f"{registry}.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + yaml.safe_dump({SLUG: entry}, allow_unicode=True), "utf-8")
    return filler


def test_every_text_of_every_kind_is_published(project: Path) -> None:
    filler = complete_project(project)
    checked = check_project(project)
    assert [str(p) for p in checked.errors] == []
    pages = render_pages(checked.site_content)
    for lang in LANGUAGES:
        ours = [localized_uri(uri, lang) for uri in PAGES.values()]
        ours += [localized_uri(uri, lang) for uri in ("glossary.md", "organisations.md")]
        shown = "\n".join(p.markdown for p in pages if p.src_uri in ours)
        assert [word for word in filler.texts[lang] if word not in shown] == []


def test_introduction_of_an_intervention_is_published(project: Path) -> None:
    """The skeleton invites an introduction above the first section: it is shown."""
    rel = "content/interventions/voorbeeld-screening/intervention.nl.md"
    path = project / rel
    path.write_text("Een inleiding.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    pages = render_pages(check_project(project).site_content)
    page = next(p for p in pages if p.src_uri == "interventions/voorbeeld-screening.md")
    assert "Een inleiding." in page.markdown.split("## Probleem")[0]


@pytest.fixture
def skeletons(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The fixture site with one of every skeleton `lft new` writes, as it writes them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(""))
        for argv in (
            ("phenomenon", "nieuw-fenomeen"),
            ("intervention", "nieuw-met-stap", "--phenomenon", "voorbeeld", "--step", "aankoop"),
            ("intervention", "nieuw-zonder-stap", "--phenomenon", "nieuw-fenomeen"),
            ("news", "nieuw-bericht"),
            ("term", "nieuw-begrip"),
            ("organisation", "nieuwe-organisatie"),
        ):
            assert run_cli(capsys, "--root", str(project), "new", *argv)[0] == 0
    return project


@pytest.mark.parametrize("allow_drafts", [True, False])
def test_every_skeleton_renders_in_both_languages(skeletons: Path, allow_drafts: bool) -> None:
    checked = check_project(skeletons, allow_drafts=allow_drafts)
    if allow_drafts:
        assert [str(p) for p in checked.errors] == []
    else:
        assert all("TODO" in str(p) for p in checked.errors) and checked.errors
    for content in (checked.content, checked.site_content):
        pages = render_pages(content, set(outdated_pages(skeletons, content)))
        uris = {p.src_uri for p in pages}
        for lang in LANGUAGES:
            for uri in (
                "phenomena/nieuw-fenomeen/index.md",
                "phenomena/nieuw-fenomeen/charter.md",
                "interventions/nieuw-met-stap.md",
                "interventions/nieuw-zonder-stap.md",
                f"news/{checked.today.isoformat()}-nieuw-bericht.md",
            ):
                assert localized_uri(uri, lang) in uris
    page = next(p for p in pages if p.src_uri == "interventions/nieuw-zonder-stap.en.md")
    assert "TODO: kies een of meer van administrative" in page.markdown
