"""`lft.source.yamlsource.parse`: plain data with positions, and problems instead of exceptions."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from lft.source.load import Loader
from lft.source.model import Document
from lft.source.schemas import Schemas
from lft.source.yamlsource import MAX_BYTES, MAX_DEPTH, parse


def parsed(text: str) -> Document:
    doc, problems = parse(text, "x.yml")
    assert problems == []
    assert doc is not None
    return doc


def lines(text: str) -> list[str]:
    _, problems = parse(text, "x.yml")
    return [str(p) for p in problems]


def test_values_keep_their_types() -> None:
    doc = parsed("title: {nl: a, en: b}\nyear: 2020\nfigure: 1.5\nok: true\nnone: null\n")
    assert doc.data == {
        "title": {"nl": "a", "en": "b"},
        "year": 2020,
        "figure": 1.5,
        "ok": True,
        "none": None,
    }


def test_key_and_value_positions_are_one_based() -> None:
    doc = parsed("# comment\ntitle:\n  nl: Tekst\nlist:\n  - first\n  - {x: 1}\n")
    assert doc.key_positions[("title",)] == (2, 1)
    assert doc.key_positions[("title", "nl")] == (3, 3)
    assert doc.positions[("title", "nl")] == (3, 7)
    assert doc.positions[("list", 0)] == (5, 5)
    assert doc.positions[("list", 1, "x")] == (6, 9)
    assert doc.positions[()] == (2, 1)


def test_where_falls_back_to_the_parent() -> None:
    doc = parsed("a:\n  b: 1\n")
    assert doc.where(("a", "missing")) == (2, 3)
    assert doc.where(("a", "b"), key=True) == (2, 3)
    assert doc.where(("a", "b")) == (2, 6)
    assert doc.where(("nothing",)) == (1, 1)


def test_dates_stay_the_strings_the_author_wrote() -> None:
    doc = parsed("date: 2021-09-08\nwhen: 2021-09-08T10:00:00\nbad: 2021-02-30\n")
    assert doc.data == {
        "date": "2021-09-08",
        "when": "2021-09-08T10:00:00",
        "bad": "2021-02-30",
    }


def test_empty_file_is_an_empty_mapping() -> None:
    assert parsed("# only a comment\n").data == {}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    doc, problems = parse("# c\ntitle: a\nother: 1\ntitle: b\n", "x.yml")
    assert [str(p) for p in problems] == [
        "x.yml:4:1: title: duplicate key 'title' (first on line 2) "
        "(remove one of them; otherwise one value would be silently lost)"
    ]
    assert problems[0].line == 4
    assert doc is not None
    assert doc.data == {"title": "a", "other": 1}


def test_duplicate_nested_key_has_its_path() -> None:
    assert lines("title:\n  nl: a\n  nl: b\n") == [
        "x.yml:3:3: title.nl: duplicate key 'nl' (first on line 2) "
        "(remove one of them; otherwise one value would be silently lost)"
    ]


def test_alias_is_refused_where_it_is_used() -> None:
    assert lines("a: &x {nl: y}\nb: *x\nc:\n  - *x\n") == [
        "x.yml:2:4: b: anchors and aliases (&name, *name) are not supported "
        "(write the value out in full)",
        "x.yml:4:5: c[0]: anchors and aliases (&name, *name) are not supported "
        "(write the value out in full)",
    ]


def test_refused_alias_keeps_its_position() -> None:
    doc, _ = parse("a: &x 1\nb: *x\n", "x.yml")
    assert doc is not None
    assert doc.data == {"a": 1, "b": None}
    assert doc.where(("b",)) == (2, 4)


def test_undefined_alias_is_refused_too() -> None:
    assert lines("a: *nope\n") == [
        "x.yml:1:4: a: anchors and aliases (&name, *name) are not supported "
        "(write the value out in full)"
    ]


def test_merge_key_is_refused() -> None:
    doc, problems = parse("thing:\n  <<: {x: 1}\n  y: 2\n", "x.yml")
    assert [str(p) for p in problems] == [
        "x.yml:2:3: thing: merge keys (<<) are not supported (write the keys out in full)"
    ]
    assert doc is not None
    assert doc.data == {"thing": {"y": 2}}


def test_complex_key_is_refused() -> None:
    assert lines("? [a, b]\n: 1\n") == ["x.yml:1:3: a key must be a plain name"]


def test_tab_indentation_is_a_syntax_error_with_a_hint() -> None:
    doc, problems = parse("title:\n  nl: a\n\ten: b\n", "x.yml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "x.yml:3:1: YAML syntax error: while scanning for the next token, "
        "found character '\\t' that cannot start any token (indent with spaces, not tabs)"
    ]


def test_unclosed_quote_points_at_the_quote() -> None:
    assert lines("title: 'unclosed\nother: 2\n") == [
        "x.yml:1:8: YAML syntax error: while scanning a quoted scalar, "
        "found unexpected end of stream (the quote that starts here is never closed)"
    ]


def test_colon_in_plain_text_is_a_syntax_error_with_a_hint() -> None:
    assert lines("a: 1\ntitle: a: b\n") == [
        "x.yml:2:9: YAML syntax error: mapping values are not allowed here "
        "(put text that contains ': ' between quotes)"
    ]


def test_line_without_colon_points_at_that_line() -> None:
    assert lines("a: 1\nb\nc: 2\n") == [
        "x.yml:2:1: YAML syntax error: while scanning a simple key, "
        "could not find expected ':' (every line inside an item needs 'key: value')"
    ]


def test_second_document_is_a_syntax_error() -> None:
    doc, problems = parse("a: 1\n---\nb: 2\n", "x.yml")
    assert doc is None
    assert [(p.line, p.col) for p in problems] == [(2, 1)]
    assert problems[0].message.startswith("YAML syntax error: expected a single document")


def test_file_over_the_size_limit_is_refused_without_parsing() -> None:
    doc, problems = parse("a: " + "x" * MAX_BYTES, "big.yml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "big.yml:1:1: file is larger than 1000 kB (split it into smaller items)"
    ]


def test_file_at_the_size_limit_is_parsed() -> None:
    doc, problems = parse("a: " + "x" * (MAX_BYTES - 4) + "\n", "x.yml")
    assert problems == []
    assert doc is not None


def test_non_mapping_top_level_is_parsed_and_refused_by_the_loader(project: Path) -> None:
    doc, problems = parse("- a\n- b\n", "x.yml")
    assert problems == []
    assert doc is not None
    assert doc.data == ["a", "b"]

    path = write(project, "content/glossary.yml", "just some text\n")
    loader = Loader(project, Schemas(project / "schemas"))
    assert loader.document(path) is None
    assert [str(p) for p in loader.problems] == [
        "content/glossary.yml:1:1: the file must hold 'key: value' lines "
        "(start from a skeleton made by 'lft new')"
    ]


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        previous = chr(ord("a") + n - 1)
        name = chr(ord("a") + n)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    doc, problems = parse("\n".join(lines) + "\n", "bomb.yml")  # 9**10 strings if expanded
    assert doc is not None
    assert doc.data["b"] == [None] * 9
    assert problems and all("anchors and aliases" in p.message for p in problems)
    assert str(problems[0]).startswith("bomb.yml:2:")


def test_quote_left_open_is_named_where_it_opens() -> None:
    # The next apostrophe, four lines further, closes the quote; the parser trips only there.
    text = "title:\n  nl: 'Hallo\n  en: Hello\nsummary: x\nnote: y\nd: it's\ne: 4\n"
    assert lines(text) == [
        "x.yml:2:7: YAML syntax error: the quote that opens here is not closed on its line, "
        "so the text runs on to line 6 (close the quote on this line; a text that holds ' goes "
        "between double quotes)"
    ]


def test_text_over_several_lines_in_quotes_is_still_allowed() -> None:
    assert parsed('a: "one\n  two"\nb: 2\n').data == {"a": "one two", "b": 2}


def test_nul_byte_is_reported_at_its_place() -> None:
    assert lines("a: 1\nbb: x\x00y\n") == [
        "x.yml:2:6: the file holds a control character (#x0000) (remove it: it is invisible in "
        "most editors; retyping the line removes it)"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a:\n" + "".join(" " * n + "b:\n" for n in range(1, 600)), "x.yml:21:21"),
        ("a: " + "[" * 700 + "]" * 700 + "\n", "x.yml:1:23"),
        ("a: " + "{b: " * 5000 + "\n", "x.yml:1:80"),
        ("- " * 3000 + "x\n", "x.yml:1:41"),
    ],
)
def test_deep_nesting_is_refused_at_the_level_too_far(text: str, where: str) -> None:
    assert lines(text) == [
        f"{where}: the YAML is nested more than {MAX_DEPTH} levels deep here (no content needs "
        "that many lists and groups inside each other; check the indentation and the brackets)"
    ]


def test_nesting_up_to_the_limit_is_parsed() -> None:
    value: list[object] = []
    for _ in range(MAX_DEPTH - 2):
        value = [value]
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parsed(text).data == {"a": value}
