"""Tests of the sliding-window maximum and minimum (LeetCode 239).

Oracles: the brute force ``[max(nums[i:i + k]) ...]`` (made NaN-aware where NaNs are
drawn), and, for inputs too large for it, ``sliding_window_view(a, k).max(axis=1)``;
the vectorised variants are also compared with the deque reference.  None shares code
with the implementations.

Unmarked tests check what the statement asks, within LeetCode's constraints (ints in
[-10^4, 10^4], up to 10^5 of them), so that a correct textbook solution passes them.
``edge`` tests check the reference's further promises (NaN policy, ties, any ordered
values, numpy scalars, no mutation), ``contract`` tests its errors for bad input.
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

from algos.sliding_window import vectorised
from workbook.testing import (
    check,
    contract,
    edge,
    exercise_fixture,
    exercise_params,
    implementation,
    reference,
)

max_sliding_window = exercise_fixture("max_sliding_window")
min_sliding_window = exercise_fixture("min_sliding_window")
sliding_window_max = exercise_fixture("sliding_window_max")
sliding_window_min = exercise_fixture("sliding_window_min")

DEQUES = exercise_params("max_sliding_window", "min_sliding_window")
VECTORS = exercise_params("sliding_window_max", "sliding_window_min")
PICK = {  # the builtin each exercise mirrors
    "max_sliding_window": max,
    "min_sliding_window": min,
    "sliding_window_max": max,
    "sliding_window_min": min,
}
NP_PICK = {"max": np.max, "min": np.min}
DEQUE_OF = {"sliding_window_max": "max_sliding_window", "sliding_window_min": "min_sliding_window"}
LEETCODE_VALUES = st.integers(-(10**4), 10**4)
ALL_DTYPES = [
    np.bool_, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32,
    np.int64, np.uint64, np.float16, np.float32, np.float64,
]  # fmt: skip


# ----------------------------------------------------------------------------- oracles


def brute_force(nums: Sequence[Any], k: int, pick: Callable[..., Any]) -> list[Any]:
    """``pick`` of every window; the window's last NaN if it holds one."""
    result = []
    for i in range(len(nums) - k + 1):
        window = nums[i : i + k]
        nans = [x for x in window if x != x]
        result.append(nans[-1] if nans else pick(window))
    return result


def view_oracle(a: np.ndarray[Any, Any], k: int, pick: Callable[..., Any]) -> list[Any]:
    """The window extremes by numpy's O(nk) view, for long inputs."""
    return NP_PICK[pick.__name__](sliding_window_view(a, k), axis=1).tolist()


def as_input(exercise_id: str, nums: Sequence[Any]) -> Any:
    return np.array(nums) if exercise_id in DEQUE_OF else list(nums)


@st.composite
def values_and_k(draw: st.DrawFn, elements: st.SearchStrategy[Any], max_size: int = 60) -> Any:
    nums = draw(st.lists(elements, min_size=1, max_size=max_size))
    return nums, draw(st.integers(1, len(nums)))


@st.composite
def array_and_k(draw: st.DrawFn, dtype: Any, max_size: int = 80, **kwargs: Any) -> Any:
    a = draw(arrays(dtype, st.integers(1, max_size), **kwargs))
    return a, draw(st.integers(1, a.shape[0]))


def random_array(rng: np.random.Generator, n: int, dtype: Any, nan: bool = False) -> Any:
    dt = np.dtype(dtype)
    if dt.kind == "f":
        a = rng.standard_normal(n).astype(dt)
        if nan:
            a[rng.random(n) < 0.001] = np.nan
        return a
    if dt.kind == "b":
        return rng.random(n) < 0.5
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)


# ------------------------------------------------------- the statement: LeetCode 239


@pytest.mark.parametrize("exercise_id", DEQUES + VECTORS)
@pytest.mark.parametrize(
    ("nums", "k", "maxima", "minima"),
    [
        ([1, 3, -1, -3, 5, 3, 6, 7], 3, [3, 3, 5, 5, 6, 7], [-1, -3, -3, -3, 3, 3]),
        ([1], 1, [1], [1]),
        ([1, -1], 1, [1, -1], [1, -1]),
        ([9, 11], 2, [11], [9]),
        ([7, 2, 4], 2, [7, 4], [2, 2]),
        ([1, 3, 1, 2, 0, 5], 3, [3, 3, 2, 5], [1, 1, 0, 0]),
    ],
)
def test_worked_examples(
    request: Any, exercise_id: str, nums: list[int], k: int, maxima: list[int], minima: list[int]
) -> None:
    expected = maxima if PICK[exercise_id] is max else minima
    check(implementation(request, exercise_id), as_input(exercise_id, nums), k, expected=expected)


@pytest.mark.parametrize("exercise_id", DEQUES)
@given(case=values_and_k(LEETCODE_VALUES))
def test_matches_brute_force(request: Any, exercise_id: str, case: tuple[list[int], int]) -> None:
    nums, k = case
    expected = brute_force(nums, k, PICK[exercise_id])
    check(implementation(request, exercise_id), nums, k, expected=expected)


@pytest.mark.parametrize("exercise_id", DEQUES + VECTORS)
@pytest.mark.parametrize(
    "nums",
    [
        list(range(20, 0, -1)),
        list(range(20)),
        [5] * 20,
        [-7, -3, -9, -1, -4, -4, -8, -2, -6],
        [2, 1] * 10,
        [0, 0, 3, 3, 3, 1, 1, 9, 9, 0],
    ],
    ids=["descending", "ascending", "all-equal", "negative", "zigzag", "runs-of-ties"],
)
def test_every_window_size(request: Any, exercise_id: str, nums: list[int]) -> None:
    impl = implementation(request, exercise_id)
    for k in range(1, len(nums) + 1):
        expected = brute_force(nums, k, PICK[exercise_id])
        check(impl, as_input(exercise_id, nums), k, expected=expected)


@pytest.mark.parametrize("exercise_id", DEQUES)
@pytest.mark.parametrize("k", [1, 2, 3, 1000, 50_000, 99_999, 100_000])
def test_longest_input(request: Any, exercise_id: str, k: int) -> None:
    # LeetCode's limit: 10^5 values.  An O(nk) solution runs out of time here.
    a = np.random.default_rng(k).integers(-(10**4), 10**4, 10**5, endpoint=True)
    expected = view_oracle(a, k, PICK[exercise_id])
    check(implementation(request, exercise_id), a.tolist(), k, expected=expected)


@pytest.mark.parametrize("exercise_id", VECTORS)
@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.float64, np.float32])
@given(data=st.data())
def test_vectorised_matches_brute_force(
    request: Any, exercise_id: str, dtype: Any, data: st.DataObject
) -> None:
    a, k = data.draw(
        array_and_k(dtype, elements={"allow_nan": False} if np.dtype(dtype).kind == "f" else None)
    )
    result = check(
        implementation(request, exercise_id),
        a,
        k,
        expected=brute_force(a.tolist(), k, PICK[exercise_id]),
    )
    assert isinstance(result, np.ndarray)
    assert result.dtype == a.dtype


@pytest.mark.parametrize("exercise_id", VECTORS)
@given(case=values_and_k(LEETCODE_VALUES))
def test_vectorised_matches_the_deque_reference(
    request: Any, exercise_id: str, case: tuple[list[int], int]
) -> None:
    nums, k = case
    expected = reference(DEQUE_OF[exercise_id])(nums, k)
    check(implementation(request, exercise_id), np.array(nums), k, expected=expected)


@pytest.mark.parametrize("exercise_id", VECTORS)
@pytest.mark.parametrize(
    ("n", "k"),
    [
        pytest.param(10**6, 3, marks=pytest.mark.slow),
        pytest.param(10**6, 1000, marks=pytest.mark.slow),
        (10**5, 3),
        (10**5, 1000),
        (70_000, 4096),
        (2**17 + 50, 2**17),
    ],
)
def test_vectorised_long_inputs(request: Any, exercise_id: str, n: int, k: int) -> None:
    a = np.random.default_rng(n + k).standard_normal(n)
    expected = view_oracle(a, k, PICK[exercise_id])
    check(implementation(request, exercise_id), a, k, expected=expected)


# ------------------------------------------------------- the class: MonotonicQueue

monotonic_queue = exercise_fixture("monotonic_queue")
OPERATIONS = st.lists(st.one_of(st.tuples(st.just("push"), st.integers(-(10**9), 10**9)),
                                st.tuples(st.just("push"), st.integers(-3, 3)),
                                st.just(("pop", None))), max_size=80)  # fmt: skip


def test_queue_worked_example(monotonic_queue: Any) -> None:
    q = monotonic_queue()
    for x in (1, 3, 2):
        q.push(x)
    assert (q.max(), len(q)) == (3, 3)
    assert (q.pop(), q.pop(), q.max(), len(q)) == (1, 3, 2, 1)


@given(OPERATIONS)
def test_queue_matches_a_list_model(
    monotonic_queue: Any, operations: list[tuple[str, Any]]
) -> None:
    q, model = monotonic_queue(), []
    for step, (op, x) in enumerate(operations):
        if op == "push":
            q.push(x)
            model.append(x)
        elif model:
            got = q.pop()
            assert got == model.pop(0), f"pop() after {operations[:step]}: got {got}"
        assert len(q) == len(model), f"len after {operations[: step + 1]}"
        if model:
            got = q.max()
            assert got == max(model), (
                f"max() after {operations[: step + 1]}: got {got}, expected {max(model)}"
            )


def test_queue_empty_raises_index_error(monotonic_queue: Any) -> None:
    q = monotonic_queue()
    with pytest.raises(IndexError):
        q.pop()
    with pytest.raises(IndexError):
        q.max()
    q.push(4)
    q.pop()
    with pytest.raises(IndexError):
        q.max()


def test_queue_many_operations_stay_fast(monotonic_queue: Any) -> None:
    # 2 * 10^5 operations on a queue of up to 10^5 values: a max() that scans the
    # queue does 10^10 steps and runs out of its time limit.
    rng = np.random.default_rng(5)
    descending = sorted(rng.integers(-(10**9), 10**9, 10**5).tolist(), reverse=True)
    q = monotonic_queue()
    for x in descending:  # every value stays a candidate
        q.push(x)
    for x in descending[:-1]:
        assert q.max() == x
        assert q.pop() == x
    assert len(q) == 1


# ------------------------------------------------------- edge: the reference's promises


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
@given(case=values_and_k(st.floats() | st.integers(-3, 3), max_size=40))
def test_floats_with_nan_match_nan_aware_brute_force(
    request: Any, exercise_id: str, case: Any
) -> None:
    nums, k = case
    check(
        implementation(request, exercise_id),
        nums,
        k,
        expected=brute_force(nums, k, PICK[exercise_id]),
    )


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
@given(
    case=values_and_k(st.text(max_size=3))
    | values_and_k(st.fractions())
    | values_and_k(st.decimals(allow_nan=False))
    | values_and_k(st.integers())
)
def test_any_totally_ordered_values(request: Any, exercise_id: str, case: Any) -> None:
    nums, k = case
    check(
        implementation(request, exercise_id),
        nums,
        k,
        expected=brute_force(nums, k, PICK[exercise_id]),
    )


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
@given(case=values_and_k(st.sampled_from([0, 0.0, -0.0, False, Fraction(0), 1, 1.0, True])))
def test_ties_return_the_object_the_builtin_returns(
    request: Any, exercise_id: str, case: Any
) -> None:
    # Equal in several ways (1 == 1.0 == True) but told apart by type: the earliest wins.
    nums, k = case
    got = implementation(request, exercise_id)(nums, k)
    expected = [PICK[exercise_id](nums[i : i + k]) for i in range(len(nums) - k + 1)]
    assert [(type(x), x) for x in got] == [(type(x), x) for x in expected]


@edge
@pytest.mark.parametrize("exercise_id", DEQUES + VECTORS)
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
    request: Any, exercise_id: str, values: list[float], k: int, nan_windows: list[int]
) -> None:
    # A window holding a NaN gives NaN, as np.maximum would; the others are unaffected.
    result = list(implementation(request, exercise_id)(as_input(exercise_id, values), k))
    assert [int(math.isnan(x)) for x in result] == nan_windows
    assert [x for x in result if not math.isnan(x)] == [
        x for x in brute_force(values, k, PICK[exercise_id]) if not math.isnan(x)
    ]


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
def test_nan_object_is_returned_itself(request: Any, exercise_id: str) -> None:
    nan = float("nan")
    assert implementation(request, exercise_id)([nan], 1)[0] is nan


@edge
@pytest.mark.parametrize("exercise_id", DEQUES + VECTORS)
def test_numpy_integer_k(request: Any, exercise_id: str) -> None:
    expected = [3, 4] if PICK[exercise_id] is max else [0, 1]
    impl = implementation(request, exercise_id)
    check(impl, as_input(exercise_id, [0, 1, 2, 3, 4]), np.int64(4), expected=expected)
    check(impl, as_input(exercise_id, [0, 1, 2, 3, 4]), np.uint8(4), expected=expected)


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
def test_any_iterable_and_a_list_back(request: Any, exercise_id: str) -> None:
    impl, pick = implementation(request, exercise_id), PICK[exercise_id]
    expected = brute_force(list(range(10)), 4, pick)
    for nums in (range(10), tuple(range(10)), collections.deque(range(10)), iter(range(10))):
        result = impl(nums, 4)
        assert type(result) is list
        assert result == expected


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
def test_python_ints_stay_exact(request: Any, exercise_id: str) -> None:
    nums = [10**30, 10**30 + 1, -(10**40), 3]
    check(
        implementation(request, exercise_id),
        nums,
        2,
        expected=brute_force(nums, 2, PICK[exercise_id]),
    )


@edge
@pytest.mark.parametrize("exercise_id", DEQUES)
def test_never_mutates(request: Any, exercise_id: str) -> None:
    nums = [3.0, math.nan, -1.0, 8.0, 2.0, 2.0, 0.5]
    before = list(nums)
    for k in range(1, len(nums) + 1):
        implementation(request, exercise_id)(nums, k)
    assert all(x is y for x, y in zip(nums, before, strict=True))


@edge
@pytest.mark.parametrize("exercise_id", VECTORS)
@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
def test_vectorised_every_dtype_with_nan(
    request: Any, exercise_id: str, dtype: Any, data: st.DataObject
) -> None:
    # Every value of the dtype, NaN and infinities included for floats.
    a, k = data.draw(array_and_k(dtype))
    result = check(
        implementation(request, exercise_id),
        a,
        k,
        expected=brute_force(a.tolist(), k, PICK[exercise_id]),
    )
    assert result.dtype == a.dtype


@edge
@pytest.mark.parametrize("exercise_id", VECTORS)
@pytest.mark.parametrize("scheme", ["doubling", "van_herk"])
@pytest.mark.parametrize(
    ("dtype", "n", "k"),
    [
        (np.float64, 70_000, 3), (np.float64, 70_000, 1000), (np.float32, 70_000, 33),
        (np.int64, 70_000, 512), (np.uint64, 70_000, 700), (np.int8, 300_000, 17),
        (np.bool_, 300_000, 64), (np.float16, 20_000, 100), (np.float64, 2**17 + 50, 2**17 + 7),
    ],
)  # fmt: skip
def test_vectorised_both_schemes_long_inputs(
    request: Any,
    monkeypatch: pytest.MonkeyPatch,
    exercise_id: str,
    scheme: str,
    dtype: Any,
    n: int,
    k: int,
) -> None:
    # Long enough for many cache-sized chunks; each scheme forced through the crossover
    # table (the user's implementation ignores it).
    key = (np.dtype(dtype).kind, np.dtype(dtype).itemsize)
    monkeypatch.setitem(vectorised.VAN_HERK_MIN_K, key, 2 if scheme == "van_herk" else 2**62)
    a = random_array(np.random.default_rng(n + k), n, dtype, nan=True)
    if a.dtype.kind == "f":
        a[n // 2] = np.nan
    result = implementation(request, exercise_id)(a, k)
    assert result.dtype == a.dtype
    ufunc = np.maximum if PICK[exercise_id] is max else np.minimum
    np.testing.assert_array_equal(result, ufunc.reduce(sliding_window_view(a, k), axis=1))


@edge
@pytest.mark.parametrize("exercise_id", VECTORS)
def test_vectorised_extremes_of_64_bit_dtypes(request: Any, exercise_id: str) -> None:
    impl, pick = implementation(request, exercise_id), PICK[exercise_id]
    lo, hi = -(2**63), 2**63 - 1
    for a in (
        np.array([hi, lo, lo, hi - 1, lo + 1, hi, lo]),
        np.array([2**64 - 1, 0, 1, 2**64 - 2, 0], dtype=np.uint64),
    ):
        for k in range(1, a.shape[0] + 1):
            assert impl(a, k).tolist() == brute_force(a.tolist(), k, pick)


@edge
@pytest.mark.parametrize("exercise_id", VECTORS)
def test_vectorised_odd_layouts(request: Any, exercise_id: str) -> None:
    impl, pick = implementation(request, exercise_id), PICK[exercise_id]
    for a in (np.array([3, 1, 4, 1, 5, 9, 2, 6], dtype=">i4"), np.arange(100.0)[::-1].copy()[::3]):
        assert impl(a, 3).tolist() == brute_force(a.tolist(), 3, pick)
    assert impl([0.5, 2.5, -1.0], 2).tolist() == brute_force([0.5, 2.5, -1.0], 2, pick)
    assert impl([True, False, False], 2).dtype == np.bool_


@edge
@pytest.mark.parametrize("exercise_id", VECTORS)
def test_vectorised_never_mutates_nor_aliases(request: Any, exercise_id: str) -> None:
    a = np.array([3.0, np.nan, -1.0, 8.0, 2.0, 2.0, 0.5])
    before = a.copy()
    a.setflags(write=False)  # any write into the input raises
    for k in range(1, a.shape[0] + 1):
        result = implementation(request, exercise_id)(a, k)
        assert not np.shares_memory(result, a)
        result[...] = 0  # the result is the caller's to write
    np.testing.assert_array_equal(a, before)


# ------------------------------------------------------- contract: errors for bad input


@contract
@pytest.mark.parametrize("exercise_id", DEQUES + VECTORS)
@pytest.mark.parametrize(("n", "k"), [(5, 0), (5, -1), (5, 6), (0, 0), (0, 1)])
def test_k_out_of_range(request: Any, exercise_id: str, n: int, k: int) -> None:
    with pytest.raises(ValueError, match=r"\bk\b"):
        implementation(request, exercise_id)(as_input(exercise_id, list(range(n))), k)


@contract
@pytest.mark.parametrize("exercise_id", DEQUES + VECTORS)
@pytest.mark.parametrize("k", [True, 2.0, 2.5, "2", None, Fraction(2), Decimal(2)])
def test_k_must_be_an_int(request: Any, exercise_id: str, k: Any) -> None:
    with pytest.raises(TypeError, match=r"\bk\b"):
        implementation(request, exercise_id)(as_input(exercise_id, [0, 1, 2, 3, 4]), k)


@contract
@pytest.mark.parametrize("exercise_id", DEQUES)
@pytest.mark.parametrize("nums", [5, None, 2.5])
def test_nums_must_be_iterable(request: Any, exercise_id: str, nums: Any) -> None:
    with pytest.raises(TypeError, match=r"\bnums\b"):
        implementation(request, exercise_id)(nums, 2)


@contract
@pytest.mark.parametrize("exercise_id", DEQUES)
def test_incomparable_values(request: Any, exercise_id: str) -> None:
    with pytest.raises(TypeError, match=r"nums\[1\]"):
        implementation(request, exercise_id)([1, "a", 3], 2)


@contract
@pytest.mark.parametrize("exercise_id", VECTORS)
@pytest.mark.parametrize(
    "a", [np.zeros((2, 3)), np.float64(3.0), [[1, 2], [3, 4]]], ids=["2x3", "0-d", "nested"]
)
def test_vectorised_needs_1d(request: Any, exercise_id: str, a: Any) -> None:
    with pytest.raises(ValueError, match=r"\ba\b"):
        implementation(request, exercise_id)(a, 1)


@contract
@pytest.mark.parametrize("exercise_id", VECTORS)
@pytest.mark.parametrize(
    "a",
    [np.array([1 + 2j, 3 + 0j]), np.array([1, 2], dtype=object), np.array(["a", "b"]), [2**70, 1]],
    ids=["complex", "object", "str", "huge-int"],
)
def test_vectorised_rejects_unordered_or_object_dtypes(
    request: Any, exercise_id: str, a: Any
) -> None:
    with pytest.raises(TypeError, match=r"\ba\b"):
        implementation(request, exercise_id)(a, 1)


@contract
@pytest.mark.parametrize("exercise_id", VECTORS)
def test_vectorised_rejects_masked_arrays(request: Any, exercise_id: str) -> None:
    with pytest.raises(TypeError, match=r"\ba\b"):
        implementation(request, exercise_id)(np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]), 2)
