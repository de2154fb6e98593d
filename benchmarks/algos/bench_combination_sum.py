"""Benchmarks of Combination Sum I-IV: backtracking references, bitset variants, naive peers.

``BENCHES`` declares, per exercise, the inputs of size n, the sizes and the contenders;
``benchmarks/conftest.py`` makes one group per exercise and size (every answer checked
against the reference's) and the scaling report, and ``workbook bench ID`` reads the
same.  No library computes these, so the peers are the searches people write first:

* I (``target`` = 10..1000, candidates 3, 5, 7): the bitset variant, and a naive
  search that tries every candidate at every level and removes repeated multisets
  with a set (no sorting, no break).
* the I variant (odd ``target`` = 101..10001, even candidates: nothing to return):
  the backtracking reference, which visits every even partial sum first.
* II (``n`` = 10..10000 candidates drawn from 1..50, target 30, LeetCode's limits
  but for n): the bitset variant and a naive take-or-leave search with a set.
* the II variant (``n`` = 10..1000 even candidates, odd target 5n + 1): the reference.
* III (``k`` = 2..9 digits, n = 5k): the usual backtracking over the digits.
* IV (``target`` = 10..10^4, nums 1, 2, 3): the recursion without memo, and with
  ``functools.cache`` (it recurses ``target`` deep, so only up to 100).

Below ``BENCHES``, plain functions measure what one declaration cannot: the dead ends
(reference against variant at growing odd targets, interleaved medians) and the
variant's time against its output size.  They print numbers and assert answers only.
Run them with ``pytest benchmarks/algos/bench_combination_sum.py -k "dead or output" -s``.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from algos.combination_sum import (
    combination_sum,
    combination_sum2,
    combination_sum2_bitset,
    combination_sum_bitset,
)
from workbook.bench import Bench, Contender, fitted_exponent, interleaved_medians

Combos = list[list[int]]

SUM1_CANDIDATES = [3, 5, 7]
DEAD_END_CANDIDATES = [6, 10, 14, 22, 26]
SUM4_NUMS = [1, 2, 3]


def naive_combination_sum(candidates: list[int], target: int) -> Combos:
    """Tries every candidate at every level until the remainder goes negative."""
    found: set[tuple[int, ...]] = set()

    def search(start: int, remainder: int, path: list[int]) -> None:
        if remainder < 0:
            return
        if remainder == 0:
            found.add(tuple(sorted(path)))
            return
        for j in range(start, len(candidates)):
            path.append(candidates[j])
            search(j, remainder - candidates[j], path)
            path.pop()

    search(0, target, [])
    return [list(combo) for combo in found]


def naive_combination_sum2(candidates: list[int], target: int) -> Combos:
    """Takes or leaves every position; a set removes the repeated multisets."""
    found: set[tuple[int, ...]] = set()

    def search(i: int, remainder: int, path: list[int]) -> None:
        if remainder == 0:
            found.add(tuple(sorted(path)))
            return
        if remainder < 0 or i == len(candidates):
            return
        path.append(candidates[i])
        search(i + 1, remainder - candidates[i], path)
        path.pop()
        search(i + 1, remainder, path)

    search(0, target, [])
    return [list(combo) for combo in found]


def backtracking_combination_sum3(k: int, n: int) -> Combos:
    """The usual answer: extend an ascending set of digits, stop once a digit is too big."""
    found: Combos = []

    def extend(start: int, remaining: int, path: list[int]) -> None:
        if len(path) == k:
            if remaining == 0:
                found.append(path.copy())
            return
        for digit in range(start, 10):
            if digit > remaining:
                break
            path.append(digit)
            extend(digit + 1, remaining - digit, path)
            path.pop()

    extend(1, n, [])
    return found


def naive_combination_sum4(nums: list[int], target: int) -> int:
    """The recurrence without memo: one call per sequence prefix."""
    if target == 0:
        return 1
    return sum(naive_combination_sum4(nums, target - c) for c in nums if c <= target)


def memoized_combination_sum4(nums: list[int], target: int) -> int:
    """The recurrence top-down with ``functools.cache``: one call per target."""

    @functools.cache
    def ways(t: int) -> int:
        return 1 if t == 0 else sum(ways(t - c) for c in nums if c <= t)

    return ways(target)


def sum1_inputs(n: int, rng: np.random.Generator) -> tuple[list[int], int]:
    return SUM1_CANDIDATES, n


def dead_end_inputs(n: int, rng: np.random.Generator) -> tuple[list[int], int]:
    return DEAD_END_CANDIDATES, n


def sum2_inputs(n: int, rng: np.random.Generator) -> tuple[list[int], int]:
    return rng.integers(1, 51, n).tolist(), 30


def even_sum2_inputs(n: int, rng: np.random.Generator) -> tuple[list[int], int]:
    return (2 * rng.integers(1, 26, n)).tolist(), 5 * n + 1


def sum3_inputs(k: int, rng: np.random.Generator) -> tuple[int, int]:
    return k, 5 * k


def sum4_inputs(n: int, rng: np.random.Generator) -> tuple[list[int], int]:
    return SUM4_NUMS, n


BENCHES = [
    Bench(
        "combination_sum",
        sum1_inputs,
        sizes=(10, 100, 1000),
        size_name="target",
        contenders={
            "combination_sum_bitset": combination_sum_bitset,
            "naive": Contender(naive_combination_sum, max_size=100),
        },
    ),
    Bench(
        "combination_sum_bitset",
        dead_end_inputs,
        sizes=(101, 1001, 10001),
        size_name="target",
        contenders={"backtracking": Contender(combination_sum, max_size=101)},
    ),
    Bench(
        "combination_sum2",
        sum2_inputs,
        sizes=(10, 100, 1000, 10000),
        contenders={
            "combination_sum2_bitset": combination_sum2_bitset,
            "naive": Contender(naive_combination_sum2, max_size=10),
        },
    ),
    Bench(
        "combination_sum2_bitset",
        even_sum2_inputs,
        sizes=(10, 100, 1000),
        contenders={"backtracking": Contender(combination_sum2, max_size=10)},
    ),
    Bench(
        "combination_sum3",
        sum3_inputs,
        sizes=(2, 3, 5, 9),
        size_name="k",
        contenders={"backtracking": backtracking_combination_sum3},
    ),
    Bench(
        "combination_sum4",
        sum4_inputs,
        sizes=(10, 100, 1000, 10000),
        size_name="target",
        contenders={
            "naive": Contender(naive_combination_sum4, max_size=10),
            "functools.cache": Contender(memoized_combination_sum4, max_size=100),
        },
    ),
]


# ------------------------------------------------------------------ beyond one declaration


def bench_combination_sum_dead_ends(benchmark: Any) -> None:
    """Backtracking against the bitset variant where nothing sums to the target.

    Even candidates, odd targets: the reference visits every even partial sum before
    returning ``[]``; the variant's table says so at once.  Interleaved medians.
    """
    full = not benchmark.disabled
    targets = [31, 61, 121, 181, 241] if full else [31, 61]
    for target in targets:  # the answers, in the smoke run too
        assert combination_sum(DEAD_END_CANDIDATES, target) == []
        assert combination_sum_bitset(DEAD_END_CANDIDATES, target) == []

    def measure() -> dict[int, dict[str, float]]:
        return {
            target: interleaved_medians(
                {
                    "backtracking": lambda t=target: combination_sum(DEAD_END_CANDIDATES, t),
                    "bitset": lambda t=target: combination_sum_bitset(DEAD_END_CANDIDATES, t),
                },
                7 if full else 1,
            )
            for target in targets
        }

    report = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "combination_sum dead ends (interleaved medians)"
    print(f"\ncombination_sum{tuple(DEAD_END_CANDIDATES)}, odd targets, nothing to return:")
    for target, medians in report.items():
        benchmark.extra_info[str(target)] = medians
        ratio = medians["backtracking"] / medians["bitset"]
        print(
            f"  target={target:>4}: backtracking {medians['backtracking'] * 1e3:9.3f} ms, "
            f"bitset {medians['bitset'] * 1e3:7.3f} ms, backtracking/bitset {ratio:8.1f}"
        )


def bench_combination_sum_bitset_output_sensitive(benchmark: Any) -> None:
    """The variant's time against the size of its answer (numbers listed): slope ~1.

    With candidates 3, 5, 7 the table costs O(n·T) and the listing O(output); the
    output grows as T^3 here, so the listing dominates.
    """
    full = not benchmark.disabled
    targets = [100, 200, 400, 800] if full else [20, 40]
    answers = {t: combination_sum_bitset(SUM1_CANDIDATES, t) for t in targets}
    for t in targets[:2]:
        assert answers[t] == combination_sum(SUM1_CANDIDATES, t)
    sizes = {t: sum(map(len, answer)) for t, answer in answers.items()}

    def measure() -> dict[str, float]:
        return interleaved_medians(
            {str(t): lambda t=t: combination_sum_bitset(SUM1_CANDIDATES, t) for t in targets},
            5 if full else 1,
        )

    medians = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "combination_sum_bitset output-sensitivity"
    slope = fitted_exponent([(sizes[t], medians[str(t)]) for t in targets])
    print(f"\ncombination_sum_bitset{tuple(SUM1_CANDIDATES)}: time against numbers listed")
    for t in targets:
        print(f"  target={t:>4}: {sizes[t]:>9} numbers, {medians[str(t)] * 1e3:9.2f} ms")
    print(f"  fitted exponent {slope:.2f} (output-sensitive: 1)")
    benchmark.extra_info["exponent"] = slope


__all__ = ["BENCHES"]
