"""Benchmarks of maximum gap (LeetCode 164): the bucket references against sorting.

``BENCHES`` declares, per exercise, the inputs of size n, the sizes and the contenders;
``benchmarks/conftest.py`` makes one group per exercise and size (every answer checked
against the reference's) and the scaling report, and ``workbook bench ID`` reads the
same.

* ``maximum_gap`` (n = 10^3..10^6 ints in LeetCode's [0, 10^9]): the pruned variant,
  ``maximum_gap_np`` on the same numbers as an array, and the peer
  ``max(b - a for a, b in pairwise(sorted(nums)))``.
* ``maximum_gap_radix`` (the same inputs): the sort-based peer.
* ``maximum_gap_np`` (n = 10^4..10^7 float64 in [0, 1)): the peer
  ``np.diff(np.sort(a)).max()``.

``bench_max_gap_targets`` is the comparison behind the stated targets: every side runs
in one process, interleaved, and the medians are compared (numpy timings swing with
the allocator's page handling, so separate runs are not comparable).  It prints which
SIMD extensions numpy found (``np.sort`` of 64-bit dtypes runs x86-simd-sort's AVX-512
kernel on X86_V4, its AVX2 kernel on X86_V3).  Run it with
``pytest benchmarks/algos/bench_max_gap.py -k targets -s``.  It asserts answers only.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np

from algos.max_gap import maximum_gap, maximum_gap_np, maximum_gap_pruned
from workbook.bench import Bench, Contender, interleaved_medians

PY_SIZES = (10**3, 10**4, 10**5, 10**6)
NP_SIZES = (10**4, 10**5, 10**6, 10**7)


def sorted_pairwise(nums: list[Any]) -> Any:
    return max(b - a for a, b in pairwise(sorted(nums)))


def np_sort_diff(a: np.ndarray[Any, Any]) -> Any:
    gap = np.diff(np.sort(a)).max()
    return int(gap) if a.dtype.kind in "iu" else float(gap)


def leetcode_ints(n: int, rng: np.random.Generator) -> tuple[list[int]]:
    return (rng.integers(0, 10**9, n, endpoint=True).tolist(),)


def unit_floats(n: int, rng: np.random.Generator) -> tuple[np.ndarray[Any, Any]]:
    return (rng.random(n),)


def as_array(args: tuple[Any, ...]) -> tuple[Any, ...]:
    return (np.asarray(args[0]),)


BENCHES = [
    Bench(
        "maximum_gap",
        leetcode_ints,
        sizes=PY_SIZES,
        contenders={
            "maximum_gap_pruned": maximum_gap_pruned,
            "maximum_gap_np": Contender(maximum_gap_np, prepare=as_array),
            "sorted+pairwise": sorted_pairwise,
        },
    ),
    Bench(
        "maximum_gap_radix",
        leetcode_ints,
        sizes=PY_SIZES,
        contenders={"sorted+pairwise": sorted_pairwise},
    ),
    Bench(
        "maximum_gap_np",
        unit_floats,
        sizes=NP_SIZES,
        contenders={"np.diff(np.sort)": np_sort_diff},
    ),
]


# ------------------------------------------------------------------ beyond one declaration


@functools.cache
def py_data(kind: str, n: int) -> list[Any]:
    rng = random.Random(n)
    if kind == "int62":  # two 30-bit digits each: sorted() compares them the slow way
        return [rng.randrange(-(2**62), 2**62) for _ in range(n)]
    if kind == "int30":  # one digit each: sorted() takes its fast path
        return [rng.randrange(2**30) for _ in range(n)]
    if kind == "even-int":  # evenly spread: no empty run stands out, every bucket counts
        order = list(range(n))
        rng.shuffle(order)
        return [7 * i + rng.randrange(3) for i in order]
    return [rng.random() for _ in range(n)]


@functools.cache
def np_data(dtype: str, n: int) -> np.ndarray[Any, Any]:
    rng = np.random.default_rng(n)
    if dtype == "float64":
        return rng.random(n)
    if dtype == "normal-float64":
        return rng.standard_normal(n) * 1e3
    if dtype == "even-float64":  # evenly spread, as even-int above
        return rng.permutation(np.arange(n) + 0.5 * rng.random(n))
    return rng.integers(-(2**62), 2**62, n)


def simd_extensions() -> str:
    """What numpy's dispatcher found on this CPU (as ``np.show_runtime()`` lists it)."""
    simd = np.show_config(mode="dicts").get("SIMD Extensions", {})
    return f"found {simd.get('found')}, not found {simd.get('not found')}"


def bench_max_gap_targets(benchmark: Any) -> None:
    """The targets, every side interleaved in one process: medians and ratios, printed.

    Pure Python at n = 10^6: the reference, the pruned variant and sorting.  numpy at
    n = 10^7: ``maximum_gap_np`` against ``np.diff(np.sort(a)).max()`` for float64
    and int64 (the float path was to be as fast as the int path).  The ``even-`` rows
    are the worst case, not a target: evenly spread data leaves no long empty run, so
    every bucket's minimum and maximum is needed.
    """
    full = not benchmark.disabled
    py_n, np_n, reps = (10**6, 10**7, 7) if full else (10**4, 10**4, 1)
    cases: list[tuple[str, dict[str, Callable[[Any], Any]], Any]] = [
        (
            f"{kind} n={py_n:.0e}",
            {
                "maximum_gap": maximum_gap,
                "maximum_gap_pruned": maximum_gap_pruned,
                "sorted+pairwise": sorted_pairwise,
            },
            py_data(kind, py_n),
        )
        for kind in ["int62", "int30", "float", "even-int"]
    ]
    cases += [
        (
            f"np {dtype} n={np_n:.0e}",
            {"maximum_gap_np": maximum_gap_np, "np.diff(np.sort)": np_sort_diff},
            np_data(dtype, np_n),
        )
        for dtype in ["float64", "int64", "normal-float64", "even-float64"]
    ]
    for label, funcs, data in cases:  # the answers, in the smoke run too
        answers = {name: f(data) for name, f in funcs.items()}
        assert len(set(answers.values())) == 1, (label, answers)

    def compare() -> dict[str, dict[str, float]]:
        return {
            label: interleaved_medians(
                {name: functools.partial(f, data) for name, f in funcs.items()}, reps
            )
            for label, funcs, data in cases
        }

    report = benchmark.pedantic(compare, rounds=1, iterations=1)
    benchmark.group = "maximum_gap targets (interleaved medians)"
    print(f"\nnumpy {np.__version__}, SIMD extensions {simd_extensions()}")
    for label, medians in report.items():
        benchmark.extra_info[label] = medians
        *ours, peer = medians
        times = ", ".join(f"{name} {t * 1e3:.1f} ms" for name, t in medians.items())
        ratios = ", ".join(f"{name}/{peer} {medians[name] / medians[peer]:.2f}" for name in ours)
        print(f"  {label:>22}: {times}; {ratios}")


__all__ = ["BENCHES"]
