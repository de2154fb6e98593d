"""Benchmarks of the sliding-window maximum and minimum (LeetCode 239) and the queue.

``BENCHES`` declares, per exercise, the inputs of size n (float64 values, k = 100), the
sizes and the contenders; ``benchmarks/conftest.py`` makes the groups (one per exercise
and n: the reference, its variants and the peers, every answer checked against the
reference's) and the scaling report from it, and ``workbook bench ID`` reads the same.

Peers: ``scipy.ndimage.maximum_filter1d`` with ``origin=-(k // 2)`` (so output ``i`` is
the maximum of ``a[i:i + k]``) sliced to the full windows, and numpy's O(nk)
``sliding_window_view(a, k).max(axis=1)``; the brute force ``[max(nums[i:i + k])...]``
only where it finishes.

The functions below ``BENCHES`` measure what one declaration cannot: the stated targets
(``sliding_window_max`` faster than ``maximum_filter1d`` at n = 10^6 for every k in
{3, 100, 10^4}; the deque's time independent of k within 20%), and the crossover of the
vectorised schemes on this machine against the table in
:data:`algos.sliding_window.vectorised.VAN_HERK_MIN_K`.  They print interleaved medians
and assert answers only, never times.  Run them with
``pytest benchmarks/algos/bench_sliding_window.py -k "targets or crossover" -s``.

numpy timings of large arrays swing with glibc's handling of freed pages; compare within
one run, or run both sides under the same ``MALLOC_MMAP_THRESHOLD_``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from scipy.ndimage import maximum_filter1d, minimum_filter1d

from algos.sliding_window import (
    MonotonicQueue,
    max_sliding_window,
    min_sliding_window,
    sliding_window_max,
    sliding_window_min,
    vectorised,
)
from workbook.bench import Bench, Contender, interleaved_medians

K = 100
SIZES = (10**3, 10**4, 10**5, 10**6)


def values_and_k(n: int, rng: np.random.Generator) -> tuple[list[float], int]:
    return (rng.standard_normal(n) * 1000).tolist(), min(K, n)


def array_and_k(n: int, rng: np.random.Generator) -> tuple[np.ndarray[Any, Any], int]:
    return rng.standard_normal(n) * 1000, min(K, n)


def as_array(args: tuple[Any, ...]) -> tuple[Any, ...]:
    return np.asarray(args[0]), args[1]


def scipy_filter(filter1d: Any) -> Any:
    def windows(a: np.ndarray[Any, Any], k: int) -> Any:
        return filter1d(a, k, origin=-(k // 2))[: len(a) - k + 1]

    return windows


def brute_force(pick: Any) -> Any:
    def windows(nums: list[float], k: int) -> list[float]:
        return [pick(nums[i : i + k]) for i in range(len(nums) - k + 1)]

    return windows


def view(pick: str) -> Any:
    return lambda a, k: getattr(sliding_window_view(a, k), pick)(axis=1)


def queue_operations(n: int, rng: np.random.Generator) -> tuple[list[int]]:
    return (rng.integers(-(10**9), 10**9, n).tolist(),)


def run_queue(queue_class: Any, args: tuple[Any, ...]) -> list[int]:
    """Push every value, popping past a window of K, reading max() after each push."""
    q, maxima = queue_class(), []
    for x in args[0]:
        q.push(x)
        if len(q) > K:
            q.pop()
        maxima.append(q.max())
    return maxima


def deque_window_maxima(values: list[int]) -> list[int]:
    """The same sequence of maxima from the reference function, for the answer check."""
    head = [max(values[: i + 1]) for i in range(min(K - 1, len(values)))]
    return head + (max_sliding_window(values, K) if len(values) >= K else [])


def _deque_family(exercise: str, pick: Any, ufunc_filter: Any, variant: Any) -> Bench:
    return Bench(
        exercise,
        values_and_k,
        sizes=SIZES,
        contenders={
            variant.__name__: Contender(variant, prepare=as_array, output=np.ndarray.tolist),
            "scipy.ndimage": Contender(
                scipy_filter(ufunc_filter), prepare=as_array, output=np.ndarray.tolist
            ),
            "brute force": Contender(brute_force(pick), max_size=10**4),
        },
    )


def _vector_family(exercise: str, ufunc_filter: Any, pick: str) -> Bench:
    return Bench(
        exercise,
        array_and_k,
        sizes=SIZES,
        contenders={
            "scipy.ndimage": scipy_filter(ufunc_filter),
            "sliding_window_view": view(pick),
        },
        same=np.array_equal,
    )


BENCHES = [
    _deque_family("max_sliding_window", max, maximum_filter1d, sliding_window_max),
    _deque_family("min_sliding_window", min, minimum_filter1d, sliding_window_min),
    _vector_family("sliding_window_max", maximum_filter1d, "max"),
    _vector_family("sliding_window_min", minimum_filter1d, "min"),
    Bench(
        "monotonic_queue",
        queue_operations,
        sizes=SIZES,
        size_name="operations",
        run=run_queue,
        contenders={"max_sliding_window (same maxima)": deque_window_maxima},
    ),
]


# ------------------------------------------------------------------ beyond one declaration


def bench_sliding_window_targets(benchmark: Any) -> None:
    """The targets, both sides interleaved in one process; medians printed, not asserted."""
    full = not benchmark.disabled
    a = np.random.default_rng(239).standard_normal(10**6 if full else 10**4)
    nums = a[: 10**5].tolist()
    ks = [3, 100, 10**4 if full else 1000]
    windows = {k: scipy_filter(maximum_filter1d)(a, k) for k in ks}
    for k in ks:  # the answers, in the smoke run too
        assert np.array_equal(sliding_window_max(a, k), windows[k])
        assert max_sliding_window(nums, k) == windows[k][: len(nums) - k + 1].tolist()

    def measure() -> dict[str, dict[str, float]]:
        rounds = 21 if full else 1
        report = {
            f"n={a.size} k={k}": interleaved_medians(
                {
                    "sliding_window_max": lambda k=k: sliding_window_max(a, k),
                    "maximum_filter1d": lambda k=k: scipy_filter(maximum_filter1d)(a, k),
                },
                rounds,
            )
            for k in ks
        }
        report[f"deque n={len(nums)}"] = interleaved_medians(
            {f"k={k}": lambda k=k: max_sliding_window(nums, k) for k in ks}, rounds
        )
        return report

    report = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "sliding window targets (interleaved medians)"
    print("\nsliding window targets (medians of interleaved runs):")
    for label, medians in report.items():
        benchmark.extra_info[label] = medians
        times = ", ".join(f"{name} {t * 1e3:.2f} ms" for name, t in medians.items())
        if label.startswith("deque"):
            ratio = max(medians.values()) / min(medians.values())
            summary = f"slowest/fastest {ratio:.2f} (target <= 1.20)"
        else:
            speed_up = medians["maximum_filter1d"] / medians["sliding_window_max"]
            summary = f"speed-up x{speed_up:.1f} (target > 1)"
        print(f"  {label:>14}: {times}; {summary}")


@pytest.mark.parametrize("dtype", ["float64", "int64", "float16"])
def bench_sliding_window_crossover(benchmark: Any, monkeypatch: Any, dtype: str) -> None:
    """Doubling against van Herk at growing k: where the O(n) scheme starts to win here.

    Prints both medians per k and the measured crossover beside the one in
    ``VAN_HERK_MIN_K``, which was measured on another CPU: the table only affects speed.
    """
    full = not benchmark.disabled
    n = 10**6 if full else 10**4
    a = np.random.default_rng(1).standard_normal(n).astype(dtype)
    key = (a.dtype.kind, a.dtype.itemsize)
    ks = [2**p for p in range(2, 18 if full else 8) if 2**p <= n]

    def forced(scheme_min_k: int, k: int) -> Any:
        monkeypatch.setitem(vectorised.VAN_HERK_MIN_K, key, scheme_min_k)
        return sliding_window_max(a, k)

    for k in ks[:3]:
        assert np.array_equal(forced(2, k), forced(2**62, k))  # same answer either way

    def measure() -> dict[int, dict[str, float]]:
        return {
            k: interleaved_medians(
                {"doubling": lambda k=k: forced(2**62, k), "van Herk": lambda k=k: forced(2, k)},
                7 if full else 1,
            )
            for k in ks
        }

    medians = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = f"sliding window crossover {dtype}"
    wins = [k for k, m in medians.items() if m["van Herk"] < m["doubling"]]
    table = vectorised.VAN_HERK_MIN_K.get(key, "none (always doubling)")
    print(
        f"\n{dtype} n={n}: van Herk first wins at k={wins[0] if wins else 'never'}; table: {table}"
    )
    for k, m in medians.items():
        doubling, van_herk = m["doubling"] * 1e3, m["van Herk"] * 1e3
        print(f"  k={k:>6}: doubling {doubling:7.2f} ms, van Herk {van_herk:7.2f} ms")


__all__ = ["BENCHES", "MonotonicQueue", "min_sliding_window"]
