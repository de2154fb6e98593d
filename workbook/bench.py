"""Benchmarks from one declaration per exercise: inputs of size n, contenders, sizes.

A benchmark file declares, in ``BENCHES``, one :class:`Bench` per exercise.  That one
declaration drives

* the pytest-benchmark groups (``benchmarks/conftest.py``): one group per exercise and
  size, holding the reference, its variants and the field's peers, each answer checked
  against the reference's;
* the scaling report at the end of a benchmark run: the fitted log-log exponent of each
  contender beside the claimed complexity;
* ``workbook bench ID``, which times a user's solution beside them.

Examples
--------
>>> bench = Bench("demo", lambda n, rng: (list(range(n)),), sizes=(10, 100))
>>> [n for n, _ in time_at_sizes({"sum": lambda xs: sum(xs)}, bench, repeat=1)["sum"]]
[10, 100]
"""

from __future__ import annotations

import functools
import math
import statistics
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MakeArgs = Callable[[int, np.random.Generator], tuple[Any, ...]]


@dataclass(frozen=True)
class Contender:
    """A function timed beside the reference, with what it needs to be fair.

    Attributes
    ----------
    function : callable
        Called with the (prepared) arguments of the reference.
    prepare : callable, optional
        Turns the reference's arguments into this contender's, outside the timing (a
        list into an array, numpy into torch).
    output : callable, optional
        Turns this contender's result into the reference's form for the answer check.
    max_size : int, optional
        The largest size it is timed at (a brute force at small n only).
    """

    function: Callable[..., Any]
    prepare: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None
    output: Callable[[Any], Any] | None = None
    max_size: int | None = None

    def arguments(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """The arguments this contender is called with."""
        return self.prepare(args) if self.prepare is not None else args

    def answer(self, result: Any) -> Any:
        """The result in the reference's form."""
        return self.output(result) if self.output is not None else result


@dataclass(frozen=True)
class Bench:
    """How to benchmark one exercise.

    Attributes
    ----------
    exercise : str
        The exercise's id; its reference is always timed.
    make_args : callable
        ``make_args(n, rng)``: the reference's positional arguments for size ``n``.
    sizes : sequence of int
        The sizes, smallest first, over three decades where the problem allows.
    size_name : str
        What ``n`` counts (``"n"``, ``"k"``, ``"target"``), for the tables.
    contenders : mapping of str to Contender or callable
        The variants and the field's peers.
    run : callable, optional
        ``run(implementation, args)`` for a class exercise: how to drive the class.
    same : callable, optional
        ``same(actual, expected)``; default: the exercise's equivalence.
    smoke_sizes : int
        How many of the smallest sizes the smoke run (``--benchmark-disable``) checks.
    """

    exercise: str
    make_args: MakeArgs
    sizes: Sequence[int] = (10**3, 10**4, 10**5, 10**6)
    size_name: str = "n"
    contenders: Mapping[str, Contender | Callable[..., Any]] = field(default_factory=dict)
    run: Callable[[Any, tuple[Any, ...]], Any] | None = None
    same: Callable[[Any, Any], bool] | None = None
    smoke_sizes: int = 2

    def contender(self, name: str) -> Contender:
        """The named contender, a plain callable wrapped as a :class:`Contender`."""
        found = self.contenders[name]
        return found if isinstance(found, Contender) else Contender(found)

    def inputs(
        self, sizes: Sequence[int] | None = None, seed: int = 0
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """``(n, args)`` for each size, from one seeded generator per size."""
        for n in sizes if sizes is not None else self.sizes:
            yield n, self.make_args(n, np.random.default_rng([seed, n]))

    def call(self, implementation: Any, args: tuple[Any, ...]) -> Any:
        """Run an implementation (a function, or a class through ``run``) on ``args``."""
        return self.run(implementation, args) if self.run is not None else implementation(*args)


def fitted_exponent(timings: Sequence[tuple[int, float]]) -> float:
    """The least-squares slope of log(time) against log(n): 1 for linear, ~1.1 for n log n.

    >>> round(fitted_exponent([(10, 1.0), (100, 100.0), (1000, 10000.0)]), 6)
    2.0
    """
    if len(timings) < 2:
        raise ValueError(f"timings must hold at least 2 (n, seconds) pairs, got {len(timings)}")
    ns, seconds = zip(*timings, strict=True)
    slope, _ = np.polyfit(np.log(ns), np.log(seconds), 1)
    return float(slope)


def best_time(func: Callable[[], Any], repeat: int = 3, budget_s: float = math.inf) -> float:
    """The best of ``repeat`` wall-clock timings of ``func()`` in seconds (fewer past a budget)."""
    best, spent = math.inf, 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
        if spent > budget_s:
            break
    return best


def interleaved_medians(
    contenders: Mapping[str, Callable[[], Any]], rounds: int
) -> dict[str, float]:
    """Median seconds of each zero-argument callable, the callables taking turns.

    Round after round every contender runs once, so a slow phase of the machine hits
    them alike: the ratio of two medians is a fair comparison from one run.

    >>> sorted(interleaved_medians({"a": lambda: sum(range(100)), "b": lambda: None}, 3))
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
    functions: Mapping[str, Contender | Callable[..., Any]],
    bench: Bench,
    *,
    sizes: Sequence[int] | None = None,
    repeat: int = 3,
    budget_s: float = math.inf,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, list[tuple[int, float]]]:
    """Best-of-``repeat`` times of each function at each size, on the same inputs.

    The functions take turns at each size, so a slow phase of the machine hits them
    alike; a :class:`Contender`'s ``prepare`` runs outside the timing, and it is not
    timed past its ``max_size``.  A function whose last timing exceeded ``budget_s``
    is not timed at larger sizes.  ``progress(name, n)`` is called after each timing.
    """
    contenders = {
        name: f if isinstance(f, Contender) else Contender(f) for name, f in functions.items()
    }
    results: dict[str, list[tuple[int, float]]] = {name: [] for name in contenders}
    for n, args in bench.inputs(sizes):
        for name, contender in contenders.items():
            series = results[name]
            too_slow = bool(series) and series[-1][1] > budget_s
            if too_slow or (contender.max_size is not None and n > contender.max_size):
                continue
            run = functools.partial(contender.function, *contender.arguments(args))
            series.append((n, best_time(run, repeat, budget_s)))
            if progress is not None:
                progress(name, n)
    return results


def scaling_table(timings: Mapping[str, Sequence[tuple[int, float]]], size_name: str = "n") -> str:
    """The timings as a table, one column per contender, with each fitted exponent.

    >>> print(scaling_table({"f": [(10, 0.001), (100, 0.01)]}))
            n          f
           10     1.00ms
          100    10.00ms
     exponent       1.00
    """
    names = list(timings)
    widths = [max(11, len(name) + 2) for name in names]
    sizes = sorted({n for series in timings.values() for n, _ in series})
    lines = [size_name.rjust(9) + "".join(n.rjust(w) for n, w in zip(names, widths, strict=True))]
    for n in sizes:
        cells = [dict(timings[name]).get(n) for name in names]
        lines.append(
            str(n).rjust(9)
            + "".join(
                ("-" if s is None else duration(s)).rjust(w)
                for s, w in zip(cells, widths, strict=True)
            )
        )
    exponents = [
        f"{fitted_exponent(timings[name]):.2f}" if len(timings[name]) >= 2 else "-"
        for name in names
    ]
    lines.append(
        "exponent".rjust(9) + "".join(e.rjust(w) for e, w in zip(exponents, widths, strict=True))
    )
    return "\n".join(lines)


def duration(seconds: float) -> str:
    """``seconds`` in the unit that reads best.

    >>> duration(2.5), duration(0.0123), duration(4e-6)
    ('2.50s', '12.30ms', '4.0us')
    """
    if seconds >= 1:
        return f"{seconds:.2f}s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f}ms"
    return f"{seconds * 1e6:.1f}us"
