"""``workbook bench``: check a user's answers on every input, then time them.

The inputs, sizes and peers are the exercise's one benchmark declaration (a
:class:`~workbook.bench.Bench` in ``BENCHES`` of the file its catalogue entry names).
A wrong answer is never timed: the first input it fails on is shown, and nothing runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from tqdm import tqdm

from workbook.bench import Bench, Contender, fitted_exponent, scaling_table, time_at_sizes
from workbook.exercise import Exercise
from workbook.files import import_file
from workbook.impl import NotImplementedYet, UserImplementation, describe_call

PROJECT_ROOT = Path(__file__).resolve().parents[1]
YOURS, REFERENCE = "yours", "reference"


class NoBenchError(LookupError):
    """The exercise declares no benchmark inputs."""


def find_bench(exercise: Exercise) -> Bench:
    """The :class:`Bench` declared for ``exercise`` in the file its entry names."""
    if exercise.bench is None:
        raise NoBenchError(f"{exercise.id} declares no benchmark file")
    path = PROJECT_ROOT / exercise.bench
    if not path.is_file():
        raise NoBenchError(
            f"{exercise.id}: its benchmark file {exercise.bench} is not there (a clone has it)"
        )
    for bench in getattr(import_file(path), "BENCHES", ()):
        if bench.exercise == exercise.id:
            return cast(Bench, bench)
    raise NoBenchError(f"{exercise.bench} declares no Bench for {exercise.id!r}")


def run(
    exercise: Exercise,
    user: UserImplementation | None,
    *,
    max_n: int | None,
    budget_s: float,
    plot: Path | None,
) -> int:
    """Verify, time and report; returns the exit status."""
    bench = find_bench(exercise)
    sizes = [n for n in bench.sizes if max_n is None or n <= max_n]
    if not sizes:
        print(f"workbook: error: no size of {exercise.id} is <= {max_n}", file=sys.stderr)
        return 2
    reference = exercise.load_reference()
    functions: dict[str, Contender | Callable[..., Any]] = {}
    if user is not None:
        verdict = _verify(exercise, bench, user.implementation, reference, sizes)
        if verdict == "wrong":
            return 1
        if verdict == "ok":
            functions[YOURS] = _caller(bench, user.implementation)
    functions[REFERENCE] = _caller(bench, reference)
    functions.update({name: bench.contender(name) for name in bench.contenders})
    total = sum(
        1
        for n in sizes
        for f in functions.values()
        if not isinstance(f, Contender) or f.max_size is None or n <= f.max_size
    )
    with tqdm(total=total, desc=f"timing {exercise.id}", unit="run", leave=False) as bar:

        def progress(name: str, n: int) -> None:
            bar.set_postfix_str(f"{name} {bench.size_name}={n}")
            bar.update()

        timings = time_at_sizes(functions, bench, sizes=sizes, budget_s=budget_s, progress=progress)
    print(f"{exercise.id}: best of 3 at each {bench.size_name}; target {exercise.complexity}")
    print(scaling_table(timings, bench.size_name))
    _summary(timings)
    if plot is not None:
        _plot(timings, exercise, bench, plot)
        print(f"plot written to {plot}")
    return 0


def _verify(
    exercise: Exercise, bench: Bench, yours: Any, reference: Any, sizes: Sequence[int]
) -> str:
    """``"ok"``, ``"wrong"`` (reported), or ``"stub"`` (not implemented yet)."""
    same = bench.same or exercise.compare
    with tqdm(total=len(sizes), desc="checking your answers", unit="input", leave=False) as bar:
        for n, args in bench.inputs(sizes):
            expected = bench.call(reference, args)
            try:
                actual = bench.call(yours, args)
            except NotImplementedYet:
                print(
                    f"{exercise.id}: not implemented yet; timing the reference and its peers only"
                )
                return "stub"
            except Exception as err:  # the user's code failed: say where, not how deep
                bar.close()
                print(
                    f"{exercise.id}: your solution raised {type(err).__name__}: {err}\n"
                    f"  at {bench.size_name}={n}, input: {describe_call(exercise.name, args, {})}\n"
                    f"run: workbook check {exercise.id}"
                )
                return "wrong"
            if not same(actual, expected):
                bar.close()
                print(
                    f"{exercise.id}: wrong answer at {bench.size_name}={n}; not timing it.\n"
                    f"  input:    {describe_call(exercise.name, args, {})}\n"
                    f"  expected: {_short(expected)}\n"
                    f"  actual:   {_short(actual)}\n"
                    f"run: workbook check {exercise.id}"
                )
                return "wrong"
            bar.update()
    return "ok"


def _caller(bench: Bench, implementation: Any) -> Callable[..., Any]:
    return lambda *args: bench.call(implementation, args)


def _summary(timings: dict[str, list[tuple[int, float]]]) -> None:
    if YOURS not in timings or len(timings[YOURS]) < 2:
        return
    yours, reference = timings[YOURS], dict(timings[REFERENCE])
    ratio = [s / reference[n] for n, s in yours if n in reference]
    print(
        f"yours: exponent {fitted_exponent(yours):.2f} "
        f"(reference {fitted_exponent(timings[REFERENCE]):.2f}); "
        f"at the largest common size yours takes {ratio[-1]:.2f}x the reference's time"
    )


def _short(value: Any) -> str:
    return describe_call("", (value,), {})[1:-1]


def _plot(
    timings: dict[str, list[tuple[int, float]]], exercise: Exercise, bench: Bench, path: Path
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for name, series in timings.items():
        if series:
            ns, seconds = zip(*series, strict=True)
            ax.loglog(ns, seconds, marker="o", label=name, linewidth=2.5 if name == YOURS else 1.5)
    ax.set(
        xlabel=bench.size_name,
        ylabel="seconds (best of 3)",
        title=f"{exercise.id}: target {exercise.complexity}",
    )
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
