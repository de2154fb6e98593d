"""The wording of the point and coordinate checks of ``algos._checks``, tested once here.

The tests of each exercise only check the error type and that the message names the
argument; the exact messages are these.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from algos._checks import as_coordinates, as_point_array, as_point_list, as_real


def pair(x: object, y: object) -> tuple[object, object]:
    return (x, y)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (2.5, 2.5),
        (Fraction(1, 3), Fraction(1, 3)),
        (np.int64(7), 7),
        (np.float32(0.5), 0.5),
    ],
)
def test_as_real_keeps_exact_numbers_exact(value, expected) -> None:
    got = as_real(value, "r")
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    ("value", "low", "error", "message"),
    [
        (True, None, TypeError, "r must be a real number, got True (bool)"),
        ("1", None, TypeError, "r must be a real number, got '1' (str)"),
        (math.nan, None, ValueError, "r must be finite, got nan"),
        (math.inf, 0, ValueError, "r must be finite and >= 0, got inf"),
        (-1, 0, ValueError, "r must be finite and >= 0, got -1"),
    ],
)
def test_as_real_messages(value, low, error, message) -> None:
    with pytest.raises(error) as caught:
        as_real(value, "r", low=low)
    assert str(caught.value) == message


def test_as_coordinates_accepts_the_forms_of_a_point() -> None:
    class Named:  # anything with x and y, as a geometry Point or a shapely Point
        x, y = 1, 2

    for form in [(1, 2), [1, 2], np.array([1, 2]), Named()]:
        assert as_coordinates(form, "p") == (1, 2)
    assert all(type(c) is int for c in as_coordinates(np.array([1, 2]), "p"))


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ((1, math.nan), ValueError, "p must have finite coordinates, got (1, nan)"),
        ((1, 2, 3), ValueError, "p must be a pair (x, y), got 3 values: (1, 2, 3)"),
        (np.zeros(3), ValueError, "p must have shape (2,), got an array of shape (3,)"),
        ((True, 1), TypeError, "p must have real-number coordinates, got (True, 1)"),
        (("1", 2), TypeError, "p must have real-number coordinates, got ('1', 2)"),
        ("ab", TypeError, "p must be a Point, a pair (x, y) or an array of shape (2,), got 'ab'"),
    ],
)
def test_as_coordinates_messages(value, error, message) -> None:
    with pytest.raises(error) as caught:
        as_coordinates(value, "p")
    assert str(caught.value) == message


def test_as_point_list_converts_once_and_copies() -> None:
    listed = [(0, 1), [2, 3], np.array([4.0, 5.0])]
    assert as_point_list(listed, "pts", pair) == [(0, 1), (2, 3), (4.0, 5.0)]
    assert as_point_list(iter([(0, 1)]), "pts", pair) == [(0, 1)]
    array = np.array([[0, 1], [2, 3]], dtype=np.int32)
    assert as_point_list(array, "pts", pair) == [(0, 1), (2, 3)]
    objects = np.array([[Fraction(1, 2), 0]], dtype=object)
    assert as_point_list(objects, "pts", pair) == [(Fraction(1, 2), 0)]


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ([(0, 0), (1, math.inf)], ValueError, "pts[1] must have finite coordinates, got (1, inf)"),
        (
            np.array([[0.0, 0.0], [np.nan, 1.0]]),
            ValueError,
            "pts[1] must have finite coordinates, got [nan, 1.0]",
        ),
        (np.zeros((3, 3)), ValueError, "pts must have shape (n, 2), got an array of shape (3, 3)"),
        (
            [(0, 0), 5],
            TypeError,
            "pts[1] must be a Point, a pair (x, y) or an array of shape (2,), got 5",
        ),
        (5, TypeError, "pts must be a sequence of points or an (n, 2) array, got 5 (int)"),
        ("ab", TypeError, "pts must be a sequence of points or an (n, 2) array, got 'ab' (str)"),
    ],
)
def test_as_point_list_messages(values, error, message) -> None:
    with pytest.raises(error) as caught:
        as_point_list(values, "pts", pair)
    assert str(caught.value) == message


def test_as_point_array() -> None:
    ints = np.array([[1, 2]])
    assert as_point_array(ints, "xy").dtype == np.float64
    assert as_point_array(ints, "xy", keep_ints=True) is ints
    floats = np.array([[1.0, 2.0]])
    assert as_point_array(floats, "xy") is floats  # no copy


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (np.array([["a", "b"]]), TypeError, "xy must be a numeric array, got dtype <U1"),
        (np.ones((2, 2), dtype=bool), TypeError, "xy must be a numeric array, got dtype bool"),
        (np.zeros(4), ValueError, "xy must have shape (n, 2), got an array of shape (4,)"),
        ([[0.0, -np.inf]], ValueError, "xy[0] must have finite coordinates, got [0.0, -inf]"),
    ],
)
def test_as_point_array_messages(values, error, message) -> None:
    with pytest.raises(error) as caught:
        as_point_array(values, "xy")
    assert str(caught.value) == message
