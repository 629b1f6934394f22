"""Open data: the exports validate against their published schema, the DCAT description parses
and says what a portal needs, and the data hold exactly what the site shows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO, draft_and_embargo
from lft.build import build_site
from lft.check.project import check_project
from lft.check.publisher import load_publisher
from lft.render import opendata
from lft.source import kinds

BASE = "https://lft.example.org/"


def real_files() -> dict[str, bytes]:
    checked = check_project(REPO)
    assert not checked.errors
    return opendata.data_files(checked.site_content, load_publisher(REPO)[0], BASE)


def validate(document: Any, schema: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_json_export_validates_against_its_published_schema() -> None:
    files = real_files()
    schema = json.loads(files["data/lft.schema.json"])
    Draft202012Validator.check_schema(schema)
    document = json.loads(files["data/lft.json"])
    assert validate(document, schema) == []
    assert document["$schema"] == BASE + "data/lft.schema.json"
    assert {i["id"] for i in document["interventions"]} >= {"bibob-vastgoedtransacties"}
    bibob = next(i for i in document["interventions"] if i["id"] == "bibob-vastgoedtransacties")
    assert bibob["url"] == {
        "nl": BASE + "interventions/bibob-vastgoedtransacties/",
        "en": BASE + "en/interventions/bibob-vastgoedtransacties/",
    }
    assert bibob["partner_sectors"] == ["public"]


def test_the_schema_refuses_what_the_content_cannot_have() -> None:
    files = real_files()
    schema = json.loads(files["data/lft.schema.json"])
    document = json.loads(files["data/lft.json"])
    document["interventions"][0]["effect"] = "miracle"
    document["phenomena"][0]["surprise"] = 1
    del document["news"][0]["url"]
    assert sorted(validate(document, schema)) == [
        "['interventions', 0, 'effect']: 'miracle' is not one of "
        + str(list(get_args(kinds.InterventionEffect))),
        "['news', 0]: 'url' is a required property",
        "['phenomena', 0]: Additional properties are not allowed ('surprise' was unexpected)",
    ]


def test_every_csv_has_its_header_and_one_row_per_item() -> None:
    files = real_files()
    document = json.loads(files["data/lft.json"])
    for name, columns in opendata.COLUMNS.items():
        text = files[f"data/{name}"].decode("utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        assert tuple(rows[0]) == columns
        collection = name.removesuffix(".csv")
        assert [r[0] for r in rows[1:]] == [i["id"] for i in document[collection]]
        assert all(len(r) == len(columns) for r in rows)
    rows = list(csv.DictReader(io.StringIO(files["data/interventions.csv"].decode("utf-8"))))
    bibob = next(r for r in rows if r["id"] == "bibob-vastgoedtransacties")
    assert bibob["instrument_types"] == "administrative; preventive"
    assert bibob["url_en"] == BASE + "en/interventions/bibob-vastgoedtransacties/"


def test_a_cell_a_spreadsheet_would_run_is_defused() -> None:
    assert opendata._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert opendata._cell(["a", "@b"]) == "a; @b"
    assert opendata._cell("Bibob-toets") == "Bibob-toets"


def test_the_dcat_description_parses_and_names_what_a_portal_harvests() -> None:
    files = real_files()
    catalog = json.loads(files["data/catalog.jsonld"])
    context = catalog["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/"
    assert catalog["@type"] == "dcat:Catalog"
    (dataset,) = catalog["dcat:dataset"]
    assert dataset["@type"] == "dcat:Dataset"
    for key in ("dct:title", "dct:description"):
        assert {v["@language"] for v in dataset[key]} == {"nl", "en"}
        assert all(v["@value"] for v in dataset[key])
    assert dataset["dct:publisher"]["foaf:name"]
    # a theme from the EU data theme vocabulary, which portals harvest to file the data set
    assert dataset["dcat:theme"] == [
        {"@id": "http://publications.europa.eu/resource/authority/data-theme/JUST"}
    ]
    assert dataset["dct:license"]["@id"] == load_publisher(REPO)[0].value("licence.data.url")
    document = json.loads(files["data/lft.json"])
    assert dataset["dct:modified"] == {"@value": document["modified"], "@type": "xsd:date"}
    types = {d["dct:title"]: d["dcat:mediaType"]["@id"] for d in dataset["dcat:distribution"]}
    assert types == {
        "lft.json": "https://www.iana.org/assignments/media-types/application/json",
        "lft.schema.json": "https://www.iana.org/assignments/media-types/application/schema+json",
        "interventions.csv": "https://www.iana.org/assignments/media-types/text/csv",
        "phenomena.csv": "https://www.iana.org/assignments/media-types/text/csv",
        "glossary.csv": "https://www.iana.org/assignments/media-types/text/csv",
    }
    for d in dataset["dcat:distribution"]:
        assert d["dcat:downloadURL"]["@id"] == BASE + "data/" + d["dct:title"]
        assert f"data/{d['dct:title']}" in files
    # every prefixed key is one the context defines
    used = {k.split(":")[0] for k in json.dumps(catalog).split('"') if ":" in k and " " not in k}
    assert used - {"http", "https", "mailto"} <= set(context)


def test_the_data_are_dated_by_the_content_never_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = real_files()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030
    monkeypatch.setattr("lft.clock.wall_today", lambda: dt.date(2030, 1, 1))
    assert real_files() == first
    document = json.loads(first["data/lft.json"])
    reviewed = [p["last_reviewed"] for p in document["phenomena"] + document["interventions"]]
    assert document["modified"] == max(reviewed + [n["date"] for n in document["news"]])


def test_the_built_data_hold_what_the_site_shows_and_nothing_else(
    project: Path, tmp_path: Path
) -> None:
    draft_and_embargo(project)
    site = tmp_path / "built"
    build_site(project, site)
    document = json.loads((site / "data" / "lft.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "lft.schema.json").read_text(encoding="utf-8"))
    assert validate(document, schema) == []
    facets = {"phenomenon", "step", "instrument", "sector", "evidence"}
    shown = {
        "interventions": {
            p.parent.name
            for p in (site / "interventions").glob("*/index.html")
            if p.parent.name not in facets
        },
        "phenomena": {p.parent.name for p in (site / "phenomena").glob("*/index.html")},
        "charters": {
            p.parent.parent.name for p in (site / "phenomena").glob("*/charter/index.html")
        },
        "news": {p.parent.name for p in (site / "news").glob("*/index.html")},
    }
    for collection, slugs in shown.items():
        assert {i["id"] for i in document[collection]} == slugs, collection
        for record in document[collection]:
            for url in record["url"].values():
                path = url.removeprefix(opendata_base(document))
                assert (site / path / "index.html").is_file(), url
    assert "voorbeeld-screening" not in shown["interventions"]
    assert document["news"] == []
    for name in [*opendata.COLUMNS, "catalog.jsonld"]:
        text = (site / "data" / name).read_text(encoding="utf-8")
        assert "voorbeeld-screening" not in text and "2021-09-08-start" not in text
    for lang in ("", "en/"):
        page = (site / lang / "data" / "index.html").read_text(encoding="utf-8")
        links = {
            (site / lang / "data" / href).resolve()
            for href in re.findall(r'href="([^"#:]+)"', page)
        }
        for name in [*opendata.COLUMNS, "lft.json", "lft.schema.json", "catalog.jsonld"]:
            assert (site / "data" / name).resolve() in links, (lang, name)


def opendata_base(document: dict[str, Any]) -> str:
    """The site's address the data were written for (the schema lies in its data/ folder)."""
    return str(document["$schema"]).removesuffix("data/lft.schema.json")


def test_the_data_page_explains_every_file_list_and_column_in_both_languages() -> None:
    from lft.source.labels import labels

    keys = [f"file_{d.name}" for d in opendata.DISTRIBUTIONS] + [f"file_{opendata.CATALOG}"]
    keys += [f"collection_{name}" for name in opendata.COLLECTIONS]
    keys += [f"column_{c}" for columns in opendata.COLUMNS.values() for c in columns]
    missing = [k for k in keys if not all(labels().get(k, {}).get(lang) for lang in ("nl", "en"))]
    assert missing == []
    pages = {p.lang: p.markdown for p in opendata.data_pages(load_publisher(REPO)[0])}
    for lang, markdown in pages.items():
        for key in keys:
            assert labels()[key][lang] in markdown
