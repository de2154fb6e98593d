"""Tests for Combination Sum I-IV (LeetCode 39, 40, 216, 377) and the bitset variants.

Oracles share no code or method with the implementations: I against a coin-change
listing of multisets (a table of the multisets of each sum, built coin by coin), II
against a 0/1-knapsack listing of sub-multisets (deduplicated as sorted tuples), III
against the 2^9 bitmasks of the digits, IV against multinomial counts of I's
multisets and closed forms (Fibonacci numbers, compositions).  The variants are also
compared with their references.

Unmarked tests check what the statements ask, within LeetCode's constraints and up to
their limits, comparing combinations in any order (``UNORDERED_NESTED``), so a
textbook solution passes them.  ``edge`` tests check the references' further promises
(lexicographic order, targets of 0 and below, repeated candidates in I, numpy integers,
any iterable, searches past the recursion limit, counts beyond 64 bits, no mutation);
``contract`` tests their errors for bad input (the type, and the argument named).
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from algos.combination_sum import combination_sum as combination_sum_reference
from algos.combination_sum import combination_sum2 as combination_sum2_reference
from workbook.testing import (
    check,
    contract,
    edge,
    exercise_fixture,
    exercise_params,
    implementation,
    reference,
)

combination_sum = exercise_fixture("combination_sum")
combination_sum2 = exercise_fixture("combination_sum2")
combination_sum3 = exercise_fixture("combination_sum3")
combination_sum4 = exercise_fixture("combination_sum4")
combination_sum_bitset = exercise_fixture("combination_sum_bitset")
combination_sum2_bitset = exercise_fixture("combination_sum2_bitset")

Combos = list[list[int]]

SUM1 = exercise_params("combination_sum", "combination_sum_bitset")  # LeetCode 39
SUM2 = exercise_params("combination_sum2", "combination_sum2_bitset")  # LeetCode 40
LISTING = SUM1 + SUM2
REFERENCE_OF = {
    "combination_sum_bitset": "combination_sum",
    "combination_sum2_bitset": "combination_sum2",
}
REUSE = {
    "combination_sum": True,
    "combination_sum_bitset": True,
    "combination_sum2": False,
    "combination_sum2_bitset": False,
}
FIRST_ARGUMENT = {
    "combination_sum": "candidates",
    "combination_sum_bitset": "candidates",
    "combination_sum2": "candidates",
    "combination_sum2_bitset": "candidates",
    "combination_sum4": "nums",
}

# LeetCode's constraints: 39 distinct candidates 2..40, target 1..40; 40 up to 100
# candidates 1..50, target 1..30.  Small lists keep the oracles quick; the limits are
# tested separately.
leetcode39 = st.tuples(st.sets(st.integers(2, 40), min_size=1, max_size=12), st.integers(1, 40))
leetcode40 = st.tuples(
    st.lists(st.integers(1, 50), min_size=1, max_size=14)
    | st.lists(st.integers(1, 6), min_size=1, max_size=14),  # many repeats
    st.integers(1, 30),
)


# --------------------------------------------------------------------------- oracles


def listed_multisets(coins: Iterable[int], target: int) -> Combos:
    """Every multiset of the coins (each reusable) summing to ``target``, sorted.

    ``table[t]`` holds the multisets of sum ``t`` using the coins seen so far; adding
    the coins smallest first keeps every tuple ascending.
    """
    if target < 0:
        return []
    table: list[list[tuple[int, ...]]] = [[()]] + [[] for _ in range(target)]
    for coin in sorted(set(coins)):
        for t in range(coin, target + 1):
            table[t] += [(*combo, coin) for combo in table[t - coin]]
    return sorted(list(combo) for combo in table[target])


def listed_submultisets(items: Iterable[int], target: int) -> Combos:
    """Every distinct sub-multiset of ``items`` (each element once) summing to ``target``."""
    if target < 0:
        return []
    table: list[set[tuple[int, ...]]] = [{()}] + [set() for _ in range(target)]
    for item in sorted(items):
        for t in range(target, item - 1, -1):  # downwards: each item at most once
            table[t] |= {(*combo, item) for combo in table[t - item]}
    return sorted(list(combo) for combo in table[target])


def digit_sets(k: int, n: int) -> Combos:
    """The sets of ``k`` digits summing to ``n``, from the 2^9 bitmasks of the digits."""
    found = []
    for mask in range(1 << 9):
        digits = [d for d in range(1, 10) if mask >> (d - 1) & 1]
        if len(digits) == k and sum(digits) == n:
            found.append(digits)
    return sorted(found)


def orderings(combo: list[int]) -> int:
    """The number of distinct orderings of a multiset (a multinomial coefficient)."""
    total = math.factorial(len(combo))
    for multiplicity in Counter(combo).values():
        total //= math.factorial(multiplicity)
    return total


def count_multisets(coins: Iterable[int], target: int) -> int:
    """Coin change: the number of multisets of the coins summing to ``target``."""
    ways = [1] + [0] * target
    for coin in set(coins):
        for t in range(coin, target + 1):
            ways[t] += ways[t - coin]
    return ways[target]


def count_submultisets(items: Iterable[int], target: int) -> int:
    """Bounded knapsack: the number of distinct sub-multisets of ``items`` summing to ``target``."""
    ways = [1] + [0] * target
    for value, copies in Counter(items).items():
        ways = [
            sum(ways[t - j * value] for j in range(copies + 1) if j * value <= t)
            for t in range(target + 1)
        ]
    return ways[target]


def count_by_number_of_parts(nums: Iterable[int], target: int) -> int:
    """Sequences summing to ``target``, counted by their number of parts ``j``: the
    coefficient of x^target in P(x)^j for P(x) = sum of x^v over the values v."""
    values = sorted(set(nums))
    step = np.zeros(target + 1, dtype=object)  # Python ints: exact
    step[values] = 1
    power = np.zeros(target + 1, dtype=object)
    power[0] = 1
    total = 0
    for _ in range(target // values[0]):
        power = np.convolve(power, step)[: target + 1]
        total += power[target]
    return int(total)


def fibonacci(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def oracle(exercise_id: str, candidates: list[int], target: int) -> Combos:
    lister = listed_multisets if REUSE[exercise_id] else listed_submultisets
    return lister(candidates, target)


def assert_complete_and_valid(
    combos: Combos, candidates: list[int], target: int, *, reuse: bool
) -> None:
    """Each combination sums to the target from allowed values; none twice; all there."""
    allowed = Counter(candidates)
    for combo in combos:
        assert sum(combo) == target, combo
        used = Counter(combo)
        assert all(reuse or used[v] <= allowed[v] for v in used), combo
        assert set(used) <= set(allowed), combo
    assert len({tuple(sorted(c)) for c in combos}) == len(combos), "a combination twice"
    count = count_multisets if reuse else count_submultisets
    assert len(combos) == count(candidates, target)


# ---------------------------------------------------------- worked examples (LeetCode)


@pytest.mark.parametrize("exercise_id", SUM1)
@pytest.mark.parametrize(
    ("candidates", "target", "expected"),
    [
        ([2, 3, 6, 7], 7, [[2, 2, 3], [7]]),
        ([2, 3, 5], 8, [[2, 2, 2, 2], [2, 3, 3], [3, 5]]),
        ([2], 1, []),
        ([7, 3, 2, 6], 7, [[2, 2, 3], [7]]),
        ([40], 40, [[40]]),
    ],
)
def test_combination_sum_examples(
    request: Any, exercise_id: str, candidates: list[int], target: int, expected: Combos
) -> None:
    check(implementation(request, exercise_id), candidates, target, expected=expected)


@pytest.mark.parametrize("exercise_id", SUM2)
@pytest.mark.parametrize(
    ("candidates", "target", "expected"),
    [
        ([10, 1, 2, 7, 6, 1, 5], 8, [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]),
        ([2, 5, 2, 1, 2], 5, [[1, 2, 2], [5]]),
        ([1, 1, 1], 2, [[1, 1]]),
        ([3], 1, []),
        ([1, 2, 1, 2], 3, [[1, 2]]),
    ],
)
def test_combination_sum2_examples(
    request: Any, exercise_id: str, candidates: list[int], target: int, expected: Combos
) -> None:
    check(implementation(request, exercise_id), candidates, target, expected=expected)


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        (3, 7, [[1, 2, 4]]),
        (3, 9, [[1, 2, 6], [1, 3, 5], [2, 3, 4]]),
        (4, 1, []),
        (9, 45, [[1, 2, 3, 4, 5, 6, 7, 8, 9]]),
        (2, 18, []),
    ],
)
def test_combination_sum3_examples(
    combination_sum3: Callable[..., Combos], k: int, n: int, expected: Combos
) -> None:
    check(combination_sum3, k, n, expected=expected)


@pytest.mark.parametrize(
    ("nums", "target", "expected"),
    [([1, 2, 3], 4, 7), ([9], 3, 0), ([1], 1, 1), ([2, 1], 3, 3), ([4, 2, 1], 32, 39882198)],
)
def test_combination_sum4_examples(
    combination_sum4: Callable[..., int], nums: list[int], target: int, expected: int
) -> None:
    check(combination_sum4, nums, target, expected=expected)


# ------------------------------------------- against the oracles, within the constraints


@pytest.mark.parametrize("exercise_id", SUM1)
@given(case=leetcode39)
def test_combination_sum_matches_oracle(
    request: Any, exercise_id: str, case: tuple[set[int], int]
) -> None:
    candidates, target = sorted(case[0]), case[1]
    expected = listed_multisets(candidates, target)
    check(implementation(request, exercise_id), candidates, target, expected=expected)


@pytest.mark.parametrize("exercise_id", SUM2)
@given(case=leetcode40)
def test_combination_sum2_matches_oracle(
    request: Any, exercise_id: str, case: tuple[list[int], int]
) -> None:
    candidates, target = case
    expected = listed_submultisets(candidates, target)
    check(implementation(request, exercise_id), candidates, target, expected=expected)


def test_combination_sum3_everywhere(combination_sum3: Callable[..., Combos]) -> None:
    for k in range(2, 10):
        for n in range(1, 61):
            check(combination_sum3, k, n, expected=digit_sets(k, n))


@given(st.sets(st.integers(1, 20), min_size=1, max_size=6), st.integers(1, 16))
def test_combination_sum4_matches_multinomial_count(
    combination_sum4: Callable[..., int], nums: set[int], target: int
) -> None:
    expected = sum(orderings(combo) for combo in listed_multisets(nums, target))
    check(combination_sum4, sorted(nums, reverse=True), target, expected=expected)


# ---------------------------------------------------------------- at LeetCode's limits


@pytest.mark.parametrize("exercise_id", SUM1)
@pytest.mark.parametrize(
    "candidates",
    [list(range(11, 41)), list(range(40, 10, -1)), [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]],
    ids=["11..40", "40..11", "primes"],
)
def test_combination_sum_limits(request: Any, exercise_id: str, candidates: list[int]) -> None:
    expected = listed_multisets(candidates, 40)
    check(implementation(request, exercise_id), candidates, 40, expected=expected)


@pytest.mark.parametrize("exercise_id", SUM2)
@pytest.mark.parametrize(
    "candidates",
    [
        np.random.default_rng(40).integers(1, 51, 100).tolist(),
        np.random.default_rng(41).integers(1, 11, 100).tolist(),
        [1] * 100,
        list(range(1, 51)) * 2,
        [50, 30] * 50,
    ],
    ids=["random 1..50", "random 1..10", "hundred ones", "1..50 twice", "too big"],
)
def test_combination_sum2_limits(request: Any, exercise_id: str, candidates: list[int]) -> None:
    # A hundred candidates with many copies: without the duplicate skip the search
    # builds each combination once per choice of copies, astronomically many times.
    expected = listed_submultisets(candidates, 30)
    check(implementation(request, exercise_id), candidates, 30, expected=expected)


@pytest.mark.parametrize(
    ("nums", "target", "expected"),
    [
        (list(range(200, 400)), 1000, None),  # three to five parts
        ([1, 999], 1000, 3),  # a thousand ones, 1 + 999 and 999 + 1
        ([1000], 1000, 1),
        ([2, 1], 45, fibonacci(46)),  # the largest Fibonacci number below 2^31
        (list(range(1, 201)), 31, 2**30),  # every composition of 31
    ],
    ids=["200..399", "1 and 999", "1000", "Fibonacci", "compositions"],
)
def test_combination_sum4_limits(
    combination_sum4: Callable[..., int], nums: list[int], target: int, expected: int | None
) -> None:
    # LeetCode's limits, with answers within its promise of 32 bits.
    if expected is None:
        expected = count_by_number_of_parts(nums, target)
    check(combination_sum4, nums, target, expected=expected)


# --------------------------------------------------------------------- cross-checks


@given(leetcode39)
def test_combination_sum4_counts_the_orderings_of_combination_sum(
    combination_sum: Callable[..., Combos],
    combination_sum4: Callable[..., int],
    case: tuple[set[int], int],
) -> None:
    candidates, target = sorted(case[0]), min(case[1], 25)
    combos = combination_sum(candidates, target)
    check(combination_sum4, candidates, target, expected=sum(orderings(c) for c in combos))


# ---------------------------------------------------- the variants: no dead ends


@pytest.mark.parametrize("exercise_id", list(REFERENCE_OF))
@given(st.lists(st.integers(1, 12), min_size=1, max_size=10), st.integers(1, 40))
def test_variants_match_their_references(
    request: Any, exercise_id: str, candidates: list[int], target: int
) -> None:
    if exercise_id == "combination_sum_bitset":
        candidates = sorted(set(candidates))  # LeetCode 39: distinct
    expected = reference(REFERENCE_OF[exercise_id])(candidates, target)
    check(implementation(request, exercise_id), candidates, target, expected=expected)


@pytest.mark.parametrize(
    ("candidates", "target"),
    [([6, 10, 14, 22, 26], 2001), ([2, 4, 6, 8], 9999)],
)
def test_combination_sum_bitset_no_answer_at_once(
    combination_sum_bitset: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    # Even candidates, odd target: backtracking visits every even partial sum first:
    # 6 * 10^8 calls for the first case (minutes on any machine, far past the 10 s limit;
    # target 1001 made 2 * 10^7, which a fast machine finishes in time) and a recursion
    # 5000 deep for the second.
    check(combination_sum_bitset, candidates, target, expected=[])


@pytest.mark.parametrize(("candidates", "target"), [([6, 10, 14], 1000), ([9, 12, 17, 40], 1200)])
def test_combination_sum_bitset_large_targets(
    combination_sum_bitset: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    # Few combinations among very many partial sums that lead nowhere.
    got = combination_sum_bitset(candidates, target)
    assert_complete_and_valid(got, candidates, target, reuse=True)


@pytest.mark.parametrize(
    ("candidates", "target"),
    [(list(range(2, 51, 2)) * 4, 999), (list(range(10, 51, 10)) * 20, 2501)],
    ids=["hundred evens", "multiples of ten"],
)
def test_combination_sum2_bitset_no_answer_at_once(
    combination_sum2_bitset: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    check(combination_sum2_bitset, candidates, target, expected=[])


def test_combination_sum2_bitset_large_target(
    combination_sum2_bitset: Callable[..., Combos],
) -> None:
    candidates = [50] * 40 + [49, 47, 3, 2, 1] * 12
    got = combination_sum2_bitset(candidates, 1999)
    assert_complete_and_valid(got, candidates, 1999, reuse=False)


# --------------------------------------------------------- edge: the references' promises


@edge
@pytest.mark.parametrize("exercise_id", LISTING)
@given(case=leetcode40)
def test_lexicographic_order(request: Any, exercise_id: str, case: tuple[list[int], int]) -> None:
    candidates, target = case
    if REUSE[exercise_id]:
        candidates, target = sorted(set(candidates))[:6], target // 2
    got = implementation(request, exercise_id)(candidates, target)
    assert got == oracle(exercise_id, candidates, target)  # as lists: sorted, in order


@edge
@pytest.mark.parametrize("exercise_id", LISTING)
@pytest.mark.parametrize(
    ("candidates", "target", "expected"),
    [([3, 1], 0, [[]]), ([], 0, [[]]), ([], 3, []), ([3, 4], -1, []), ([2], -4, [])],
)
def test_zero_and_negative_targets(
    request: Any, exercise_id: str, candidates: list[int], target: int, expected: Combos
) -> None:
    assert implementation(request, exercise_id)(candidates, target) == expected


@edge
@pytest.mark.parametrize("exercise_id", SUM1)
@given(st.lists(st.integers(1, 10), max_size=6), st.integers(0, 20))
def test_repeated_and_unit_candidates_where_reuse_is_free(
    request: Any, exercise_id: str, candidates: list[int], target: int
) -> None:
    got = implementation(request, exercise_id)(candidates + candidates[::-1], target)
    assert got == listed_multisets(candidates, target)


@edge
@pytest.mark.parametrize("exercise_id", LISTING)
def test_any_iterable_of_integers(request: Any, exercise_id: str) -> None:
    impl = implementation(request, exercise_id)
    expected = [[2, 2, 3], [7]] if REUSE[exercise_id] else [[7]]
    for candidates in ((3, 2, 7, 6), iter([2, 3, 6, 7]), np.array([2, 3, 6, 7]), {2, 3, 6, 7}):
        assert impl(candidates, np.int64(7)) == expected
    assert impl((c for c in [7, 7]), np.uint8(7)) == [[7]]


@edge
@pytest.mark.parametrize("exercise_id", list(REFERENCE_OF))
def test_variants_search_past_the_recursion_limit(request: Any, exercise_id: str) -> None:
    depth = sys.getrecursionlimit() + 2000
    candidates = [1] if REUSE[exercise_id] else [1] * depth
    assert implementation(request, exercise_id)(candidates, depth) == [[1] * depth]


@pytest.mark.parametrize(
    ("function", "candidates", "target"),
    [
        (combination_sum_reference, [1], 5000),
        (combination_sum_reference, [3, 1], 2000),
        (combination_sum2_reference, [1] * 3000, 3000),
        (combination_sum2_reference, [2] * 500 + [1] * 500, 1499),
    ],
)
def test_references_refuse_searches_past_the_recursion_limit_by_name(
    function: Callable[..., Combos], candidates: list[int], target: int
) -> None:
    # Not an exercise's test: a user's solution may search as deep as it likes.
    with pytest.raises(ValueError, match=r"^target\b.*bitset"):
        function(candidates, target)
    assert function(candidates, 400) != []  # well within the limit: searched as usual


@edge
@pytest.mark.parametrize("exercise_id", [*LISTING, "combination_sum4"])
def test_inputs_are_not_mutated(request: Any, exercise_id: str) -> None:
    candidates = [7, 2, 6, 2, 3]
    implementation(request, exercise_id)(candidates, 7)
    assert candidates == [7, 2, 6, 2, 3]


@edge
@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [(0, 0, [[]]), (0, 5, []), (1, 5, [[5]]), (1, 10, []), (10, 45, []), (2, -3, []), (3, 0, [])],
)
def test_combination_sum3_outside_leetcode(
    combination_sum3: Callable[..., Combos], k: int, n: int, expected: Combos
) -> None:
    assert combination_sum3(k, n) == expected


@edge
def test_combination_sum3_lexicographic(combination_sum3: Callable[..., Combos]) -> None:
    for k in range(2, 10):
        for n in range(1, 46):
            assert combination_sum3(k, n) == digit_sets(k, n)


@edge
@pytest.mark.parametrize(
    ("nums", "target", "expected"),
    [
        ([1, 2], 1000, fibonacci(1001)),  # far beyond 64 bits
        (range(1, 201), 200, 2**199),  # every composition of 200
        ([5], 0, 1),
        ([], 0, 1),
        ([], 2, 0),
        ([1], -1, 0),
        ([3, 3, 1, 1], 4, 3),  # repeats ignored
        (np.array([1, 2, 3]), np.int64(4), 7),
        (iter([1, 2, 3]), 4, 7),
    ],
)
def test_combination_sum4_outside_leetcode(
    combination_sum4: Callable[..., int], nums: Iterable[int], target: int, expected: int
) -> None:
    result = combination_sum4(nums, target)
    assert type(result) is int
    assert result == expected


# ------------------------------------------------------- contract: errors for bad input

BAD_ELEMENTS = [(0, ValueError), (-3, ValueError)] + [
    (v, TypeError) for v in (True, 2.0, "2", None)
]
BAD_TARGETS = [7.0, True, "7", None]


@contract
@pytest.mark.parametrize("exercise_id", [*LISTING, "combination_sum4"])
@pytest.mark.parametrize(("bad", "error"), BAD_ELEMENTS)
@pytest.mark.parametrize("target", [7, 0, -1])
def test_bad_candidates(
    request: Any, exercise_id: str, bad: object, error: type[Exception], target: int
) -> None:
    name = FIRST_ARGUMENT[exercise_id]
    with pytest.raises(error, match=rf"^{name}\[1\]"):
        implementation(request, exercise_id)([2, bad, 3], target)


@contract
@pytest.mark.parametrize("exercise_id", [*LISTING, "combination_sum4"])
@pytest.mark.parametrize("not_iterable", [5, None, 2.5, "23"])
def test_candidates_must_be_an_iterable(
    request: Any, exercise_id: str, not_iterable: object
) -> None:
    with pytest.raises(TypeError, match=rf"^{FIRST_ARGUMENT[exercise_id]}\b"):
        implementation(request, exercise_id)(not_iterable, 7)


@contract
@pytest.mark.parametrize("exercise_id", [*LISTING, "combination_sum4"])
@pytest.mark.parametrize("bad", BAD_TARGETS)
def test_bad_targets(request: Any, exercise_id: str, bad: object) -> None:
    with pytest.raises(TypeError, match=r"^target\b"):
        implementation(request, exercise_id)([2, 3], bad)


@contract
@pytest.mark.parametrize(
    ("k", "n", "error", "name"),
    [
        (-1, 5, ValueError, "k"),
        (3.0, 7, TypeError, "k"),
        (True, 1, TypeError, "k"),
        ("3", 7, TypeError, "k"),
        (3, 7.5, TypeError, "n"),
        (3, None, TypeError, "n"),
        (3, False, TypeError, "n"),
    ],
)
def test_combination_sum3_bad_input(
    combination_sum3: Callable[..., Combos], k: object, n: object, error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=rf"^{name}\b"):
        combination_sum3(k, n)
