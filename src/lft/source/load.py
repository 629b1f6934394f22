"""Load `content/` into the model: YAML with positions, Markdown split into sections."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from lft.problems import Problem
from lft.source import mdscan, pictures
from lft.source.files import Lister, entries, listing
from lft.source.memo import Remember, fresh, kept_many
from lft.source.model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    SLUG,
    Content,
    Document,
    Item,
    Kind,
    Prose,
    Registry,
    Section,
    as_slug,
)
from lft.source.schemas import Schemas
from lft.source.yamlsource import parse
from lft.workers import LIGHT, in_chunks

_NEWS_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")
_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:-|$)")
_ITEM_FOLDERS = {
    "phenomena": (Kind.PHENOMENON, Kind.CHARTER),
    "interventions": (Kind.INTERVENTION,),
    "news": (Kind.NEWS,),
}


def is_item_file(rel: str) -> bool:
    """A file in an item's folder, like `content/interventions/bibob/intervention.nl.md`."""
    parts = rel.split("/")
    return len(parts) == 4 and parts[0] == "content" and parts[1] in _ITEM_FOLDERS


_ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
"""Pictures any item folder may hold and its Markdown may show (`![alt](kaart.png)`)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters no text needs and no editor shows (tab and line ends excepted)."""
TRANSLATIONS_FILE = "translations.yml"
"""Machine-written by `lft translations --mark-current`; read by `lft.check.translations` only."""


Reader = Callable[[Path, str], tuple[str | None, list[Problem]]]
"""How a stage reads a text file: `read_text`, or a project's reader that reads each file once
(`lft.check.project.Project.read`)."""


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file; a byte-order mark and CRLF line ends are accepted."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem.whole_file(rel, f"the file cannot be read: {exc.strerror}", "")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8-sig")) + 1
        return None, [
            Problem(
                rel,
                line,
                col,
                "",
                "the file is not valid UTF-8 text",
                "save it as UTF-8 in your editor",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        before = text[: control.start()]
        return None, [
            Problem(
                rel,
                before.count("\n") + 1,
                control.start() - (before.rfind("\n") + 1) + 1,
                "",
                f"the file holds a control character (#x{ord(control[0]):04x})",
                "remove it: it is invisible in most editors; retyping the line removes it",
            )
        ]
    return text, []


@dataclass(frozen=True)
class MarkdownText:
    """One reader-facing Markdown file: an item's prose or a page of `docs/`."""

    path: str
    lang: str
    text: str


def docs_language(name: str) -> str:
    """The language of a page of `docs/` by its name: `about.en.md` is English, `about.md` Dutch."""
    for lang in LANGUAGES:
        if name.endswith(f".{lang}.md"):
            return lang
    return DEFAULT_LANGUAGE


def markdown_texts(
    root: Path, content: Content, read: Reader = read_text
) -> tuple[list[MarkdownText], list[Problem]]:
    """Every Markdown text a reader sees: the prose of each item and each page of `docs/`; a
    page that cannot be read is reported, not returned."""
    texts = [
        MarkdownText(prose.path, lang, prose.text)
        for item in content.items()
        for lang, prose in item.prose.items()
    ]
    problems: list[Problem] = []
    docs = root / "docs"
    for page in sorted(p for p in docs.rglob("*.md") if p.is_file()) if docs.is_dir() else []:
        rel = page.relative_to(root).as_posix()
        text, unreadable = read(page, rel)
        problems += unreadable
        if text is not None:
            texts.append(MarkdownText(rel, docs_language(page.name), text))
    return texts, problems


def split_markdown(text: str, rel: str, lang: str, schemas: Schemas, kind: Kind) -> Prose:
    """Split Markdown at level-2 headings outside code blocks, noting level-1 headings."""
    spec = schemas.markdown(kind)
    chunks: list[tuple[str, int, list[str]]] = [("", 0, [])]
    level1: list[int] = []
    scan = mdscan.scan(text)  # headings as Python-Markdown reads them, outside code
    headings = {heading.line: heading for heading in scan.headings}
    for number, line in enumerate(scan.lines, start=1):
        heading = headings.get(number)
        if heading and heading.level == 2 and heading.title[:1] not in ("", "#"):
            chunks.append((heading.title, number, []))
            continue
        if heading and heading.level == 1:
            level1.append(number)
        chunks[-1][2].append(line)
    sections = [
        Section(spec.key_for(lang, title) or "", title, "\n".join(lines).strip("\n"), number)
        for title, number, lines in chunks[1:]
    ]
    intro = "\n".join(chunks[0][2]).strip("\n")
    return Prose(rel, intro, sections, text, level1)


def _rename_hint(name: str, *, news: bool) -> str:
    """How to rename a folder whose name is not a slug: the corrected name when there is one."""
    rule = "lowercase letters, digits and hyphens"
    if news:
        date = _DATE_PREFIX.match(name)
        rest = as_slug(name[date.end() :] if date else name)
        if date and rest:
            day = f"{date[1]}-{int(date[2]):02d}-{int(date[3]):02d}"
            return f"rename it to '{day}-{rest}': the date as YYYY-MM-DD, then {rule}"
        example = f"2021-09-08-{rest or 'official-start'}"
        return f"a news folder is named by its date and a slug, like '{example}'"
    if as_slug(name):
        return f"rename it to '{as_slug(name)}': only {rule}"
    return f"use {rule}, like 'wet-bibob'"


class Loader:
    """Collects the content of one project folder and the problems found while reading it."""

    def __init__(
        self,
        root: Path,
        schemas: Schemas,
        read: Reader | None = None,
        remember: Remember = fresh,
        lister: Lister = listing,
    ) -> None:
        self.root = root
        self.schemas = schemas
        self.reader = read or read_text
        self.remember = remember
        """Keeps the parse of a file's text for the next load (`lft.source.memo`); a parsed
        document is never changed after it is made."""
        self.lister = lister
        """Lists each folder (`lft.source.files.Listings` shares one walk)."""
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}

    def read(self, path: Path, rel: str | None = None) -> str | None:
        """The text of a file (whose path from the root is `rel`), kept for the stages after
        loading; None when unreadable."""
        rel = self.rel(path) if rel is None else rel
        text, problems = self.reader(path, rel)
        self.problems += problems
        if text is not None:
            self.texts[rel] = text
        return text

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def document(self, path: Path, rel: str | None = None) -> Document | None:
        rel = self.rel(path) if rel is None else rel
        text = self.read(path, rel)
        if text is None:
            return None
        doc, problems = self.remember("yaml", rel, text, lambda: parse(text, rel))
        self.problems += problems
        if doc is not None and not isinstance(doc.data, dict):
            self.problems.append(
                Problem.whole_file(
                    rel,
                    "the file must hold 'key: value' lines",
                    "start from a skeleton made by 'lft new'",
                )
            )
            return None
        return doc

    def load(self) -> Content:
        content = Content()
        base = self.root / "content"
        if not base.is_dir():
            self.problems.append(
                Problem.whole_file(
                    "content",
                    f"the content folder is missing: there is no {base}",
                    "run lft in the project folder, or give that folder with --root PATH",
                )
            )
            return content
        if not self._schemas_there():
            return content
        for name in ("organisations", "glossary"):
            self._registry(base / f"{name}.yml", name, content)
        for child in self.lister(base):
            if child.name.startswith("."):
                continue
            if child.is_dir() and child.name in _ITEM_FOLDERS:
                self._items(Path(child.path), content)
            elif child.name not in ("organisations.yml", "glossary.yml"):
                self.problems.append(
                    Problem.whole_file(
                        f"content/{child.name}",
                        "unexpected file or folder in content/",
                        "items go in phenomena/, interventions/ or news/",
                    )
                )
        return content

    def _schemas_there(self) -> bool:
        """Every schema the content needs is there; each missing one is a problem."""
        needed = [
            "common.schema.json",
            *(kind.schema for kind in Kind),
            "organisations.schema.json",
            "glossary.schema.json",
        ]
        absent = [name for name in needed if name not in self.schemas.by_name]
        for name in absent:
            self.problems.append(
                Problem.whole_file(
                    f"schemas/{name}",
                    "this schema is missing",
                    "the content cannot be checked without it; restore it from the repository",
                )
            )
        return not absent

    def _registry(self, path: Path, name: str, content: Content) -> None:
        if not path.is_file():
            self.problems.append(
                Problem.whole_file(
                    self.rel(path), "this file is missing", f"every site needs content/{name}.yml"
                )
            )
            return
        doc = self.document(path)
        if doc is not None:
            setattr(content, name, Registry(name, self.rel(path), doc))

    def _items(self, section: Path, content: Content) -> None:
        """Every item folder of a section (`content/phenomena/`…); a file there is a problem."""
        for folder in self.lister(section):
            if folder.name.startswith("."):
                continue
            if folder.is_dir():
                self.load_folder(Path(folder.path), _ITEM_FOLDERS[section.name], content)
            else:
                self.problems.append(
                    Problem.whole_file(
                        f"content/{section.name}/{folder.name}",
                        f"unexpected file in content/{section.name}/",
                        "every item is a folder with its files inside",
                    )
                )

    def load_folder(self, folder: Path, kinds: tuple[Kind, ...], content: Content) -> None:
        slug = folder.name
        rel = self.rel(folder)
        pattern = _NEWS_FOLDER if kinds == (Kind.NEWS,) else SLUG
        if not pattern.match(slug):
            self.problems.append(
                Problem.whole_file(
                    rel,
                    f"folder name '{slug}' is not a valid slug",
                    _rename_hint(slug, news=kinds == (Kind.NEWS,)),
                )
            )
            return
        listing = {entry.name: entry for entry in self.lister(folder)}
        self._unexpected_files(rel, listing, kinds)
        registries = {
            Kind.PHENOMENON: content.phenomena,
            Kind.CHARTER: content.charters,
            Kind.INTERVENTION: content.interventions,
            Kind.NEWS: content.news,
        }
        for kind in kinds:
            name = f"{kind.value}.yml"
            found = listing.get(name)
            if found is None or not found.is_file():
                self.problems.append(
                    Problem.whole_file(
                        f"{rel}/{name}",
                        "this file is missing",
                        f"every item in {rel.rsplit('/', 1)[0]}/ needs "
                        f"{'an' if kind.value[0] in 'aeiou' else 'a'} {kind.value}.yml",
                    )
                )
                continue
            item = self._item(folder, rel, listing, kind)
            if item is not None:
                registries[kind][slug] = item

    def _unexpected_files(self, rel: str, listing: Listing, kinds: tuple[Kind, ...]) -> None:
        """An item folder holds its YAML and Markdown files, pictures and (news) its assets."""
        expected = {f"{k.value}.yml" for k in kinds}
        expected |= {f"{k.value}.{lang}.md" for k in kinds for lang in LANGUAGES}
        for name in listing:
            if name.startswith(".") or name == TRANSLATIONS_FILE:
                continue
            suffix = os.path.splitext(name)[1].lower()
            if name not in expected and not (
                suffix in PICTURE_SUFFIXES or (kinds == (Kind.NEWS,) and suffix in _ASSET_SUFFIXES)
            ):
                names = ", ".join(sorted(n for n in expected if n.endswith(".yml")))
                self.problems.append(
                    Problem.whole_file(
                        f"{rel}/{name}",
                        "unexpected file in an item folder",
                        f"an item folder holds {names} and one Markdown file per language",
                    )
                )

    def _item(self, folder: Path, folder_rel: str, listing: Listing, kind: Kind) -> Item | None:
        """The item of `kind` in `folder` (whose files are `listing`), with its pictures and
        its text in each language."""
        name = f"{kind.value}.yml"
        doc = self.document(folder / name, f"{folder_rel}/{name}")
        if doc is None:
            return None
        item = Item(kind, folder.name, f"{folder_rel}/{name}", doc)
        for name, entry in listing.items():
            if os.path.splitext(name)[1].lower() in PICTURE_SUFFIXES and entry.is_file():
                data = Path(entry.path).read_bytes()
                if not pictures.problems(name, data):  # else `lft check` says why
                    item.pictures[name] = pictures.size(data)
        for lang in LANGUAGES:
            name = f"{kind.value}.{lang}.md"
            md = listing.get(name)
            rel = f"{folder_rel}/{name}"
            text = self.read(folder / name, rel) if md and md.is_file() else None
            if text is None:
                continue
            split = partial(split_markdown, text, rel, lang, self.schemas, kind)
            prose = self.remember("markdown", rel, text, split)
            self.problems += [
                Problem(
                    prose.path,
                    line,
                    1,
                    "",
                    "a level-1 heading is not used here",
                    "the page title comes from the YAML file; remove it",
                )
                for line in prose.level1_lines
            ]
            item.prose[lang] = prose
        return item


Listing = dict[str, os.DirEntry[str]]
"""The files and folders in a folder, by name, in the order of their names."""


def parse_ahead(root: Path, read: Reader, remember: Remember, lister: Lister = listing) -> None:
    """Parse every YAML file of `content/` whose parse `remember` has not kept, over worker
    processes (`lft.workers`), and keep it, so that `load` finds each parse kept."""
    jobs = []
    for rel, entry in entries(root / "content", "content", lister):
        name = entry.name
        if (
            name.endswith(".yml")
            and name != TRANSLATIONS_FILE
            and not any(part.startswith(".") for part in rel.split("/"))
            and entry.is_file(follow_symlinks=False)
        ):
            text = read(Path(entry.path), rel)[0]
            if text is not None:
                jobs.append((rel, text))

    def make(missing: list[int]) -> list[tuple[Document | None, list[Problem]]]:
        return in_chunks(_parse_all, [jobs[index] for index in missing], at_least=LIGHT)

    kept_many(remember, "yaml", jobs, make)


def _parse_all(jobs: list[tuple[str, str]]) -> list[tuple[Document | None, list[Problem]]]:
    return [parse(text, rel) for rel, text in jobs]


def load(
    root: Path,
    schemas: Schemas,
    read: Reader | None = None,
    remember: Remember = fresh,
    lister: Lister = listing,
) -> tuple[Content, list[Problem]]:
    """Load the content of the project at `root`; problems are returned, never raised."""
    loader = Loader(root, schemas, read, remember, lister)
    content = loader.load()
    content.texts = loader.texts
    return content, loader.problems
