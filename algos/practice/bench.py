"""Timing at growing sizes, and the fitted exponent of the scaling.

A benchmark file declares, for each exercise it covers, a :class:`BenchSpec`: how to
make the arguments for size ``n`` and which of the field's functions are its peers.
``workbook bench ID`` and the benchmark files' scaling tests share what is here:
:func:`time_at_sizes` times callables on the same inputs, interleaved,
:func:`interleaved_medians` gives the medians that a target is judged on, and
:func:`fitted_exponent` fits the slope of log(time) against log(n).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MakeArgs = Callable[[int, np.random.Generator], tuple[Any, ...]]


@dataclass(frozen=True)
class BenchSpec:
    """How to benchmark one exercise.

    Attributes
    ----------
    exercise_id : str
        The registered exercise.
    make_args : callable
        ``make_args(n, rng)`` gives the positional arguments for an input of size ``n``.
    peers : mapping of str to callable
        The field's own functions for the same job, called with the same arguments.
    sizes : sequence of int
        The sizes to time, smallest first.
    """

    exercise_id: str
    make_args: MakeArgs
    peers: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    sizes: Sequence[int] = (10**3, 10**4, 10**5, 10**6)


def best_time(func: Callable[..., Any], args: tuple[Any, ...], repeat: int = 3) -> float:
    """The best of ``repeat`` wall-clock timings of ``func(*args)``, in seconds."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def interleaved_medians(
    contenders: Mapping[str, Callable[[], Any]], rounds: int
) -> dict[str, float]:
    """Median seconds of each zero-argument callable, the callables taking turns.

    Round after round every contender runs once, so a slow phase of the machine hits
    them alike: the ratio of two medians is a fair comparison from one run.

    Examples
    --------
    >>> medians = interleaved_medians({"a": lambda: sum(range(100)), "b": lambda: None}, 3)
    >>> sorted(medians)
    ['a', 'b']
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def time_at_sizes(
    funcs: Mapping[str, Callable[..., Any]],
    make_args: MakeArgs,
    sizes: Sequence[int],
    *,
    repeat: int = 3,
    seed: int = 0,
    budget_s: float = math.inf,
) -> dict[str, list[tuple[int, float]]]:
    """Best-of-``repeat`` times of each function at each size, on the same inputs.

    The functions are timed in turn at each size (interleaved, so a slow phase of the
    machine hits them alike).  A function whose last timing exceeded ``budget_s`` is not
    timed at larger sizes.

    Returns
    -------
    dict
        ``{name: [(n, seconds), ...]}``.

    Examples
    --------
    >>> times = time_at_sizes({"sum": sum}, lambda n, rng: (range(n),), [10, 100], repeat=1)
    >>> [n for n, _ in times["sum"]]
    [10, 100]
    """
    rng = np.random.default_rng(seed)
    results: dict[str, list[tuple[int, float]]] = {name: [] for name in funcs}
    for n in sizes:
        args = make_args(n, rng)
        for name, func in funcs.items():
            timings = results[name]
            if timings and timings[-1][1] > budget_s:
                continue
            timings.append((n, best_time(func, args, repeat)))
    return results


def fitted_exponent(timings: Sequence[tuple[int, float]]) -> float:
    """The least-squares slope of log(time) against log(n): 1 for linear, ~1.1 for n log n.

    Examples
    --------
    >>> round(fitted_exponent([(10, 1.0), (100, 100.0), (1000, 10000.0)]), 6)
    2.0
    """
    if len(timings) < 2:
        raise ValueError(f"timings must hold at least 2 (n, seconds) pairs, got {len(timings)}")
    ns, seconds = zip(*timings, strict=True)
    slope, _ = np.polyfit(np.log(ns), np.log(seconds), 1)
    return float(slope)


def scaling_report(timings: Mapping[str, Sequence[tuple[int, float]]]) -> str:
    """A table of the timings, one column per function, with each fitted exponent.

    Examples
    --------
    >>> print(scaling_report({"f": [(10, 0.001), (100, 0.01)]}))
            n          f
           10     1.00ms
          100    10.00ms
     exponent       1.00
    """
    names = list(timings)
    sizes = sorted({n for series in timings.values() for n, _ in series})
    lines = ["n".rjust(9) + "".join(name.rjust(max(11, len(name) + 2)) for name in names)]
    for n in sizes:
        row = str(n).rjust(9)
        for name in names:
            seconds = dict(timings[name]).get(n)
            cell = "-" if seconds is None else _duration(seconds)
            row += cell.rjust(max(11, len(name) + 2))
        lines.append(row)
    exponents = [
        f"{fitted_exponent(timings[name]):.2f}" if len(timings[name]) >= 2 else "-"
        for name in names
    ]
    lines.append(
        "exponent".rjust(9)
        + "".join(e.rjust(max(11, len(name) + 2)) for e, name in zip(exponents, names, strict=True))
    )
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f}s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f}ms"
    return f"{seconds * 1e6:.1f}us"
