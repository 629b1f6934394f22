"""Check loaded content: schemas, references between files, translations, Markdown structure.

Every check returns problems; nothing raises on bad content. `check` runs them all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from lft.model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PLACEHOLDER,
    SLUG,
    Content,
    Item,
    bilingual_texts,
)
from lft.problems import Problem, Severity, key_path
from lft.schemas import Schemas
from lft.translations import check_records
from lft.yamlsource import Document

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}
_REVIEW_KEYS = {"review_due", "review_date"}
REVIEW_RULE = "review-due"
_TYPE_NAMES = {
    "object": "a group of 'key: value' lines",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes or no (true/false)",
    "null": "nothing",
}
_REF_FILES = {
    "organisation": "content/organisations.yml",
    "phenomenon": "content/phenomena/",
    "term": "content/glossary.yml",
}


def did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _finite_number(_checker: Any, instance: Any) -> bool:
    """A JSON number: YAML's `.inf` and `.nan` are none (a page would print ∞ or NaN)."""
    return (
        isinstance(instance, int | float)
        and not isinstance(instance, bool)
        and math.isfinite(instance)
    )


def _wants_structure(error: ValidationError) -> bool:
    """True where a group or a list is expected: a placeholder stands for one value only."""
    if error.validator != "type":
        return False
    expected = cast(Any, error.validator_value)
    names = [expected] if isinstance(expected, str) else list(expected)
    return bool({"object", "array"} & set(names))


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    return "string"


class SchemaChecker:
    """Validates documents against the published schemas, resolving `x-ref` references."""

    def __init__(self, schemas: Schemas, known: dict[str, set[str]]) -> None:
        self.schemas = schemas
        self.known = known

        def x_ref(_v: Any, kind: str, instance: Any, _s: Any) -> Iterator[ValidationError]:
            if not isinstance(instance, str) or not SLUG.match(instance) or kind not in known:
                return
            if instance not in known.get(kind, set()):
                hint = did_you_mean(instance, known.get(kind, set()))
                yield ValidationError(
                    f"unknown {kind} '{instance}'",
                    validator=cast(Any, "x-ref"),
                    validator_value=kind,
                    instance=instance,
                    schema={"x-hint": hint or f"the names are in {_REF_FILES[kind]}"},
                )

        self.cls = validators.extend(  # type: ignore[no-untyped-call]
            Draft202012Validator,
            {"x-ref": x_ref},
            type_checker=Draft202012Validator.TYPE_CHECKER.redefine("number", _finite_number),
        )

    def check(self, doc: Document, rel: str, schema_name: str) -> list[Problem]:
        validator = self.cls(
            self.schemas.by_name[schema_name],
            registry=self.schemas.registry,
            format_checker=FormatChecker(),
        )
        problems: list[Problem] = []
        for error in validator.iter_errors(doc.data):
            problems.extend(self.explain(error, doc, rel, schema_name))
        return _without_echoes(problems)

    def explain(
        self, error: ValidationError, doc: Document, rel: str, schema_name: str = ""
    ) -> Iterator[Problem]:
        if (
            isinstance(error.instance, str)
            and PLACEHOLDER in error.instance
            and not _wants_structure(error)
        ):
            return  # a placeholder left by `lft new`; the publication guard names it
        path = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        hint = str(schema.get("x-hint", ""))
        kind = error.validator
        if "propertyNames" in error.relative_schema_path:
            kind = "propertyNames"  # jsonschema reports the name's own error (a pattern)

        def at(
            where: tuple[str | int, ...], message: str, hint: str = hint, key: bool = False
        ) -> Problem:
            line, col = doc.where(where, key=key)
            return Problem(rel, line, col, key_path(where), message, hint)

        if kind == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(schema.get("properties", {}))
            for name in error.instance:
                if name not in allowed:
                    suggestion = did_you_mean(name, allowed)
                    listing = "allowed here: " + ", ".join(sorted(allowed))
                    yield at(
                        (*path, name), f"unknown key '{name}'", suggestion or listing, key=True
                    )
        elif kind == "required":
            match = re.match(r"^'(.+)' is a required property$", error.message)
            name = match[1] if match else str(error.validator_value)
            prop = schema.get("properties", {}).get(name, {})
            yield at(
                path,
                f"missing required key '{name}'",
                str(prop.get("x-hint", ""))
                or self._ref_hint(prop, schema)
                or self._condition_hint(error, schema_name),
                key=True,
            )
        elif kind == "type":
            expected = cast(Any, error.validator_value)
            names = [expected] if isinstance(expected, str) else list(expected)
            wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
            if "nl" in schema.get("properties", {}):
                wanted = "a text in both languages"
            if isinstance(error.instance, float) and not math.isfinite(error.instance):
                value = error.instance
                written = ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
                yield at(
                    path,
                    f"expected {wanted}, got {written} (not a figure)",
                    "write the figure in digits, like 19000",
                )
                return
            got = _TYPE_NAMES[_type_of(error.instance)]
            yield at(path, f"expected {wanted}, got {got}")
        elif kind in ("enum", "const"):
            value = cast(Any, error.validator_value)
            options = value if kind == "enum" else [value]
            listing = ", ".join(str(o) for o in options)
            suggestion = did_you_mean(str(error.instance), [str(o) for o in options])
            yield at(path, f"'{error.instance}' is not one of: {listing}", suggestion or hint)
        elif kind == "format":
            yield at(path, f"'{error.instance}' is not a valid {error.validator_value}")
        elif kind == "pattern":
            yield at(path, f"'{error.instance}' is not valid here")
        elif kind == "propertyNames":
            yield at(
                (*path, str(error.instance)),
                f"'{error.instance}' is not a valid name",
                hint or "use lowercase letters, digits and hyphens",
                key=True,
            )
        elif kind == "minItems":
            yield at(
                path,
                f"needs at least {error.validator_value} "
                f"item{'s' if error.validator_value != 1 else ''}",
            )
        elif kind == "minLength":
            yield at(path, "must not be empty")
        elif kind == "minProperties":
            yield at(path, "needs at least one entry")
        elif kind == "uniqueItems":
            yield at(path, "lists the same value twice", "remove the repeated value")
        elif kind in ("minimum", "maximum"):
            side = "small" if kind == "minimum" else "large"
            yield at(
                path, f"{error.instance} is too {side} (the {kind} is {error.validator_value})"
            )
        elif kind == "x-ref":
            yield at(path, error.message)
        else:
            yield at(path, error.message)

    def _condition_hint(self, error: ValidationError, schema_name: str) -> str:
        """For a key required by an if/then: `needed when status is active or ended`."""
        parts = list(error.absolute_schema_path)
        if "then" not in parts or schema_name not in self.schemas.by_name:
            return ""
        node: Any = self.schemas.by_name[schema_name]
        for part in parts[: len(parts) - 1 - parts[::-1].index("then")]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return ""
        condition = node.get("if", {}).get("properties", {}) if isinstance(node, dict) else {}
        clauses = []
        for name, sub in condition.items():
            values = sub.get("enum") or ([sub["const"]] if "const" in sub else [])
            if values:
                clauses.append(f"{name} is {' or '.join(map(str, values))}")
        return "needed when " + " and ".join(clauses) if clauses else ""

    def _ref_hint(self, prop: dict[str, Any], within: dict[str, Any]) -> str:
        ref = prop.get("$ref", "")
        if not isinstance(ref, str) or "#/$defs/" not in ref:
            return ""
        name, _, pointer = ref.partition("#/$defs/")
        if name:
            schema = self.schemas.by_name.get(name) or {}
        else:  # a reference inside the file that holds `within`
            schema = next(
                (
                    s
                    for s in self.schemas.by_name.values()
                    if within is s or any(within is d for d in s.get("$defs", {}).values())
                ),
                {},
            )
        target = schema.get("$defs", {}).get(pointer, {})
        return str(target.get("x-hint", ""))


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """A misspelt key is one mistake: keep 'unknown key (did you mean X?)', drop 'missing X'."""
    misspelt = set()
    for problem in problems:
        match = re.fullmatch(r"did you mean '(.+)'\?", problem.hint)
        name = re.fullmatch(r"unknown key '(.+)'", problem.message)
        if match and name:
            parent = problem.key[: -len(name[1])].rstrip(".")
            misspelt.add((parent, f"missing required key '{match[1]}'"))
    return [p for p in problems if (p.key, p.message) not in misspelt]


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
                line, col = doc.where(path)
                problems.append(
                    Problem(
                        rel,
                        line,
                        col,
                        key_path(path),
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
        md_rel = f"{item.folder}/{item.kind.value}.{lang}.md"
        prose = item.prose.get(lang)
        if prose is None and root is not None and (root / md_rel).is_file():
            continue  # there, but unreadable: the loader reported why
        if prose is None:
            if lang == DEFAULT_LANGUAGE or not item.awaiting(lang):
                hint = f"write {item.kind.value}.{lang}.md"
                if lang != DEFAULT_LANGUAGE:
                    hint += f", or mark awaiting_translation: [{lang}] in {item.kind.value}.yml"
                problems.append(
                    Problem(md_rel, 1, 1, "", f"the {LANGUAGE_NAMES[lang]} text is missing", hint)
                )
            continue
        if spec.intro_required and not prose.intro.strip():
            problems.append(
                Problem(
                    md_rel,
                    1,
                    1,
                    "",
                    "the introduction is missing",
                    "start with a paragraph before the first '## ' heading",
                )
            )
        titles = [s.titles[lang] for s in spec.sections]
        seen: list[str] = []
        misspelt: set[str] = set()  # titles an unknown heading was probably meant to be
        for section in prose.sections:
            if not section.key:
                suggestion = did_you_mean(section.title, titles)
                misspelt |= {t for t in titles if suggestion == f"did you mean '{t}'?"}
                allowed = (
                    "the sections are: " + ", ".join(titles)
                    if titles
                    else ("this type has no sections; use '### ' headings")
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
            first = next(
                s for s in prose.sections if s.key and seen.index(s.key) != order.index(s.key)
            )
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
                    Problem(
                        md_rel,
                        1,
                        1,
                        "",
                        f"section '{section_spec.titles[lang]}' is missing",
                        f"add a line '## {section_spec.titles[lang]}' followed by its text",
                    )
                )
    return problems


def check_references(root: Path, content: Content) -> list[Problem]:
    """References a schema cannot see: process steps and news dates."""
    problems: list[Problem] = []
    for slug, sheet in content.phenomena.items():
        seen: set[str] = set()
        for index, step in enumerate(sheet.data.get("process_steps") or []):
            step_id = step.get("id") if isinstance(step, dict) else None
            if isinstance(step_id, str) and step_id in seen:
                line, col = sheet.doc.where(("process_steps", index, "id"))
                problems.append(
                    Problem(
                        sheet.source,
                        line,
                        col,
                        f"process_steps[{index}].id",
                        f"step '{step_id}' appears twice in '{slug}'",
                        "give every step its own id",
                    )
                )
            if isinstance(step_id, str):
                seen.add(step_id)
    for item in content.interventions.values():
        for i, serves in enumerate(item.data.get("phenomena") or []):
            if not isinstance(serves, dict):
                continue
            phenomenon = content.phenomena.get(str(serves.get("phenomenon")))
            if phenomenon is None:
                continue
            step_ids = [
                s.get("id")
                for s in phenomenon.data.get("process_steps") or []
                if isinstance(s, dict)
            ]
            for j, step in enumerate(serves.get("steps") or []):
                if isinstance(step, str) and step not in step_ids and PLACEHOLDER not in step:
                    path = ("phenomena", i, "steps", j)
                    line, col = item.doc.where(path)
                    hint = did_you_mean(step, step_ids) or (
                        f"the steps of '{phenomenon.slug}' are: " + ", ".join(map(str, step_ids))
                        if step_ids
                        else f"'{phenomenon.slug}' has no process steps yet"
                    )
                    problems.append(
                        Problem(
                            item.source,
                            line,
                            col,
                            key_path(path),
                            f"unknown step '{step}' of '{phenomenon.slug}'",
                            hint,
                        )
                    )
    for item in content.news.values():
        image = item.data.get("image")
        src = image.get("src") if isinstance(image, dict) else None
        if isinstance(src, str) and not (root / item.folder / src).is_file():
            line, col = item.doc.where(("image", "src"))
            problems.append(
                Problem(
                    item.source,
                    line,
                    col,
                    "image.src",
                    f"the image '{src}' is not in the item's folder",
                    "put the image file next to news.yml",
                )
            )
        date = item.data.get("date")
        if isinstance(date, str) and not item.slug.startswith(date + "-"):
            line, col = item.doc.where(("date",))
            problems.append(
                Problem(
                    item.source,
                    line,
                    col,
                    "date",
                    f"the date {date} differs from the folder name '{item.slug}'",
                    "the folder name starts with the date of the item",
                )
            )
    return problems


def check_docs(root: Path) -> list[Problem]:
    """Hand-written pages exist in both languages."""
    problems: list[Problem] = []
    docs = root / "docs"
    if not docs.is_dir():
        return problems
    pages = set()
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if path.is_file():
            pages.add(page)
        else:
            problems.append(
                Problem(
                    f"docs/{page}",
                    1,
                    1,
                    "",
                    "a folder has the name of a page",
                    "a page is a Markdown file; rename the folder or move the page out of it",
                )
            )
    for page in sorted(pages):
        if page.endswith(".en.md"):
            counterpart = page[: -len(".en.md")] + ".md"
            missing_lang = "Dutch"
        else:
            counterpart = page[: -len(".md")] + ".en.md"
            missing_lang = "English"
        if counterpart not in pages:
            problems.append(
                Problem(
                    f"docs/{page}",
                    1,
                    1,
                    "",
                    f"the {missing_lang} version is missing",
                    f"add docs/{counterpart}",
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
                owner = item.data.get("contact") or "no contact given"
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


def check(
    root: Path, content: Content, schemas: Schemas, today: dt.date | None = None
) -> list[Problem]:
    """Every content problem of the project at `root` (loading problems excluded)."""
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
    for item in content.items():
        problems += checker.check(item.doc, item.source, item.kind.schema)
        problems += check_translations(
            item.doc, item.source, set(item.data.get("awaiting_translation") or [])
        )
        problems += check_prose(item, schemas, root)
    problems += check_references(root, content)
    problems += check_records(root, content)
    problems += check_docs(root)
    if today is not None:
        problems += check_reviews(content, today)
    return problems
