"""Benchmarks for Combination Sum I-IV: the references against the searches people write.

Per group (one exercise, one size): the reference (take-or-skip search guarded by a
reachability table), the textbook backtracking (sort, break once a candidate exceeds
the remainder) where it applies, and a naive search (no sorting, no break, duplicates
removed with a set; for IV, recursion without memo).  The ``dead ends`` groups use even
candidates and an odd target: nothing to return, which the table sees at once and the
textbook search finds out exponentially slowly.  The scaling tests fit log-log slopes:
the reference's time against its output size (claimed 1) and IV's time against the
target (claimed 1 in additions; the counts grow to O(T) bits, which bends it upward).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from algos.practice.bench import BenchSpec, best_time, fitted_exponent

from algos.combination_sum import (
    combination_sum,
    combination_sum2,
    combination_sum3,
    combination_sum4,
)

Combos = list[list[int]]

SUM1_CANDIDATES = [7, 3, 11, 5, 2, 13]
SUM1_TARGETS = [10, 20, 40, 60, 80, 100]  # 5 to 6898 combinations
DEAD_END_CANDIDATES = [6, 10, 14, 22, 26]
DEAD_END_TARGETS = [31, 61, 121, 181]
SUM2_CANDIDATES = [9, 4, 7, 1, 8, 2, 10, 3, 6, 5, 1, 9, 2, 8, 3, 7, 4, 6, 5, 10]
SUM2_TARGETS = [5, 10, 20, 40, 60]  # 5 to 1367 combinations
SUM3_SIZES = [2, 3, 4, 5, 6]
SUM4_NUMS = [1, 2, 3]
SUM4_TARGETS = [4, 12, 20]  # 7 to 121415 sequences


def _naive_combination_sum(candidates: list[int], target: int) -> Combos:
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
    return sorted(list(combo) for combo in found)


def _textbook_combination_sum(candidates: list[int], target: int, reuse: bool) -> Combos:
    """Sorted candidates, equal siblings skipped, loop broken once one is too big."""
    values = sorted(set(candidates)) if reuse else sorted(candidates)
    found: Combos = []

    def search(start: int, remainder: int, path: list[int]) -> None:
        if remainder == 0:
            found.append(path.copy())
            return
        for j in range(start, len(values)):
            if values[j] > remainder:
                break
            if j > start and values[j] == values[j - 1]:
                continue
            path.append(values[j])
            search(j if reuse else j + 1, remainder - values[j], path)
            path.pop()

    search(0, target, [])
    return found


def _naive_combination_sum2(candidates: list[int], target: int) -> Combos:
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
    return sorted(list(combo) for combo in found)


def _naive_combination_sum3(k: int, n: int) -> Combos:
    return [list(c) for c in itertools.combinations(range(1, 10), k) if sum(c) == n]


def _naive_combination_sum4(nums: list[int], target: int) -> int:
    """The recurrence without memo: one call per sequence prefix."""
    if target == 0:
        return 1
    return sum(_naive_combination_sum4(nums, target - c) for c in nums if c <= target)


SUM1_IMPLS: dict[str, Callable[[list[int], int], Combos]] = {
    "reference": combination_sum,
    "textbook": lambda c, t: _textbook_combination_sum(c, t, reuse=True),
    "naive": _naive_combination_sum,
}
# Inputs for `workbook bench ID`: "n" is the target (the digit sum for III, k = 3).
BENCH_SPECS = [
    BenchSpec(
        "combination_sum",
        lambda n, rng: (SUM1_CANDIDATES, n),
        peers={"textbook": lambda c, t: _textbook_combination_sum(c, t, reuse=True)},
        sizes=(20, 40, 60, 80, 100),
    ),
    BenchSpec(
        "combination_sum2",
        lambda n, rng: (SUM2_CANDIDATES, n),
        peers={"textbook": lambda c, t: _textbook_combination_sum(c, t, reuse=False)},
        sizes=(5, 10, 20, 40, 60),
    ),
    BenchSpec("combination_sum3", lambda n, rng: (3, n), sizes=(6, 12, 18, 24)),
    BenchSpec("combination_sum4", lambda n, rng: (SUM4_NUMS, n), sizes=(100, 1000, 10000)),
]

SUM2_IMPLS: dict[str, Callable[[list[int], int], Combos]] = {
    "reference": combination_sum2,
    "textbook": lambda c, t: _textbook_combination_sum(c, t, reuse=False),
    "naive": _naive_combination_sum2,
}


@pytest.mark.parametrize("target", SUM1_TARGETS)
@pytest.mark.parametrize("impl", list(SUM1_IMPLS))
def bench_combination_sum(benchmark: Any, impl: str, target: int) -> None:
    benchmark.group = f"combination_sum T={target}"
    _run(benchmark, SUM1_IMPLS[impl], (SUM1_CANDIDATES, target), combination_sum, _rounds(target))


@pytest.mark.parametrize("target", DEAD_END_TARGETS)
@pytest.mark.parametrize("impl", list(SUM1_IMPLS))
def bench_combination_sum_dead_ends(benchmark: Any, impl: str, target: int) -> None:
    benchmark.group = f"combination_sum dead ends T={target}"
    _run(
        benchmark, SUM1_IMPLS[impl], (DEAD_END_CANDIDATES, target), combination_sum, _rounds(target)
    )


@pytest.mark.parametrize("target", SUM2_TARGETS)
@pytest.mark.parametrize("impl", list(SUM2_IMPLS))
def bench_combination_sum2(benchmark: Any, impl: str, target: int) -> None:
    benchmark.group = f"combination_sum2 T={target}"
    _run(benchmark, SUM2_IMPLS[impl], (SUM2_CANDIDATES, target), combination_sum2, _rounds(target))


@pytest.mark.parametrize("k", SUM3_SIZES)
@pytest.mark.parametrize("impl", ["reference", "naive"])
def bench_combination_sum3(benchmark: Any, impl: str, k: int) -> None:
    benchmark.group = f"combination_sum3 k={k}"
    function = combination_sum3 if impl == "reference" else _naive_combination_sum3
    _run(benchmark, function, (k, 5 * k), combination_sum3, rounds=20)


@pytest.mark.parametrize("target", SUM4_TARGETS)
@pytest.mark.parametrize("impl", ["reference", "naive"])
def bench_combination_sum4(benchmark: Any, impl: str, target: int) -> None:
    benchmark.group = f"combination_sum4 T={target}"
    function = combination_sum4 if impl == "reference" else _naive_combination_sum4
    _run(benchmark, function, (SUM4_NUMS, target), combination_sum4, _rounds(target))


def bench_combination_sum_scaling() -> None:
    """Reference time against output size (sum of lengths): output-sensitive means ~1."""
    sizes, times = [], []
    for target in [30, 45, 60, 80, 100]:
        sizes.append(sum(map(len, combination_sum(SUM1_CANDIDATES, target))))
        times.append(best_time(combination_sum, (SUM1_CANDIDATES, target), repeat=5))
    slope = fitted_exponent(list(zip(sizes, times, strict=True)))
    # With no output the time follows the O(n·T) table, not the exponential search tree.
    dead_targets = [101, 1001, 10001]
    dead_times = [best_time(combination_sum, (DEAD_END_CANDIDATES, t), 5) for t in dead_targets]
    dead_slope = fitted_exponent(list(zip(dead_targets, dead_times, strict=True)))
    print(
        f"\ncombination_sum: time ~ output^{slope:.2f} (claimed 1) over outputs {sizes}; "
        f"no-answer time ~ T^{dead_slope:.2f} (claimed <= 1) over T {dead_targets}"
    )
    assert 0.5 < slope < 1.6
    assert dead_slope < 1.6


def bench_combination_sum4_scaling() -> None:
    """Reference time against target: O(n·T) additions, on integers that grow with T."""
    targets = [300, 1000, 3000, 10000]
    times = [best_time(combination_sum4, (SUM4_NUMS, t), repeat=5) for t in targets]
    slope = fitted_exponent(list(zip(targets, times, strict=True)))
    print(f"\ncombination_sum4: time ~ T^{slope:.2f} (claimed 1 in additions) over T {targets}")
    assert 0.5 < slope < 2.5


def _run(
    benchmark: Any, function: Callable[..., Any], args: tuple[Any, ...], reference: Any, rounds: int
) -> None:
    expected = reference(*args)
    result = benchmark.pedantic(function, args=args, rounds=rounds, iterations=1, warmup_rounds=1)
    assert result == expected


def _rounds(target: int) -> int:
    return 20 if target <= 20 else 5
