"""Schema checks with positions: every validation error as a problem a contributor can act on.

The JSON Schemas of `schemas/` are checked with jsonschema; each error becomes one problem at the
line and column of the value, with a hint from the schema (`x-hint`) or a did-you-mean.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator
from typing import Any, cast

import referencing
import referencing.jsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.protocols import Validator

from lft.placeholders import unfinished
from lft.problems import Problem
from lft.source.model import SLUG, Document
from lft.source.schemas import Schemas

_TYPE_NAMES = {
    "object": "a group of 'key: value' lines",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes or no (true/false)",
    "null": "nothing",
}
REF_FILES = {
    "organisation": "content/organisations.yml",
    "phenomenon": "content/phenomena/",
    "term": "content/glossary.yml",
}


def did_you_mean(word: str, choices: Any, cutoff: float = 0.6) -> str:
    """'did you mean …?' for the choice closest to `word`, if one is at least `cutoff` alike."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
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


class _Refs:
    """`$ref` as jsonschema checks it, each reference looked up once per base address: the
    schemas hold no `$dynamicRef`, so a lookup's result depends on nothing else, and every
    document of a run follows the same references thousands of times."""

    def __init__(self) -> None:
        self.resolved: dict[tuple[str, str], Any] = {}

    def validate(
        self, validator: Any, ref: str, instance: Any, _schema: Any
    ) -> Iterator[ValidationError]:
        resolver = validator._resolver
        key = (resolver._base_uri, ref)
        if key not in self.resolved:
            try:
                self.resolved[key] = resolver.lookup(ref)
            except Exception:  # unresolvable: jsonschema's own step says so, in its words
                yield from validator._validate_reference(ref=ref, instance=instance)
                return
        resolved = self.resolved[key]
        yield from validator.descend(instance, resolved.contents, resolver=resolved.resolver)


class _Kept:
    """`descend` as jsonschema's own, with the validator of each subschema made once.

    jsonschema makes a new validator (`evolve`) for every value it descends into, 160,000 at
    1,000 items. What that validator is depends only on the class, format checker and registry
    of the one that descends, the subschema and the resolver, which stay the same objects for
    a whole run (`_Refs` keeps each resolved reference): each is made the first time and
    kept, with those objects (so that no `id` is used again)."""

    def __init__(self, original: Any) -> None:
        self.original = original
        self.kept: dict[tuple[int, ...], tuple[Any, ...]] = {}

    def descend(
        self,
        validator: Any,
        instance: Any,
        schema: Any,
        path: Any = None,
        schema_path: Any = None,
        resolver: Any = None,
    ) -> Iterator[ValidationError]:
        if isinstance(schema, bool) or validator._ref_resolver is not None:
            yield from self.original(validator, instance, schema, path, schema_path, resolver)
            return
        parts = (
            type(validator),
            validator.format_checker,
            validator._registry,
            validator._resolver if resolver is None else resolver,
            schema,
        )
        key = (resolver is None, *map(id, parts))
        if key not in self.kept:
            if resolver is None:
                cls = type(validator)
                dialect = cls.ID_OF(cls.META_SCHEMA) or "urn:unknown-dialect"
                specification = referencing.jsonschema.specification_with(
                    dialect, default=referencing.Specification.OPAQUE
                )
                resource = specification.create_resource(schema)
                resolver = validator._resolver.in_subresource(resource)
            self.kept[key] = (*parts, validator.evolve(schema=schema, _resolver=resolver))
        for error in self.kept[key][-1].iter_errors(instance):
            if path is not None:
                error.path.appendleft(path)
            if schema_path is not None:
                error.schema_path.appendleft(schema_path)
            yield error


class SchemaChecker:
    """Validates documents against the published schemas, resolving `x-ref` references.

    One validator per schema, made the first time a document needs it and reused for every
    other document of that schema (`$ref`s are resolved through the registry of `schemas`).
    """

    def __init__(self, schemas: Schemas, known: dict[str, set[str]]) -> None:
        self.schemas = schemas
        self.known = known
        self.validators: dict[str, Validator] = {}

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
                    schema={"x-hint": hint or f"the names are in {REF_FILES[kind]}"},
                )

        self.cls = validators.extend(  # type: ignore[no-untyped-call]
            Draft202012Validator,
            {"x-ref": x_ref, "$ref": _Refs().validate},
            type_checker=Draft202012Validator.TYPE_CHECKER.redefine("number", _finite_number),
        )
        kept = _Kept(self.cls.descend)

        def descend(validator: Any, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
            return kept.descend(validator, *args, **kwargs)

        self.cls.descend = descend

    def validator(self, schema_name: str) -> Validator:
        """The validator of one schema, made once."""
        if schema_name not in self.validators:
            self.validators[schema_name] = self.cls(
                self.schemas.by_name[schema_name],
                registry=self.schemas.registry,
                format_checker=FormatChecker(),
            )
        return self.validators[schema_name]

    def check(self, doc: Document, rel: str, schema_name: str) -> list[Problem]:
        validator = self.validator(schema_name)
        problems: list[Problem] = []
        for error in validator.iter_errors(doc.data):
            problems.extend(self.explain(error, doc, rel, schema_name))
        return without_echoes(problems)

    def explain(
        self, error: ValidationError, doc: Document, rel: str, schema_name: str = ""
    ) -> Iterator[Problem]:
        if (
            isinstance(error.instance, str)
            and unfinished(error.instance)
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
            return Problem.at(rel, doc, where, message, hint, key=key)

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
            yield at(path, *_wrong_type(error, schema))
        elif kind == "propertyNames":
            yield at(
                (*path, str(error.instance)),
                f"'{error.instance}' is not a valid name",
                hint or "use lowercase letters, digits and hyphens",
                key=True,
            )
        else:
            message, better = _message(str(kind), error)
            yield at(path, message, better or hint)

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


def without_echoes(problems: list[Problem]) -> list[Problem]:
    """A misspelt key is one mistake: keep 'unknown key (did you mean X?)', drop 'missing X'."""
    misspelt = set()
    for problem in problems:
        match = re.fullmatch(r"did you mean '(.+)'\?", problem.hint)
        name = re.fullmatch(r"unknown key '(.+)'", problem.message)
        if match and name:
            parent = problem.key[: -len(name[1])].rstrip(".")
            misspelt.add((parent, f"missing required key '{match[1]}'"))
    return [p for p in problems if (p.key, p.message) not in misspelt]


def _wrong_type(error: ValidationError, schema: dict[str, Any]) -> tuple[str, str]:
    """The message and hint for a value of the wrong type (a figure that is no number, too)."""
    expected = cast(Any, error.validator_value)
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    if "nl" in schema.get("properties", {}):
        wanted = "a text in both languages"
    if isinstance(error.instance, float) and not math.isfinite(error.instance):
        value = error.instance
        written = ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
        return (
            f"expected {wanted}, got {written} (not a figure)",
            "write the figure in digits, like 19000",
        )
    got = _TYPE_NAMES[_type_of(error.instance)]
    hint = str(schema.get("x-hint", ""))
    return f"expected {wanted}, got {got}", hint


def _message(kind: str, error: ValidationError) -> tuple[str, str]:
    """The message for the other kinds of schema error, and a better hint where there is one
    (else the schema's own `x-hint`)."""
    value = cast(Any, error.validator_value)
    if kind in ("enum", "const"):
        options = value if kind == "enum" else [value]
        listing = ", ".join(str(o) for o in options)
        suggestion = did_you_mean(str(error.instance), [str(o) for o in options])
        return f"'{error.instance}' is not one of: {listing}", suggestion
    messages = {
        "format": f"'{error.instance}' is not a valid {value}",
        "pattern": f"'{error.instance}' is not valid here",
        "minItems": f"needs at least {value} item{'s' if value != 1 else ''}",
        "minLength": "must not be empty",
        "minProperties": "needs at least one entry",
        "uniqueItems": "lists the same value twice",
    }
    if kind in ("minimum", "maximum"):
        side = "small" if kind == "minimum" else "large"
        return f"{error.instance} is too {side} (the {kind} is {value})", ""
    if kind == "uniqueItems":
        return messages[kind], "remove the repeated value"
    return messages.get(kind, error.message), ""
