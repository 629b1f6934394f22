"""The intervention catalogue's facets: which interventions share a phenomenon, a barrier-model
step, an instrument type, a partner sector or an evidence level.

One definition for every reader of it: the catalogue page and one plain page per facet value
(`render`), the filters on the catalogue (they read the same links), and the open data
(`opendata`). Read defensively, so that the pages of any content, valid or not, can be planned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

from lft.source import kinds
from lft.source.model import DEFAULT_LANGUAGE, SLUG, Content, Item

FACETS = ("phenomenon", "step", "instrument", "sector", "evidence")
"""The facets, in the order the catalogue shows them; each names a folder under interventions/."""
ORDER: dict[str, tuple[str, ...]] = {
    "instrument": get_args(kinds.InterventionInstrumentType),
    "sector": get_args(kinds.OrganisationSector),
    "evidence": get_args(kinds.InterventionEvidenceLevel),
}
"""The order of a facet whose values are a fixed list: the schema's (the evidence ladder)."""


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and the interventions that have it, by title."""

    facet: str
    value: str
    """`vastgoedketen`, `vastgoedketen/verwerving` (a step is named within its phenomenon)…"""
    items: tuple[Item, ...]

    @property
    def uri(self) -> str:
        """The unsuffixed source of its page, like `interventions/step/vastgoedketen/x.md`."""
        return f"interventions/{self.facet}/{self.value}.md"


def _slugs(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, str) and SLUG.match(v)]


def _serves(item: Item) -> Iterator[tuple[str, list[str]]]:
    for serves in item.data.get("phenomena") or []:
        slug = serves.get("phenomenon") if isinstance(serves, dict) else None
        if isinstance(slug, str) and SLUG.match(slug):
            yield slug, _slugs(serves.get("steps"))


def sectors(item: Item, content: Content) -> list[str]:
    """The sectors of an intervention's partners, in the schema's order."""
    registry = content.organisations.entries if content.organisations else {}
    found = set()
    for partner in item.data.get("partners") or []:
        if isinstance(partner, dict):
            entry = registry.get(partner.get("organisation"))  # type: ignore[arg-type]
            if isinstance(entry, dict) and isinstance(entry.get("sector"), str):
                found.add(entry["sector"])
    return [s for s in ORDER["sector"] if s in found]


def values(content: Content) -> dict[str, dict[str, list[str]]]:
    """Every facet value of each intervention, by facet, by the intervention's source;
    phenomena and steps only as far as the site shows them (a phenomenon left off the site is
    no facet)."""
    steps = _step_order(content)
    return {item.source: _values(item, content, steps) for item in content.interventions.values()}


def _values(
    item: Item, content: Content, steps: dict[str, tuple[str, int]]
) -> dict[str, list[str]]:
    data = item.data
    return {
        "phenomenon": [p for p, _ in _serves(item) if p in content.phenomena],
        "step": [f"{p}/{s}" for p, ids in _serves(item) for s in ids if f"{p}/{s}" in steps],
        "instrument": [t for t in _slugs(data.get("instrument_types")) if t in ORDER["instrument"]],
        "sector": sectors(item, content),
        "evidence": [e for e in _slugs([data.get("evidence_level")]) if e in ORDER["evidence"]],
    }


def _title(item: Item) -> str:
    title = item.data.get("title")
    text = title.get(DEFAULT_LANGUAGE) if isinstance(title, dict) else None
    return text.casefold() if isinstance(text, str) else item.slug


def interventions(content: Content) -> list[Item]:
    """The interventions by their Dutch title (one order in both languages)."""
    return sorted(content.interventions.values(), key=lambda i: (_title(i), i.slug))


def _step_order(content: Content) -> dict[str, tuple[str, int]]:
    order: dict[str, tuple[str, int]] = {}
    for slug, phenomenon in content.phenomena.items():
        steps = phenomenon.data.get("process_steps") or []
        for index, step in enumerate(steps if isinstance(steps, list) else []):
            if isinstance(step, dict) and isinstance(step.get("id"), str):
                order[f"{slug}/{step['id']}"] = (_title(phenomenon), index)
    return order


def facet_values(content: Content) -> list[FacetValue]:
    """Every facet value some intervention has, facet by facet, each in its reading order:
    phenomena by title, steps in the order of their phenomenon's process, fixed lists in the
    schema's order."""
    found: dict[tuple[str, str], list[Item]] = {}
    steps = _step_order(content)
    for item in interventions(content):
        for facet, vals in _values(item, content, steps).items():
            for value in dict.fromkeys(vals):
                found.setdefault((facet, value), []).append(item)
    phenomena = {slug: _title(p) for slug, p in content.phenomena.items()}

    def key(entry: tuple[str, str]) -> tuple[Any, ...]:
        facet, value = entry
        rank: tuple[Any, ...]
        if facet in ORDER:
            rank = (ORDER[facet].index(value),)
        elif facet == "step":
            rank = steps[value]
        else:
            rank = (phenomena.get(value, value),)
        return (FACETS.index(facet), *rank, value)

    return [FacetValue(f, v, tuple(found[(f, v)])) for f, v in sorted(found, key=key)]
