"""Tests for Combination Sum I-IV (LeetCode 39, 40, 216, 377).

Oracles share no code with the references: I against products of multiplicities and a
coin-change count, II against all index subsets, III against ``itertools.combinations``
of the digits, IV against multinomial counts of I's multisets; then the four are checked
against each other.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.testing import exercise_fixture

combination_sum = exercise_fixture("combination_sum")
combination_sum2 = exercise_fixture("combination_sum2")
combination_sum3 = exercise_fixture("combination_sum3")
combination_sum4 = exercise_fixture("combination_sum4")

Combos = list[list[int]]

# Small enough for the brute forces: at most 15·8·5·4·3 multiplicity vectors, 2^10 subsets.
unlimited_candidates = st.lists(st.integers(1, 10), max_size=5)
unlimited_target = st.integers(-2, 14)
once_candidates = st.lists(st.integers(1, 8), max_size=10)
once_target = st.integers(-2, 25)


# ------------------------------------------------------------------ worked examples


@pytest.mark.parametrize(
    ("candidates", "target", "expected"),
    [
        ([2, 3, 6, 7], 7, [[2, 2, 3], [7]]),
        ([2, 3, 5], 8, [[2, 2, 2, 2], [2, 3, 3], [3, 5]]),
        ([2], 1, []),
        ([1], 0, [[]]),
        ([], 0, [[]]),
        ([], 3, []),
        ([3, 4], -1, []),
        ([7, 3, 2, 6], 7, [[2, 2, 3], [7]]),
    ],
)
def test_combination_sum_examples(
    combination_sum: Callable[..., Combos], candidates: list[int], target: int, expected: Combos
) -> None:
    assert combination_sum(candidates, target) == expected


@pytest.mark.parametrize(
    ("candidates", "target", "expected"),
    [
        ([10, 1, 2, 7, 6, 1, 5], 8, [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]),
        ([2, 5, 2, 1, 2], 5, [[1, 2, 2], [5]]),
        ([1, 1, 1], 2, [[1, 1]]),
        ([3], 0, [[]]),
        ([3], -3, []),
        ([], 1, []),
    ],
)
def test_combination_sum2_examples(
    combination_sum2: Callable[..., Combos], candidates: list[int], target: int, expected: Combos
) -> None:
    assert combination_sum2(candidates, target) == expected


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        (3, 7, [[1, 2, 4]]),
        (3, 9, [[1, 2, 6], [1, 3, 5], [2, 3, 4]]),
        (4, 1, []),
        (9, 45, [[1, 2, 3, 4, 5, 6, 7, 8, 9]]),
        (0, 0, [[]]),
        (0, 5, []),
        (10, 55, []),
        (2, -3, []),
    ],
)
def test_combination_sum3_examples(
    combination_sum3: Callable[..., Combos], k: int, n: int, expected: Combos
) -> None:
    assert combination_sum3(k, n) == expected


@pytest.mark.parametrize(
    ("nums", "target", "expected"),
    [([1, 2, 3], 4, 7), ([9], 3, 0), ([5], 0, 1), ([], 0, 1), ([], 2, 0), ([1], -1, 0)],
)
def test_combination_sum4_examples(
    combination_sum4: Callable[..., int], nums: list[int], target: int, expected: int
) -> None:
    assert combination_sum4(nums, target) == expected


def test_combination_sum4_is_exact_beyond_64_bits(combination_sum4: Callable[..., int]) -> None:
    fib = [0, 1]
    while len(fib) < 302:
        fib.append(fib[-1] + fib[-2])
    # Ordered sums of 1s and 2s are Fibonacci numbers; compositions of T number 2^(T-1).
    assert combination_sum4([1, 2], 300) == fib[301]
    assert combination_sum4(range(1, 201), 200) == 2**199


def test_deep_searches_do_not_hit_the_recursion_limit(
    combination_sum: Callable[..., Combos], combination_sum2: Callable[..., Combos]
) -> None:
    assert combination_sum([1], 5000) == [[1] * 5000]
    assert combination_sum2([1] * 3000, 3000) == [[1] * 3000]


def test_no_solution_with_many_dead_ends(combination_sum: Callable[..., Combos]) -> None:
    assert combination_sum([2, 4, 6, 8], 61) == []


# ------------------------------------------------------------------ against brute force


@given(unlimited_candidates, unlimited_target)
def test_combination_sum_matches_brute_force(
    combination_sum: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    assert combination_sum(candidates, target) == _brute_unlimited(candidates, target)


@given(once_candidates, once_target)
def test_combination_sum2_matches_brute_force(
    combination_sum2: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    assert combination_sum2(candidates, target) == _brute_once(candidates, target)


def test_combination_sum3_matches_brute_force_everywhere(
    combination_sum3: Callable[..., Combos],
) -> None:
    for k in range(11):
        for n in range(-1, 47):
            expected = [list(c) for c in itertools.combinations(range(1, 10), k) if sum(c) == n]
            assert combination_sum3(k, n) == expected, (k, n)


@given(unlimited_candidates, unlimited_target)
def test_combination_sum4_matches_multinomial_count(
    combination_sum4: Callable[..., int], nums: list[int], target: int
) -> None:
    expected = sum(_orderings(combo) for combo in _brute_unlimited(nums, target))
    assert combination_sum4(nums, target) == expected


@given(st.lists(st.integers(2, 12), min_size=1, max_size=6), st.integers(0, 45))
def test_combination_sum_larger_inputs_are_canonical_and_complete(
    combination_sum: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    got = combination_sum(candidates, target)
    allowed = set(candidates)
    for combo in got:
        assert sum(combo) == target
        assert set(combo) <= allowed
    _assert_canonical(got)
    assert len(got) == _count_multisets(candidates, target)


# ------------------------------------------------------------------ cross-checks


@given(unlimited_candidates, unlimited_target)
def test_combination_sum4_counts_orderings_of_combination_sum(
    combination_sum: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    candidates: list[int],
    target: int,
) -> None:
    orderings = sum(_orderings(c) for c in combination_sum(candidates, target))
    assert combination_sum4(candidates, target) == orderings


def test_combination_sum3_is_combination_sum2_of_the_digits(
    combination_sum2: Callable[..., Combos], combination_sum3: Callable[..., Combos]
) -> None:
    for n in range(-1, 47):
        by_size = combination_sum2(range(1, 10), n)
        for k in range(11):
            assert combination_sum3(k, n) == [c for c in by_size if len(c) == k], (k, n)


@given(unlimited_candidates, st.integers(-2, 20))
def test_combination_sum2_with_enough_copies_is_combination_sum(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    candidates: list[int],
    target: int,
) -> None:
    copies = [c for c in set(candidates) for _ in range(max(target, 0) // c)]
    assert combination_sum2(copies, target) == combination_sum(candidates, target)


# ------------------------------------------------------------------ invariants


@given(once_candidates, once_target)
def test_outputs_are_canonical(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    candidates: list[int],
    target: int,
) -> None:
    _assert_canonical(combination_sum(candidates[:5], target // 2))
    _assert_canonical(combination_sum2(candidates, target))


@given(st.data(), once_candidates, once_target)
def test_order_of_candidates_does_not_matter(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    data: st.DataObject,
    candidates: list[int],
    target: int,
) -> None:
    shuffled = data.draw(st.permutations(candidates))
    small = target // 2
    assert combination_sum(shuffled[:5], small) == combination_sum(sorted(shuffled[:5]), small)
    assert combination_sum2(shuffled, target) == combination_sum2(candidates, target)
    assert combination_sum4(shuffled, target) == combination_sum4(candidates, target)


@given(unlimited_candidates, unlimited_target)
def test_repeated_candidates_are_ignored_where_reuse_is_free(
    combination_sum: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    candidates: list[int],
    target: int,
) -> None:
    doubled = candidates + candidates[::-1]
    assert combination_sum(doubled, target) == combination_sum(candidates, target)
    assert combination_sum4(doubled, target) == combination_sum4(candidates, target)


def test_inputs_are_not_mutated(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    combination_sum4: Callable[..., int],
) -> None:
    for function in (combination_sum, combination_sum2, combination_sum4):
        candidates = [7, 2, 6, 2, 3]
        function(candidates, 7)
        assert candidates == [7, 2, 6, 2, 3]


def test_any_iterable_of_integers_is_accepted(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    combination_sum4: Callable[..., int],
) -> None:
    assert combination_sum((3, 2, 7, 6), 7) == [[2, 2, 3], [7]]
    assert combination_sum(iter([2, 3, 6, 7]), 7) == [[2, 2, 3], [7]]
    assert combination_sum(np.array([2, 3, 6, 7]), np.int64(7)) == [[2, 2, 3], [7]]
    assert combination_sum2((c for c in [2, 5, 2, 1, 2]), 5) == [[1, 2, 2], [5]]
    assert combination_sum4(np.array([1, 2, 3]), 4) == 7


# ------------------------------------------------------------------ bad input

_BAD_ELEMENTS = [(v, ValueError) for v in (0, -3)] + [
    (v, TypeError) for v in (True, 2.0, "2", None)
]
_BAD_TARGETS = [(7.0, TypeError), (True, TypeError), ("7", TypeError), (None, TypeError)]


@pytest.mark.contract
@pytest.mark.parametrize(("bad", "error"), _BAD_ELEMENTS)
@pytest.mark.parametrize("target", [7, 0, -1])
def test_bad_candidates_are_rejected(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    bad: object,
    error: type[Exception],
    target: int,
) -> None:
    for function, name in _with_argument_names(combination_sum, combination_sum2, combination_sum4):
        _assert_raises(error, (name, repr(bad)), function, [2, bad, 3], target)


@pytest.mark.contract
@pytest.mark.parametrize("not_iterable", [5, None, 2.5])
def test_candidates_must_be_iterable(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    not_iterable: object,
) -> None:
    for function, name in _with_argument_names(combination_sum, combination_sum2, combination_sum4):
        _assert_raises(TypeError, (name, repr(not_iterable)), function, not_iterable, 7)


@pytest.mark.contract
@pytest.mark.parametrize(("bad", "error"), _BAD_TARGETS)
def test_bad_targets_are_rejected(
    combination_sum: Callable[..., Combos],
    combination_sum2: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    bad: object,
    error: type[Exception],
) -> None:
    for function in (combination_sum, combination_sum2, combination_sum4):
        _assert_raises(error, ("target", repr(bad)), function, [2, 3], bad)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("k", "n", "error", "names"),
    [
        (-1, 5, ValueError, ("k", "-1")),
        (3.0, 7, TypeError, ("k", "3.0")),
        (True, 1, TypeError, ("k", "True")),
        ("3", 7, TypeError, ("k", "'3'")),
        (3, 7.5, TypeError, ("n", "7.5")),
        (3, None, TypeError, ("n", "None")),
        (3, False, TypeError, ("n", "False")),
    ],
)
def test_combination_sum3_bad_input(
    combination_sum3: Callable[..., Combos],
    k: object,
    n: object,
    error: type[Exception],
    names: tuple[str, str],
) -> None:
    _assert_raises(error, names, combination_sum3, k, n)


# ------------------------------------------------------------------ oracles and helpers


def _brute_unlimited(candidates: Iterable[int], target: int) -> Combos:
    """Every vector of multiplicities, kept when the weighted sum hits the target."""
    if target < 0:
        return []
    coins = sorted(set(candidates))
    found = set()
    for counts in itertools.product(*(range(target // c + 1) for c in coins)):
        if sum(c * m for c, m in zip(coins, counts, strict=True)) == target:
            found.add(tuple(c for c, m in zip(coins, counts, strict=True) for _ in range(m)))
    return sorted(list(combo) for combo in found)


def _brute_once(candidates: list[int], target: int) -> Combos:
    """Every subset of positions, deduplicated as sorted tuples."""
    found = {
        tuple(sorted(subset))
        for size in range(len(candidates) + 1)
        for subset in itertools.combinations(candidates, size)
        if sum(subset) == target
    }
    return sorted(list(combo) for combo in found)


def _count_multisets(candidates: list[int], target: int) -> int:
    """Coin change: ways[t] over coins taken in a fixed order counts multisets."""
    ways = [1] + [0] * target
    for coin in set(candidates):
        for t in range(coin, target + 1):
            ways[t] += ways[t - coin]
    return ways[target]


def _orderings(combo: list[int]) -> int:
    """The number of distinct orderings of a multiset (a multinomial coefficient)."""
    total = math.factorial(len(combo))
    for multiplicity in Counter(combo).values():
        total //= math.factorial(multiplicity)
    return total


def _with_argument_names(
    *functions: Callable[..., Any],
) -> list[tuple[Callable[..., Any], str]]:
    """Pairs I, II and IV with the name of their first argument, for error messages."""
    return list(zip(functions, ["candidates", "candidates", "nums"], strict=True))


def _assert_canonical(combos: Combos) -> None:
    for combo in combos:
        assert combo == sorted(combo)
    assert all(a < b for a, b in itertools.pairwise(combos)), "not strictly lexicographic"


def _assert_raises(
    error: type[Exception], fragments: tuple[str, ...], function: Callable[..., Any], *args: Any
) -> None:
    with pytest.raises(error) as excinfo:
        function(*args)
    message = str(excinfo.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
