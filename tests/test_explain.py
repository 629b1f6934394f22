"""Glossary terms explained in place: first use in running text only, once per page, in the
page's language, never in headings, lists, links, code or quotations."""

from __future__ import annotations

from typing import cast

import markdown

from lft.render.explain import Terms, explain
from lft.source import kinds

TERMS = cast(
    kinds.Glossary,
    {
        "wet-bibob": {
            "term": {"nl": "Wet Bibob", "en": "Bibob Act"},
            "definition": {"nl": "Een wet.", "en": "An act."},
        },
        "riec": {
            "term": {"nl": "RIEC (Regionaal centrum)", "en": "RIEC (Regional centre)"},
            "abbreviation": "RIEC",
            "definition": {"nl": "Een centrum.", "en": "A centre."},
        },
    },
)


def run(text: str, lang: kinds.Language = "nl", seen: set[str] | None = None) -> str:
    return explain(
        text,
        Terms(TERMS, lang),
        set() if seen is None else seen,
        "../glossary.md",
        ("Begrip", "Meer"),
    )


def test_the_first_use_in_running_text_is_explained_after_its_paragraph() -> None:
    text = "De wet bibob helpt.\nOok daarna.\n\nNog eens de Wet Bibob."
    out = run(text)
    assert out.count("<details") == 1
    assert out.index("Ook daarna.") < out.index("<details") < out.index("Nog eens")
    assert "[Meer](../glossary.md#wet-bibob)" in out
    html = markdown.markdown(out, extensions=["md_in_html"])
    assert '<details class="lft-term">\n<summary>Begrip: Wet Bibob</summary>' in html
    assert "<p>Een wet. <a href" in html


def test_headings_lists_links_code_and_quotations_are_left_alone() -> None:
    text = "\n\n".join(
        [
            "## De Wet Bibob",
            "- de Wet Bibob in een lijst",
            "> de Wet Bibob geciteerd",
            "Zie [de Wet Bibob](https://example.org), `Wet Bibob` en “de Wet Bibob”.",
            "```\nWet Bibob\n\nWet Bibob\n```",
            "| Wet Bibob |\n|---|",
        ]
    )
    assert run(text) == text


def test_abbreviations_count_as_written_and_each_term_once_per_page() -> None:
    seen: set[str] = set()
    assert "<details" not in run("Een riec-medewerker en een riec.", seen=seen)
    first = run("Het RIEC adviseert.", seen=seen)
    assert "<summary>Begrip: RIEC (Regionaal centrum)</summary>" in first
    assert seen == {"riec"}
    assert "<details" not in run("Het RIEC opnieuw.", seen=seen)  # a later section


def test_the_explanation_is_in_the_page_language() -> None:
    out = run("The Bibob Act applies.", lang="en")
    assert "<summary>Begrip: Bibob Act</summary>" in out and "An act." in out
    assert "<details" not in run("The Bibob Act applies.")  # no Dutch term in it


def test_a_paragraph_is_searched_only_for_the_terms_whose_first_word_it_holds() -> None:
    # Each paragraph of every page was once searched for every term of the glossary: at 3,000
    # items, 12.6 million searches and half the time of rendering the pages.
    glossary = cast(
        kinds.Glossary,
        {
            **{
                f"begrip-{n}": {
                    "term": {"nl": f"Begrip{n} van de wet", "en": f"Term{n}"},
                    "definition": {"nl": "Uitleg.", "en": "Explained."},
                }
                for n in range(1000)
            },
            "den-bosch": {
                "term": {"nl": "'s-Hertogenbosch", "en": "'s-Hertogenbosch"},
                "definition": {"nl": "Een stad.", "en": "A city."},
            },
        },
    )
    terms = Terms(glossary, "nl")
    paragraph = "Hier staat BEGRIP7 van de wet, en niet begrip70."
    found = {terms.named[i][0] for i in terms.candidates(paragraph, paragraph.casefold())}
    assert found == {"begrip-7", "begrip-70", "den-bosch"}  # a name not starting with a word
    out = explain(paragraph, terms, set(), "../glossary.md", ("Begrip", "Meer"))
    assert out.count("<details") == 1
    assert "(../glossary.md#begrip-7)" in out
