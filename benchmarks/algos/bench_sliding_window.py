"""Benchmarks of the sliding-window maximum and minimum (LeetCode 239).

Each ``max n=... k=...`` group holds, for one input of ``n`` float64 values and one
window size ``k``:

* ``vectorised``: :func:`algos.sliding_window.sliding_window_max` (doubling, or van
  Herk/Gil-Werman where that is faster);
* ``deque``: :func:`algos.sliding_window.max_sliding_window` on a list of floats, pure
  Python (few rounds at n = 10^6);
* ``brute force``: ``[max(nums[i:i + k]) for i in ...]``, O(nk), only where nk <= 10^6;
* ``scipy``: ``scipy.ndimage.maximum_filter1d`` with ``origin=-(k // 2)``, so that output
  ``i`` is the maximum of ``a[i:i + k]``, sliced to the ``n - k + 1`` full windows;
* ``sliding_window_view``: ``sliding_window_view(a, k).max(axis=1)``, O(nk), only where
  nk <= 10^8.

Further groups: the minimum against ``scipy.ndimage.minimum_filter1d``, other dtypes at
n = 10^6, and the deque across k at n = 10^5 (its time should not depend on k).
Every benchmark checks its result against the reference.

``bench_sliding_window_targets`` times the stated targets with both sides interleaved in
one process and prints medians; ``bench_sliding_window_scaling`` prints the log-log
slope of time against n beside the claimed complexity.  Run them with
``pytest benchmarks/algos/bench_sliding_window.py -k "targets or scaling" -s``.
``BENCH_SPECS`` tells ``workbook bench ID`` how to time a user's function (k = 100).

numpy timings of large arrays swing with glibc's handling of freed pages; for steadier
numbers run everything under the same ``MALLOC_MMAP_THRESHOLD_`` (for example
``MALLOC_MMAP_THRESHOLD_=1000000000``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from scipy.ndimage import maximum_filter1d, minimum_filter1d

from algos.practice import get_exercise
from algos.practice.bench import (
    BenchSpec,
    fitted_exponent,
    interleaved_medians,
    scaling_report,
    time_at_sizes,
)
from algos.sliding_window import max_sliding_window, sliding_window_max, sliding_window_min

N_SIZES = [10**3, 10**4, 10**5, 10**6]
K_SIZES = [3, 100, 10**4]
CASES = [(n, k) for n in N_SIZES for k in K_SIZES if k <= n]
BRUTE_CASES = [(n, k) for n, k in CASES if n * k <= 10**6]
VIEW_CASES = [(n, k) for n, k in CASES if n * k <= 10**8]
DEQUE_BIG_N_ROUNDS = 3  # pure Python takes a few tenths of a second at n = 10^6


def _label(n: int) -> str:
    return f"1e{round(np.log10(n))}"


@cache
def _array(n: int, dtype: str = "float64") -> np.ndarray[Any, Any]:
    rng = np.random.default_rng(239)
    dt = np.dtype(dtype)
    if dt.kind == "f":
        a = (rng.standard_normal(n) * 1000).astype(dt)
    elif dt.kind == "b":
        a = rng.random(n) < 0.01  # sparse, so that windows of 100 differ
    else:
        # scipy.ndimage filters int64 through float64 (1.17 rounds 2**63 - 1000 to a
        # multiple of 1024), so keep |a| <= 2**53 where the comparison is exact.
        info = np.iinfo(dt)
        lo, hi = max(int(info.min), -(2**53)), min(int(info.max), 2**53)
        a = rng.integers(lo, hi, n, dtype=dt, endpoint=True)
    a.setflags(write=False)  # shared between benchmarks: nobody may write into it
    return a


@cache
def _list(n: int) -> list[float]:
    nums: list[float] = _array(n).tolist()
    return nums


@cache
def _expected_max(n: int, k: int, dtype: str = "float64") -> np.ndarray[Any, Any]:
    return sliding_window_max(_array(n, dtype), k)


def _scipy(filter1d: Callable[..., Any], a: Any, k: int) -> Any:
    # origin=-(k // 2) puts the window of output i at a[i:i + k]; the last k - 1
    # outputs are windows cut by the boundary, which the other contenders do not give.
    return filter1d(a, k, origin=-(k // 2))[: len(a) - k + 1]


def _brute_force(nums: list[float], k: int) -> list[float]:
    return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]


def _view_max(a: np.ndarray[Any, Any], k: int) -> Any:
    return sliding_window_view(a, k).max(axis=1)


# ----------------------------------------------------------------------------- max


@pytest.mark.parametrize(("n", "k"), CASES)
def bench_vectorised(benchmark: Any, n: int, k: int) -> None:
    benchmark.group = f"max n={_label(n)} k={k}"
    result = benchmark(sliding_window_max, _array(n), k)
    assert np.array_equal(result, _expected_max(n, k))


@pytest.mark.parametrize(("n", "k"), CASES)
def bench_deque(benchmark: Any, n: int, k: int) -> None:
    benchmark.group = f"max n={_label(n)} k={k}"
    nums = _list(n)
    if n >= 10**6:
        result = benchmark.pedantic(
            max_sliding_window, (nums, k), rounds=DEQUE_BIG_N_ROUNDS, iterations=1
        )
    else:
        result = benchmark(max_sliding_window, nums, k)
    assert result == _expected_max(n, k).tolist()


@pytest.mark.parametrize(("n", "k"), BRUTE_CASES)
def bench_brute_force(benchmark: Any, n: int, k: int) -> None:
    benchmark.group = f"max n={_label(n)} k={k}"
    result = benchmark(_brute_force, _list(n), k)
    assert result == _expected_max(n, k).tolist()


@pytest.mark.parametrize(("n", "k"), CASES)
def bench_scipy(benchmark: Any, n: int, k: int) -> None:
    benchmark.group = f"max n={_label(n)} k={k}"
    result = benchmark(_scipy, maximum_filter1d, _array(n), k)
    assert np.array_equal(result, _expected_max(n, k))


@pytest.mark.parametrize(("n", "k"), VIEW_CASES)
def bench_sliding_window_view(benchmark: Any, n: int, k: int) -> None:
    benchmark.group = f"max n={_label(n)} k={k}"
    result = benchmark(_view_max, _array(n), k)
    assert np.array_equal(result, _expected_max(n, k))


# ----------------------------------------------------------------------------- min


@pytest.mark.parametrize("k", K_SIZES)
def bench_vectorised_min(benchmark: Any, k: int) -> None:
    n = 10**6
    benchmark.group = f"min n={_label(n)} k={k}"
    result = benchmark(sliding_window_min, _array(n), k)
    assert np.array_equal(result, -sliding_window_max(-_array(n), k))


@pytest.mark.parametrize("k", K_SIZES)
def bench_scipy_min(benchmark: Any, k: int) -> None:
    n = 10**6
    benchmark.group = f"min n={_label(n)} k={k}"
    result = benchmark(_scipy, minimum_filter1d, _array(n), k)
    assert np.array_equal(result, sliding_window_min(_array(n), k))


# ----------------------------------------------------------------------------- dtypes


DTYPE_CASES = [(d, k) for d in ("bool", "int8", "int32", "int64", "float32") for k in (100, 10**4)]


@pytest.mark.parametrize(("dtype", "k"), DTYPE_CASES)
def bench_vectorised_dtype(benchmark: Any, dtype: str, k: int) -> None:
    n = 10**6
    benchmark.group = f"max {dtype} n={_label(n)} k={k}"
    result = benchmark(sliding_window_max, _array(n, dtype), k)
    assert result.dtype == np.dtype(dtype)
    assert np.array_equal(result, _scipy(maximum_filter1d, _array(n, dtype), k))


@pytest.mark.parametrize(("dtype", "k"), DTYPE_CASES)
def bench_scipy_dtype(benchmark: Any, dtype: str, k: int) -> None:
    n = 10**6
    benchmark.group = f"max {dtype} n={_label(n)} k={k}"
    result = benchmark(_scipy, maximum_filter1d, _array(n, dtype), k)
    assert np.array_equal(result, _expected_max(n, k, dtype))


# ----------------------------------------------------------------------------- deque vs k


@pytest.mark.parametrize("k", [3, 100, 1000, 10**4])
def bench_deque_across_k(benchmark: Any, k: int) -> None:
    # O(n) whatever k: these should agree within about 20%.
    n = 10**5
    benchmark.group = f"max_sliding_window n={_label(n)} across k"
    result = benchmark(max_sliding_window, _list(n), k)
    assert result == _expected_max(n, k).tolist()


# ----------------------------------------------------------------------------- reports


def bench_sliding_window_targets(benchmark: Any) -> None:
    """The issue's targets, timed interleaved in one process (medians).

    * ``sliding_window_max`` at n = 10^6 float64 faster than ``maximum_filter1d`` for
      every k in {3, 100, 10^4};
    * the deque's time independent of k within 20% (n = 10^5, k in {3, 100, 10^4}).

    The smoke run (``--benchmark-disable``) times small inputs once, only to run the code.
    """
    full = not benchmark.disabled
    a = _array(10**6 if full else 10**4)
    n_deque = 10**5 if full else 10**4
    nums = _list(n_deque)
    deque_ks = [3, 100, 10**4 if full else 1000]
    for k in K_SIZES:
        assert np.array_equal(sliding_window_max(a, k), _scipy(maximum_filter1d, a, k))
    for k in deque_ks:
        assert max_sliding_window(nums, k) == _expected_max(n_deque, k).tolist()

    def compare() -> dict[str, dict[str, float]]:
        report = {
            f"max n={_label(a.shape[0])} k={k}": interleaved_medians(
                {
                    "sliding_window_max": lambda k=k: sliding_window_max(a, k),
                    "maximum_filter1d": lambda k=k: _scipy(maximum_filter1d, a, k),
                },
                rounds=21 if full else 1,
            )
            for k in K_SIZES
        }
        report[f"deque n={_label(n_deque)}"] = interleaved_medians(
            {f"k={k}": lambda k=k: max_sliding_window(nums, k) for k in deque_ks},
            rounds=21 if full else 1,
        )
        return report

    report = benchmark.pedantic(compare, rounds=1, iterations=1)
    benchmark.group = "sliding window targets (interleaved medians)"
    print("\nsliding window targets (medians of interleaved runs):")
    for label, medians in report.items():
        benchmark.extra_info[label] = medians
        times = ", ".join(f"{name} {t * 1e3:.2f} ms" for name, t in medians.items())
        if label.startswith("deque"):
            summary = f"slowest/fastest {max(medians.values()) / min(medians.values()):.2f}"
            summary += " (target <= 1.20)"
        else:
            speed_up = medians["maximum_filter1d"] / medians["sliding_window_max"]
            summary = f"speed-up x{speed_up:.1f} (target > 1)"
        print(f"  {label:>16}: {times}; {summary}")


def bench_sliding_window_scaling(benchmark: Any) -> None:
    """Log-log slope of time against n (k = 100), beside the claimed complexity."""
    full = not benchmark.disabled
    sizes = [10**3, 10**4, 10**5, 10**6] if full else [10**2, 10**3]
    repeat = 3 if full else 1

    def measure() -> dict[str, dict[str, list[tuple[int, float]]]]:
        return {
            spec.exercise_id: time_at_sizes(
                {
                    spec.exercise_id: get_exercise(spec.exercise_id).reference,
                    **{name: f for name, f in spec.peers.items() if name != "brute force"},
                },
                spec.make_args,
                sizes,
                repeat=repeat,
            )
            for spec in BENCH_SPECS
        }

    timings = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "sliding window scaling"
    for ex_id, series in timings.items():
        claimed = get_exercise(ex_id).complexity
        slope = fitted_exponent(series[ex_id])
        assert math.isfinite(slope)
        benchmark.extra_info[ex_id] = slope
        print(f"\n{ex_id} (k = {SPEC_K}, best of {repeat}): slope {slope:.2f}, claimed {claimed}")
        print(scaling_report(series))


# ----------------------------------------------------------------------------- workbook bench

SPEC_K = 100


def _list_and_k(n: int, rng: np.random.Generator) -> tuple[list[float], int]:
    return rng.standard_normal(n).tolist(), min(SPEC_K, n)


def _array_and_k(n: int, rng: np.random.Generator) -> tuple[np.ndarray[Any, Any], int]:
    return rng.standard_normal(n), min(SPEC_K, n)


def _brute_force_min(nums: list[float], k: int) -> list[float]:
    return [min(nums[i : i + k]) for i in range(len(nums) - k + 1)]


def _view_min(a: np.ndarray[Any, Any], k: int) -> Any:
    return sliding_window_view(a, k).min(axis=1)


def _scipy_max(a: Any, k: int) -> Any:
    return _scipy(maximum_filter1d, a, k)


def _scipy_min(a: Any, k: int) -> Any:
    return _scipy(minimum_filter1d, a, k)


BENCH_SPECS = [
    BenchSpec(
        "max_sliding_window",
        _list_and_k,
        peers={"brute force": _brute_force, "maximum_filter1d": _scipy_max},
    ),
    BenchSpec(
        "min_sliding_window",
        _list_and_k,
        peers={"brute force": _brute_force_min, "minimum_filter1d": _scipy_min},
    ),
    BenchSpec(
        "sliding_window_max",
        _array_and_k,
        peers={"maximum_filter1d": _scipy_max, "sliding_window_view": _view_max},
    ),
    BenchSpec(
        "sliding_window_min",
        _array_and_k,
        peers={"minimum_filter1d": _scipy_min, "sliding_window_view": _view_min},
    ),
]
