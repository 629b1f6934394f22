"""Open data: what the site publishes, for re-use, in `/data/`.

`lft.json` holds every published phenomenon, intervention, charter, news item, glossary term and
organisation in both languages, with stable ids (their slugs) and the addresses of their pages;
`lft.schema.json` describes it; `interventions.csv`, `phenomena.csv` and `glossary.csv` give one
row per item; `catalog.jsonld` describes the data set in DCAT (DCAT-AP-DONL) for a national data
portal. All of it is written from the content the site shows (never a draft or an embargoed
item), dated by the content (never the build clock), and staged with the pages, so the engine
copies it like any other file and two builds give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, get_args

from lft.check.publisher import Publisher
from lft.render.pages import Language, Page, environment
from lft.source import catalogue, kinds
from lft.source.addresses import DATA_PAGE, localized_uri
from lft.source.labels import labels
from lft.source.model import LANGUAGES, Content, Item, language_root

FOLDER = "data"
"""Where the files are, below the site's root."""
THEME = "http://publications.europa.eu/resource/authority/data-theme/JUST"
"""The data set's theme in the EU data theme vocabulary (the one DCAT-AP asks for): 'Justice,
legal system and public safety', where undermining crime and its administrative approach sit."""


@dataclass(frozen=True)
class Distribution:
    """One file of the data set: its name and media type."""

    name: str
    media_type: str


DISTRIBUTIONS = (
    Distribution("lft.json", "application/json"),
    Distribution("lft.schema.json", "application/schema+json"),
    Distribution("interventions.csv", "text/csv"),
    Distribution("phenomena.csv", "text/csv"),
    Distribution("glossary.csv", "text/csv"),
)
CATALOG = "catalog.jsonld"
COLUMNS: dict[str, tuple[str, ...]] = {
    "interventions.csv": (
        "id",
        "title_nl",
        "title_en",
        "summary_nl",
        "summary_en",
        "phenomena",
        "steps",
        "instrument_types",
        "partner_sectors",
        "partners",
        "evidence_level",
        "effect",
        "last_reviewed",
        "review_due",
        "url_nl",
        "url_en",
    ),
    "phenomena.csv": (
        "id",
        "title_nl",
        "title_en",
        "summary_nl",
        "summary_en",
        "steps",
        "table_status",
        "interventions",
        "last_reviewed",
        "review_due",
        "url_nl",
        "url_en",
    ),
    "glossary.csv": (
        "id",
        "term_nl",
        "term_en",
        "abbreviation",
        "definition_nl",
        "definition_en",
        "url_nl",
        "url_en",
    ),
}
"""The columns of each CSV file, in order; the data page explains each (labels `column_…`)."""
COLLECTIONS = ("phenomena", "interventions", "charters", "news", "glossary", "organisations")
"""The lists of `lft.json`, in order; the data page explains each (labels `collection_…`)."""
LIST_SEPARATOR = "; "
"""Between the values of a list in one CSV cell."""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""A cell a spreadsheet would run as a formula starts with one of these (CSV injection)."""


ENUMS: dict[tuple[str, str], Any] = {
    ("intervention", "instrument_types"): kinds.InterventionInstrumentType,
    ("intervention", "partner_sectors"): kinds.OrganisationSector,
    ("intervention", "evidence_level"): kinds.InterventionEvidenceLevel,
    ("intervention", "effect"): kinds.InterventionEffect,
    ("charter", "status"): kinds.CharterStatus,
    ("news", "type"): kinds.NewsItemType,
    ("organisation", "sector"): kinds.OrganisationSector,
}
"""The fields of `lft.json` whose values come from a fixed list of the content schemas."""


def schema() -> dict[str, Any]:
    """The JSON Schema of `lft.json`: `opendata.schema.json` with the fixed lists of values
    the content schemas allow (one definition of each)."""
    text = (
        resources.files("lft.render").joinpath("opendata.schema.json").read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    for (record, field), values in ENUMS.items():
        properties = data["$defs"][record]["properties"]
        target = properties[field]
        target = target.get("items", target)
        target["enum"] = list(get_args(values))
    return data


def _url(base: str, address: str, lang: str) -> str:
    return f"{base}{language_root(lang)}{address}"


def _urls(base: str, address: str) -> dict[str, str]:
    return {lang: _url(base, address, lang) for lang in LANGUAGES}


def _text(value: Any) -> dict[str, str]:
    """A bilingual text as published: the languages it has (an untranslated one has no `en`)."""
    if not isinstance(value, dict):
        return {}
    return {lang: value[lang] for lang in LANGUAGES if isinstance(value.get(lang), str)}


def _sources(item: Item) -> list[dict[str, Any]]:
    keys = ("title", "url", "publisher", "year", "lang")
    return [{k: s[k] for k in keys if k in s} for s in item.data.get("sources") or []]


def modified(content: Content) -> str:
    """The day the data last changed, by the content: the latest review or news date."""
    days = [
        str(item.data[key])
        for item in content.items()
        for key in ("last_reviewed", "date")
        if item.data.get(key)
    ]
    return max(days, default="")


class Dataset:
    """The published content as records, with the site's address `base` (ending in `/`)."""

    def __init__(self, content: Content, base: str) -> None:
        self.content = content
        self.base = base
        self.terms = content.glossary.glossary() if content.glossary else {}
        self.registry = content.organisations.organisations() if content.organisations else {}
        self.serving = {
            value.value: [item.slug for item in value.items]
            for value in catalogue.facet_values(content)
            if value.facet == "step"
        }
        """The interventions of each step (`phenomenon/step`), by title: one look-up a step."""

    def phenomena(self) -> Iterator[dict[str, Any]]:
        for slug, item in sorted(self.content.phenomena.items()):
            data = item.phenomenon()
            charter = self.content.charters.get(slug)
            yield {
                "id": slug,
                "url": _urls(self.base, item.address),
                "title": _text(data["title"]),
                "summary": _text(data["summary"]),
                "process_steps": [
                    {
                        "id": step["id"],
                        "title": _text(step["title"]),
                        "barriers": [_text(b) for b in step.get("barriers") or []],
                        "interventions": self.serving.get(f"{slug}/{step['id']}", []),
                    }
                    for step in data.get("process_steps") or []
                ],
                "charter": slug if charter else None,
                "last_reviewed": data["last_reviewed"],
                "review_due": data["review_due"],
                "sources": _sources(item),
            }

    def interventions(self) -> Iterator[dict[str, Any]]:
        for item in sorted(self.content.interventions.values(), key=lambda i: i.slug):
            data = item.intervention()
            yield {
                "id": item.slug,
                "url": _urls(self.base, item.address),
                "title": _text(data["title"]),
                "summary": _text(data["summary"]),
                "phenomena": [
                    {"phenomenon": s["phenomenon"], "steps": list(s["steps"])}
                    for s in data["phenomena"]
                ],
                "instrument_types": list(data["instrument_types"]),
                "partner_sectors": catalogue.sectors(item, self.content),
                "partners": [
                    {"organisation": p["organisation"], "role": _text(p["role"])}
                    for p in data["partners"]
                ],
                "evidence_level": data["evidence_level"],
                "effect": data["effect"],
                "legal_basis": [
                    {"name": _text(law["name"]), "url": law["url"]}
                    for law in data.get("legal_basis") or []
                ],
                "last_reviewed": data["last_reviewed"],
                "review_due": data["review_due"],
                "sources": _sources(item),
            }

    def charters(self) -> Iterator[dict[str, Any]]:
        for slug, item in sorted(self.content.charters.items()):
            data = item.charter()
            record: dict[str, Any] = {
                "id": slug,
                "url": _urls(self.base, item.address),
                "name": _text(data["name"]),
                "phenomenon": slug if slug in self.content.phenomena else None,
            }
            # An announced table may not have these yet; a release leaves out a field that
            # waits for a confirmation (`lft.check.unconfirmed_fields`).
            for key in ("status", "coordinator", "start_date", "end_date"):
                if key in data:
                    record[key] = data[key]
            record["review_date"] = data["review_date"]
            yield record

    def news(self) -> Iterator[dict[str, Any]]:
        for slug, item in sorted(self.content.news.items()):
            data = item.news()
            yield {
                "id": slug,
                "url": _urls(self.base, item.address),
                "title": _text(data["title"]),
                "summary": _text(data["summary"]),
                "date": data["date"],
                "type": data["type"],
                "phenomena": [
                    p for p in data.get("phenomena") or [] if p in self.content.phenomena
                ],
            }

    def glossary(self) -> Iterator[dict[str, Any]]:
        for slug, term in sorted(self.terms.items()):
            record: dict[str, Any] = {
                "id": slug,
                "url": _urls(self.base, f"glossary/#{slug}"),
                "term": _text(term["term"]),
                "definition": _text(term["definition"]),
            }
            if "abbreviation" in term:
                record["abbreviation"] = term["abbreviation"]
            yield record

    def organisations(self) -> Iterator[dict[str, Any]]:
        for slug, entry in sorted(self.registry.items()):
            record: dict[str, Any] = {
                "id": slug,
                "url": _urls(self.base, f"organisations/#{slug}"),
                "name": _text(entry["name"]),
                "sector": entry["sector"],
                "website": entry["website"],
            }
            if "abbreviation" in entry:
                record["abbreviation"] = entry["abbreviation"]
            yield record

    def document(self) -> dict[str, Any]:
        """`lft.json`."""
        site = labels()["site_name"]
        return {
            "$schema": f"{self.base}{FOLDER}/lft.schema.json",
            "title": {lang: site[lang] for lang in LANGUAGES},
            "modified": modified(self.content),
            **{name: list(getattr(self, name)()) for name in COLLECTIONS},
        }


def _cell(value: Any) -> str:
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA) else text


def _csv(columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8")


def _flat(record: dict[str, Any], *texts: str) -> dict[str, Any]:
    """A record with its bilingual texts and addresses as `<name>_<lang>` columns."""
    row = dict(record)
    for name in (*texts, "url"):
        for lang in LANGUAGES:
            row[f"{name}_{lang}"] = record.get(name, {}).get(lang, "")
    return row


def _rows(dataset: Dataset, name: str) -> Iterator[dict[str, Any]]:
    if name == "interventions.csv":
        for r in dataset.interventions():
            row = _flat(r, "title", "summary")
            row["phenomena"] = [p["phenomenon"] for p in r["phenomena"]]
            row["steps"] = [f"{p['phenomenon']}/{s}" for p in r["phenomena"] for s in p["steps"]]
            row["partners"] = [p["organisation"] for p in r["partners"]]
            yield row
    elif name == "phenomena.csv":
        charters = {c["id"]: c.get("status", "") for c in dataset.charters()}
        for r in dataset.phenomena():
            row = _flat(r, "title", "summary")
            row["steps"] = [s["id"] for s in r["process_steps"]]
            row["table_status"] = charters.get(r["charter"] or "", "")
            steps = r["process_steps"]
            row["interventions"] = sorted({i for s in steps for i in s["interventions"]})
            yield row
    else:
        yield from (_flat(r, "term", "definition") for r in dataset.glossary())


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _lang_values(text: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"@value": value, "@language": lang} for lang, value in text.items()]


def publisher_names(publisher: Publisher) -> dict[str, str]:
    """The publisher's name per language, or plainly that it is still to be confirmed."""
    return {
        lang: publisher.value(f"organisation.name.{lang}")
        if publisher.known(f"organisation.name.{lang}")
        else labels()["data_publisher_unconfirmed"][lang]
        for lang in LANGUAGES
    }


def _distribution(file: Distribution, folder: str, licence: dict[str, str]) -> dict[str, Any]:
    """One file of the data set, as DCAT describes a distribution."""
    return {
        "@id": f"{folder}{file.name}",
        "@type": "dcat:Distribution",
        "dct:title": file.name,
        "dcat:accessURL": {"@id": f"{folder}{file.name}"},
        "dcat:downloadURL": {"@id": f"{folder}{file.name}"},
        "dcat:mediaType": {
            "@id": f"https://www.iana.org/assignments/media-types/{file.media_type}"
        },
        "dct:format": file.media_type,
        "dct:license": licence,
    }


def catalog(content: Content, publisher: Publisher, base: str) -> dict[str, Any]:
    """The DCAT description of the data set (DCAT-AP-DONL), as JSON-LD."""
    names = labels()
    day = modified(content)
    licence = {"@id": publisher.value("licence.data.url")}
    name = publisher_names(publisher)
    agent: dict[str, Any] = {"@type": "foaf:Agent", "foaf:name": _lang_values(name)}
    folder = f"{base}{FOLDER}/"
    dataset: dict[str, Any] = {
        "@id": f"{folder}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{folder}#dataset",
        "dct:title": _lang_values(names["data_title"]),
        "dct:description": _lang_values(names["data_description"]),
        "dct:publisher": agent,
        "dct:license": licence,
        "dct:language": [
            {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
            {"@id": "http://publications.europa.eu/resource/authority/language/ENG"},
        ],
        "dcat:theme": [{"@id": THEME}],
        "dcat:landingPage": {"@id": folder},
        "dcat:distribution": [_distribution(d, folder, licence) for d in DISTRIBUTIONS],
    }
    if day:
        dataset["dct:modified"] = {"@value": day, "@type": "xsd:date"}
    if publisher.known("mailbox"):
        dataset["dcat:contactPoint"] = {
            "@type": "vcard:Organization",
            "vcard:fn": _lang_values(name),
            "vcard:hasEmail": {"@id": f"mailto:{publisher.value('mailbox')}"},
        }
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{folder}{CATALOG}",
        "@type": "dcat:Catalog",
        "dct:title": _lang_values(names["data_title"]),
        "dct:description": _lang_values(names["data_description"]),
        "dct:publisher": agent,
        "dct:license": licence,
        "dcat:dataset": [dataset],
    }


def data_files(content: Content, publisher: Publisher, base: str) -> dict[str, bytes]:
    """Every file of `/data/`, by its path in the site; `base` is the site's address."""
    base = base.rstrip("/") + "/"
    dataset = Dataset(content, base)
    files = {
        f"{FOLDER}/lft.json": _json(dataset.document()),
        f"{FOLDER}/lft.schema.json": _json(schema()),
        f"{FOLDER}/{CATALOG}": _json(catalog(content, publisher, base)),
    }
    for name, columns in COLUMNS.items():
        files[f"{FOLDER}/{name}"] = _csv(columns, _rows(dataset, name))
    return files


def data_pages(publisher: Publisher) -> list[Page]:
    """The data page in every language: each file, each list and column, and the licence."""
    return [
        Page(
            localized_uri(DATA_PAGE, lang),
            environment()
            .get_template("data.md.j2")
            .render(
                L=Language(lang, DATA_PAGE, False),
                publisher=publisher,
                files=[d.name for d in DISTRIBUTIONS] + [CATALOG],
                collections=COLLECTIONS,
                columns=COLUMNS,
            ),
            lang,
            None,
        )
        for lang in LANGUAGES
    ]
