"""Check loaded content: schemas, references between files, translations, Markdown structure.

Every check returns problems; nothing raises on bad content. `check` runs them all.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path

from lft.check.docs import check_docs
from lft.check.schemacheck import SchemaChecker, did_you_mean
from lft.check.translations import check_records
from lft.placeholders import unfinished
from lft.problems import Problem, Severity
from lft.source import mdscan
from lft.source.load import Reader, read_text
from lft.source.memo import Remember, fresh, kept, kept_many
from lft.source.model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Content,
    Document,
    Item,
    Prose,
    Registry,
    bilingual_texts,
    term_forms,
)
from lft.source.schemas import MarkdownSpec, Schemas
from lft.workers import LIGHT, in_chunks

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}
_REVIEW_KEYS = {"review_due", "review_date"}
REVIEW_RULE = "review-due"


def known_names(content: Content) -> dict[str, set[str]]:
    return {
        "organisation": set(content.organisations.entries if content.organisations else {}),
        "term": set(content.glossary.entries if content.glossary else {}),
        "phenomenon": set(content.phenomena),
    }


def check_translations(
    doc: Document, rel: str, awaiting: set[str], *, can_wait: bool = True
) -> list[Problem]:
    """Bilingual texts without their English; `can_wait` is false where the schema has no
    `awaiting_translation` (organisations, glossary)."""
    problems = []
    for path, text in bilingual_texts(doc.data):
        for lang in LANGUAGES:
            if lang not in text and lang != DEFAULT_LANGUAGE and lang not in awaiting:
                problems.append(
                    Problem.at(
                        rel,
                        doc,
                        path,
                        f"the {LANGUAGE_NAMES[lang]} text is missing",
                        f"add {lang}: …, or mark the item with awaiting_translation: [{lang}]"
                        if can_wait
                        else f"add {lang}: …",
                    )
                )
    return problems


def check_prose(item: Item, schemas: Schemas, root: Path | None = None) -> list[Problem]:
    spec = schemas.markdown(item.kind)
    problems: list[Problem] = []
    for lang in LANGUAGES:
        md_rel = item.markdown_source(lang)
        prose = item.prose.get(lang)
        if prose is None and root is not None and (root / md_rel).is_file():
            continue  # there, but unreadable: the loader reported why
        if prose is None:
            if lang == DEFAULT_LANGUAGE or not item.awaiting(lang):
                hint = f"write {item.kind.value}.{lang}.md"
                if lang != DEFAULT_LANGUAGE:
                    hint += f", or mark awaiting_translation: [{lang}] in {item.kind.value}.yml"
                problems.append(
                    Problem.whole_file(md_rel, f"the {LANGUAGE_NAMES[lang]} text is missing", hint)
                )
            continue
        if spec.intro_required and not prose.intro.strip():
            problems.append(
                Problem.whole_file(
                    md_rel,
                    "the introduction is missing",
                    "start with a paragraph before the first '## ' heading",
                )
            )
        problems += check_headings(prose)
        if not spec.free_sections:  # else the text's own sections: any title, in any order
            problems += _sections(prose, spec, lang, md_rel)
    return problems


def _sections(prose: Prose, spec: MarkdownSpec, lang: str, md_rel: str) -> list[Problem]:
    """The schema's sections of a text: known, each once, in order, the required ones there."""
    problems: list[Problem] = []
    titles = [s.titles[lang] for s in spec.sections]
    seen: list[str] = []
    misspelt: set[str] = set()  # titles an unknown heading was probably meant to be
    for section in prose.sections:
        if not section.key:
            suggestion = did_you_mean(section.title, titles)
            misspelt |= {t for t in titles if suggestion == f"did you mean '{t}'?"}
            allowed = (
                "the sections are: " + ", ".join(titles) if titles else "this type has no sections"
            )
            problems.append(
                Problem(
                    md_rel,
                    section.line,
                    1,
                    "",
                    f"unknown section '{section.title}'",
                    suggestion or allowed,
                )
            )
        elif section.key in seen:
            problems.append(
                Problem(
                    md_rel,
                    section.line,
                    1,
                    "",
                    f"section '{section.title}' appears twice",
                    "merge the two sections",
                )
            )
        else:
            seen.append(section.key)
    order = [s.key for s in spec.sections if s.key in seen]
    if seen != order:
        first = next(s for s in prose.sections if s.key and seen.index(s.key) != order.index(s.key))
        problems.append(
            Problem(
                md_rel,
                first.line,
                1,
                "",
                "sections are out of order",
                "the order is: " + ", ".join(titles),
            )
        )
    for section_spec in spec.sections:
        title = section_spec.titles[lang]
        if section_spec.required and section_spec.key not in seen and title not in misspelt:
            problems.append(
                Problem.whole_file(
                    md_rel,
                    f"section '{title}' is missing",
                    f"add a line '## {title}' followed by its text",
                )
            )
    return problems


_BOLD_LINE = re.compile(r"(\*\*|__)[^*_\n]+\1:?[ \t]*")
"""A line that is only bold text: a heading in looks, a paragraph to a screen reader."""


def check_headings(prose: Prose) -> list[Problem]:
    """Headings a screen reader can follow: the page title is the only level 1, so a text's
    headings start at level 2 and go down one level at a time; a bold line standing alone as a
    heading is a warning (it reads as a paragraph)."""
    scan = mdscan.scan(prose.text)
    headings = {h.line: h for h in scan.headings if h.title}
    problems: list[Problem] = []
    above = 1  # the page title
    for number, line in enumerate(scan.lines, start=1):
        heading = headings.get(number)
        if heading and heading.level > above + 1:
            problems.append(
                Problem(
                    prose.path,
                    number,
                    1,
                    "",
                    f"heading '{heading.title}' is level {heading.level} "
                    + (
                        "but a text's headings start at level 2"
                        if above == 1
                        else f"after a level-{above} heading, which skips a level"
                    ),
                    f"write '{'#' * (above + 1)} {heading.title}': screen readers move through "
                    "the headings one level at a time",
                )
            )
        if heading:
            above = heading.level
        elif _bold_heading(scan, number):
            title = line.strip().strip("*_:").strip()
            problems.append(
                Problem(
                    prose.path,
                    number,
                    1,
                    "",
                    f"the bold line '{title}' looks like a heading, but is not one",
                    f"write '{'#' * min(above + 1, 6)} {title}' so screen readers can jump to it",
                    Severity.WARNING,
                )
            )
    return problems


def _bold_heading(scan: mdscan.Scan, number: int) -> bool:
    """Whether line `number` is a paragraph of only bold text, outside code."""
    lines = scan.lines
    if not _BOLD_LINE.fullmatch(lines[number - 1]):
        return False  # most lines, told first
    alone = number == 1 or not lines[number - 2].strip()
    last = number == len(lines) or not lines[number].strip()
    return alone and last and not scan.in_code(number)


def check_references(root: Path, content: Content) -> list[Problem]:
    """References a schema cannot see: process steps, news dates, the names of terms."""
    problems: list[Problem] = []
    if content.glossary is not None:
        problems += _same_names(content.glossary)
    for slug, sheet in content.phenomena.items():
        problems += _repeated_steps(slug, sheet)
    for item in content.interventions.values():
        problems += _unknown_steps(content, item)
    for item in content.news.values():
        problems += _news_files(root, item)
    return problems


def _same_names(glossary: Registry) -> list[Problem]:
    """Running text names no two terms of the glossary alike, in either language: a page
    explains a term where its text names it (`lft.source.model.term_forms`: the name, the
    abbreviation), so words two terms share would be explained once per term on every page that
    uses them, and the glossary would list entries a reader cannot tell apart. Words are
    compared in any case."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], str] = {}
    reported: set[tuple[str, ...]] = set()
    for slug, entry in glossary.entries.items():
        if not isinstance(entry, dict):
            continue  # the schema check reports it
        names = entry.get("term")
        names = names if isinstance(names, dict) else {}
        abbreviation = entry.get("abbreviation")
        abbreviation = abbreviation if isinstance(abbreviation, str) else ""
        for lang in LANGUAGES:
            name = names.get(lang)
            for words, _fold, field in term_forms(
                name if isinstance(name, str) else "", abbreviation
            ):
                other = first.setdefault((lang, words.casefold()), slug)
                where = (slug, "term", lang) if field == "term" else (slug, "abbreviation")
                if other == slug or where in reported:
                    continue
                reported.add(where)
                problems.append(
                    Problem.at(
                        glossary.source,
                        glossary.doc,
                        where,
                        f"the term '{slug}' has the {'name' if field == 'term' else field} "
                        f"'{words}', which running text also reads as the term '{other}'",
                        "give each term a name of its own, or merge the two entries into one",
                    )
                )
    return problems


def _repeated_steps(slug: str, sheet: Item) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, step in enumerate(sheet.data.get("process_steps") or []):
        step_id = step.get("id") if isinstance(step, dict) else None
        if isinstance(step_id, str) and step_id in seen:
            problems.append(
                Problem.at(
                    sheet.source,
                    sheet.doc,
                    ("process_steps", index, "id"),
                    f"step '{step_id}' appears twice in '{slug}'",
                    "give every step its own id",
                )
            )
        if isinstance(step_id, str):
            seen.add(step_id)
    return problems


def _unknown_steps(content: Content, item: Item) -> list[Problem]:
    """The steps an intervention names that its phenomenon does not have."""
    problems = []
    for i, serves in enumerate(item.data.get("phenomena") or []):
        if not isinstance(serves, dict):
            continue
        phenomenon = content.phenomena.get(str(serves.get("phenomenon")))
        if phenomenon is None:
            continue
        step_ids = [
            s.get("id") for s in phenomenon.data.get("process_steps") or [] if isinstance(s, dict)
        ]
        for j, step in enumerate(serves.get("steps") or []):
            if isinstance(step, str) and step not in step_ids and not unfinished(step):
                hint = did_you_mean(step, step_ids) or (
                    f"the steps of '{phenomenon.slug}' are: " + ", ".join(map(str, step_ids))
                    if step_ids
                    else f"'{phenomenon.slug}' has no process steps yet"
                )
                problems.append(
                    Problem.at(
                        item.source,
                        item.doc,
                        ("phenomena", i, "steps", j),
                        f"unknown step '{step}' of '{phenomenon.slug}'",
                        hint,
                    )
                )
    return problems


def _news_files(root: Path, item: Item) -> list[Problem]:
    """A news item's image is in its folder, and its folder starts with its date."""
    problems = []
    image = item.data.get("image")
    src = image.get("src") if isinstance(image, dict) else None
    if isinstance(src, str) and not (root / item.folder / src).is_file():
        problems.append(
            Problem.at(
                item.source,
                item.doc,
                ("image", "src"),
                f"the image '{src}' is not in the item's folder",
                "put the image file next to news.yml",
            )
        )
    date = item.data.get("date")
    if isinstance(date, str) and not item.slug.startswith(date + "-"):
        problems.append(
            Problem.at(
                item.source,
                item.doc,
                ("date",),
                f"the date {date} differs from the folder name '{item.slug}'",
                "the folder name starts with the date of the item",
            )
        )
    return problems


def check_reviews(content: Content, today: dt.date) -> list[Problem]:
    """Warn for items whose review date has passed, naming the owner's mailbox."""
    problems: list[Problem] = []
    for item in content.items():
        for key in sorted(_REVIEW_KEYS & set(item.data)):
            due = item.data[key]
            if (
                isinstance(due, str)
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", due)
                and (due < today.isoformat())
            ):
                line, col = item.doc.where((key,))
                owner = item.data.get("contact") or "the publisher's mailbox"
                problems.append(
                    Problem(
                        item.source,
                        line,
                        col,
                        key,
                        f"the review was due on {due} (owner: {owner})",
                        "check the page, then update last_reviewed and the next review date",
                        Severity.WARNING,
                        REVIEW_RULE,
                    )
                )
    return problems


def _schema_problems(
    jobs: list[tuple[Document, str, str]], checker: SchemaChecker
) -> list[list[Problem]]:
    return [checker.check(doc, source, schema) for doc, source, schema in jobs]


def _texts(content: Content, item: Item) -> tuple[str | None, ...] | None:
    """The texts an item's own checks are made from: its YAML (None: not read, nothing to
    keep) and its Markdown in each language."""
    data = content.texts.get(item.source)
    if data is None:
        return None
    md = (content.texts.get(item.markdown_source(lang)) for lang in LANGUAGES)
    return (data, *md)


def _item_problems(item: Item, schemas: Schemas, root: Path) -> list[Problem]:
    """The problems of one item's texts: translations and the structure of its Markdown."""
    awaiting = set(item.data.get("awaiting_translation") or [])
    return check_translations(item.doc, item.source, awaiting) + check_prose(item, schemas, root)


def check(
    root: Path,
    content: Content,
    schemas: Schemas,
    today: dt.date | None = None,
    read: Reader = read_text,
    remember: Remember = fresh,
) -> list[Problem]:
    """Every content problem of the project at `root` (loading problems excluded). `remember`
    keeps an item's schema problems for the next check (`lft.source.memo`)."""
    known = known_names(content)
    # An item or registry that is there but could not be read has its own problem; references
    # to it are not reported as unknown as well.
    phenomena = root / "content" / "phenomena"
    if phenomena.is_dir():
        known["phenomenon"] |= {p.name for p in phenomena.iterdir() if p.is_dir()}
    for kind, registry in (("organisation", content.organisations), ("term", content.glossary)):
        if registry is None:
            del known[kind]
    checker = SchemaChecker(schemas, known)
    problems: list[Problem] = []
    for registry in content.registries():
        problems += checker.check(registry.doc, registry.source, f"{registry.name}.schema.json")
        problems += check_translations(registry.doc, registry.source, set(), can_wait=False)
    # What a document's schema problems depend on besides its text: the names it may refer to.
    names = frozenset((kind, frozenset(found)) for kind, found in known.items())
    items = content.items()
    jobs: list[tuple[str, object | None]] = []
    for item in items:
        text = content.texts.get(item.source)  # None: not read, so nothing is kept for it
        jobs.append((item.source, None if text is None else (text, names)))

    def make(missing: list[int]) -> list[list[Problem]]:
        chosen = [
            (items[index].doc, items[index].source, items[index].kind.schema) for index in missing
        ]
        return in_chunks(_schema_problems, chosen, checker, at_least=LIGHT)

    for item, found in zip(items, kept_many(remember, "schema", jobs, make), strict=True):
        problems += found
        own = partial(_item_problems, item, schemas, root)
        problems += kept(remember, "prose", item.source, _texts(content, item), own)
    problems += check_references(root, content)
    problems += check_records(root, content)
    problems += check_docs(root, read)
    if today is not None:
        problems += check_reviews(content, today)
    return problems
