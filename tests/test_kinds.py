"""The typed views of the model: `Item.phenomenon()` and the others give the item's data as its
`lft.source.kinds` type, for its own kind only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import FIXTURE
from lft.source import kinds
from lft.source.load import load
from lft.source.model import Content, Item, Kind
from lft.source.schemas import Schemas

VIEWS: dict[Kind, tuple[Callable[[Item], Any], type]] = {
    Kind.PHENOMENON: (Item.phenomenon, kinds.Phenomenon),
    Kind.CHARTER: (Item.charter, kinds.Charter),
    Kind.INTERVENTION: (Item.intervention, kinds.Intervention),
    Kind.NEWS: (Item.news, kinds.NewsItem),
}


@pytest.fixture(scope="module")
def content() -> Content:
    content, problems = load(FIXTURE, Schemas(FIXTURE / "schemas"))
    assert problems == []
    return content


def test_every_item_has_its_own_view_and_no_other(content: Content) -> None:
    for item in content.items():
        for kind, (view, typed) in VIEWS.items():
            if kind is item.kind:
                data = view(item)
                assert data is item.data
                assert set(data) <= set(typed.__annotations__), item.source
            else:
                with pytest.raises(AssertionError, match=item.source):
                    view(item)


def test_registries_have_their_own_view_and_no_other(content: Content) -> None:
    assert content.organisations is not None and content.glossary is not None
    organisations = content.organisations.organisations()
    glossary = content.glossary.glossary()
    assert organisations is content.organisations.entries
    assert glossary is content.glossary.entries
    for entry in organisations.values():
        assert set(entry) <= set(kinds.Organisation.__annotations__)
    for term in glossary.values():
        assert set(term) <= set(kinds.Term.__annotations__)
    with pytest.raises(AssertionError, match=content.glossary.source):
        content.glossary.organisations()
    with pytest.raises(AssertionError, match=content.organisations.source):
        content.organisations.glossary()
