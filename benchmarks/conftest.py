"""Benchmark groups and the scaling report, generated from each file's ``BENCHES``.

A benchmark file declares ``BENCHES``, one :class:`workbook.bench.Bench` per exercise.
For each of them this conftest adds ``bench_declared`` to the file, parametrized over
sizes and contenders (the reference first): one pytest-benchmark group per exercise and
size, so a comparison is a ratio from one run.  Every contender's answer is checked
against the reference's on the same input, in the smoke run too
(``--benchmark-disable``, which runs each case once on the smallest sizes and times
nothing).  After a timed run, the summary prints each exercise's medians and the fitted
log-log exponent beside the claimed complexity.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workbook import catalogue
from workbook.bench import Bench, Contender, fitted_exponent, scaling_table

REFERENCE = "reference"
SLOW_CALL_S = 0.2  # a call this slow is timed over a few rounds instead of calibrated

_MEDIANS = pytest.StashKey[dict[tuple[str, str], dict[str, list[tuple[int, float]]]]]()
_last_inputs: dict[tuple[str, int], tuple[Any, ...]] = {}
_last_answer: dict[tuple[str, int], Any] = {}


def smoke_run(config: pytest.Config) -> bool:
    """True in the smoke run: each benchmark runs once and nothing is timed."""
    return bool(config.getoption("benchmark_disable"))


class _BenchModule(pytest.Module):
    def _getobj(self) -> Any:
        module = super()._getobj()
        if getattr(module, "BENCHES", None) and not hasattr(module, "bench_declared"):
            module.bench_declared = bench_declared
        return module


def pytest_pycollect_makemodule(module_path: Path, parent: Any) -> Any:
    return _BenchModule.from_parent(parent, path=module_path)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_MEDIANS] = {}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.function is not bench_declared:
        return
    cases, ids = [], []
    for bench in metafunc.module.BENCHES:
        sizes = (
            list(bench.sizes)[: bench.smoke_sizes] if smoke_run(metafunc.config) else bench.sizes
        )
        for n in sizes:
            for name in [REFERENCE, *bench.contenders]:
                limit = None if name == REFERENCE else bench.contender(name).max_size
                if limit is None or n <= limit:
                    cases.append((bench, n, name))
                    ids.append(f"{bench.exercise}-{bench.size_name}={n}-{name}")
    metafunc.parametrize("case", cases, ids=ids)


def bench_declared(
    benchmark: Any, request: pytest.FixtureRequest, case: tuple[Bench, int, str]
) -> None:
    """One contender of one exercise at one size (see the module docstring)."""
    bench, n, name = case
    exercise = catalogue.get(bench.exercise)
    benchmark.group = f"{bench.exercise} {bench.size_name}={n}"
    args = _inputs(bench, n)
    reference = exercise.load_reference()
    if name == REFERENCE:
        contender = Contender(reference)
        run: Callable[..., Any] = lambda *a: bench.call(reference, a)  # noqa: E731
    else:
        contender = bench.contender(name)
        run = contender.function
    call_args = contender.arguments(args)
    result = _timed(benchmark, run, call_args, request.config)
    answer = contender.answer(result)
    key = (bench.exercise, n)
    if name == REFERENCE:
        _last_answer.clear()
        _last_answer[key] = answer
    else:
        expected = _last_answer.get(key)
        if key not in _last_answer:
            expected = bench.call(reference, args)
        same = bench.same or exercise.compare
        assert same(answer, expected), (
            f"{name} disagrees with the reference at {bench.size_name}={n}"
        )
    stats = getattr(benchmark, "stats", None)
    if stats is not None and not smoke_run(request.config):
        medians = request.config.stash[_MEDIANS].setdefault((bench.exercise, bench.size_name), {})
        medians.setdefault(name, []).append((n, stats.stats.median))


def _inputs(bench: Bench, n: int) -> tuple[Any, ...]:
    key = (bench.exercise, n)
    if key not in _last_inputs:
        _last_inputs.clear()  # one input at a time: the large ones are large
        _last_inputs[key] = next(bench.inputs([n]))[1]
    return _last_inputs[key]


def _timed(
    benchmark: Any, run: Callable[..., Any], args: tuple[Any, ...], config: pytest.Config
) -> Any:
    if smoke_run(config):
        return benchmark(run, *args)
    start = time.perf_counter()
    run(*args)  # a warm-up that tells how long one call takes
    if time.perf_counter() - start > SLOW_CALL_S:
        return benchmark.pedantic(run, args, rounds=3, iterations=1)
    return benchmark(run, *args)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    medians = config.stash.get(_MEDIANS, {})
    if not medians:
        return
    terminalreporter.section("scaling: medians and fitted log-log exponents", sep="=")
    for (exercise_id, size_name), timings in medians.items():
        claimed = catalogue.get(exercise_id).complexity
        terminalreporter.line(f"\n{exercise_id}: claimed {claimed}")
        terminalreporter.line(scaling_table(timings, size_name))


__all__ = ["bench_declared", "fitted_exponent", "smoke_run"]
