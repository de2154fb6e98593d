"""The equivalences a user's output is judged by: each accepts what it should, and no more."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry import Point
from workbook.compare import BY_VALUE, CYCLIC, UNORDERED, UNORDERED_NESTED, Equivalence, plain


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (0, 0.0),
        (3, Fraction(3)),
        ((3, 4), Point(3, 4)),
        ([Point(1, 2)], [(1.0, 2.0)]),
        (np.array([1, 2]), [1, 2]),
        (np.int64(7), 7),
        (float("nan"), math.nan),
        ({"a": (1, 2)}, {"a": [1, 2]}),
        ("abc", "abc"),
        (None, None),
    ],
)
def test_by_value_accepts_equal_values_in_other_forms(actual: Any, expected: Any) -> None:
    assert BY_VALUE(actual, expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (0, 1),
        ((3, 4), Point(4, 3)),
        ([1, 2], [1, 2, 3]),
        ([[1]], [1]),
        (0.1 + 0.2, 0.3),
        ("abc", ["a", "b", "c"]),
        (float("nan"), 0.0),
        ({"a": 1}, {"b": 1}),
        (None, 0),
    ],
)
def test_by_value_refuses_different_values(actual: Any, expected: Any) -> None:
    assert not BY_VALUE(actual, expected)


def test_tolerance_is_relative_and_absolute() -> None:
    close = Equivalence(rel=1e-9)
    assert close(1e9 + 0.5, 1e9)
    assert not close(1.0 + 1e-6, 1.0)
    assert Equivalence(abs=1e-12)(1e-13, 0.0)
    assert not Equivalence(rel=1e-9)(1e-13, 0.0)


def test_unordered_is_a_multiset() -> None:
    assert UNORDERED([3, 1, 2], [1, 2, 3])
    assert UNORDERED([[1, 2], [3]], [[3], [1, 2]])
    assert not UNORDERED([[2, 1], [3]], [[3], [1, 2]])  # inner order still matters
    assert not UNORDERED([1, 1, 2], [1, 2, 2])  # counts matter
    assert not UNORDERED([1, 2], [1, 2, 3])
    assert UNORDERED([1, 2.0], [2, 1.0])


def test_unordered_nested_sorts_inside_too() -> None:
    assert UNORDERED_NESTED([[2, 1], [3]], [[3], [1, 2]])
    assert not UNORDERED_NESTED([[1, 1]], [[1]])
    assert not UNORDERED_NESTED([[1], [1]], [[1]])  # a repeated combination is wrong
    assert not UNORDERED_NESTED([1, 2], [[1, 2]])


def test_cyclic_allows_any_start_but_not_another_order() -> None:
    square = [(0, 0), (1, 0), (1, 1), (0, 1)]
    assert CYCLIC(square[2:] + square[:2], square)
    assert CYCLIC([Point(*p) for p in square], square)
    assert not CYCLIC(square[::-1], square)  # clockwise is another polygon order
    assert not CYCLIC(square[:3], square)
    assert CYCLIC([], [])


def test_unorderable_items_are_matched_one_by_one() -> None:
    assert UNORDERED([{"a": 1}, {"b": 2}], [{"b": 2}, {"a": 1}])
    assert not UNORDERED([{"a": 1}, {"a": 1}], [{"a": 1}, {"b": 2}])


@given(st.lists(st.integers(-5, 5), max_size=8), st.randoms())
def test_unordered_accepts_every_permutation(items: list[int], random: Any) -> None:
    shuffled = list(items)
    random.shuffle(shuffled)
    assert UNORDERED(shuffled, items)
    assert UNORDERED(shuffled, items) == UNORDERED(items, shuffled)


@given(st.lists(st.integers(-5, 5), min_size=1, max_size=8), st.integers(0, 20))
def test_cyclic_accepts_every_rotation(items: list[int], shift: int) -> None:
    k = shift % len(items)
    assert CYCLIC(items[k:] + items[:k], items)


def test_plain_turns_containers_into_lists() -> None:
    assert plain((np.float32(0.5), Point(1, 2), range(2))) == [0.5, [1, 2], [0, 1]]
    assert plain({1, 2}) == {1, 2}  # sets stay sets: equal as sets


def test_describe_says_what_is_allowed() -> None:
    assert UNORDERED.describe() == "in any order"
    assert "rel=1e-09" in BY_VALUE.within(rel=1e-9).describe()
