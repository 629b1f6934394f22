"""`lft.check.project.check_project` on broken copies of the fixture: one exact line per problem."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXTURE, replace, write
from lft.check import schemacheck
from lft.check.project import check_project
from lft.render.prepare import prepare
from lft.source.model import Document
from test_publishing import PUBLISHER

PHENOMENON = "content/phenomena/voorbeeld/phenomenon.yml"
PHENOMENON_EN = "content/phenomena/voorbeeld/phenomenon.en.md"
CHARTER = "content/phenomena/voorbeeld/charter.yml"
SCREENING = "content/interventions/voorbeeld-screening/intervention.yml"
SCREENING_EN = "content/interventions/voorbeeld-screening/intervention.en.md"
AWAITING = "content/interventions/nog-te-vertalen/intervention.yml"
NEWS = "content/news/2021-09-08-start/news.yml"
ORGANISATIONS = "content/organisations.yml"
GLOSSARY = "content/glossary.yml"
SUMMARY = (
    "summary: {nl: Een kort feitenblad om de templates te testen., "
    "en: A short fact sheet to test the templates.}\n"
)


def problems(root: Path) -> list[str]:
    return [str(p) for p in check_project(root).problems]


def test_fixture_checked_in_the_future_has_only_review_warnings() -> None:
    # Every review date of the fixture has passed by then; nothing else changes.
    checked = check_project(FIXTURE, today=dt.date(2030, 6, 1))
    assert checked.errors == []
    assert [(p.path.rsplit("/", 1)[1], p.key, p.rule) for p in checked.problems] == [
        ("intervention.yml", "review_due", "review-due"),
        ("intervention.yml", "review_due", "review-due"),
        ("charter.yml", "review_date", "review-due"),
        ("phenomenon.yml", "review_due", "review-due"),
    ]


def test_fixture_is_clean() -> None:
    checked = check_project(FIXTURE)
    assert checked.problems == []
    assert len(checked.content.items()) == 5


# --- schema: keys, types, values ---------------------------------------------------------


def test_unknown_key_with_did_you_mean(project: Path) -> None:
    # One mistake, one line: the misspelt required key is not also reported as missing.
    replace(project, PHENOMENON, "\ntitle:", "\ntittle:")
    assert problems(project) == [
        f"{PHENOMENON}:2:1: tittle: unknown key 'tittle' (did you mean 'title'?)",
    ]


def test_unknown_nested_key_with_did_you_mean(project: Path) -> None:
    replace(project, PHENOMENON, "    actors:", "    actor:")
    assert problems(project) == [
        f"{PHENOMENON}:7:5: process_steps[0].actor: unknown key 'actor' (did you mean 'actors'?)",
    ]


def test_unknown_key_without_close_match_lists_the_allowed_keys(project: Path) -> None:
    replace(project, ORGANISATIONS, "  abbreviation: NVM\n", "  abbreviation: NVM\n  zip: 1234\n")
    assert problems(project) == [
        f"{ORGANISATIONS}:10:3: nvm.zip: unknown key 'zip' "
        "(allowed here: abbreviation, name, sector, website)",
    ]


def test_missing_required_key_has_the_hint_of_the_schema(project: Path) -> None:
    replace(project, PHENOMENON, SUMMARY, "")
    assert problems(project) == [
        f"{PHENOMENON}:2:1: missing required key 'summary' "
        "(one or two sentences for overview pages and search results)",
    ]


def test_missing_required_key_has_the_hint_of_the_shape_it_refers_to(project: Path) -> None:
    replace(project, SCREENING, "last_reviewed: 2026-11-29\n", "")
    assert problems(project) == [
        f"{SCREENING}:2:1: missing required key 'last_reviewed' "
        "(write a date as YYYY-MM-DD, like 2021-09-08)",
    ]


def test_an_item_without_contact_is_answered_by_the_publishers_mailbox(project: Path) -> None:
    assert "contact:" not in (project / SCREENING).read_text(encoding="utf-8")
    assert problems(project) == []
    write(project, "publisher.yml", PUBLISHER)
    pages = prepare(project, project / "build" / "pages").pages
    page = next(p for p in pages if p.src_uri == "interventions/voorbeeld-screening.md")
    assert "- Contact: <redactie@test-publisher.nl>" in page.markdown


def test_missing_required_nested_key(project: Path) -> None:
    replace(project, ORGANISATIONS, "  website: https://www.nvm.nl\n", "")
    assert problems(project) == [
        f"{ORGANISATIONS}:7:1: nvm: missing required key 'website' "
        "(give the full address, starting with https://)",
    ]


def test_plain_string_where_bilingual_text_is_expected(project: Path) -> None:
    replace(
        project,
        PHENOMENON,
        "title: {nl: Voorbeeldfenomeen, en: Example phenomenon}",
        "title: Voorbeeldfenomeen",
    )
    assert problems(project) == [
        f"{PHENOMENON}:2:8: title: expected a text in both languages, got text "
        "(write it as {nl: '…', en: '…'})",
    ]


def test_placeholder_where_bilingual_text_is_expected_is_refused_even_in_a_draft(
    project: Path,
) -> None:
    # A placeholder stands for one value; where a group is expected, rendering would fail.
    replace(
        project,
        PHENOMENON,
        "title: {nl: Voorbeeldfenomeen, en: Example phenomenon}",
        'title: "TODO: naam"',
    )
    expected = (
        f"{PHENOMENON}:2:8: title: expected a text in both languages, got text "
        "(write it as {nl: '…', en: '…'})"
    )
    assert expected in problems(project)
    assert expected in [str(p) for p in check_project(project, allow_drafts=True).errors]


@pytest.mark.parametrize(
    ("figure", "written"), [(".inf", ".inf"), ("-.Inf", "-.inf"), (".NaN", ".nan")]
)
def test_infinite_or_not_a_number_figure(project: Path, figure: str, written: str) -> None:
    replace(project, PHENOMENON, "    figure: 13\n", f"    figure: {figure}\n")
    assert problems(project) == [
        f"{PHENOMENON}:28:13: key_facts[1].figure: expected a number, got {written} (not a "
        "figure) (write the figure in digits, like 19000)",
    ]


def test_wrong_type_number_for_text(project: Path) -> None:
    replace(project, PHENOMENON, "    figure: 13\n", "    figure: dertien\n")
    assert problems(project) == [
        f"{PHENOMENON}:28:13: key_facts[1].figure: expected a number, got text",
    ]


def test_enum_with_did_you_mean(project: Path) -> None:
    replace(project, CHARTER, "status: active", "status: actve")
    assert problems(project) == [
        f"{CHARTER}:3:9: status: 'actve' is not one of: announced, being-set-up, active, ended "
        "(did you mean 'active'?)",
    ]


def test_enum_without_close_match_gives_the_schema_hint(project: Path) -> None:
    replace(project, SCREENING, "effect: unknown", "effect: great")
    assert problems(project) == [
        f"{SCREENING}:11:9: effect: 'great' is not one of: reduces, mixed, none, increases, "
        "unknown (say 'unknown' unless an evaluation shows the effect)",
    ]


def test_impossible_date(project: Path) -> None:
    replace(project, PHENOMENON, "last_reviewed: 2026-11-29", "last_reviewed: 2021-02-30")
    assert problems(project) == [
        f"{PHENOMENON}:42:16: last_reviewed: '2021-02-30' is not a valid date "
        "(write a date as YYYY-MM-DD, like 2021-09-08)",
    ]


def test_invalid_slug_pattern(project: Path) -> None:
    replace(
        project,
        PHENOMENON,
        "    topic: witwassen\n    source: {title: Bron B",
        "    topic: Witwassen\n    source: {title: Bron B",
    )
    assert problems(project) == [
        f"{PHENOMENON}:31:12: key_facts[1].topic: 'Witwassen' is not valid here "
        "(use lowercase letters, digits and single hyphens, like 'wet-bibob')",
    ]


def test_invalid_registry_name(project: Path) -> None:
    replace(project, GLOSSARY, "barrieremodel:", "Barriere_Model:")
    assert problems(project) == [
        f"{GLOSSARY}:2:1: Barriere_Model: 'Barriere_Model' is not a valid name "
        "(use lowercase letters, digits and single hyphens, like 'wet-bibob')",
    ]


def test_invalid_url(project: Path) -> None:
    replace(project, ORGANISATIONS, "website: https://www.nvm.nl", "website: www.nvm.nl")
    assert problems(project) == [
        f"{ORGANISATIONS}:11:12: nvm.website: 'www.nvm.nl' is not valid here "
        "(give the full address, starting with https://)",
    ]


def test_empty_list_that_needs_items(project: Path) -> None:
    replace(
        project, SCREENING, "instrument_types: [administrative, preventive]", "instrument_types: []"
    )
    assert problems(project) == [f"{SCREENING}:7:19: instrument_types: needs at least 1 item"]


def test_year_out_of_range(project: Path) -> None:
    replace(
        project,
        PHENOMENON,
        "    figure: 13\n    unit: {nl: miljard euro, en: billion euros}\n    year: 2020",
        "    figure: 13\n    unit: {nl: miljard euro, en: billion euros}\n    year: 20",
    )
    assert problems(project) == [
        f"{PHENOMENON}:30:11: key_facts[1].year: 20 is too small (the minimum is 1900) "
        "(the year the figure is about; leave it out when the source does not say)",
    ]


def test_source_without_url_has_the_hint_of_the_url(project: Path) -> None:
    replace(project, NEWS, '{title: Bron A, url: "https://example.org/a"}', "{title: Bron A}")
    assert problems(project) == [
        f"{NEWS}:8:5: sources[0]: missing required key 'url' "
        "(give the full address, starting with https://)",
    ]


def test_key_fact_without_source(project: Path) -> None:
    replace(
        project,
        PHENOMENON,
        '    topic: witwassen\n    source: {title: Bron B, url: "https://example.org/b"}\n',
        "    topic: witwassen\n",
    )
    assert problems(project) == [
        f"{PHENOMENON}:27:5: key_facts[1]: missing required key 'source' "
        "(every fact and claim needs the public source it comes from)",
    ]


def test_active_charter_without_start_date(project: Path) -> None:
    replace(project, CHARTER, "start_date: 2021-09-08\n", "")
    assert problems(project) == [
        f"{CHARTER}:2:1: missing required key 'start_date' (needed when status is active or ended)",
    ]


def test_announced_charter_needs_no_start_date(project: Path) -> None:
    replace(project, CHARTER, "status: active\nstart_date: 2021-09-08\n", "status: announced\n")
    assert problems(project) == []


def test_ended_charter_without_end_date(project: Path) -> None:
    replace(project, CHARTER, "status: active", "status: ended")
    assert problems(project) == [
        f"{CHARTER}:2:1: missing required key 'end_date' (needed when status is ended)",
    ]


# --- references ----------------------------------------------------------------------------


def test_unknown_organisation_with_did_you_mean(project: Path) -> None:
    replace(project, AWAITING, "organisation: nvm", "organisation: nvmm")
    assert problems(project) == [
        f"{AWAITING}:10:19: partners[0].organisation: unknown organisation 'nvmm' "
        "(did you mean 'nvm'?)",
    ]


def test_unknown_organisation_without_close_match(project: Path) -> None:
    replace(project, CHARTER, "coordinator: liec", "coordinator: politie")
    assert problems(project) == [
        f"{CHARTER}:8:14: coordinator: unknown organisation 'politie' "
        "(the names are in content/organisations.yml)",
    ]


def test_unknown_phenomenon(project: Path) -> None:
    replace(project, NEWS, "phenomena: [voorbeeld]", "phenomena: [voorbeelt]")
    assert problems(project) == [
        f"{NEWS}:6:13: phenomena[0]: unknown phenomenon 'voorbeelt' (did you mean 'voorbeeld'?)",
    ]


def test_unknown_term(project: Path) -> None:
    replace(project, GLOSSARY, "see_also: [stroman]", "see_also: [stroman, witwassen]")
    assert problems(project) == [
        f"{GLOSSARY}:5:23: barrieremodel.see_also[1]: unknown term 'witwassen' "
        "(the names are in content/glossary.yml)",
    ]


def test_unknown_process_step_of_an_intervention(project: Path) -> None:
    replace(project, SCREENING, "steps: [aankoop]", "steps: [aankoop, aankop]")
    assert problems(project) == [
        f"{SCREENING}:6:22: phenomena[0].steps[1]: unknown step 'aankop' of 'voorbeeld' "
        "(did you mean 'aankoop'?)",
    ]


def test_unknown_process_step_lists_the_steps(project: Path) -> None:
    replace(project, SCREENING, "steps: [aankoop]", "steps: [verkoop]")
    assert problems(project) == [
        f"{SCREENING}:6:13: phenomena[0].steps[0]: unknown step 'verkoop' of 'voorbeeld' "
        "(the steps of 'voorbeeld' are: aankoop)",
    ]


def test_duplicate_step_id(project: Path) -> None:
    replace(
        project,
        PHENOMENON,
        "red_flags:",
        "  - id: aankoop\n    title: {nl: Nog eens, en: Again}\nred_flags:",
    )
    assert problems(project) == [
        f"{PHENOMENON}:14:9: process_steps[1].id: step 'aankoop' appears twice in 'voorbeeld' "
        "(give every step its own id)",
    ]


def test_two_terms_with_one_name_in_a_language(project: Path) -> None:
    # Running text names a term by its name: one name for two terms would be explained twice.
    # Compared as running text writes it: in any case, without the part in brackets.
    replace(project, GLOSSARY, "en: straw man}", "en: Barrier Model (the straw man)}")
    assert problems(project) == [
        f"{GLOSSARY}:7:27: stroman.term.en: the term 'stroman' has the name 'Barrier Model', "
        "which running text also reads as the term 'barrieremodel' "
        "(give each term a name of its own, or merge the two entries into one)",
    ]


def test_two_terms_with_one_abbreviation(project: Path) -> None:
    for name in ("barrieremodel", "stroman"):
        replace(project, GLOSSARY, f"{name}:\n", f"{name}:\n  abbreviation: BM\n")
    assert problems(project) == [
        f"{GLOSSARY}:8:17: stroman.abbreviation: the term 'stroman' has the abbreviation 'BM', "
        "which running text also reads as the term 'barrieremodel' "
        "(give each term a name of its own, or merge the two entries into one)",
    ]


def test_a_name_that_is_the_abbreviation_of_another_term(project: Path) -> None:
    # Running text reads the words as either term: a name is compared with abbreviations too.
    replace(project, GLOSSARY, "barrieremodel:\n", "barrieremodel:\n  abbreviation: BM\n")
    replace(project, GLOSSARY, "en: straw man}", "en: BM}")
    assert problems(project) == [
        f"{GLOSSARY}:8:27: stroman.term.en: the term 'stroman' has the name 'BM', "
        "which running text also reads as the term 'barrieremodel' "
        "(give each term a name of its own, or merge the two entries into one)",
    ]


def test_broken_file_does_not_make_references_to_it_unknown(project: Path) -> None:
    write(project, PHENOMENON, "title: 'unclosed\n")
    write(project, GLOSSARY, "- not a mapping\n")
    assert problems(project) == [
        f"{GLOSSARY}:1:1: the file must hold 'key: value' lines "
        "(start from a skeleton made by 'lft new')",
        f"{PHENOMENON}:1:8: YAML syntax error: while scanning a quoted scalar, "
        "found unexpected end of stream (the quote that starts here is never closed)",
    ]


# --- translations --------------------------------------------------------------------------


def test_english_text_missing(project: Path) -> None:
    replace(project, SCREENING, "role: {nl: Advies, en: Advice}", "role: {nl: Advies}")
    assert problems(project) == [
        f"{SCREENING}:10:11: partners[0].role: the English text is missing "
        "(add en: …, or mark the item with awaiting_translation: [en])",
    ]


def test_english_text_missing_in_a_registry(project: Path) -> None:
    replace(project, GLOSSARY, "term: {nl: stroman, en: straw man}", "term: {nl: stroman}")
    assert problems(project) == [
        f"{GLOSSARY}:7:9: stroman.term: the English text is missing (add en: …)",
    ]


def test_english_text_may_wait_when_the_item_is_awaiting_translation(project: Path) -> None:
    replace(project, AWAITING, "title: {nl: Nog te vertalen}", "title: {nl: Nog te vertalen}")
    replace(project, SCREENING, "role: {nl: Advies, en: Advice}", "role: {nl: Advies}")
    replace(project, SCREENING, "phenomena:", "awaiting_translation: [en]\nphenomena:")
    assert problems(project) == []


def test_dutch_text_is_always_required(project: Path) -> None:
    replace(project, AWAITING, "title: {nl: Nog te vertalen}", "title: {en: Still to translate}")
    assert problems(project) == [
        f"{AWAITING}:2:1: title: missing required key 'nl' (write the Dutch text)",
    ]


def test_english_markdown_missing(project: Path) -> None:
    (project / SCREENING_EN).unlink()
    assert problems(project) == [
        f"{SCREENING_EN}:1:1: the English text is missing "
        "(write intervention.en.md, or mark awaiting_translation: [en] in intervention.yml)",
    ]


def test_english_markdown_may_wait_when_the_item_is_awaiting_translation(project: Path) -> None:
    assert not (project / "content/interventions/nog-te-vertalen/intervention.en.md").exists()
    (project / SCREENING_EN).unlink()
    replace(project, SCREENING, "phenomena:", "awaiting_translation: [en]\nphenomena:")
    assert problems(project) == []


def test_dutch_markdown_missing_even_when_awaiting(project: Path) -> None:
    (project / "content/interventions/nog-te-vertalen/intervention.nl.md").unlink()
    assert problems(project) == [
        "content/interventions/nog-te-vertalen/intervention.nl.md:1:1: "
        "the Dutch text is missing (write intervention.nl.md)",
    ]


def test_unreadable_markdown_is_not_also_missing(project: Path) -> None:
    write(project, SCREENING_EN, b"## Problem\n\xff\n")
    assert problems(project) == [
        f"{SCREENING_EN}:2:1: the file is not valid UTF-8 text (save it as UTF-8 in your editor)",
    ]


# --- Markdown structure ----------------------------------------------------------------------


def test_required_section_missing(project: Path) -> None:
    replace(project, PHENOMENON_EN, "\n## Impact\n\nWhat it does.\n", "")
    assert problems(project) == [
        f"{PHENOMENON_EN}:1:1: section 'Impact' is missing "
        "(add a line '## Impact' followed by its text)",
    ]


def test_optional_section_may_be_left_out_and_may_be_there(project: Path) -> None:
    write(
        project,
        PHENOMENON_EN,
        "Intro.\n\n## Scope\n\nA.\n\n## Impact\n\nB.\n\n## Bottlenecks\n\nC.\n",
    )
    assert problems(project) == []


def test_unknown_section_with_did_you_mean(project: Path) -> None:
    replace(project, PHENOMENON_EN, "## Impact", "## Impakt")
    assert problems(project) == [  # one mistake, one line: not also "'Impact' is missing"
        f"{PHENOMENON_EN}:7:1: unknown section 'Impakt' (did you mean 'Impact'?)",
    ]


def test_unknown_section_lists_the_sections(project: Path) -> None:
    replace(project, PHENOMENON_EN, "What it does.", "What it does.\n\n## Weather\n\nSunny.")
    assert problems(project) == [
        f"{PHENOMENON_EN}:11:1: unknown section 'Weather' "
        "(the sections are: Scope, Impact, Bottlenecks)",
    ]


def test_dutch_section_title_in_the_english_file_is_unknown(project: Path) -> None:
    replace(project, PHENOMENON_EN, "## Scope", "## Afbakening")
    assert problems(project) == [
        f"{PHENOMENON_EN}:1:1: section 'Scope' is missing "
        "(add a line '## Scope' followed by its text)",
        f"{PHENOMENON_EN}:3:1: unknown section 'Afbakening' "
        "(the sections are: Scope, Impact, Bottlenecks)",
    ]


NEWS_EN = "content/news/2021-09-08-start/news.en.md"


def test_news_has_its_own_sections(project: Path) -> None:
    # A news text's level-2 headings are its own: any title, any order, nothing required.
    write(project, NEWS_EN, "The message.\n\n## More\n\nx\n\n### Detail\n\ny\n\n## Also\n\nz\n")
    assert problems(project) == []


def test_a_heading_that_skips_a_level_is_refused_at_its_line(project: Path) -> None:
    write(project, NEWS_EN, "The message.\n\n## More\n\nx\n\n#### Detail\n\ny\n")
    assert problems(project) == [
        f"{NEWS_EN}:7:1: heading 'Detail' is level 4 after a level-2 heading, which skips "
        "a level (write '### Detail': screen readers move through the headings one level at "
        "a time)",
    ]


def test_a_text_starts_its_headings_at_level_2(project: Path) -> None:
    # The page title is the h1; a first heading of level 3 would follow it with a gap.
    write(project, NEWS_EN, "The message.\n\n### More\n\nx\n")
    assert problems(project) == [
        f"{NEWS_EN}:3:1: heading 'More' is level 3 but a text's headings start at level 2 "
        "(write '## More': screen readers move through the headings one level at a time)",
    ]


def test_heading_levels_are_checked_in_every_kind_but_not_in_code(project: Path) -> None:
    replace(project, PHENOMENON_EN, "## Scope", "```\n#### not a heading\n```\n\n## Scope")
    assert problems(project) == []
    replace(project, PHENOMENON_EN, "## Impact", "## Impact\n\n#### Costs")
    assert [p.split(": ", 1)[1] for p in problems(project)] == [
        "heading 'Costs' is level 4 after a level-2 heading, which skips a level "
        "(write '### Costs': screen readers move through the headings one level at a time)",
    ]


def test_a_bold_line_used_as_a_heading_is_a_warning(project: Path) -> None:
    write(
        project,
        NEWS_EN,
        "The message.\n\n**More**\n\nx, and **bold** inside.\n\n**Not alone**\nx\n",
    )
    assert problems(project) == [
        f"{NEWS_EN}:3:1: warning: the bold line 'More' looks like a heading, but is not one "
        "(write '## More' so screen readers can jump to it)",
    ]


def test_sections_out_of_order(project: Path) -> None:
    write(project, PHENOMENON_EN, "Intro.\n\n## Impact\n\nB.\n\n## Scope\n\nA.\n")
    assert problems(project) == [
        f"{PHENOMENON_EN}:3:1: sections are out of order "
        "(the order is: Scope, Impact, Bottlenecks)",
    ]


def test_section_twice(project: Path) -> None:
    write(project, PHENOMENON_EN, "Intro.\n\n## Scope\n\nA.\n\n## Impact\n\nB.\n\n## Scope\n\nC.\n")
    assert problems(project) == [
        f"{PHENOMENON_EN}:11:1: section 'Scope' appears twice (merge the two sections)",
    ]


def test_required_introduction_missing(project: Path) -> None:
    write(project, PHENOMENON_EN, "## Scope\n\nA.\n\n## Impact\n\nB.\n")
    assert problems(project) == [
        f"{PHENOMENON_EN}:1:1: the introduction is missing "
        "(start with a paragraph before the first '## ' heading)",
    ]


def test_level_one_heading(project: Path) -> None:
    write(
        project, PHENOMENON_EN, "\n# Example\n\nIntro.\n\n## Scope\n\n# Again\n\n## Impact\n\nB.\n"
    )
    assert problems(project) == [
        f"{PHENOMENON_EN}:2:1: a level-1 heading is not used here "
        "(the page title comes from the YAML file; remove it)",
        f"{PHENOMENON_EN}:8:1: a level-1 heading is not used here "
        "(the page title comes from the YAML file; remove it)",
    ]


def test_hash_lines_in_code_blocks_are_not_headings(project: Path) -> None:
    write(
        project,
        PHENOMENON_EN,
        "Intro.\n\n```sh\n# a comment\n## not a section\n```\n\n"
        "## Scope\n\nA.\n\n## Impact\n\nB.\n",
    )
    assert problems(project) == []


# --- news and docs ---------------------------------------------------------------------------


def test_news_date_differs_from_folder(project: Path) -> None:
    replace(project, NEWS, "date: 2021-09-08", "date: 2021-09-09")
    assert problems(project) == [
        f"{NEWS}:4:7: date: the date 2021-09-09 differs from the folder name '2021-09-08-start' "
        "(the folder name starts with the date of the item)",
    ]


def test_news_image_missing(project: Path) -> None:
    replace(
        project,
        NEWS,
        "type: news",
        "type: news\nimage: {src: foto.jpg, alt: {nl: Een foto, en: A photo}}",
    )
    assert problems(project) == [
        f"{NEWS}:6:14: image.src: the image 'foto.jpg' is not in the item's folder "
        "(put the image file next to news.yml)",
    ]


def test_news_image_present(project: Path) -> None:
    replace(
        project,
        NEWS,
        "type: news",
        "type: news\nimage: {src: foto.jpg, alt: {nl: Een foto, en: A photo}}",
    )
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, "JPEG")
    write(project, "content/news/2021-09-08-start/foto.jpg", buffer.getvalue())
    assert problems(project) == []


def test_hand_written_page_may_not_have_a_generated_page_address(project: Path) -> None:
    write(project, "docs/glossary.md", "# Begrippen\n")
    write(project, "docs/glossary.en.md", "# Glossary\n")
    hint = "(rename or move the hand-written page)"
    assert problems(project) == [
        f"docs/glossary.en.md:1:1: this hand-written page has the same address as a generated "
        f"page {hint}",
        f"docs/glossary.md:1:1: this hand-written page has the same address as a generated "
        f"page {hint}",
    ]


def test_docs_page_without_english_counterpart(project: Path) -> None:
    write(project, "docs/help/faq.md", "# Vragen\n")
    assert problems(project) == [
        "docs/help/faq.md:1:1: the English version is missing (add docs/help/faq.en.md)",
    ]


def test_docs_folder_with_the_name_of_a_page(project: Path) -> None:
    (project / "docs/about.md").unlink()
    (project / "docs/about.md").mkdir()
    assert problems(project) == [
        "docs/about.en.md:1:1: the Dutch version is missing (add docs/about.md)",
        "docs/about.md:1:1: a folder has the name of a page (a page is a Markdown file; rename "
        "the folder or move the page out of it)",
    ]


def test_docs_page_without_dutch_counterpart(project: Path) -> None:
    (project / "docs/about.md").unlink()
    assert problems(project) == [
        "docs/about.en.md:1:1: the Dutch version is missing (add docs/about.md)",
    ]


# --- all at once -----------------------------------------------------------------------------


def test_all_problems_are_reported_together_and_sorted(project: Path) -> None:
    replace(project, ORGANISATIONS, "sector: public", "sector: publik")
    replace(project, PHENOMENON_EN, "## Impact", "## Impakt")
    replace(project, NEWS, "type: news", "type: nieuws")
    (project / "docs/about.en.md").unlink()
    assert problems(project) == [
        f"{NEWS}:5:7: type: 'nieuws' is not one of: news, publication, event "
        "(did you mean 'news'?)",
        f"{ORGANISATIONS}:5:11: liec.sector: 'publik' is not one of: public, private, science "
        "(did you mean 'public'?)",
        f"{PHENOMENON_EN}:7:1: unknown section 'Impakt' (did you mean 'Impact'?)",
        "docs/about.md:1:1: the English version is missing (add docs/about.en.md)",
    ]


def test_problems_within_a_file_are_sorted_by_line(project: Path) -> None:
    replace(
        project, SCREENING, "review_due: 2027-11-29", "review_due: 2027-11-29\ncontact: Jan@Example"
    )
    replace(project, SCREENING, "effect: unknown", "effect: onbekend")
    replace(
        project,
        SCREENING,
        "title: {nl: Voorbeeldscreening, en: Example screening}",
        "title: {nl: Voorbeeldscreening, en: Example screening, de: Beispiel}",
    )
    found = check_project(project).problems
    assert [(p.path, p.line) for p in found] == [(SCREENING, 2), (SCREENING, 11), (SCREENING, 18)]


def test_each_schema_gets_one_validator_per_check(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A validator is made with its own FormatChecker: count those, and the documents checked.
    built: list[object] = []
    checked: list[str] = []
    real_format_checker = schemacheck.FormatChecker
    real_check = schemacheck.SchemaChecker.check

    def format_checker() -> object:
        built.append(object())
        return real_format_checker()

    def check(self: schemacheck.SchemaChecker, doc: Document, rel: str, name: str) -> object:
        checked.append(name)
        return real_check(self, doc, rel, name)

    monkeypatch.setattr(schemacheck, "FormatChecker", format_checker)
    monkeypatch.setattr(schemacheck.SchemaChecker, "check", check)
    check_project(project)
    assert checked.count("intervention.schema.json") > 1
    assert len(built) == len(set(checked))
