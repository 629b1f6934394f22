"""`lft new`: the skeleton of a new item or registry entry, in both languages.

Every value a contributor must write is a placeholder text containing `TODO`, so that the file
loads and `lft check` names each placeholder with its line. Nothing is ever overwritten: item
files are opened with mode "x", and a registry entry is appended to the end of its file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from jinja2 import Environment, StrictUndefined

from lft.clock import build_day
from lft.placeholders import PLACEHOLDER
from lft.source.load import read_text
from lft.source.model import LANGUAGES, SLUG, Kind, as_slug
from lft.source.schemas import Schemas
from lft.source.yamlsource import parse

if TYPE_CHECKING:
    from referencing._core import Resolver  # the class `Registry.resolver` returns

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPES = ("phenomenon", "intervention", "news", "term", "organisation")
REGISTRIES = {"term": "glossary", "organisation": "organisations"}


class ScaffoldError(Exception):
    """The request cannot be carried out; the message is one line for the contributor.

    `code` is the exit code: 2 for a wrong argument, 1 for content that must be fixed first.
    """

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Created:
    """What `lft new` wrote: paths relative to the project root."""

    created: list[str] = field(default_factory=list)
    appended: list[str] = field(default_factory=list)
    folder: str = ""
    """The new item folder (empty for a registry entry)."""

    def next_steps(self) -> list[str]:
        files = self.created + self.appended
        steps = [
            f"replace every {PLACEHOLDER} in "
            + ("these files" if len(files) > 1 else files[0])
            + "; `lft check` lists each one with its file and line",
            "run `lft check` until it reports no problems",
        ]
        if self.folder:
            steps.append(
                "once the English texts are translated, run "
                f"`lft translations --mark-current {self.folder}`"
            )
        return steps


def _join(options: list[str], last: str = "of") -> str:
    """`a, b of c`; empty for no options (a registry that cannot be read)."""
    if len(options) < 2:
        return "".join(options)
    return f"{', '.join(options[:-1])} {last} {options[-1]}"


def a(noun: str) -> str:
    """`an intervention`, `a news item`."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def new_item_day(root: Path) -> dt.date:
    """The date of a new item: the build date when SOURCE_DATE_EPOCH is set (reproducible
    runs, tests), else today's date on this computer."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return build_day(root)
    return dt.date.today()


def _next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class Scaffold:
    """Writes new items into the project at `root`."""

    def __init__(self, root: Path, today: dt.date | None = None) -> None:
        self.root = root
        self.content = root / "content"
        self.schemas = Schemas(root / "schemas")
        self.today = today or new_item_day(root)
        self.env = Environment(
            undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False
        )
        self.env.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)
        self.env.globals["choices"] = self.choices

    # What exists already

    def phenomena(self) -> list[str]:
        folder = self.content / "phenomena"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and SLUG.match(p.name))

    def _yaml(self, rel: str) -> dict[str, Any] | None:
        """The data of a YAML file under the root; None when absent or unreadable."""
        path = self.root / rel
        if not path.is_file():
            return None
        text, problems = read_text(path, rel)
        if text is None:
            return None
        doc, problems = parse(text, rel)
        if doc is None or problems or not isinstance(doc.data, dict):
            return None
        return doc.data

    def steps(self, phenomenon: str) -> list[str]:
        data = self._yaml(f"content/phenomena/{phenomenon}/phenomenon.yml") or {}
        steps = data.get("process_steps")
        return [
            str(s["id"])
            for s in (steps if isinstance(steps, list) else [])
            if isinstance(s, dict) and isinstance(s.get("id"), str)
        ]

    def names(self, registry: str) -> list[str]:
        return [str(k) for k in self._yaml(f"content/{registry}.yml") or {}]

    def choices(self, schema: str, *path: str) -> str:
        """The allowed values of an enum in a schema, like 'public, private of science'."""
        name = f"{schema}.schema.json"
        node, resolver = self._resolve(
            self.schemas.by_name[name], self.schemas.registry.resolver(base_uri=name)
        )
        for key in path:
            props = node.get("properties", {})
            if key not in props and isinstance(node.get("additionalProperties"), dict):
                node, resolver = self._resolve(node["additionalProperties"], resolver)
                props = node.get("properties", {})
            node, resolver = self._resolve(props[key], resolver)
            if "items" in node:
                node, resolver = self._resolve(node["items"], resolver)
        if "items" in node:
            node, resolver = self._resolve(node["items"], resolver)
        return _join([str(v) for v in node["enum"]])

    @staticmethod
    def _resolve(
        node: dict[str, Any], resolver: Resolver[Any]
    ) -> tuple[dict[str, Any], Resolver[Any]]:
        """The schema `node` stands for, its `$ref`s followed through the schemas' registry."""
        while "$ref" in node and "enum" not in node and "properties" not in node:
            resolved = resolver.lookup(str(node["$ref"]))
            node, resolver = resolved.contents, resolved.resolver
        return node, resolver

    # Rendering

    def _render(self, template: str, **values: Any) -> str:
        source = resources.files("lft.render").joinpath("skeletons", template).read_text("utf-8")
        examples = {
            "organisations": _join(self.names("organisations")[:3]),
            "terms": _join(self.names("glossary")[:3]),
            "phenomena": _join(self.phenomena()[:3]),
        }
        return self.env.from_string(source).render(
            today=self.today.isoformat(),
            next_year=_next_year(self.today).isoformat(),
            **{k: v or "(nog geen)" for k, v in examples.items()},
            **values,
        )

    def prose(self, kind: Kind, lang: str) -> str:
        guide: dict[str, Any] = yaml.safe_load(
            resources.files("lft.render").joinpath("skeletons", "prose.yml").read_text("utf-8")
        )
        spec = self.schemas.markdown(kind)
        parts = []
        intro = guide["intro"].get(kind.value)
        if intro:
            parts.append(f"{PLACEHOLDER}: {intro[lang]}")
        for section in spec.sections:
            text = guide["sections"].get(section.key, guide["general"])[lang]
            parts.append(f"## {section.titles[lang]}\n\n{PLACEHOLDER}: {text}")
        return "\n\n".join(parts) + "\n"

    # Creating

    def _check_slug(self, slug: str, what: str) -> None:
        if not SLUG.match(slug):
            example = as_slug(slug) or "wet-bibob"
            raise ScaffoldError(
                f"'{slug}' is not a valid name for {a(what)}: use lowercase letters, digits and "
                f"single hyphens, like '{example}'"
            )

    def _files(self, folder: Path, files: dict[str, str]) -> Created:
        rel = folder.relative_to(self.root).as_posix()
        if folder.exists():
            raise ScaffoldError(
                f"{rel} already exists; choose another name (lft new never overwrites anything)"
            )
        folder.mkdir(parents=True)
        created = Created(folder=rel)
        for name, text in files.items():
            with (folder / name).open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
            created.created.append(f"{rel}/{name}")
        return created

    def _item_files(self, kind: Kind, yml: str) -> dict[str, str]:
        files = {f"{kind.value}.yml": yml}
        for lang in LANGUAGES:
            files[f"{kind.value}.{lang}.md"] = self.prose(kind, lang)
        return files

    def phenomenon(self, slug: str) -> Created:
        self._check_slug(slug, "phenomenon")
        files = self._item_files(Kind.PHENOMENON, self._render("phenomenon.yml.j2"))
        files |= self._item_files(Kind.CHARTER, self._render("charter.yml.j2"))
        return self._files(self.content / "phenomena" / slug, files)

    def check_phenomenon(self, phenomenon: str) -> None:
        known = self.phenomena()
        if not known:
            raise ScaffoldError(
                "there is no phenomenon yet; create one first with `lft new phenomenon SLUG`"
            )
        if phenomenon not in known:
            raise ScaffoldError(
                f"unknown phenomenon '{phenomenon}'; the phenomena are: {', '.join(known)}"
            )

    def intervention(self, slug: str, phenomenon: str, step: str | None = None) -> Created:
        self._check_slug(slug, "intervention")
        self.check_phenomenon(phenomenon)
        steps = self.steps(phenomenon)
        if step is not None and step not in steps:
            listing = f"the steps are: {', '.join(steps)}" if steps else "it has no steps yet"
            raise ScaffoldError(f"'{phenomenon}' has no step '{step}'; {listing}")
        if step is None:
            step = (
                f"{PLACEHOLDER}: id van een processtap van {phenomenon}: {_join(steps)}"
                if steps
                else f"{PLACEHOLDER}: id van een processtap ({phenomenon} heeft er nog geen)"
            )
        yml = self._render("intervention.yml.j2", phenomenon=phenomenon, step=step)
        files = self._item_files(Kind.INTERVENTION, yml)
        return self._files(self.content / "interventions" / slug, files)

    def news(self, slug: str, date: str | None = None) -> Created:
        self._check_slug(slug, "news item")
        date = date or self.today.isoformat()
        try:
            if not DATE.match(date):
                raise ValueError(date)
            dt.date.fromisoformat(date)
        except ValueError:
            raise ScaffoldError(
                f"'{date}' is not a date; write it as YYYY-MM-DD, like 2021-09-08"
            ) from None
        if slug.startswith(date + "-"):
            slug = slug[len(date) + 1 :]
        files = self._item_files(Kind.NEWS, self._render("news.yml.j2", date=date))
        return self._files(self.content / "news" / f"{date}-{slug}", files)

    def entry(self, what: str, slug: str) -> Created:
        """Append a new glossary term or organisation to the end of its registry."""
        registry = REGISTRIES[what]
        self._check_slug(slug, what)
        rel = f"content/{registry}.yml"
        path = self.root / rel
        if not path.is_file():
            raise ScaffoldError(f"{rel} is missing; restore it before adding {a(what)}", 1)
        text, _ = read_text(path, rel)
        raw = path.read_bytes()
        if text is None:
            raise ScaffoldError(f"{rel} cannot be read; run `lft check` and fix it first", 1)
        doc, problems = parse(text, rel)
        if doc is None or problems or not isinstance(doc.data, dict):
            raise ScaffoldError(f"{rel} has problems; run `lft check` and fix them first", 1)
        if slug in doc.data:
            line, _ = doc.where((slug,), key=True)
            raise ScaffoldError(
                f"the {what} '{slug}' already exists in {rel} (line {line}); choose another name"
            )
        addition = self._render(f"{what}.yml.j2", slug=slug)
        if text and not text.endswith("\n"):
            addition = "\n" + addition
        after, problems = parse(text + addition, rel)
        if after is None or problems or not isinstance(after.data.get(slug), dict):
            raise ScaffoldError(
                f"a new entry cannot be added at the end of {rel}; run `lft check`, or add it by "
                "hand",
                1,
            )
        newline = "\r\n" if b"\r\n" in raw else "\n"
        with path.open("a", encoding="utf-8", newline="") as out:
            out.write(addition.replace("\n", newline))
        return Created(appended=[rel])
