"""Contracts between the schemas and the code that relies on them: the generated types, the
metaschema, the labels of enum values and the fields the templates read.

The template check walks the Jinja2 syntax tree of every template with the shape each variable
holds (`render.Renderer.page` passes `item`, `data`, `charter`, `phenomenon`; the templates loop
over `site.phenomena()`, `data.partners`, …) and looks every field up in the schema of that shape.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import pytest
import yaml
from jinja2 import nodes
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from lft.render.pages import Renderer, environment
from lft.source import catalogue
from lft.source.catalogue import FacetValue
from lft.source.model import Item

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
TEMPLATES = REPO / "src" / "lft" / "render" / "templates"
LABELS = REPO / "src" / "lft" / "source" / "labels.yml"


@cache
def gen_types() -> ModuleType:
    """scripts/gen_types.py as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("gen_types", REPO / "scripts" / "gen_types.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# (a) the generated types


def test_kinds_py_is_what_the_schemas_give() -> None:
    committed = (REPO / "src" / "lft" / "source" / "kinds.py").read_text(encoding="utf-8")
    assert gen_types().generate(SCHEMAS) == committed, (
        "src/lft/source/kinds.py differs from the schemas: "
        "run `.venv/bin/python scripts/gen_types.py`"
        " and commit the result"
    )


def test_a_schema_change_changes_the_types(tmp_path: Path) -> None:
    shutil.copytree(SCHEMAS, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "news.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["type"]["enum"].append("podcast")
    schema["properties"]["location"] = {"type": "string"}
    schema["required"].append("location")
    path.write_text(json.dumps(schema), encoding="utf-8")
    text = gen_types().generate(tmp_path)
    assert 'NewsItemType = Literal["news", "publication", "event", "podcast"]' in text
    assert "    location: str\n" in text
    assert "    image: NotRequired[NewsItemImage]\n" in text


# (b) the metaschema


def schema_files() -> list[Path]:
    return sorted(SCHEMAS.glob("*.schema.json"))


@pytest.mark.parametrize("path", schema_files(), ids=lambda p: p.name)
def test_schema_is_valid_against_its_metaschema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


# What a template variable holds, for the checks (c) and (d)


@cache
def registry() -> Registry[Any]:
    return Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text("utf-8")), DRAFT202012))
        for p in schema_files()
    )


def lookup(uri: str, pointer: str) -> Mapping[str, Any]:
    contents: Mapping[str, Any] = registry().resolver().lookup(f"{uri}#{pointer}").contents
    return contents


@dataclass(frozen=True)
class Shape:
    """A place in a schema (`$ref`s followed), named for messages."""

    uri: str
    pointer: str = ""

    @property
    def schema(self) -> Mapping[str, Any]:
        return lookup(self.uri, self.pointer)

    def at(self, *keys: str) -> Shape:
        """The shape under `keys`, with `$ref`s followed."""
        uri, pointer = self.uri, "/".join((self.pointer, *keys))
        while "$ref" in (contents := lookup(uri, pointer)):
            target, _, pointer = contents["$ref"].partition("#")
            uri = target or uri
        return Shape(uri, pointer)

    def __str__(self) -> str:
        return f"{self.uri}#{self.pointer}"


@dataclass(frozen=True)
class Consts:
    """Strings known while reading the template (a literal, `L.lang`, a macro default)."""

    values: frozenset[str]


@dataclass(frozen=True)
class ListOf:
    element: Type


@dataclass(frozen=True)
class MapOf:
    """A dict of the code, like `site.by_step`: `.get(…)` gives a value."""

    value: Type


@dataclass(frozen=True)
class TupleOf:
    elements: tuple[Type, ...]


@dataclass(frozen=True)
class ItemOf:
    """A `model.Item` of one kind: `.data` has the shape of its schema."""

    kind: str


@dataclass(frozen=True)
class Obj:
    """An object of the code (`site`, `L`, `publisher`, a template module): its attributes."""

    name: str


@dataclass(frozen=True)
class Method:
    owner: Type
    name: str


@dataclass(frozen=True)
class MacroRef:
    template: str
    name: str


class Unknown:
    """Anything the check does not follow (a text, a number, a prose section)."""


UNKNOWN = Unknown()
Type = Shape | Consts | ListOf | MapOf | TupleOf | ItemOf | Obj | Method | MacroRef | Unknown
LANGS = Consts(frozenset({"nl", "en"}))
KINDS = {k: Shape(f"{k}.schema.json") for k in ("phenomenon", "charter", "intervention", "news")}
TERMS = Shape("glossary.schema.json").at("additionalProperties")
ORGANISATIONS = Shape("organisations.schema.json").at("additionalProperties")
PUBLISHER = Shape("publisher.schema.json")

SITE: dict[str, Type] = {
    "phenomena": ListOf(ItemOf("phenomenon")),
    "interventions": ListOf(ItemOf("intervention")),
    "news": ListOf(ItemOf("news")),
    "phenomenon": ItemOf("phenomenon"),
    "steps": Shape("phenomenon.schema.json").at("properties", "process_steps"),
    "facts_by_topic": ListOf(Shape("phenomenon.schema.json").at("properties", "key_facts")),
    "by_step": MapOf(ListOf(ItemOf("intervention"))),
    "by_phenomenon": MapOf(ListOf(ItemOf("intervention"))),
    "terms": Shape("glossary.schema.json"),
    "organisations": Shape("organisations.schema.json"),
    "organisation_name": UNKNOWN,
    "facet_groups": ListOf(TupleOf((UNKNOWN, ListOf(Obj("facet"))))),
    "facets_of": MapOf(ListOf(Obj("facet"))),
    "facet_label": UNKNOWN,
    "steps_of_many": UNKNOWN,
    "step_page": Obj("facet"),
    "facet_page": Obj("facet"),
    "feed": UNKNOWN,
    "related": ListOf(ItemOf("intervention")),
}
"""What the members of `render.Renderer` (the templates' `site`) return or hold."""
CONTENT = {"charters": MapOf(ItemOf("charter")), "phenomena": MapOf(ItemOf("phenomenon"))}
"""`site.content.<name>`, the `model.Content` of the site."""

PAGE: dict[str, Type] = {"L": Obj("L"), "site": Obj("site"), "other": LANGS}
"""The variables `render.Renderer.page` gives every page."""
TEMPLATE_VARIABLES: dict[str, dict[str, Type]] = {
    "phenomenon.md.j2": {
        **PAGE,
        "item": ItemOf("phenomenon"),
        "data": KINDS["phenomenon"],
        "charter": ItemOf("charter"),
    },
    "charter.md.j2": {
        **PAGE,
        "item": ItemOf("charter"),
        "data": KINDS["charter"],
        "phenomenon": ItemOf("phenomenon"),
    },
    "intervention.md.j2": {**PAGE, "item": ItemOf("intervention"), "data": KINDS["intervention"]},
    "news.md.j2": {**PAGE, "item": ItemOf("news"), "data": KINDS["news"]},
    "home.md.j2": PAGE,
    "phenomena.md.j2": PAGE,
    "interventions.md.j2": PAGE,
    "news-list.md.j2": PAGE,
    "glossary.md.j2": PAGE,
    "organisations.md.j2": PAGE,
    "facet.md.j2": {**PAGE, "facet": Obj("facet")},
    # lft.render.publisher_pages.publisher_pages
    "contact.md.j2": {"L": Obj("L"), "publisher": Obj("publisher")},
    "colophon.md.j2": {"L": Obj("L"), "publisher": Obj("publisher")},
    # lft.render.opendata.data_pages
    "data.md.j2": {
        "L": Obj("L"),
        "publisher": Obj("publisher"),
        "files": ListOf(UNKNOWN),
        "collections": ListOf(UNKNOWN),
        "columns": UNKNOWN,
    },
}
"""The variables of each page template, as `render` and `publisher` pass them."""
PASSING_FILTERS = {"list", "sort", "selectattr", "rejectattr", "reverse", "unique"}
"""Filters whose result holds the same things as their input."""


@dataclass(frozen=True)
class Finding:
    template: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"src/lft/render/templates/{self.template}:{self.line}: {self.message}"


@dataclass
class Reader:
    """Follows the shapes through one template and the macros it calls."""

    findings: set[Finding] = field(default_factory=set)
    seen: set[tuple[str, str]] = field(default_factory=set)
    """(template, `shape.field`) of every field found in its schema."""
    choices: set[tuple[str, str, int, Type]] = field(default_factory=set)
    """(group, template, line, value) of every `L.choice(group, value)`."""
    macros: dict[str, dict[str, nodes.Macro]] = field(default_factory=dict)
    module_vars: dict[str, dict[str, Type]] = field(default_factory=dict)
    done: set[tuple[str, str, tuple[Type, ...], tuple[tuple[str, Type], ...]]] = field(
        default_factory=set
    )

    def read(self, template: str, variables: Mapping[str, Type]) -> None:
        tree = self.parse(template)
        self.module_vars[template] = dict(variables)
        self.body(template, tree.body, dict(variables))

    def parse(self, template: str) -> nodes.Template:
        env = environment()
        tree = env.parse((TEMPLATES / template).read_text(encoding="utf-8"), template)
        self.macros[template] = {m.name: m for m in tree.find_all(nodes.Macro)}
        self.module_vars.setdefault(template, {})
        return tree

    def find(self, template: str, line: int, message: str) -> None:
        self.findings.add(Finding(template, line, message))

    # statements

    def body(self, t: str, statements: Sequence[nodes.Node], env: dict[str, Type]) -> None:
        for node in statements:
            self.statement(t, node, env)

    def statement(self, t: str, node: nodes.Node, env: dict[str, Type]) -> None:
        if isinstance(node, nodes.Macro):
            return  # read where it is called, with the shapes of its arguments
        if isinstance(node, nodes.Import):
            assert isinstance(node.template, nodes.Const)
            self.parse(node.template.value)
            env[node.target] = Obj(f"module:{node.template.value}")
        elif isinstance(node, nodes.Assign):
            assert isinstance(node.target, nodes.Name)
            env[node.target.name] = self.expr(t, node.node, env)
        elif isinstance(node, nodes.For):
            element = self.element(self.expr(t, node.iter, env))
            inner = {**env, **self.bind(node.target, element), "loop": UNKNOWN}
            if node.test is not None:
                self.expr(t, node.test, inner)
            self.body(t, node.body, inner)
            self.body(t, node.else_, dict(env))
        elif isinstance(node, nodes.If):
            self.expr(t, node.test, env)
            self.body(t, node.body, env)
            for elif_ in node.elif_:
                self.statement(t, elif_, env)
            self.body(t, node.else_, env)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expr(t, child, env)
        else:
            raise AssertionError(f"{t}:{node.lineno}: the check cannot read {type(node).__name__}")

    def bind(self, target: nodes.Node, value: Type) -> dict[str, Type]:
        if isinstance(target, nodes.Name):
            return {target.name: value}
        assert isinstance(target, nodes.Tuple)
        parts = value.elements if isinstance(value, TupleOf) else ()
        return {
            name.name: parts[i] if i < len(parts) else UNKNOWN
            for i, name in enumerate(target.items)
            if isinstance(name, nodes.Name)
        }

    # expressions

    def expr(self, t: str, node: nodes.Node, env: dict[str, Type]) -> Type:
        if isinstance(node, nodes.Name):
            return env.get(node.name, UNKNOWN)
        if isinstance(node, nodes.Const):
            return Consts(frozenset({node.value})) if isinstance(node.value, str) else UNKNOWN
        if isinstance(node, nodes.Getattr):
            return self.member(t, node.lineno, self.expr(t, node.node, env), node.attr)
        if isinstance(node, nodes.Getitem):
            owner = self.expr(t, node.node, env)
            if isinstance(node.arg, nodes.Slice):
                return owner
            key = self.expr(t, node.arg, env)
            if isinstance(key, Consts):
                return self.members(t, node.lineno, owner, key)
            return self.element(owner) if isinstance(owner, ListOf | Shape) else UNKNOWN
        if isinstance(node, nodes.Call):
            return self.call(t, node, env)
        if isinstance(node, nodes.Filter):
            return self.filter(t, node, env)
        if isinstance(node, nodes.List):
            values = [self.expr(t, i, env) for i in node.items]
            consts = [v.values for v in values if isinstance(v, Consts)]
            if values and len(consts) == len(values):
                return ListOf(Consts(frozenset(itertools.chain(*consts))))
            return ListOf(UNKNOWN)
        if isinstance(node, nodes.Concat):
            return self.concat([self.expr(t, n, env) for n in node.nodes])
        if isinstance(node, nodes.Or):
            left = self.expr(t, node.left, env)
            self.expr(t, node.right, env)
            return left
        if isinstance(node, nodes.CondExpr):
            self.expr(t, node.test, env)
            chosen = self.expr(t, node.expr1, env)
            if node.expr2 is not None:
                self.expr(t, node.expr2, env)
            return chosen
        for child in node.iter_child_nodes():
            self.expr(t, child, env)
        return UNKNOWN

    @staticmethod
    def concat(parts: list[Type]) -> Type:
        pools = [sorted(p.values) for p in parts if isinstance(p, Consts)]
        if len(pools) != len(parts):
            return UNKNOWN
        return Consts(frozenset("".join(combo) for combo in itertools.product(*pools)))

    def element(self, value: Type) -> Type:
        """What iterating over `value` gives."""
        if isinstance(value, ListOf):
            return value.element
        if isinstance(value, Shape) and value.schema.get("type") == "array":
            return value.at("items")
        return UNKNOWN

    def members(self, t: str, line: int, owner: Type, keys: Consts) -> Type:
        found = [self.member(t, line, owner, key) for key in sorted(keys.values)]
        return found[0] if len(found) == 1 else UNKNOWN

    def member(self, t: str, line: int, owner: Type, name: str) -> Type:
        """`owner.name` or `owner[name]`; an unknown field of a schema is a finding."""
        if isinstance(owner, Shape):
            schema = owner.schema
            if "properties" in schema:
                if name in schema["properties"]:
                    self.seen.add((t, f"{owner}.{name}"))
                    return owner.at("properties", name)
                if name == "get":
                    return Method(owner, name)
                self.find(t, line, f"'{name}' is not a field of {owner}")
            elif isinstance(schema.get("additionalProperties"), dict):
                if name in {"get", "items", "values"}:
                    return Method(owner, name)
                return owner.at("additionalProperties")
            return UNKNOWN
        if isinstance(owner, MapOf):
            return Method(owner, name) if name == "get" else UNKNOWN
        if isinstance(owner, TupleOf):
            return owner.elements[int(name)] if name.isdigit() else UNKNOWN
        if isinstance(owner, ListOf):
            return owner.element if name.isdigit() else UNKNOWN
        if isinstance(owner, ItemOf):
            if name == "data":
                return KINDS[owner.kind]
            if not hasattr(Item, name) and name not in Item.__dataclass_fields__:
                self.find(t, line, f"'{name}' is not an attribute of an Item")
            return UNKNOWN
        if isinstance(owner, Obj):
            return self.object_member(t, line, owner, name)
        return UNKNOWN

    def object_member(self, t: str, line: int, owner: Obj, name: str) -> Type:
        if owner.name.startswith("module:"):
            template = owner.name.removeprefix("module:")
            assert name in self.macros[template], f"{t}:{line}: no macro {name} in {template}"
            return MacroRef(template, name)
        if owner.name == "L":
            return LANGS if name == "lang" else Method(owner, name)
        if owner.name == "site":
            assert hasattr(Renderer, name) or name in Renderer.__init__.__code__.co_names, (
                f"{t}:{line}: the templates' site (render.Renderer) has no '{name}'"
            )
            return Obj("content") if name == "content" else SITE.get(name, UNKNOWN)
        if owner.name == "content":
            return CONTENT[name]
        if owner.name == "facet":  # a catalogue.FacetValue
            assert name in FacetValue.__dataclass_fields__ or hasattr(FacetValue, name), (
                f"{t}:{line}: a facet value (catalogue.FacetValue) has no '{name}'"
            )
            return ListOf(ItemOf("intervention")) if name == "items" else UNKNOWN
        if owner.name == "publisher":
            if name == "confirmations":
                return PUBLISHER.at("properties", "confirmations")
            return Method(owner, name)
        return UNKNOWN

    def call(self, t: str, node: nodes.Call, env: dict[str, Type]) -> Type:
        callee = self.expr(t, node.node, env)
        args = [self.expr(t, a, env) for a in node.args]
        kwargs = {k.key: self.expr(t, k.value, env) for k in node.kwargs}
        if isinstance(node.node, nodes.Name) and node.node.name in self.macros[t]:
            callee = MacroRef(t, node.node.name)
        if isinstance(callee, MacroRef):
            self.macro(callee, args, kwargs)
            return UNKNOWN
        if not isinstance(callee, Method):
            return callee  # a member of `site`, as SITE gives what it returns
        owner, name = callee.owner, callee.name
        if isinstance(owner, MapOf):
            return owner.value
        if isinstance(owner, Shape | ItemOf) and name == "get":
            key = args[0] if args else UNKNOWN
            return self.members(t, node.lineno, owner, key) if isinstance(key, Consts) else owner
        if isinstance(owner, Shape) and name == "items":
            return ListOf(TupleOf((UNKNOWN, owner.at("additionalProperties"))))
        if isinstance(owner, Shape) and name == "values":
            return ListOf(owner.at("additionalProperties"))
        if owner == Obj("L") and name == "choice" and isinstance(args[0], Consts):
            for group in args[0].values:
                self.choices.add((group, t, node.lineno, args[1]))
        if owner == Obj("publisher") and name in {"shown", "known"} and args:
            self.setting(t, node.lineno, args[0])
        return UNKNOWN

    def setting(self, t: str, line: int, setting: Type) -> None:
        """A dotted path into publisher.yml, like `organisation.name.nl`."""
        assert isinstance(setting, Consts), f"{t}:{line}: a setting the check cannot read"
        for path in sorted(setting.values):
            shape: Type = PUBLISHER
            for part in path.split("."):
                shape = self.member(t, line, shape, part)

    def filter(self, t: str, node: nodes.Filter, env: dict[str, Type]) -> Type:
        value = self.expr(t, node.node, env) if node.node is not None else UNKNOWN
        args = [self.expr(t, a, env) for a in node.args]
        keywords = cast(list[nodes.Keyword], node.kwargs)  # jinja2 annotates them as Pairs
        kwargs = {k.key: self.expr(t, k.value, env) for k in keywords}
        element = self.element(value)
        attribute = kwargs.get("attribute") or (
            args[0] if node.name in {"selectattr", "rejectattr"} and args else None
        )
        if isinstance(attribute, Consts):
            for path in sorted(attribute.values):
                shape = element
                for part in path.split("."):
                    shape = self.member(t, node.lineno, shape, part)
        if node.name in PASSING_FILTERS:
            return value
        if node.name == "first":
            return element
        if node.name == "map" and args == [Consts(frozenset({"first"}))]:
            return ListOf(self.element(element))
        return UNKNOWN

    def macro(self, ref: MacroRef, args: list[Type], kwargs: dict[str, Type]) -> None:
        key = (ref.template, ref.name, tuple(args), tuple(sorted(kwargs.items(), key=str)))
        if key in self.done:
            return
        self.done.add(key)
        macro = self.macros[ref.template][ref.name]
        env = dict(self.module_vars[ref.template])
        defaults = dict(
            zip(
                [a.name for a in macro.args][len(macro.args) - len(macro.defaults) :],
                macro.defaults,
                strict=True,
            )
        )
        for index, arg in enumerate(macro.args):
            if index < len(args):
                env[arg.name] = args[index]
            elif arg.name in kwargs:
                env[arg.name] = kwargs[arg.name]
            else:
                env[arg.name] = self.expr(ref.template, defaults[arg.name], env)
        self.body(ref.template, macro.body, env)


def page_templates() -> list[str]:
    return sorted(p.name for p in TEMPLATES.glob("*.md.j2"))


@cache
def reader() -> Reader:
    read = Reader()
    for template in page_templates():
        read.read(template, TEMPLATE_VARIABLES[template])
    return read


def test_the_check_follows_the_shapes_into_loops_macros_and_settings() -> None:
    seen = reader().seen
    for expected in [
        ("intervention.md.j2", "intervention.schema.json#/properties/target_group.intermediate"),
        ("intervention.md.j2", "intervention.schema.json#/$defs/serves.phenomenon"),
        ("home.md.j2", "charter.schema.json#.status"),
        ("phenomenon.md.j2", "phenomenon.schema.json#/$defs/step.barriers"),
        ("_macros.j2", "phenomenon.schema.json#/$defs/fact.caveat"),
        ("_macros.j2", "common.schema.json#/$defs/source.publisher"),
        ("_macros.j2", "charter.schema.json#.review_date"),
        ("glossary.md.j2", "glossary.schema.json#/$defs/term.term"),
        ("organisations.md.j2", "organisations.schema.json#/$defs/organisation.sector"),
        ("colophon.md.j2", "publisher.schema.json#/properties/host.log_retention"),
    ]:
        assert expected in seen


# (c) the labels of enum values


def test_every_page_template_is_known_to_the_contract_check() -> None:
    assert page_templates() == sorted(TEMPLATE_VARIABLES), (
        "give the variables of each template in TEMPLATE_VARIABLES (see render.Renderer.page)"
    )


def shown_values() -> Iterator[tuple[str, str, str]]:
    """(label, template:line, what it labels) of every value an `L.choice` shows."""
    for group, template, line, value in sorted(reader().choices, key=str):
        where = f"{template}:{line}"
        if isinstance(value, Consts):
            values = sorted(value.values)
        else:
            assert isinstance(value, Shape) and "enum" in value.schema, (
                f"{where}: L.choice('{group}', …) shows a value that is not from a schema enum"
            )
            values = value.schema["enum"]
        for v in values:
            yield f"{group}_{v}", where, str(value)


def test_the_check_finds_every_choice_the_site_shows() -> None:
    groups = {group for group, *_ in reader().choices}
    assert groups == {
        "access",
        "audience",
        "effect",
        "evidence",
        "instrument",
        "news_type",
        "sector",
        "status",
    }


def test_every_catalogue_facet_value_has_a_label_in_both_languages() -> None:
    """The catalogue names instrument types, sectors and evidence levels by `L.choice` in
    `Renderer.facet_label`, from the schema's own lists."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    for facet, values in catalogue.ORDER.items():
        assert values
        for value in values:
            assert all(labels.get(f"{facet}_{value}", {}).get(lang) for lang in ("nl", "en"))
    for facet in catalogue.FACETS:
        assert all(labels.get(f"facet_{facet}", {}).get(lang) for lang in ("nl", "en"))


def test_every_enum_value_the_site_shows_has_a_label_in_both_languages() -> None:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    missing = []
    for label, where, what in shown_values():
        absent = [lang for lang in ("nl", "en") if not labels.get(label, {}).get(lang)]
        if absent:
            missing.append(f"{where}: {label} ({what}): no {' and no '.join(absent)}")
    assert not missing, "labels missing in src/lft/source/labels.yml:\n" + "\n".join(missing)


# (d) the fields the templates read


KNOWN_MISMATCHES = {
    ("_macros.j2", "'last_reviewed' is not a field of charter.schema.json#"): (
        "page_info, called by charter.md.j2 with due_key='review_date', reads "
        "data.last_reviewed of a charter, whose schema has no last_reviewed"
    ),
}
"""Mismatches found and not yet fixed in a template or schema, by (template, message): each is
a strict xfail below, which fails once the mismatch is gone, so that the entry is removed."""


def test_every_field_a_template_reads_is_in_its_schema() -> None:
    unknown = [
        str(f)
        for f in sorted(reader().findings, key=str)
        if (f.template, f.message) not in KNOWN_MISMATCHES
    ]
    assert not unknown, "templates read fields their schema does not have:\n" + "\n".join(unknown)


@pytest.mark.parametrize(
    "known",
    [
        pytest.param(
            known, marks=pytest.mark.xfail(strict=True, reason=reason), id=": ".join(known)
        )
        for known, reason in KNOWN_MISMATCHES.items()
    ],
)
def test_known_mismatch_is_fixed(known: tuple[str, str]) -> None:
    assert known not in {(f.template, f.message) for f in reader().findings}


def test_the_check_reports_a_field_no_schema_has() -> None:
    read = Reader()
    read.module_vars["x"] = {}
    tree = environment().parse(
        "{% for s in data.steps_of_process %}{{ s }}{% endfor %}\n"
        "{% for p in site.phenomena() %}{{ p.data.titel }}{% endfor %}\n"
        "{{ publisher.shown('host.adres', L.lang) }}",
        "x",
    )
    read.macros["x"] = {}
    read.body(
        "x", tree.body, {**PAGE, "data": KINDS["intervention"], "publisher": Obj("publisher")}
    )
    assert sorted(map(str, read.findings)) == [
        "src/lft/render/templates/x:1: 'steps_of_process' is not a field of "
        "intervention.schema.json#",
        "src/lft/render/templates/x:2: 'titel' is not a field of phenomenon.schema.json#",
        "src/lft/render/templates/x:3: 'adres' is not a field of "
        "publisher.schema.json#/properties/host",
    ]
