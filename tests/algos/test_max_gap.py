"""Maximum gap (LeetCode 164): worked examples, properties against sorted + pairwise, errors.

The oracle sorts with ``sorted()`` and takes the largest difference of neighbours in
Python arithmetic (Python ints for integer arrays, so int64 ranges cannot overflow);
large arrays are checked against ``np.diff(np.sort(a)).max()`` in Python ints or
float64.  Neither shares code with the bucket implementations.

Unmarked tests check what the statements ask, within their constraints and up to their
limits (LeetCode's for ``maximum_gap`` and ``maximum_gap_radix``: ints in [0, 10^9], up
to 10^5 of them; integer or float arrays for ``maximum_gap_np``), comparing by value,
so a correct sort-and-compare solution passes them.  ``edge`` tests check the
references' further promises (ints of any size and sign, floats and mixes, exact result
types, any iterable, numpy scalars, no mutation); ``contract`` tests their errors for
bad input (the type, and the argument named).  ``maximum_gap_pruned`` is no exercise:
it is tested against the reference directly.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from algos.max_gap import maximum_gap_pruned
from workbook.testing import (
    check,
    contract,
    edge,
    exercise_fixture,
    exercise_params,
    implementation,
    reference,
)

maximum_gap = exercise_fixture("maximum_gap")
maximum_gap_radix = exercise_fixture("maximum_gap_radix")
maximum_gap_np = exercise_fixture("maximum_gap_np")

Gap = Callable[[Any], Any]
PURE = exercise_params("maximum_gap", "maximum_gap_radix")  # lists of Python ints
ALL = exercise_params("maximum_gap", "maximum_gap_radix", "maximum_gap_np")


def oracle(values: Sequence[Any]) -> Any:
    """Largest difference of neighbours in ``sorted(values)``; 0 for fewer than two."""
    return max((b - a for a, b in pairwise(sorted(values))), default=0)


def sort_diff(a: np.ndarray) -> Any:
    """``np.diff(np.sort(a)).max()``, in Python ints for integer arrays (no overflow)."""
    ordered = np.sort(a)
    if a.dtype.kind in "iu":
        ordered = ordered.astype(object)
    return np.diff(ordered).max() if a.size > 1 else 0


def same(result: Any, expected: Any) -> bool:
    """Equal value and the same Python type (``int``/``float``, never a numpy scalar)."""
    return type(result) is type(expected) and result == expected


def as_input(exercise_id: str, nums: list[Any]) -> Any:
    return np.array(nums, dtype=np.int64) if exercise_id == "maximum_gap_np" else nums


# ------------------------------------------------------------------------------ strategies

leetcode_ints = st.lists(st.integers(0, 10**9), min_size=1, max_size=300)
few_values = st.lists(st.integers(0, 20), min_size=1, max_size=300)  # many duplicates
any_ints = st.lists(st.integers(), max_size=300)
ints_near_2_63 = st.lists(
    st.one_of(
        st.integers(2**63 - 2**12, 2**63 + 2**12),
        st.integers(-(2**63) - 2**12, -(2**63) + 2**12),
        st.integers(-(2**64), 2**64),
    ),
    max_size=200,
)
all_equal_ints = st.tuples(st.integers(), st.integers(0, 50)).map(lambda t: [t[0]] * t[1])
finite_floats = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True)
float_lists = st.one_of(
    st.lists(finite_floats, max_size=300),
    st.lists(st.floats(-1e-300, 1e-300, allow_subnormal=True), max_size=200),  # subnormals
    st.lists(st.floats(1.0, 1.0 + 1e-12), max_size=200),  # neighbours a few ulps apart
    st.lists(st.sampled_from([-1.5, -0.0, 0.0, 2.25, 1e300]), max_size=200),  # duplicates
)
int64 = st.integers(-(2**63), 2**63 - 1)


LEETCODE_SHAPES: dict[str, Callable[[random.Random, int], list[int]]] = {
    "uniform": lambda rng, n: [rng.randrange(10**9 + 1) for _ in range(n)],
    "dense": lambda rng, n: [rng.randrange(n) for _ in range(n)],
    "even": lambda rng, n: rng.sample(range(0, 10**9, 10**9 // n), n),
    "all equal": lambda rng, n: [10**9] * n,
    "clusters": lambda rng, n: [
        rng.choice([0, 5 * 10**8, 10**9 - 50]) + rng.randrange(50) for _ in range(n)
    ],
    "grid of tens": lambda rng, n: rng.sample([1000 * (i // 10) for i in range(n)], n),
    "gap at the top": lambda rng, n: [rng.randrange(10**8) for _ in range(n - 1)] + [10**9],
    "gap at the bottom": lambda rng, n: [0] + [10**9 - rng.randrange(10**8) for _ in range(n - 1)],
}
"""Inputs within LeetCode's constraints, each taking another path of the bucket scheme."""


def leetcode_shapes(rng: random.Random, n: int) -> dict[str, list[int]]:
    return {shape: make(rng, n) for shape, make in LEETCODE_SHAPES.items()}


@functools.cache
def longest_input(shape: str) -> tuple[list[int], int]:
    """A shape at LeetCode's limit of 10^5 numbers, and its answer (made once)."""
    nums = LEETCODE_SHAPES[shape](random.Random(shape), 10**5)
    return nums, oracle(nums)


def wide_ints(rng: random.Random, n: int) -> dict[str, list[int]]:
    """Spreads beyond LeetCode's: negative, beyond 64 bits."""
    return {
        "signed 2^40": [rng.randrange(-(2**40), 2**40) for _ in range(n)],
        "clusters": [rng.choice([0, 10**9, -(10**12)]) + rng.randrange(50) for _ in range(n)],
        "huge": [rng.randrange(-(2**300), 2**300) for _ in range(n)],
    }


def spread_floats(rng: random.Random, n: int) -> dict[str, list[float]]:
    return {
        "uniform": [rng.random() for _ in range(n)],
        "normal": [rng.gauss(0.0, 1e5) for _ in range(n)],
        "even": rng.sample([i + 0.5 * rng.random() for i in range(n)], n),
        "two values": [rng.choice([0.0, 1.0]) for _ in range(n)],
        "grid of tens": rng.sample([0.5 * (i // 10) for i in range(n)], n),
        "wide": [rng.choice([-1, 1]) * 10 ** rng.uniform(-300, 308) for _ in range(n)],
    }


# ------------------------------------------------------ the statement: LeetCode 164


@pytest.mark.parametrize("exercise_id", ALL)
@pytest.mark.parametrize(
    ("nums", "expected"),
    [
        ([3, 6, 9, 1], 3),
        ([10], 0),
        ([1, 10_000_000], 9_999_999),
        ([1, 1, 1, 1], 0),
        ([0, 10**9], 10**9),
        ([5, 0, 1, 2, 3], 2),
        ([100, 3, 2, 1], 97),
    ],
)
def test_worked_examples(request: Any, exercise_id: str, nums: list[int], expected: int) -> None:
    check(implementation(request, exercise_id), as_input(exercise_id, nums), expected=expected)


@pytest.mark.parametrize("exercise_id", ALL)
@given(nums=st.one_of(leetcode_ints, few_values))
def test_matches_sorted_pairwise(request: Any, exercise_id: str, nums: list[int]) -> None:
    check(implementation(request, exercise_id), as_input(exercise_id, nums), expected=oracle(nums))


@pytest.mark.parametrize("exercise_id", ALL)
@pytest.mark.parametrize("shape", list(LEETCODE_SHAPES))
def test_longest_inputs(request: Any, exercise_id: str, shape: str) -> None:
    nums, expected = longest_input(shape)
    check(implementation(request, exercise_id), as_input(exercise_id, nums), expected=expected)


@pytest.mark.parametrize("exercise_id", PURE)
@given(nums=st.lists(st.integers(0, 10**9), min_size=2, max_size=300))
def test_at_least_the_average_gap(request: Any, exercise_id: str, nums: list[int]) -> None:
    gap = implementation(request, exercise_id)(nums)
    assert gap * (len(nums) - 1) >= max(nums) - min(nums), gap


# -------------------------------------------- the statement of maximum_gap_np: arrays


@given(hnp.arrays(np.int64, st.integers(1, 300), elements=int64))
@example(np.array([-(2**63), 2**63 - 1], dtype=np.int64))
def test_np_int64_matches_oracle(maximum_gap_np: Gap, a: np.ndarray) -> None:
    check(maximum_gap_np, a, expected=oracle(a.tolist()))  # Python ints: no overflow


@given(
    hnp.arrays(
        np.float64,
        st.integers(1, 300),
        elements=st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True),
    )
)
@example(np.array([-1.7e308, 1.7e308]))
@example(np.array([-0.0, 0.0, 5e-324]))
def test_np_float64_matches_oracle(maximum_gap_np: Gap, a: np.ndarray) -> None:
    check(maximum_gap_np, a, expected=oracle(a.tolist()))


@given(
    hnp.arrays(
        st.sampled_from([np.int8, np.int16, np.int32, np.uint8, np.uint16, np.uint32, np.uint64]),
        st.integers(1, 200),
    )
)
def test_np_other_int_dtypes(maximum_gap_np: Gap, a: np.ndarray) -> None:
    check(maximum_gap_np, a, expected=oracle(a.tolist()))


@pytest.mark.parametrize("n", [100, 20_000])
def test_np_spread_shapes(maximum_gap_np: Gap, n: int) -> None:
    rng = random.Random(n)
    shapes: dict[str, list[Any]] = {**leetcode_shapes(rng, n), **spread_floats(rng, n)}
    shapes.update({k: v for k, v in wide_ints(rng, n).items() if k != "huge"})
    for nums in shapes.values():
        a = np.array(nums, dtype=np.int64 if isinstance(nums[0], int) else np.float64)
        check(maximum_gap_np, a, expected=oracle(nums))


def test_np_large_random_against_numpy_sort(maximum_gap_np: Gap) -> None:
    rng = np.random.default_rng(164)
    for a in (
        rng.random(10**6),
        rng.standard_normal(300_000),
        rng.integers(-(2**63), 2**63 - 1, 300_000, endpoint=True),
        rng.integers(0, 1000, 300_000),
        rng.permutation(np.arange(300_000) + 0.5 * rng.random(300_000)),  # no run stands out
    ):
        check(maximum_gap_np, a, expected=sort_diff(a))


def test_np_tight_clusters(maximum_gap_np: Gap) -> None:
    # Thousands of equal values in the buckets next to the one long empty run.
    check(
        maximum_gap_np,
        np.repeat(np.array([-(10**6), 1 - 10**6, 10**6]), 5_000),
        expected=2 * 10**6 - 1,
    )
    floats = np.repeat(np.array([0.0, 1e-12, 1.0, 1.0 + 2**-40]), 5_000)
    check(maximum_gap_np, floats, expected=1.0 - 1e-12)


# ------------------------------------------------- edge: the references' further promises


@edge
@pytest.mark.parametrize("exercise_id", PURE)
@given(nums=st.one_of(any_ints, ints_near_2_63, all_equal_ints))
@example([0, 2**64])
@example([-(2**63), 2**63 - 1, 0])
def test_ints_of_any_size_and_sign(request: Any, exercise_id: str, nums: list[int]) -> None:
    assert same(implementation(request, exercise_id)(nums), oracle(nums))


@edge
@pytest.mark.parametrize("exercise_id", PURE)
@pytest.mark.parametrize("n", [100, 5_000])
def test_wide_spreads(request: Any, exercise_id: str, n: int) -> None:
    for shape, nums in wide_ints(random.Random(n), n).items():
        assert same(implementation(request, exercise_id)(nums), oracle(nums)), shape


@edge
@given(float_lists)
@example([-1.7e308, 1.7e308])
@example([5e-324, 0.0, -5e-324])
@example([1e-300, 1e300])
def test_floats(maximum_gap: Gap, nums: list[float]) -> None:
    expected = oracle(nums) if len(nums) > 1 else (0.0 if nums else 0)
    assert same(maximum_gap(nums), expected)


@edge
@pytest.mark.parametrize("n", [100, 5_000])
def test_float_spreads(maximum_gap: Gap, n: int) -> None:
    for shape, nums in spread_floats(random.Random(n), n).items():
        assert same(maximum_gap(nums), oracle(nums)), shape


@edge
@given(
    st.lists(st.one_of(st.integers(-(2**60), 2**60), finite_floats), min_size=2).filter(
        lambda xs: {type(x) for x in xs} == {int, float}
    )
)
def test_mixed_ints_and_floats_are_floats(maximum_gap: Gap, nums: list[int | float]) -> None:
    assert same(maximum_gap(nums), oracle([float(x) for x in nums]))


@edge
def test_exact_result_types(maximum_gap: Gap, maximum_gap_radix: Gap) -> None:
    assert same(maximum_gap([]), 0)
    assert same(maximum_gap([2.5]), 0.0)
    assert same(maximum_gap([4, 4, 4]), 0)
    assert same(maximum_gap([1.5, 1.5]), 0.0)
    assert same(maximum_gap([-0.0, 0.0]), 0.0)
    assert same(maximum_gap([1, 2.5, 4]), 1.5)
    assert same(maximum_gap([2**53 + 1, 0.0]), float(2**53))  # the int rounds to a float
    assert same(maximum_gap([3, 3.0]), 0.0)
    assert same(maximum_gap([-1e308, 1e308, 0.0]), 1e308)
    assert same(maximum_gap([-1.7e308, 1.7e308]), math.inf)  # a float subtraction
    assert same(maximum_gap_radix([]), 0)
    assert same(maximum_gap_radix([7]), 0)


@edge
@pytest.mark.parametrize("exercise_id", PURE)
def test_any_iterable_and_numpy_integers(request: Any, exercise_id: str) -> None:
    impl = implementation(request, exercise_id)
    for nums in (iter([3, 1, 9]), (3, 1, 9), range(3, 16, 6), (x for x in [9, 3, 1])):
        assert same(impl(nums), 6)
    assert same(impl([1, np.int64(5), np.uint8(3)]), 2)
    assert same(impl(np.array([7, 1, 2], dtype=np.int32)), 5)


@edge
def test_np_result_types_and_exact_64_bit_ranges(maximum_gap_np: Gap) -> None:
    assert same(maximum_gap_np(np.array([-(2**63), 2**63 - 1])), 2**64 - 1)
    assert same(maximum_gap_np(np.array([0, 2**64 - 1], dtype=np.uint64)), 2**64 - 1)
    assert same(maximum_gap_np(np.array([7.0])), 0.0)
    assert same(maximum_gap_np(np.array([3], dtype=np.uint8)), 0)
    assert same(maximum_gap_np(np.array([], dtype=np.int32)), 0)
    assert same(maximum_gap_np([]), 0.0)  # an empty list is float64
    assert same(maximum_gap_np([1, 2.5, 7]), 4.5)  # numpy makes a mixed list float64
    assert same(maximum_gap_np(np.array([-1.7e308, 1.7e308])), math.inf)
    assert same(maximum_gap_np(np.array([-0.0, 0.0])), 0.0)


@edge
@given(
    hnp.arrays(
        st.sampled_from([np.float16, np.float32]),
        st.integers(0, 200),
        elements={"allow_nan": False, "allow_infinity": False},
    )
)
def test_np_narrow_floats_compute_in_float64(maximum_gap_np: Gap, a: np.ndarray) -> None:
    expected = oracle(a.astype(np.float64).tolist()) if a.size > 1 else 0.0
    assert same(maximum_gap_np(a), expected)


@edge
def test_np_accepts_lists_strided_readonly_and_byte_swapped(maximum_gap_np: Gap) -> None:
    a = np.arange(20, dtype=np.int64) ** 2
    assert same(maximum_gap_np(a[::3]), 18**2 - 15**2)
    a.setflags(write=False)
    assert same(maximum_gap_np(a), 19**2 - 18**2)
    assert same(maximum_gap_np([1, 5, 2]), 3)
    assert same(maximum_gap_np(np.array([1, 5], dtype=">i8")), 4)
    assert same(maximum_gap_np(np.array([1.0, 5.5], dtype=">f8")), 4.5)


@edge
def test_inputs_are_not_mutated(
    maximum_gap: Gap, maximum_gap_radix: Gap, maximum_gap_np: Gap
) -> None:
    rng = random.Random(7)
    for nums in (
        [rng.randrange(-(2**70), 2**70) for _ in range(3_000)],
        [rng.random() for _ in range(3_000)],
        [1, 2.5, -3],
    ):
        copy = list(nums)
        maximum_gap(nums)
        assert nums == copy
    ints = [rng.randrange(-(10**6), 10**6) for _ in range(3_000)]
    copy = list(ints)
    maximum_gap_radix(ints)
    assert ints == copy
    for a in (np.array(ints), np.array(ints, dtype=float)):
        before = a.copy()
        maximum_gap_np(a)
        assert np.array_equal(a, before)


# ------------------------------------------- the pruned variant, against the reference

any_numbers = st.one_of(
    any_ints,
    ints_near_2_63,
    all_equal_ints,
    float_lists,
    st.lists(st.one_of(st.integers(-(2**60), 2**60), finite_floats), min_size=2),
)


@given(any_numbers)
@example([-1.7e308, 1.7e308])
@example([0, 2**64])
def test_pruned_matches_the_reference(nums: list[Any]) -> None:
    assert same(maximum_gap_pruned(nums), reference("maximum_gap")(nums))


@pytest.mark.parametrize("n", [100, 20_000])
def test_pruned_every_path(n: int) -> None:
    rng = random.Random(n)
    shapes: dict[str, list[Any]] = {
        **leetcode_shapes(rng, n),
        **wide_ints(rng, n),
        **spread_floats(rng, n),
    }
    shapes["tight clusters"] = [-(10**6)] * 5000 + [1 - 10**6] * 5000 + [10**6] * 5000
    for shape, nums in shapes.items():
        assert same(maximum_gap_pruned(nums), reference("maximum_gap")(nums)), shape


@pytest.mark.parametrize(
    ("nums", "error"),
    [(None, TypeError), ([1, True], TypeError), ([1.0, math.nan], ValueError), ("ab", TypeError)],
)
def test_pruned_errors_name_the_argument(nums: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^nums\b"):
        maximum_gap_pruned(nums)


# ------------------------------------------------------- contract: errors for bad input


@contract
@pytest.mark.parametrize("exercise_id", PURE)
@pytest.mark.parametrize("nums", [None, 5, 2.5, "ab", b"ab"])
def test_nums_must_be_an_iterable(request: Any, exercise_id: str, nums: Any) -> None:
    with pytest.raises(TypeError, match=r"^nums\b"):
        implementation(request, exercise_id)(nums)


@contract
@pytest.mark.parametrize("exercise_id", PURE)
@pytest.mark.parametrize("bad", [True, "2", None, 1 + 2j, np.bool_(False)])
def test_elements_must_be_numbers(request: Any, exercise_id: str, bad: Any) -> None:
    with pytest.raises(TypeError, match=r"^nums\[1\]"):
        implementation(request, exercise_id)([1, bad, 3])


@contract
def test_radix_refuses_floats(maximum_gap_radix: Gap) -> None:
    with pytest.raises(TypeError, match=r"^nums\[1\]"):
        maximum_gap_radix([1, 2.0])


@contract
@pytest.mark.parametrize(
    ("nums", "index"),
    [
        ([1.0, math.nan], 1),
        ([math.inf, 1.0, 2.0], 0),
        ([1, -math.inf], 1),
        ([math.nan], 0),
        ([0.5, 2**2000], 1),  # an int too large to become a float
    ],
)
def test_maximum_gap_value_errors(maximum_gap: Gap, nums: list[Any], index: int) -> None:
    with pytest.raises(ValueError, match=rf"^nums\[{index}\]"):
        maximum_gap(nums)


@contract
@pytest.mark.parametrize(
    ("a", "error", "name"),
    [
        (np.array([True, False]), TypeError, "a"),
        ([1, True, 3], TypeError, r"a\[1\]"),
        (np.array([1 + 2j, 3j]), TypeError, "a"),
        (np.array(["x", "y"]), TypeError, "a"),
        (np.array([2**70, 1], dtype=object), TypeError, "a"),
        ([2**64 - 1, -1], TypeError, "a"),
        (None, TypeError, "a"),
        (np.zeros((2, 2)), ValueError, "a"),
        (np.float64(3.0), ValueError, "a"),
        ([[1, 2], [3]], ValueError, "a"),
        (np.array([1.0, np.nan, 2.0]), ValueError, r"a\[1\]"),
        (np.array([np.inf, 1.0]), ValueError, r"a\[0\]"),
        (np.array([np.nan]), ValueError, r"a\[0\]"),
        (np.array([1.0, -np.inf], dtype=np.float32), ValueError, r"a\[1\]"),
    ],
)
def test_np_errors(maximum_gap_np: Gap, a: Any, error: type[Exception], name: str) -> None:
    with pytest.raises(error, match=rf"^{name}(\s|$)"):
        maximum_gap_np(a)


@contract
@pytest.mark.skipif(np.dtype(np.longdouble).itemsize <= 8, reason="long double is float64")
def test_np_rejects_long_double(maximum_gap_np: Gap) -> None:
    with pytest.raises(TypeError, match=r"^a\b"):
        maximum_gap_np(np.array([1.0, 2.0], dtype=np.longdouble))
