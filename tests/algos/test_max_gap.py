"""Maximum gap (LeetCode 164): worked examples, properties against sorted + pairwise, errors.

The oracle sorts with ``sorted()`` and takes the largest difference of neighbours in
Python arithmetic (Python ints for integer arrays, so int64 ranges cannot overflow).
"""

from __future__ import annotations

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

from workbook.testing import exercise_fixture

maximum_gap = exercise_fixture("maximum_gap")
maximum_gap_radix = exercise_fixture("maximum_gap_radix")
maximum_gap_np = exercise_fixture("maximum_gap_np")

Gap = Callable[[Any], Any]


def oracle(values: Sequence[Any]) -> Any:
    """Largest difference of neighbours in ``sorted(values)``; 0 for fewer than two."""
    return max((b - a for a, b in pairwise(sorted(values))), default=0)


def same(result: Any, expected: Any) -> bool:
    """Equal value and the same Python type (``int``/``float``, never a numpy scalar)."""
    return type(result) is type(expected) and result == expected


# ------------------------------------------------------------------------------ strategies

any_ints = st.lists(st.integers(), max_size=300)
ints_near_2_63 = st.lists(
    st.one_of(
        st.integers(2**63 - 2**12, 2**63 + 2**12),
        st.integers(-(2**63) - 2**12, -(2**63) + 2**12),
        st.integers(-(2**64), 2**64),
    ),
    max_size=200,
)
ints_with_duplicates = st.lists(st.integers(-5, 5), max_size=300)
all_equal_ints = st.tuples(st.integers(), st.integers(0, 50)).map(lambda t: [t[0]] * t[1])
finite_floats = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True)
float_lists = st.one_of(
    st.lists(finite_floats, max_size=300),
    st.lists(st.floats(-1e-300, 1e-300, allow_subnormal=True), max_size=200),  # subnormals
    st.lists(st.floats(1.0, 1.0 + 1e-12), max_size=200),  # neighbours a few ulps apart
    st.lists(st.sampled_from([-1.5, 0.0, 2.25, 1e300]), max_size=200),  # duplicates
)
int64 = st.integers(-(2**63), 2**63 - 1)


def spread_ints(rng: random.Random, n: int) -> dict[str, list[int]]:
    """Shapes that take each path of the bucket scheme: pruned, dense, evenly spaced."""
    return {
        "uniform": [rng.randrange(-(2**40), 2**40) for _ in range(n)],
        "dense": [rng.randrange(n) for _ in range(n)],
        "even": rng.sample([7 * i + rng.randrange(3) for i in range(n)], n),
        "clusters": [rng.choice([0, 10**9, -(10**12)]) + rng.randrange(50) for _ in range(n)],
        "grid of tens": rng.sample([1000 * (i // 10) for i in range(n)], n),  # equal runs
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


# -------------------------------------------------------------------------- worked examples


@pytest.mark.parametrize(("nums", "expected"), [([3, 6, 9, 1], 3), ([10], 0)])
def test_leetcode_examples(maximum_gap: Gap, nums: list[int], expected: int) -> None:
    assert same(maximum_gap(nums), expected)


@pytest.mark.parametrize(("nums", "expected"), [([3, 6, 9, 1], 3), ([10], 0)])
def test_leetcode_examples_radix(maximum_gap_radix: Gap, nums: list[int], expected: int) -> None:
    assert same(maximum_gap_radix(nums), expected)


@pytest.mark.parametrize(("nums", "expected"), [([3, 6, 9, 1], 3), ([10], 0)])
def test_leetcode_examples_np(maximum_gap_np: Gap, nums: list[int], expected: int) -> None:
    assert same(maximum_gap_np(np.array(nums)), expected)
    assert same(maximum_gap_np(nums), expected)


def test_small_cases(maximum_gap: Gap) -> None:
    assert same(maximum_gap([]), 0)
    assert same(maximum_gap([2.5]), 0.0)
    assert same(maximum_gap([4, 4, 4]), 0)
    assert same(maximum_gap([1.5, 1.5]), 0.0)
    assert same(maximum_gap([-3, 5]), 8)
    assert same(maximum_gap((1.0, 0.25, 0.5)), 0.5)
    assert same(maximum_gap(range(0, 100, 7)), 7)


def test_int64_extremes_are_exact(
    maximum_gap: Gap, maximum_gap_radix: Gap, maximum_gap_np: Gap
) -> None:
    nums = [-(2**63), 2**63 - 1]
    assert same(maximum_gap(nums), 2**64 - 1)
    assert same(maximum_gap_radix(nums), 2**64 - 1)
    assert same(maximum_gap_np(np.array(nums, dtype=np.int64)), 2**64 - 1)
    assert same(maximum_gap_np(np.array([0, 2**64 - 1], dtype=np.uint64)), 2**64 - 1)
    near = [2**63 + 1, 2**63 - 1, 2**63 + 4, 2**63]  # floats would round these together
    assert same(maximum_gap(near), 3)
    assert same(maximum_gap_radix(near), 3)


def test_float_gap_beyond_largest_float_is_inf(maximum_gap: Gap, maximum_gap_np: Gap) -> None:
    nums = [-1e308, 1e308, 0.0]
    assert same(maximum_gap(nums), 1e308)
    assert same(maximum_gap([-1.7e308, 1.7e308]), math.inf)
    assert same(maximum_gap_np(np.array([-1.7e308, 1.7e308])), math.inf)


def test_mixed_ints_and_floats_are_treated_as_floats(maximum_gap: Gap) -> None:
    assert same(maximum_gap([1, 2.5, 4]), 1.5)
    assert same(maximum_gap([2**53 + 1, 0.0]), float(2**53))  # the int rounds to a float
    assert same(maximum_gap([3, 3.0]), 0.0)


# ------------------------------------------------------------------ properties: pure Python


@given(st.one_of(any_ints, ints_near_2_63, ints_with_duplicates, all_equal_ints))
@example([0, 2**64])
@example([-(2**63), 2**63 - 1, 0])
def test_ints_match_oracle(maximum_gap: Gap, nums: list[int]) -> None:
    assert same(maximum_gap(nums), oracle(nums))


@given(float_lists)
@example([-1.7e308, 1.7e308])
@example([5e-324, 0.0, -5e-324])
@example([1e-300, 1e300])
def test_floats_match_oracle(maximum_gap: Gap, nums: list[float]) -> None:
    expected = oracle(nums) if len(nums) > 1 else (0.0 if nums else 0)
    assert same(maximum_gap(nums), expected)


@given(
    st.lists(st.one_of(st.integers(-(2**60), 2**60), finite_floats), min_size=2).filter(
        lambda xs: {type(x) for x in xs} == {int, float}
    )
)
def test_mixed_matches_oracle_on_floats(maximum_gap: Gap, nums: list[int | float]) -> None:
    assert same(maximum_gap(nums), oracle([float(x) for x in nums]))


@given(st.one_of(any_ints, ints_near_2_63, ints_with_duplicates, all_equal_ints))
def test_radix_matches_oracle(maximum_gap_radix: Gap, nums: list[int]) -> None:
    assert same(maximum_gap_radix(nums), oracle(nums))


@given(any_ints, st.integers(), st.randoms(use_true_random=False))
def test_invariant_under_shift_and_order(
    maximum_gap: Gap, nums: list[int], shift: int, rnd: random.Random
) -> None:
    moved = [x + shift for x in nums]
    rnd.shuffle(moved)
    assert maximum_gap(moved) == maximum_gap(nums)


@given(st.lists(st.integers(), min_size=2))
def test_at_least_the_average_gap(maximum_gap: Gap, nums: list[int]) -> None:
    span = max(nums) - min(nums)
    assert maximum_gap(nums) * (len(nums) - 1) >= span


@pytest.mark.parametrize("n", [100, 5_000])
def test_spread_shapes(maximum_gap: Gap, maximum_gap_radix: Gap, n: int) -> None:
    rng = random.Random(n)
    for shape, nums in spread_ints(rng, n).items():
        assert same(maximum_gap(nums), oracle(nums)), shape
        assert same(maximum_gap_radix(nums), oracle(nums)), shape
    for shape, floats in spread_floats(rng, n).items():
        assert same(maximum_gap(floats), oracle(floats)), shape


# ------------------------------------------------------------------------ properties: numpy


@given(hnp.arrays(np.int64, st.integers(0, 300), elements=int64))
@example(np.array([-(2**63), 2**63 - 1], dtype=np.int64))
def test_np_int64_matches_oracle(maximum_gap_np: Gap, a: np.ndarray) -> None:
    assert same(maximum_gap_np(a), oracle(a.tolist()))  # Python ints: no overflow


@given(
    hnp.arrays(
        np.float64,
        st.integers(0, 300),
        elements=st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True),
    )
)
@example(np.array([-1.7e308, 1.7e308]))
def test_np_float64_matches_oracle(maximum_gap_np: Gap, a: np.ndarray) -> None:
    expected = oracle(a.tolist()) if a.size > 1 else 0.0
    assert same(maximum_gap_np(a), expected)


@given(
    hnp.arrays(
        st.sampled_from([np.int8, np.int16, np.int32, np.uint8, np.uint16, np.uint32, np.uint64]),
        st.integers(0, 200),
    )
)
def test_np_other_int_dtypes(maximum_gap_np: Gap, a: np.ndarray) -> None:
    assert same(maximum_gap_np(a), oracle(a.tolist()))


@given(
    hnp.arrays(
        st.sampled_from([np.float16, np.float32]),
        st.integers(0, 200),
        elements={"allow_nan": False, "allow_infinity": False},
    )
)
def test_np_other_float_dtypes_compute_in_float64(maximum_gap_np: Gap, a: np.ndarray) -> None:
    expected = oracle(a.astype(np.float64).tolist()) if a.size > 1 else 0.0
    assert same(maximum_gap_np(a), expected)


@given(hnp.arrays(np.int64, st.integers(2, 200), elements=st.integers(-50, 50)))
def test_np_duplicates(maximum_gap_np: Gap, a: np.ndarray) -> None:
    assert same(maximum_gap_np(a), oracle(a.tolist()))


@pytest.mark.parametrize("n", [100, 20_000])
def test_np_spread_shapes(maximum_gap_np: Gap, n: int) -> None:
    rng = random.Random(n)
    for shape, nums in spread_ints(rng, n).items():
        if shape != "huge":
            assert same(maximum_gap_np(np.array(nums, dtype=np.int64)), oracle(nums)), shape
    for shape, floats in spread_floats(rng, n).items():
        assert same(maximum_gap_np(np.array(floats)), oracle(floats)), shape


def test_np_large_random_against_numpy_sort(maximum_gap_np: Gap) -> None:
    rng = np.random.default_rng(164)
    for a in (
        rng.random(300_000),
        rng.standard_normal(300_000),
        rng.integers(-(2**63), 2**63 - 1, 300_000, endpoint=True),
        rng.integers(0, 1000, 300_000),
    ):
        expected = np.diff(np.sort(a).astype(object if a.dtype.kind == "i" else a.dtype)).max()
        assert maximum_gap_np(a) == expected


def test_np_tight_clusters(maximum_gap_np: Gap, maximum_gap: Gap) -> None:
    # Thousands of equal values in the buckets next to the one long empty run.
    ints = np.repeat(np.array([-(10**6), 1 - 10**6, 10**6]), 5_000)
    assert same(maximum_gap_np(ints), 2 * 10**6 - 1)
    assert same(maximum_gap(ints.tolist()), 2 * 10**6 - 1)
    floats = np.repeat(np.array([0.0, 1e-12, 1.0, 1.0 + 2**-40]), 5_000)
    assert same(maximum_gap_np(floats), 1.0 - 1e-12)
    assert same(maximum_gap(floats.tolist()), 1.0 - 1e-12)


def test_np_accepts_lists_strided_and_readonly(maximum_gap_np: Gap) -> None:
    a = np.arange(20, dtype=np.int64) ** 2
    assert same(maximum_gap_np(a[::3]), 18**2 - 15**2)
    a.setflags(write=False)
    assert same(maximum_gap_np(a), 19**2 - 18**2)
    assert same(maximum_gap_np([1, 2.5, 7]), 4.5)  # numpy makes a mixed list float64
    assert same(maximum_gap_np([]), 0.0)  # an empty list is float64
    assert same(maximum_gap_np(np.array([], dtype=np.int32)), 0)
    assert same(maximum_gap_np(np.array([3], dtype=np.uint8)), 0)
    assert same(maximum_gap_np(np.array([1, 5], dtype=">i8")), 4)


# ----------------------------------------------------------------------- errors, no mutation


@pytest.mark.contract
@pytest.mark.parametrize(
    ("nums", "pattern"),
    [
        ([1, True], r"nums.*True.*bool.*index 1"),
        ([1.0, False], r"nums.*False.*bool.*index 1"),
        ([1, "2"], r"nums.*'2'.*str.*index 1"),
        ([None], r"nums.*None"),
        ([1, np.int64(2)], r"nums.*int64.*index 1.*maximum_gap_np"),
        ("ab", r"nums.*'a'.*str"),
    ],
)
def test_maximum_gap_type_errors(maximum_gap: Gap, nums: Any, pattern: str) -> None:
    with pytest.raises(TypeError, match=pattern):
        maximum_gap(nums)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("nums", "pattern"),
    [
        ([1.0, math.nan], r"nums.*finite.*nan.*index 1"),
        ([math.inf, 1.0, 2.0], r"nums.*finite.*inf.*index 0"),
        ([1, -math.inf], r"nums.*finite.*-inf.*index 1"),
        ([math.nan], r"nums.*nan"),
        ([0.5, 2**2000], r"nums.*too large for a float.*2001 bits.*index 1"),
    ],
)
def test_maximum_gap_value_errors(maximum_gap: Gap, nums: list[Any], pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        maximum_gap(nums)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("nums", "pattern"),
    [
        ([1, 2.0], r"nums.*2\.0.*float.*index 1.*maximum_gap handles floats"),
        ([True, 2], r"nums.*True.*bool.*index 0"),
        ([1, None], r"nums.*None"),
    ],
)
def test_radix_type_errors(maximum_gap_radix: Gap, nums: list[Any], pattern: str) -> None:
    with pytest.raises(TypeError, match=pattern):
        maximum_gap_radix(nums)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("a", "error", "pattern"),
    [
        (np.array([True, False]), TypeError, r"a.*dtype bool"),
        ([1, True, 3], TypeError, r"a.*bool.*index 1"),
        (np.array([1 + 2j, 3j]), TypeError, r"a.*dtype complex128"),
        (np.array(["x", "y"]), TypeError, r"a.*dtype <U1"),
        (np.array([2**70, 1], dtype=object), TypeError, r"a.*object.*maximum_gap"),
        ([2**64 - 1, -1], TypeError, r"a.*Python ints.*maximum_gap"),
        (np.zeros((2, 2)), ValueError, r"a.*one-dimensional.*\(2, 2\)"),
        (np.float64(3.0), ValueError, r"a.*one-dimensional"),
        ([[1, 2], [3]], ValueError, r"a.*one-dimensional"),
        (np.array([1.0, np.nan, 2.0]), ValueError, r"a.*finite.*nan.*index 1"),
        (np.array([np.inf, 1.0]), ValueError, r"a.*finite.*inf.*index 0"),
        (np.array([np.nan]), ValueError, r"a.*finite.*nan"),
        (np.array([1.0, -np.inf], dtype=np.float32), ValueError, r"a.*finite.*-inf"),
    ],
)
def test_np_errors(maximum_gap_np: Gap, a: Any, error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        maximum_gap_np(a)


@pytest.mark.contract
@pytest.mark.skipif(np.dtype(np.longdouble).itemsize <= 8, reason="long double is float64")
def test_np_rejects_long_double(maximum_gap_np: Gap) -> None:
    with pytest.raises(TypeError, match=r"a.*float64 at most"):
        maximum_gap_np(np.array([1.0, 2.0], dtype=np.longdouble))


def test_inputs_not_mutated(maximum_gap: Gap, maximum_gap_radix: Gap, maximum_gap_np: Gap) -> None:
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
