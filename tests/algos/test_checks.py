"""The wording of :mod:`algos._checks`, tested once here.

The tests of an exercise check only the error type and that the message names the
argument; the full messages, what a user reads, are pinned down here, one check at a
time: the argument's name, the value given (with its type) and what is allowed.
"""

from __future__ import annotations

import math
import re
from collections import deque
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from algos._checks import (
    as_bool,
    as_finite,
    as_int,
    as_int_list,
    as_list,
    as_real_array,
    as_real_list,
    as_sequence,
    as_tolerance,
    check_finite_array,
    check_range,
    describe,
    first_bad,
    one_of,
)


def raises(error: type[Exception], message: str) -> Any:
    """``pytest.raises`` matching the whole message, not a part of it."""
    return pytest.raises(error, match=f"^{re.escape(message)}$")


# ------------------------------------------------------------------ describe, first_bad


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.5, "2.5 (float)"),
        ("2", "'2' (str)"),
        (None, "None (NoneType)"),
        (np.int64(3), "np.int64(3) (int64)"),
        ([1] * 50, "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ...] (list of 50)"),
        ((1, 2), "(1, 2) (tuple)"),
        ("x" * 100, "'" + "x" * 76 + "... (str)"),
    ],
)
def test_describe(value: Any, text: str) -> None:
    assert describe(value) == text


def test_first_bad() -> None:
    assert first_bad([2, 4, 5, 7], lambda x: x % 2 == 0) == (2, 5)
    with pytest.raises(StopIteration):
        first_bad([2, 4], lambda x: x % 2 == 0)


# ---------------------------------------------------------------------------- as_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [(7, 7), (np.int64(7), 7), (np.uint8(200), 200), (-(2**80), -(2**80))],
)
def test_as_int_accepts_integers(value: Any, expected: int) -> None:
    result = as_int(value, "k")
    assert type(result) is int
    assert result == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2.5, "k must be an int, got 2.5 (float)"),
        (2.0, "k must be an int, got 2.0 (float)"),
        (True, "k must be an int, got True (bool)"),
        (np.bool_(True), "k must be an int, got np.True_ (bool)"),
        ("3", "k must be an int, got '3' (str)"),
        (None, "k must be an int, got None (NoneType)"),
        (Fraction(2), "k must be an int, got Fraction(2, 1) (Fraction)"),
        (Decimal(2), "k must be an int, got Decimal('2') (Decimal)"),
    ],
)
def test_as_int_refuses_non_integers(value: Any, message: str) -> None:
    with raises(TypeError, message):
        as_int(value, "k")


@pytest.mark.parametrize(
    ("low", "high", "value", "message"),
    [
        (1, None, 0, "k must satisfy k >= 1, got 0"),
        (None, 9, 10, "k must satisfy k <= 9, got 10"),
        (1, 9, -3, "k must satisfy 1 <= k <= 9, got -3"),
    ],
)
def test_as_int_bounds(low: int | None, high: int | None, value: int, message: str) -> None:
    with raises(ValueError, message):
        as_int(value, "k", low=low, high=high)
    assert as_int(5, "k", low=low, high=high) == 5


def test_check_range() -> None:
    check_range(3, "k", 1, 3, "the length of nums")
    with raises(ValueError, "k must satisfy 1 <= k <= 3 (the length of nums), got 0"):
        check_range(0, "k", 1, 3, "the length of nums")


# ------------------------------------------------------------- as_list, as_sequence


@pytest.mark.parametrize(
    "values", [[3, 1], (3, 1), iter([3, 1]), deque([3, 1]), range(3, 0, -2), {3: "a", 1: "b"}]
)
def test_as_list_copies_any_iterable(values: Any) -> None:
    result = as_list(values, "nums")
    assert result == [3, 1]
    assert result is not values


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (5, "nums must be an iterable, got 5 (int)"),
        (None, "nums must be an iterable, got None (NoneType)"),
        ("31", "nums must be an iterable, got '31' (str)"),
        (b"31", "nums must be an iterable, got b'31' (bytes)"),
    ],
)
def test_as_list_refuses(value: Any, message: str) -> None:
    with raises(TypeError, message):
        as_list(value, "nums")


def test_as_sequence_keeps_sequences_and_lists_the_rest() -> None:
    for values in ([3, 1], (3, 1), range(3)):
        assert as_sequence(values, "nums") is values
    assert as_sequence(iter([3, 1]), "nums") == [3, 1]
    with raises(TypeError, "nums must be an iterable, got 2.5 (float)"):
        as_sequence(2.5, "nums")


# ------------------------------------------------------------ as_bool, as_finite, ...


def test_as_bool() -> None:
    assert as_bool(np.bool_(True), "keep") is True
    for value, shown in [("no", "'no' (str)"), (0, "0 (int)"), (None, "None (NoneType)")]:
        with raises(TypeError, f"keep must be True or False, got {shown}"):
            as_bool(value, "keep")


def test_as_finite() -> None:
    assert as_finite(np.float32(0.5), "x") == 0.5
    assert type(as_finite(3, "x")) is float
    with raises(TypeError, "x must be a real number, got '1' (str)"):
        as_finite("1", "x")
    with raises(TypeError, "x must be a real number, got True (bool)"):
        as_finite(True, "x")
    with raises(ValueError, "x must be a finite number, got nan"):
        as_finite(math.nan, "x")
    with raises(ValueError, "x must be a finite number >= 0, got -1"):
        as_finite(-1, "x", low=0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (10, "eps must satisfy 0 <= eps <= 0.01 (a relative tolerance), got 10"),
        (-1.0, "eps must satisfy 0 <= eps <= 0.01 (a relative tolerance), got -1.0"),
        (math.nan, "eps must satisfy 0 <= eps <= 0.01 (a relative tolerance), got nan"),
        (math.inf, "eps must satisfy 0 <= eps <= 0.01 (a relative tolerance), got inf"),
    ],
)
def test_as_tolerance_refuses(value: float, message: str) -> None:
    with raises(ValueError, message):
        as_tolerance(value)


def test_as_tolerance_accepts() -> None:
    assert as_tolerance(0) == 0.0
    assert as_tolerance(1e-9) == 1e-9
    assert as_tolerance(0.5, "tol", high=1.0) == 0.5
    with raises(TypeError, "eps must be a real number, got '0' (str)"):
        as_tolerance("0")


def test_one_of() -> None:
    assert one_of("min", "mode", ["max", "min"]) == "min"
    with raises(ValueError, "mode must be one of 'max', 'min'; got 'mean'"):
        one_of("mean", "mode", ["max", "min"])


# ------------------------------------------------ maximum gap and combination sum


def test_as_int_list() -> None:
    assert as_int_list((3, np.int64(1)), "candidates") == [3, 1]
    assert type(as_int_list(np.array([3]), "candidates")[0]) is int
    assert as_int_list([], "candidates", low=1) == []
    with raises(TypeError, "candidates[1] must be an int, got 2.0 (float)"):
        as_int_list([3, 2.0], "candidates")
    with raises(TypeError, "candidates[2] must be an int, got None (NoneType)"):
        as_int_list([3, 1, None], "candidates", low=1)
    with raises(ValueError, "candidates[1] must satisfy candidates[1] >= 1, got 0"):
        as_int_list([3, 0, -2], "candidates", low=1)
    with raises(TypeError, "candidates must be an iterable, got 7 (int)"):
        as_int_list(7, "candidates")


def test_as_real_list() -> None:
    assert as_real_list(iter([3, np.int64(1)]), "nums") == [3, 1]
    assert as_real_list([1, 2.5, np.float32(0.5)], "nums") == [1.0, 2.5, 0.5]
    assert as_real_list([], "nums") == []
    ints, floats = as_real_list([2**70], "nums"), as_real_list([1, 2.0], "nums")
    assert type(ints[0]) is int
    assert [type(x) for x in floats] == [float, float]


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ([1, True], TypeError, "nums[1] must be an int or a float, got True (bool)"),
        ([1, "2"], TypeError, "nums[1] must be an int or a float, got '2' (str)"),
        (
            [Fraction(1, 3)],
            TypeError,
            "nums[0] must be an int or a float, got Fraction(1, 3) (Fraction)",
        ),
        ([1.0, math.nan], ValueError, "nums[1] must be finite, got nan"),
        ([-math.inf, 1], ValueError, "nums[0] must be finite, got -inf"),
        (
            [0.5, 2**2000],
            ValueError,
            "nums[1] is an int too large for a float (2001 bits), and the other items are "
            "floats, so it would become one",
        ),
        (None, TypeError, "nums must be an iterable, got None (NoneType)"),
    ],
)
def test_as_real_list_refuses(values: Any, error: type[Exception], message: str) -> None:
    with raises(error, message):
        as_real_list(values, "nums")


def test_as_real_array() -> None:
    a = np.arange(3.0)
    assert as_real_array(a, "a") is a  # not copied
    assert as_real_array([3, 1], "a").dtype == np.int64
    assert as_real_array((1, 2.5), "a").dtype == np.float64
    assert as_real_array(np.array([1], dtype=np.uint64), "a").dtype == np.uint64


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ([1, True], TypeError, "a[1] must be an int or a float, got True (bool)"),
        (
            np.array([True]),
            TypeError,
            "a must be an array of integers or floats (float64 at most), got "
            "array([ True]) (ndarray) of dtype bool",
        ),
        (
            None,
            TypeError,
            "a must be an array of integers or floats (float64 at most), got None (NoneType) "
            "of dtype object",
        ),
        (
            [2**64 - 1, -1],
            TypeError,
            "a must hold ints that numpy can keep in a 64-bit integer dtype, got "
            "[18446744073709551615, -1] (list), which numpy made float64",
        ),
        (np.zeros((2, 2)), ValueError, "a must be one-dimensional, got shape (2, 2)"),
        (np.float64(3.0), ValueError, "a must be one-dimensional, got shape ()"),
        ([[1, 2], [3]], ValueError, "a must be one-dimensional, got [[1, 2], [3]] (list)"),
    ],
)
def test_as_real_array_refuses(values: Any, error: type[Exception], message: str) -> None:
    with raises(error, message):
        as_real_array(values, "a")


def test_check_finite_array() -> None:
    a = np.array([1.0, 2.0])
    check_finite_array(a, "a", 1.0, 2.0)  # nothing to report
    b = np.array([1.0, -np.inf, np.nan])
    with raises(ValueError, "a[1] must be finite, got -inf"):
        check_finite_array(b, "a", float(b.min()), float(b.max()))
