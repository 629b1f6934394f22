"""The sanitiser, the input guard and the output scan agree on what is dangerous: each refuses
every element, event attribute and script address of `lft.dangerous`, and the sanitiser and the
guard every name of the theme's and the site's interface."""

from __future__ import annotations

import re

import pytest

from lft import dangerous
from lft.check.guard.html import dangerous as guard_finds
from lft.check.guard.html import reserved_names
from lft.engine.sanitize import safe_class, safe_id, sanitize
from lft.finish.scan import Trust, scan_markup

TRUST = Trust(scripts=(re.compile("var theme = 1;"),))


def page(fragment: str) -> str:
    return (
        f"<!doctype html><html lang=nl><head><title>t</title></head><body>{fragment}</body></html>"
    )


def output_messages(fragment: str) -> list[str]:
    return [p.message for p in scan_markup("index.html", page(fragment), TRUST)]


@pytest.mark.parametrize("element", sorted(dangerous.ELEMENTS))
def test_every_dangerous_element_is_refused_by_all_three(element: str) -> None:
    markup = (
        f'<{element} rel="stylesheet" href="https://elders.example/x" http-equiv="refresh" '
        f'action="/x">tekst</{element}>'
    )
    assert [what for _, what in guard_finds(markup)] == [f"a <{element}> element"]
    assert f"<{element}" not in sanitize(markup)
    if element in dangerous.THEME_ELEMENTS:  # the theme's own: checked by what they do
        assert output_messages(markup), element
    else:
        assert f"a <{element}> element in the built page" in output_messages(markup)


@pytest.mark.parametrize("attribute", sorted(dangerous.URL_ATTRIBUTES))
@pytest.mark.parametrize("scheme", dangerous.SCHEMES)
def test_every_script_address_is_refused_by_all_three(attribute: str, scheme: str) -> None:
    markup = f'<a {attribute}=" {scheme.upper()}:text/html,alert(1)">x</a>'
    assert [what for _, what in guard_finds(markup)] == [f"a '{scheme}:' address in '{attribute}='"]
    assert f"a {scheme}: address in {attribute}= on <a>" in output_messages(markup)
    assert scheme not in sanitize(markup).lower()


@pytest.mark.parametrize("attribute", ["onclick", "onerror", "onload", "onfocus"])
def test_every_event_attribute_is_refused_by_all_three(attribute: str) -> None:
    markup = f'<img src="x.png" {attribute}="alert(1)">'
    assert dangerous.EVENT_ATTRIBUTE.fullmatch(attribute)
    assert [what for _, what in guard_finds(markup)] == [f"the event attribute '{attribute}='"]
    assert f"an event-handler attribute '{attribute}' on <img>" in output_messages(markup)
    assert attribute not in sanitize(markup)


@pytest.mark.parametrize("prefix", dangerous.THEME_CLASS_PREFIXES)
def test_the_theme_classes_are_refused_by_the_sanitiser_and_the_guard(prefix: str) -> None:
    name = f"{prefix}dialog"
    assert not safe_class(name)
    assert [what for _, what in reserved_names(f'<p class="{name}">x</p>')] == [
        f"the class '{name}'"
    ]
    assert not safe_id(f"{dangerous.THEME_ID_PREFIX}config")
    assert list(reserved_names(f'<p id="{dangerous.THEME_ID_PREFIX}config">x</p>'))
