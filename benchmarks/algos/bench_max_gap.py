"""Benchmarks: maximum gap (LeetCode 164) against sorting.

Groups ``maximum_gap/<data>/n=<n>`` hold :func:`maximum_gap`, :func:`maximum_gap_radix`
(integer data) and the peer ``max(b - a for a, b in pairwise(sorted(nums)))``, for
n = 10^3..10^6 (the pure-Python versions are slow beyond).  Groups
``maximum_gap_np/<dtype>/n=<n>`` hold :func:`maximum_gap_np` and the peer
``np.diff(np.sort(a)).max()``, for n = 10^3..10^7.  Every benchmark checks its result
against the reference.

``bench_max_gap_targets`` is the comparison behind the stated targets: both sides run in
one process, interleaved, and the medians are compared (numpy timings swing with the
allocator's page handling, so separate runs are not comparable).  Run it with
``pytest benchmarks/algos/bench_max_gap.py -k targets -s``.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np
import pytest
from algos.practice.bench import BenchSpec, fitted_exponent, interleaved_medians

from algos.max_gap import maximum_gap, maximum_gap_np, maximum_gap_radix

PY_SIZES = [10**3, 10**4, 10**5, 10**6]
NP_SIZES = [10**3, 10**4, 10**5, 10**6, 10**7]
PY_DATA = ["int62", "int30", "float"]
NP_DTYPES = ["float64", "int64"]


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
def np_data(dtype: str, n: int) -> np.ndarray:
    rng = np.random.default_rng(n)
    if dtype == "float64":
        return rng.random(n)
    if dtype == "even-float64":  # evenly spread, as even-int above
        return rng.permutation(np.arange(n) + 0.5 * rng.random(n))
    return rng.integers(-(2**62), 2**62, n)


def sorted_pairwise(nums: list[Any]) -> Any:
    return max(b - a for a, b in pairwise(sorted(nums)))


def np_sort_diff(a: np.ndarray) -> Any:
    gap = np.diff(np.sort(a)).max()
    return int(gap) if a.dtype.kind in "iu" else float(gap)


# Inputs for `workbook bench ID`: random 62-bit ints for the pure versions, float64 for numpy.
BENCH_SPECS = [
    BenchSpec(
        "maximum_gap",
        lambda n, rng: (rng.integers(-(2**62), 2**62, n).tolist(),),
        peers={"sorted_pairwise": sorted_pairwise},
    ),
    BenchSpec(
        "maximum_gap_radix",
        lambda n, rng: (rng.integers(-(2**62), 2**62, n).tolist(),),
        peers={"sorted_pairwise": sorted_pairwise},
    ),
    BenchSpec(
        "maximum_gap_np",
        lambda n, rng: (rng.random(n),),
        peers={"np_sort_diff": np_sort_diff},
        sizes=(10**3, 10**4, 10**5, 10**6, 10**7),
    ),
]


def rounds_for(n: int) -> int:
    return 20 if n <= 10**4 else 7 if n <= 10**6 else 5


PY_FUNCS: dict[str, Callable[[list[Any]], Any]] = {
    "maximum_gap": maximum_gap,
    "maximum_gap_radix": maximum_gap_radix,
    "sorted+pairwise": sorted_pairwise,
}
NP_FUNCS: dict[str, Callable[[np.ndarray], Any]] = {
    "maximum_gap_np": maximum_gap_np,
    "np.diff(np.sort)": np_sort_diff,
}


@pytest.mark.parametrize("n", PY_SIZES)
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (name, kind)
        for name in PY_FUNCS
        for kind in PY_DATA
        if (name, kind) != ("maximum_gap_radix", "float")
    ],
)
def bench_maximum_gap(benchmark: Any, name: str, kind: str, n: int) -> None:
    nums = py_data(kind, n)
    benchmark.group = f"maximum_gap/{kind}/n={n:.0e}"
    result = benchmark.pedantic(PY_FUNCS[name], args=(nums,), rounds=rounds_for(n))
    assert result == maximum_gap(nums)


@pytest.mark.parametrize("n", NP_SIZES)
@pytest.mark.parametrize("dtype", NP_DTYPES)
@pytest.mark.parametrize("name", list(NP_FUNCS))
def bench_maximum_gap_np(benchmark: Any, name: str, dtype: str, n: int) -> None:
    a = np_data(dtype, n)
    benchmark.group = f"maximum_gap_np/{dtype}/n={n:.0e}"
    result = benchmark.pedantic(NP_FUNCS[name], args=(a,), rounds=rounds_for(n))
    assert result == maximum_gap_np(a)


def same_answers(funcs: dict[str, Callable[[Any], Any]], data: Any) -> None:
    answers = {name: func(data) for name, func in funcs.items()}
    assert len(set(answers.values())) == 1, answers


def medians_on(funcs: dict[str, Callable[[Any], Any]], data: Any, reps: int) -> dict[str, float]:
    """Interleaved medians of each function on ``data``, after checking they agree."""
    same_answers(funcs, data)
    return interleaved_medians(
        {name: functools.partial(f, data) for name, f in funcs.items()}, reps
    )


def bench_max_gap_targets(benchmark: Any) -> None:
    """The targets: bucket versions against sorting at n=10^6 (pure) and 10^7 (numpy).

    The ``even-`` rows are the worst case, not a target: evenly spread data leaves no
    long empty run, so every bucket's minimum and maximum is needed.
    """
    full = not benchmark.disabled
    py_n, np_n, reps = (10**6, 10**7, 7) if full else (10**4, 10**4, 1)
    cases: list[tuple[str, dict[str, Callable[[Any], Any]], Any]] = [
        (
            f"{kind} n={py_n:.0e}",
            {"bucket": maximum_gap, "sort": sorted_pairwise},
            py_data(kind, py_n),
        )
        for kind in [*PY_DATA, "even-int"]
    ]
    cases += [
        (
            f"np {dtype} n={np_n:.0e}",
            {"bucket": maximum_gap_np, "sort": np_sort_diff},
            np_data(dtype, np_n),
        )
        for dtype in [*NP_DTYPES, "even-float64"]
    ]

    def compare() -> dict[str, dict[str, float]]:
        return {label: medians_on(funcs, data, reps) for label, funcs, data in cases}

    report = benchmark.pedantic(compare, rounds=1, iterations=1)
    benchmark.group = "maximum_gap targets (interleaved medians)"
    for label, medians in report.items():
        ratio = medians["bucket"] / medians["sort"]
        benchmark.extra_info[label] = {**medians, "ratio": ratio}
        print(
            f"{label:>26}: bucket {medians['bucket'] * 1e3:8.1f} ms, "
            f"sort {medians['sort'] * 1e3:8.1f} ms, ratio {ratio:.2f}"
        )


def bench_max_gap_scaling(benchmark: Any) -> None:
    """Log-log slope of time against n, printed beside the claimed O(n)."""
    full = not benchmark.disabled
    py_sizes = [10**3, 10**4, 10**5, 10**6] if full else [10**2, 10**3]
    np_sizes = [10**4, 10**5, 10**6, 10**7] if full else [10**2, 10**3]
    reps = 5 if full else 1

    def slope(func: Callable[[Any], Any], make: Callable[[int], Any], sizes: list[int]) -> float:
        seconds = [medians_on({"f": func}, make(n), reps)["f"] for n in sizes]
        return fitted_exponent(list(zip(sizes, seconds, strict=True)))

    def measure() -> dict[str, float]:
        return {
            "maximum_gap int62": slope(maximum_gap, lambda n: py_data("int62", n), py_sizes),
            "maximum_gap float": slope(maximum_gap, lambda n: py_data("float", n), py_sizes),
            "maximum_gap_radix int62": slope(
                maximum_gap_radix, lambda n: py_data("int62", n), py_sizes
            ),
            "maximum_gap_np float64": slope(
                maximum_gap_np, lambda n: np_data("float64", n), np_sizes
            ),
            "maximum_gap_np int64": slope(maximum_gap_np, lambda n: np_data("int64", n), np_sizes),
        }

    slopes = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "maximum_gap scaling"
    for label, value in slopes.items():
        benchmark.extra_info[label] = value
        claimed = "O(n·⌈w/16⌉), w fixed" if "radix" in label else "O(n)"
        print(f"{label:>24}: log-log slope {value:.2f} (claimed {claimed})")
        assert math.isfinite(value)
