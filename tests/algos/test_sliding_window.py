"""Tests of the sliding-window maximum and minimum (LeetCode 239).

Oracles: the brute force ``[max(nums[i:i + k]) for i in range(n - k + 1)]`` made
NaN-aware (a window holding a NaN gives NaN), and, for inputs too large for it,
``numpy.lib.stride_tricks.sliding_window_view(a, k).max(axis=1)``.  Both share no code
with the references.  Every function is taken from the fixture named after its exercise
id, so ``pytest --impl ID=file.py`` runs these very tests on a user's implementation.
"""

from __future__ import annotations

import collections
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.lib.stride_tricks import sliding_window_view

from algos.practice import get_exercise
from algos.practice.pytest_plugin import exercise_fixture

max_sliding_window = exercise_fixture("max_sliding_window")
min_sliding_window = exercise_fixture("min_sliding_window")
sliding_window_max = exercise_fixture("sliding_window_max")
sliding_window_min = exercise_fixture("sliding_window_min")

DEQUE_IDS = ["max_sliding_window", "min_sliding_window"]
VECTOR_IDS = ["sliding_window_max", "sliding_window_min"]
ALL_IDS = DEQUE_IDS + VECTOR_IDS
PICK = {  # the builtin each exercise mirrors
    "max_sliding_window": max,
    "min_sliding_window": min,
    "sliding_window_max": max,
    "sliding_window_min": min,
}
NP_PICK = {"sliding_window_max": np.max, "sliding_window_min": np.min}
DTYPES = [
    np.bool_,
    np.int8,
    np.uint8,
    np.int16,
    np.uint16,
    np.int32,
    np.uint32,
    np.int64,
    np.uint64,
    np.float16,
    np.float32,
    np.float64,
]


def _exercise_by_id(request: pytest.FixtureRequest) -> tuple[str, Callable[..., Any]]:
    # The exercise fixture named by the param: the reference, or the user's --impl.
    return request.param, request.getfixturevalue(request.param)


@pytest.fixture(params=ALL_IDS)
def any_impl(request: pytest.FixtureRequest) -> tuple[str, Callable[..., Any]]:
    """Each of the four exercises in turn, with its id."""
    return _exercise_by_id(request)


@pytest.fixture(params=DEQUE_IDS)
def deque_impl(request: pytest.FixtureRequest) -> tuple[str, Callable[..., Any]]:
    """The two deque exercises in turn, with their ids."""
    return _exercise_by_id(request)


@pytest.fixture(params=VECTOR_IDS)
def vector_impl(request: pytest.FixtureRequest) -> tuple[str, Callable[..., Any]]:
    """The two vectorised exercises in turn, with their ids."""
    return _exercise_by_id(request)


# ----------------------------------------------------------------------------- oracles


def brute_force(nums: Sequence[Any], k: int, pick: Callable[..., Any]) -> list[Any]:
    """``pick`` of every window; the window's last NaN if it holds one."""
    result = []
    for i in range(len(nums) - k + 1):
        window = nums[i : i + k]
        nans = [x for x in window if x != x]
        result.append(nans[-1] if nans else pick(window))
    return result


def same(x: Any, y: Any) -> bool:
    """Equal, or both NaN."""
    return bool(x == y) or (x != x and y != y)


def as_list(result: Any) -> list[Any]:
    return result.tolist() if isinstance(result, np.ndarray) else list(result)


def assert_windows(result: Any, expected: Sequence[Any]) -> None:
    got = as_list(result)
    assert len(got) == len(expected)
    bad = [(i, g, e) for i, (g, e) in enumerate(zip(got, expected, strict=True)) if not same(g, e)]
    assert not bad, f"(index, got, expected): {bad[:5]}"


@st.composite
def values_and_k(draw: st.DrawFn, elements: st.SearchStrategy[Any], max_size: int = 60) -> Any:
    nums = draw(st.lists(elements, min_size=1, max_size=max_size))
    return nums, draw(st.integers(1, len(nums)))


@st.composite
def array_and_k(draw: st.DrawFn, dtype: Any, max_size: int = 80) -> Any:
    a = draw(arrays(dtype, st.integers(1, max_size)))
    return a, draw(st.integers(1, a.shape[0]))


# ----------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    ("nums", "k", "maxima", "minima"),
    [
        ([1, 3, -1, -3, 5, 3, 6, 7], 3, [3, 3, 5, 5, 6, 7], [-1, -3, -3, -3, 3, 3]),
        ([1], 1, [1], [1]),
        ([1, -1], 1, [1, -1], [1, -1]),
        ([9, 11], 2, [11], [9]),
        ([4, -2], 2, [4], [-2]),
        ([7, 2, 4], 2, [7, 4], [2, 2]),
        ([1, 3, 1, 2, 0, 5], 3, [3, 3, 2, 5], [1, 1, 0, 0]),
    ],
)
def test_leetcode_examples(
    any_impl: tuple[str, Callable[..., Any]],
    nums: list[int],
    k: int,
    maxima: list[int],
    minima: list[int],
) -> None:
    ex_id, impl = any_impl
    expected = maxima if PICK[ex_id] is max else minima
    assert as_list(impl(nums, k)) == expected


def test_vectorised_returns_an_ndarray(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    _, impl = vector_impl
    result = impl([1, 3, -1, -3, 5, 3, 6, 7], 3)
    assert isinstance(result, np.ndarray)
    assert result.shape == (6,)


def test_deque_returns_a_list(deque_impl: tuple[str, Callable[..., Any]]) -> None:
    _, impl = deque_impl
    assert isinstance(impl((1, 3, -1, -3, 5, 3, 6, 7), 3), list)


# ----------------------------------------------------------------------------- properties


@given(values_and_k(st.integers()))
def test_deque_ints_match_brute_force(
    max_sliding_window: Callable[..., Any],
    min_sliding_window: Callable[..., Any],
    case: tuple[list[int], int],
) -> None:
    nums, k = case
    for impl, pick in ((max_sliding_window, max), (min_sliding_window, min)):
        assert impl(nums, k) == [pick(nums[i : i + k]) for i in range(len(nums) - k + 1)]


@given(values_and_k(st.floats() | st.integers(-3, 3), max_size=40))
def test_deque_floats_with_nan_match_nan_aware_brute_force(
    max_sliding_window: Callable[..., Any],
    min_sliding_window: Callable[..., Any],
    case: tuple[list[float], int],
) -> None:
    nums, k = case
    for impl, pick in ((max_sliding_window, max), (min_sliding_window, min)):
        assert_windows(impl(nums, k), brute_force(nums, k, pick))


@given(values_and_k(st.sampled_from([0.0, 1.0, -1.0, math.nan, math.inf]), max_size=30))
def test_deque_few_distinct_floats_with_nan(
    max_sliding_window: Callable[..., Any],
    min_sliding_window: Callable[..., Any],
    case: tuple[list[float], int],
) -> None:
    nums, k = case
    for impl, pick in ((max_sliding_window, max), (min_sliding_window, min)):
        assert_windows(impl(nums, k), brute_force(nums, k, pick))


@given(
    values_and_k(st.text(max_size=3))
    | values_and_k(st.fractions())
    | values_and_k(st.decimals(allow_nan=False))
)
def test_deque_any_totally_ordered_values(
    max_sliding_window: Callable[..., Any],
    min_sliding_window: Callable[..., Any],
    case: tuple[list[Any], int],
) -> None:
    nums, k = case
    for impl, pick in ((max_sliding_window, max), (min_sliding_window, min)):
        assert impl(nums, k) == [pick(nums[i : i + k]) for i in range(len(nums) - k + 1)]


@given(values_and_k(st.sampled_from([0, 0.0, -0.0, False, Fraction(0), 1, 1.0, True])))
def test_deque_returns_the_object_the_builtin_returns(
    max_sliding_window: Callable[..., Any],
    min_sliding_window: Callable[..., Any],
    case: tuple[list[Any], int],
) -> None:
    # Ties go to the earliest of equal values, as max() and min() do; the values here
    # are equal in several ways (1 == 1.0 == True) but distinguishable by type.
    nums, k = case
    for impl, pick in ((max_sliding_window, max), (min_sliding_window, min)):
        got = impl(nums, k)
        expected = [pick(nums[i : i + k]) for i in range(len(nums) - k + 1)]
        assert [(type(x), x) for x in got] == [(type(x), x) for x in expected]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
def test_vectorised_matches_brute_force(
    sliding_window_max: Callable[..., Any],
    sliding_window_min: Callable[..., Any],
    dtype: Any,
    data: st.DataObject,
) -> None:
    # Every value of the dtype, NaN and infinities included for floats.
    a, k = data.draw(array_and_k(dtype))
    values = a.tolist()
    for impl, pick in ((sliding_window_max, max), (sliding_window_min, min)):
        result = impl(a, k)
        assert result.dtype == a.dtype
        assert_windows(result, brute_force(values, k, pick))


@given(
    array_and_k(np.float64, max_size=60)
    | values_and_k(st.sampled_from([0.0, 1.0, -1.0, math.nan, -math.inf]), max_size=60).map(
        lambda c: (np.array(c[0], dtype=np.float64), c[1])
    )
)
def test_vectorised_nan_policy(
    sliding_window_max: Callable[..., Any],
    sliding_window_min: Callable[..., Any],
    case: tuple[np.ndarray[Any, Any], int],
) -> None:
    a, k = case
    windows = sliding_window_view(a, k)
    has_nan = np.isnan(windows).any(axis=1)
    for impl in (sliding_window_max, sliding_window_min):
        result = impl(a, k)
        np.testing.assert_array_equal(np.isnan(result), has_nan)


@given(data=st.data())
def test_vectorised_large_windows(
    sliding_window_max: Callable[..., Any],
    sliding_window_min: Callable[..., Any],
    data: st.DataObject,
) -> None:
    # Windows of hundreds to thousands of values, against numpy's O(nk) view.
    dtype = data.draw(st.sampled_from([np.int64, np.uint64, np.float16, np.float64, np.int16]))
    k = data.draw(st.integers(2, 2000))
    n = data.draw(st.integers(k, 2 * k + 50))
    seed = data.draw(st.integers(0, 2**32 - 1))
    a = _random_array(np.random.default_rng(seed), n, dtype)
    for impl, pick in ((sliding_window_max, np.max), (sliding_window_min, np.min)):
        np.testing.assert_array_equal(impl(a, k), pick(sliding_window_view(a, k), axis=1))


@given(values_and_k(st.integers(-(2**63), 2**63 - 1), max_size=40))
def test_deque_and_vectorised_agree_on_int64(
    max_sliding_window: Callable[..., Any],
    sliding_window_max: Callable[..., Any],
    case: tuple[list[int], int],
) -> None:
    nums, k = case
    assert sliding_window_max(np.array(nums, dtype=np.int64), k).tolist() == max_sliding_window(
        nums, k
    )


# ----------------------------------------------------------------------------- invariants


def _random_array(rng: np.random.Generator, n: int, dtype: Any) -> np.ndarray[Any, Any]:
    dt = np.dtype(dtype)
    if dt.kind == "f":
        a = rng.standard_normal(n).astype(dt)
        a[rng.random(n) < 0.001] = np.nan
        return a
    if dt.kind == "b":
        return rng.random(n) < 0.5
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)


@pytest.mark.parametrize(
    ("dtype", "n", "k"),
    [
        (np.float64, 70_000, 3),
        (np.float64, 70_000, 100),
        (np.float64, 70_000, 1000),
        (np.float64, 70_000, 4096),
        (np.float32, 70_000, 33),
        (np.int64, 70_000, 512),
        (np.int64, 70_000, 1000),
        (np.uint64, 70_000, 700),
        (np.int8, 300_000, 17),
        (np.bool_, 300_000, 64),
        (np.float16, 20_000, 100),
        (np.float64, 2**16 + 50, 2**16 - 1),
        (np.float64, 2**17 + 50, 2**17),
        (np.float64, 2**17 + 50, 2**17 + 7),
        (np.float64, 2**18, 2**18),
    ],
)
def test_vectorised_long_inputs(
    vector_impl: tuple[str, Callable[..., Any]], dtype: Any, n: int, k: int
) -> None:
    # Long enough to span many cache-sized chunks, and k large enough for the O(n)
    # van Herk path on the dtypes that have one.
    ex_id, impl = vector_impl
    a = _random_array(np.random.default_rng(n + k), n, dtype)
    if a.dtype.kind == "f":
        a[n // 2] = np.nan
    expected = NP_PICK[ex_id](sliding_window_view(a, k), axis=1)
    result = impl(a, k)
    assert result.dtype == a.dtype
    np.testing.assert_array_equal(result, expected)


def test_deque_long_input(deque_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = deque_impl
    rng = np.random.default_rng(239)
    a = rng.integers(-1000, 1000, 20_000)
    for k in (1, 2, 77, 1024, 20_000):
        expected = (np.max if PICK[ex_id] is max else np.min)(sliding_window_view(a, k), axis=1)
        assert impl(a.tolist(), k) == expected.tolist()


@pytest.mark.parametrize(
    "nums",
    [
        list(range(20, 0, -1)),  # descending
        list(range(20)),  # ascending
        [5] * 20,  # all equal
        [-7, -3, -9, -1, -4, -4, -8, -2, -6],  # all negative
        [2, 1] * 10,  # zigzag
        [0, 0, 3, 3, 3, 1, 1, 9, 9, 0],  # runs of ties
    ],
    ids=["descending", "ascending", "all-equal", "negative", "zigzag", "runs"],
)
def test_shapes_of_input(any_impl: tuple[str, Callable[..., Any]], nums: list[int]) -> None:
    ex_id, impl = any_impl
    for k in range(1, len(nums) + 1):
        expected = [PICK[ex_id](nums[i : i + k]) for i in range(len(nums) - k + 1)]
        assert as_list(impl(nums, k)) == expected


def test_k_1_is_the_input_and_k_n_is_the_extreme(any_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = any_impl
    nums = [4, -1, 7, 7, 0, -3, 2]
    assert as_list(impl(nums, 1)) == nums
    assert as_list(impl(nums, len(nums))) == [PICK[ex_id](nums)]


def test_int64_extremes(any_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = any_impl
    lo, hi = int(np.iinfo(np.int64).min), int(np.iinfo(np.int64).max)
    nums = [hi, lo, lo, hi - 1, lo + 1, hi, lo]
    arg = np.array(nums, dtype=np.int64) if ex_id in VECTOR_IDS else nums
    for k in range(1, len(nums) + 1):
        expected = [PICK[ex_id](nums[i : i + k]) for i in range(len(nums) - k + 1)]
        assert as_list(impl(arg, k)) == expected


def test_uint64_extremes(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = vector_impl
    top = 2**64 - 1
    a = np.array([top, 0, 1, top - 1, 0, top], dtype=np.uint64)
    for k in range(1, a.shape[0] + 1):
        expected = [PICK[ex_id](a.tolist()[i : i + k]) for i in range(a.shape[0] - k + 1)]
        assert impl(a, k).tolist() == expected


def test_python_ints_stay_exact(deque_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = deque_impl
    nums = [10**30, 10**30 + 1, -(10**40), 3]
    expected = [PICK[ex_id](nums[i : i + 2]) for i in range(3)]
    assert impl(nums, 2) == expected


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_dtype_and_length(vector_impl: tuple[str, Callable[..., Any]], dtype: Any) -> None:
    _, impl = vector_impl
    a = _random_array(np.random.default_rng(0), 50, dtype)
    for k in (1, 2, 3, 7, 8, 50):
        result = impl(a, k)
        assert result.dtype == a.dtype
        assert result.shape == (50 - k + 1,)


@pytest.mark.parametrize("order", [">", "<"])
def test_non_native_byte_order(vector_impl: tuple[str, Callable[..., Any]], order: str) -> None:
    # The value type is kept; the byte order may be the input's or the native one.
    ex_id, impl = vector_impl
    a = np.array([3, 1, 4, 1, 5, 9, 2, 6], dtype=f"{order}i4")
    result = impl(a, 3)
    assert result.dtype.newbyteorder("=") == a.dtype.newbyteorder("=")
    assert result.tolist() == [PICK[ex_id](a.tolist()[i : i + 3]) for i in range(6)]


def test_list_input(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = vector_impl
    assert impl([0.5, 2.5, -1.0], 2).tolist() == [PICK[ex_id](0.5, 2.5), PICK[ex_id](2.5, -1.0)]
    assert impl([True, False, False], 2).dtype == np.bool_


def test_strided_input(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = vector_impl
    base = np.arange(100.0)[::-1].copy()
    a = base[::3]
    expected = [PICK[ex_id](a.tolist()[i : i + 5]) for i in range(a.shape[0] - 4)]
    assert impl(a, 5).tolist() == expected


def test_vectorised_never_mutates_nor_aliases(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    _, impl = vector_impl
    a = np.array([3.0, np.nan, -1.0, 8.0, 2.0, 2.0, 0.5])
    before = a.copy()
    a.setflags(write=False)  # any write into the input raises
    for k in range(1, a.shape[0] + 1):
        result = impl(a, k)
        assert not np.shares_memory(result, a)
        result[...] = 0  # the result is the caller's to write
    np.testing.assert_array_equal(a, before)


def test_deque_never_mutates(deque_impl: tuple[str, Callable[..., Any]]) -> None:
    _, impl = deque_impl
    nums = [3.0, math.nan, -1.0, 8.0, 2.0, 2.0, 0.5]
    before = list(nums)
    for k in range(1, len(nums) + 1):
        impl(nums, k)
        impl(tuple(nums), k)
    assert all(x is y for x, y in zip(nums, before, strict=True))


def test_deque_accepts_any_sequence(deque_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = deque_impl
    expected = [PICK[ex_id](range(10)[i : i + 4]) for i in range(7)]
    assert impl(range(10), 4) == expected
    assert impl(tuple(range(10)), 4) == expected
    assert impl(collections.deque(range(10)), 4) == expected
    assert impl("sliding", 7) == [PICK[ex_id]("sliding")]


def test_deque_nan_policy_examples(deque_impl: tuple[str, Callable[..., Any]]) -> None:
    _, impl = deque_impl
    nan = math.nan
    result = impl([1.0, nan, 3.0, 2.0, 0.0, nan, 5.0], 2)
    assert [math.isnan(x) for x in result] == [True, True, False, False, True, True]
    assert impl([nan], 1)[0] is nan  # the NaN object itself


@pytest.mark.parametrize(
    ("values", "k", "nan_windows"),
    [
        ([1.0, np.nan, 3.0, 2.0, 0.0, np.nan, 5.0], 2, [1, 1, 0, 0, 1, 1]),
        ([np.nan, 1.0, 2.0, 3.0], 2, [1, 0, 0]),
        ([1.0, 2.0, 3.0, np.nan], 3, [0, 1]),
        ([np.nan] * 4, 2, [1, 1, 1]),
        ([np.inf, np.nan, -np.inf], 1, [0, 1, 0]),
    ],
)
def test_nan_policy_examples(
    any_impl: tuple[str, Callable[..., Any]],
    values: list[float],
    k: int,
    nan_windows: list[int],
) -> None:
    # A window holding a NaN gives NaN, as np.maximum would; the others are unaffected.
    ex_id, impl = any_impl
    arg = np.array(values) if ex_id in VECTOR_IDS else values
    result = as_list(impl(arg, k))
    assert [int(math.isnan(x)) for x in result] == nan_windows
    clean = [
        PICK[ex_id](values[i : i + k])
        for i in range(len(values) - k + 1)
        if not any(math.isnan(x) for x in values[i : i + k])
    ]
    assert [x for x in result if not math.isnan(x)] == clean


def test_nan_policy_is_np_maximum(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    # The same answer as reducing each window with np.maximum / np.minimum.
    ex_id, impl = vector_impl
    ufunc = np.maximum if ex_id == "sliding_window_max" else np.minimum
    rng = np.random.default_rng(7)
    a = rng.standard_normal(200)
    a[rng.random(200) < 0.05] = np.nan
    for k in (1, 2, 5, 16, 33, 200):
        expected = ufunc.reduce(sliding_window_view(a, k), axis=1)
        np.testing.assert_array_equal(impl(a, k), expected)


@pytest.mark.parametrize(
    ("ex_id", "complexity"),
    [
        ("max_sliding_window", "O(n)"),
        ("min_sliding_window", "O(n)"),
        ("sliding_window_max", "O(n log k)"),
        ("sliding_window_min", "O(n log k)"),
    ],
)
def test_registered_as_exercises(ex_id: str, complexity: str) -> None:
    ex = get_exercise(ex_id)
    assert (ex.id, ex.topic, ex.difficulty, ex.complexity) == (
        ex_id,
        "sliding window",
        "hard",
        complexity,
    )
    assert ex.function_name == ex_id


# ----------------------------------------------------------------------------- errors


@pytest.mark.contract
@pytest.mark.parametrize(("n", "k"), [(5, 0), (5, -1), (5, 6), (3, 100), (0, 0), (0, 1)])
def test_k_out_of_range(any_impl: tuple[str, Callable[..., Any]], n: int, k: int) -> None:
    ex_id, impl = any_impl
    arg = np.arange(n, dtype=np.float64) if ex_id in VECTOR_IDS else list(range(n))
    with pytest.raises(ValueError, match=rf"\bk\b\D*{k}\b") as info:
        impl(arg, k)
    info.match(rf"\bn\b\D*{n}\b")


@pytest.mark.contract
def test_empty_input_always_raises(any_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = any_impl
    empty: Any = np.array([], dtype=np.int64) if ex_id in VECTOR_IDS else []
    for k in (-1, 0, 1, 2):
        with pytest.raises(ValueError, match=r"\bn\b\D*0\b"):
            impl(empty, k)


@pytest.mark.contract
@pytest.mark.parametrize("k", [True, False, 2.0, 2.5, "2", None, Fraction(2), Decimal(2)])
def test_k_must_be_an_int(any_impl: tuple[str, Callable[..., Any]], k: Any) -> None:
    ex_id, impl = any_impl
    arg = np.arange(5) if ex_id in VECTOR_IDS else [0, 1, 2, 3, 4]
    with pytest.raises(TypeError, match=r"\bk\b"):
        impl(arg, k)


def test_numpy_integer_k_is_accepted(any_impl: tuple[str, Callable[..., Any]]) -> None:
    ex_id, impl = any_impl
    arg = np.arange(5) if ex_id in VECTOR_IDS else [0, 1, 2, 3, 4]
    expected = [3, 4] if PICK[ex_id] is max else [0, 1]
    assert as_list(impl(arg, np.int64(4))) == expected
    assert as_list(impl(arg, np.uint8(4))) == expected


@pytest.mark.contract
@pytest.mark.parametrize(
    "a",
    [np.zeros((2, 3)), np.zeros((1, 4)), np.zeros((3, 1)), np.float64(3.0), [[1, 2], [3, 4]]],
    ids=["2x3", "1x4", "3x1", "0-d", "nested-list"],
)
def test_vectorised_needs_1d(vector_impl: tuple[str, Callable[..., Any]], a: Any) -> None:
    _, impl = vector_impl
    with pytest.raises(ValueError, match="1-D"):
        impl(a, 1)


@pytest.mark.contract
@pytest.mark.parametrize(
    "a",
    [
        np.array([1 + 2j, 3 + 0j]),
        np.array([1, 2], dtype=object),
        np.array(["a", "b"]),
        [2**70, 1],
    ],
    ids=["complex", "object", "str", "huge-int"],
)
def test_vectorised_rejects_unordered_or_object_dtypes(
    vector_impl: tuple[str, Callable[..., Any]], a: Any
) -> None:
    _, impl = vector_impl
    with pytest.raises(TypeError, match="dtype"):
        impl(a, 1)


@pytest.mark.contract
def test_vectorised_rejects_masked_arrays(vector_impl: tuple[str, Callable[..., Any]]) -> None:
    _, impl = vector_impl
    with pytest.raises(TypeError, match="mask"):
        impl(np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]), 2)
