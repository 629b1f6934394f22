"""One definition of each concept, used everywhere (issue 19): a second definition drifts.

Each test names the concept, the one module that defines it, and fails when a second place
defines it again or a user stops using the one definition.
"""

from __future__ import annotations

import re
from pathlib import Path

from lft.render.facts import KINDS, page_facts, theme_words
from lft.source.labels import labels
from lft.source.model import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "lft"
OVERRIDES = REPO / "overrides"


def sources() -> dict[str, str]:
    return {p.relative_to(SRC).as_posix(): p.read_text("utf-8") for p in SRC.rglob("*.py")}


def test_the_placeholder_rule_has_one_home() -> None:
    """What a placeholder is (`lft.placeholders`): the schema check, the translations, the
    guard, the identity settings and the release's site checks all use it, and no other module
    spells its words or its example domains as a rule."""
    users = {
        "check/schemacheck.py",
        "check/translations.py",
        "check/guard/markings.py",
        "check/identity.py",
        "check/publisher.py",
        "finish/site.py",
    }
    texts = sources()
    for user in users:
        assert "from lft.placeholders import " in texts[user], user
    rule = re.compile(r"re\.compile\([^)]*(TODO|FIXME|example\\?\.(org|com|net))", re.S)
    defining = sorted(name for name, text in texts.items() if rule.search(text))
    assert defining == ["placeholders.py"]


def test_the_page_kinds_are_named_in_labels_yml_only() -> None:
    """The search results' type, the breadcrumb and the structured data name a page's kind
    with the words of `labels.yml`; the theme's templates hold no table of their own."""
    words = labels()
    for lang in LANGUAGES:
        for kind in {*KINDS.values(), "info"}:
            facts = page_facts(kind, lang)
            assert facts["type"] in {words[key][lang] for key in words}
        for key, word in theme_words()[lang].items():
            assert word == words[key][lang]
    theme = "\n".join(p.read_text("utf-8") for p in OVERRIDES.rglob("*.html"))
    for kind in {*KINDS.values(), "info"}:
        for lang in LANGUAGES:
            name = str(page_facts(kind, lang)["type"])
            assert f'"{name}"' not in theme, f"overrides/ names the kind {kind} itself: {name}"
    assert "page.url.startswith" not in theme and "p.startswith(" not in theme


def test_positions_come_from_one_table() -> None:
    """Offset to line and column: `lft.problems.line_col` only."""
    texts = sources()
    counting = re.compile(r"\.count\(\"\\n\", 0, |rfind\(\"\\n\", 0, ")
    assert sorted(name for name, text in texts.items() if counting.search(text)) == []
