"""The store's records behave as frozen dataclasses (models.record shares three methods)."""

from __future__ import annotations

import dataclasses

import pytest

from expo_tui.store.models import Page, Source, record


@record
class Pair:
    left: int
    right: tuple[int, ...] = ()


@record
class OtherPair:
    left: int
    right: tuple[int, ...] = ()


def test_records_compare_hash_and_print_as_dataclasses() -> None:
    assert Pair(1, (2,)) == Pair(1, (2,)) and Pair(1) != Pair(2)
    assert Pair(1) != OtherPair(1)  # same fields, another class
    assert Pair(1) != (1, ())
    assert hash(Pair(1, (2,))) == hash(Pair(1, (2,)))
    assert len({Pair(1), Pair(1), Pair(2)}) == 2
    assert repr(Pair(1, (2,))) == "Pair(left=1, right=(2,))"
    assert repr(Page(("a",))) == "Page(items=('a',), next_cursor=None)"
    assert dataclasses.is_dataclass(Source)
    assert dataclasses.replace(Pair(1), right=(3,)) == Pair(1, (3,))


def test_records_are_frozen() -> None:
    pair = Pair(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.left = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del pair.left
