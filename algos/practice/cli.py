"""The ``workbook`` command: list exercises, write a practice stub, check a solution.

::

    workbook list                      # id, topic, difficulty, target complexity
    workbook new convex_hull           # writes practice/convex_hull.py: signature, docstring, stub
    workbook check convex_hull         # the exercise's tests against practice/convex_hull.py
    workbook bench convex_hull         # yours vs the reference vs the peers at growing n

``check`` runs exactly ``python -m pytest --impl ID=FILE`` over the workbook's test suite
in a fresh interpreter, so a failure shows the minimal input hypothesis found, and the
expected and actual values; arguments after ``--`` go to pytest (``-- -m "not contract"``
leaves out the input-validation tests).
"""

from __future__ import annotations

import argparse
import ast
import builtins
import doctest
import inspect
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import numpy as np

from algos.practice.bench import BenchSpec, scaling_report, time_at_sizes
from algos.practice.files import import_file
from algos.practice.registry import PACKAGES, Exercise, exercises, get_exercise

PRACTICE_DIR = Path("practice")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
TESTS_DIR = PROJECT_ROOT / "tests"
BENCHMARKS_DIR = PROJECT_ROOT / "benchmarks"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbook`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except (KeyError, FileExistsError, FileNotFoundError) as err:
        parser.exit(2, f"workbook: error: {err.args[0]}\n")
    return status


def list_exercises(args: argparse.Namespace) -> int:
    """Print one line per registered exercise."""
    if args.markdown:
        print(catalogue_markdown())
        return 0
    rows = [(e.id, e.topic, e.difficulty, e.complexity) for e in exercises()]
    id_width, topic_width = (max(len(row[i]) for row in rows) for i in (0, 1))
    for ex_id, topic, difficulty, complexity in rows:
        print(f"{ex_id:{id_width}}  {topic:{topic_width}}  {difficulty:6}  {complexity}")
    return 0


def catalogue_markdown() -> str:
    """The README's catalogue: one table row per exercise."""
    lines = [
        "| id | topic | reference | difficulty | complexity |",
        "|---|---|---|---|---|",
    ]
    for e in exercises():
        reference = f"`{e.module}.{e.function_name}`"
        lines.append(f"| `{e.id}` | {e.topic} | {reference} | {e.difficulty} | {e.complexity} |")
    return "\n".join(lines)


def new_exercise(args: argparse.Namespace) -> int:
    """Write a stub for the exercise: the reference's signature and docstring, no body."""
    exercise = get_exercise(args.id)
    path = args.dir / f"{exercise.id}.py"
    if path.exists() and not args.force:
        raise FileExistsError(f"{path} exists; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stub_source(exercise), encoding="utf-8")
    print(f"wrote {path}\nnext: workbook check {exercise.id}")
    return 0


def check_exercise(args: argparse.Namespace) -> int:
    """Run the exercise's tests against the user's file; return pytest's exit status."""
    exercise = get_exercise(args.id)
    path: Path = args.file or args.dir / f"{exercise.id}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no file {path}; write one with: workbook new {exercise.id}")
    if not TESTS_DIR.is_dir():
        raise FileNotFoundError(f"the workbook's tests are not at {TESTS_DIR}; check needs a clone")
    # A fresh interpreter, as when the user types the command: this one has imported the
    # workbook already, which pytest could then no longer rewrite for its assertions.
    command = [sys.executable, "-m", "pytest", "--impl", f"{exercise.id}={path}", str(TESTS_DIR)]
    command += ["-q", "--tb=short", "-p", "no:cacheprovider", *args.pytest_args]
    return subprocess.run(command, check=False).returncode


def bench_exercise(args: argparse.Namespace) -> int:
    """Time the user's function, the reference and the peers at growing n; fit exponents."""
    exercise = get_exercise(args.id)
    spec = find_bench_spec(exercise.id)
    funcs: dict[str, Callable[..., Any]] = {}
    path: Path = args.file or args.dir / f"{exercise.id}.py"
    if path.is_file():
        funcs["yours"] = _load_function(path, exercise.function_name)
    else:
        print(f"no {path}: timing the reference and its peers only")
    funcs["reference"] = exercise.reference
    funcs.update(spec.peers)
    sizes = [n for n in spec.sizes if n <= args.max_n]
    check_args = spec.make_args(sizes[0], np.random.default_rng(1))
    if "yours" in funcs:
        try:
            funcs["yours"](*check_args)
        except NotImplementedError:
            print(f"{exercise.id}: not implemented yet; timing the reference and its peers only")
            del funcs["yours"]
    timings = time_at_sizes(funcs, spec.make_args, sizes, budget_s=args.budget)
    print(f"{exercise.id}: best of 3, claimed complexity {exercise.complexity}")
    print(scaling_report(timings))
    if args.plot:
        _plot(timings, exercise, args.plot)
        print(f"plot written to {args.plot}")
    return 0


def find_bench_spec(exercise_id: str) -> BenchSpec:
    """The :class:`BenchSpec` that a benchmark file declares in ``BENCH_SPECS`` for the id."""
    for bench_file in sorted(BENCHMARKS_DIR.rglob("bench_*.py")):
        module = import_file(bench_file)
        for spec in getattr(module, "BENCH_SPECS", ()):
            if spec.exercise_id == exercise_id:
                return cast(BenchSpec, spec)
    raise KeyError(f"no benchmark declares inputs for {exercise_id!r} under {BENCHMARKS_DIR}")


def stub_source(exercise: Exercise) -> str:
    """The text of a practice file for ``exercise``: its signature, docstring and a stub.

    Examples
    --------
    >>> from algos.practice.registry import Exercise
    >>> def twice(x: int) -> int:
    ...     "Twice x."
    ...     return 2 * x
    >>> lines = stub_source(Exercise("twice", twice, "demo", "easy", "O(1)")).splitlines()
    >>> lines[0][3:]
    'Practice: twice (demo, easy; target O(1)).'
    >>> [line for line in lines if line.startswith("def")], lines[-1]
    (['def twice(x: int) -> int:'], '    raise NotImplementedError')
    """
    func = exercise.reference
    signature = _signature(func)
    doc = inspect.getdoc(func) or ""
    quote = 'r"""' if "\\" in doc else '"""'  # keep backslashes in maths and regexes literal
    docstring = textwrap.indent(f'{quote}{doc}\n"""', "    ").lstrip()
    source = f" Source: {exercise.source}." if exercise.source else ""
    imports = _imports(func, signature)
    import_block = f"{imports}\n\n\n" if imports else "\n"
    return (
        f'"""Practice: {exercise.id} ({exercise.topic}, {exercise.difficulty}; '
        f"target {exercise.complexity}).{source}\n\n"
        f"Check it with:  workbook check {exercise.id}\n"
        f"or:             pytest --impl {exercise.id}=practice/{exercise.id}.py\n"
        f'"""\n\n'
        f"from __future__ import annotations\n\n"
        f"{import_block}"
        f"def {func.__name__}{signature}:\n"
        f"    {docstring}\n"
        f"    raise NotImplementedError\n"
    )


def _signature(func: Callable[..., Any]) -> str:
    # Annotations are shown as written in the reference's source, unevaluated; a default
    # that is not a literal is shown by the name the reference's module gives it.
    signature = inspect.signature(func, eval_str=False)
    params = []
    for param in signature.parameters.values():
        text = str(param.replace(annotation=param.empty, default=param.empty))
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            spacer = " = " if param.annotation is not param.empty else "="
            text += f"{spacer}{_default(func, param.default)}"
        params.append(text)
    result = f"({', '.join(params)})"
    if signature.return_annotation is not signature.empty:
        result += f" -> {_annotation(signature.return_annotation)}"
    return result


def _default(func: Callable[..., Any], value: object) -> str:
    try:
        ast.literal_eval(repr(value))
    except (ValueError, SyntaxError):
        for name, candidate in func.__globals__.items():
            if candidate is value:
                return name
    return repr(value)


def _imports(func: Callable[..., Any], signature: str) -> str:
    """Import lines for the names the signature and the docstring's examples use."""
    examples = doctest.DocTestParser().get_examples(inspect.getdoc(func) or "")
    sources = [f"def _{signature}: pass", *(example.source for example in examples)]
    used: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        used.update(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))
    namespace = func.__globals__
    plain: set[str] = set()
    from_imports: dict[str, list[str]] = {}
    for name in sorted(used - {func.__name__} - set(dir(builtins))):
        if name not in namespace:
            continue
        module, imported = _import_of(name, namespace[name], func.__module__)
        if imported is None:
            plain.add(module)
        else:
            from_imports.setdefault(module, []).append(imported)
    # Sections as isort makes them: standard library, third party, the workbook.
    sections: list[list[str]] = [[], [], []]
    for module in sorted(plain):
        sections[_section(module)].append(f"import {module}")
    for module, names in sorted(from_imports.items()):
        sections[_section(module)].append(f"from {module} import {', '.join(names)}")
    return "\n\n".join("\n".join(lines) for lines in sections if lines)


def _section(module: str) -> int:
    top = module.partition(".")[0]
    return 0 if top in sys.stdlib_module_names else 2 if top in PACKAGES else 1


def _import_of(name: str, value: object, fallback_module: str) -> tuple[str, str | None]:
    """``(module, name)`` for ``from module import name``; ``(text, None)`` for ``import text``."""
    if isinstance(value, ModuleType):
        return (value.__name__ if value.__name__ == name else f"{value.__name__} as {name}"), None
    homes = _public_homes(name, value)
    defined_in = getattr(value, "__module__", None)
    if defined_in in homes:
        return defined_in, name
    # A type alias or TypeVar knows no home of its own: prefer the library that made it
    # public (numpy.typing.ArrayLike) over a workbook module that merely imports it.
    outside = [home for home in homes if home.partition(".")[0] not in PACKAGES]
    return min(outside, key=len, default=fallback_module), name


def _public_homes(name: str, value: object) -> list[str]:
    """The loaded modules with no private part in their name that bind ``name`` to ``value``."""
    return [
        module_name
        for module_name, module in list(sys.modules.items())
        if not any(part.startswith("_") for part in module_name.split("."))
        and getattr(module, "__dict__", {}).get(name) is value
    ]


def _annotation(annotation: object) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbook", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="list the exercises")
    listing.add_argument("--markdown", action="store_true", help="as the README's table")
    listing.set_defaults(run=list_exercises)

    new = commands.add_parser("new", help="write a practice stub for an exercise")
    new.add_argument("id", help="exercise id (see: workbook list)")
    new.add_argument("--dir", type=Path, default=PRACTICE_DIR, help="default: %(default)s")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run=new_exercise)

    check = commands.add_parser("check", help="run an exercise's tests against your file")
    check.add_argument("id", help="exercise id (see: workbook list)")
    check.add_argument("--file", type=Path, help="default: DIR/ID.py")
    check.add_argument("--dir", type=Path, default=PRACTICE_DIR, help="default: %(default)s")
    check.add_argument("pytest_args", nargs="*", help="passed on to pytest (after --)")
    check.set_defaults(run=check_exercise)

    bench = commands.add_parser("bench", help="time your function, the reference and peers")
    bench.add_argument("id", help="exercise id (see: workbook list)")
    bench.add_argument("--file", type=Path, help="default: DIR/ID.py")
    bench.add_argument("--dir", type=Path, default=PRACTICE_DIR, help="default: %(default)s")
    bench.add_argument("--max-n", type=int, default=10**6, help="largest size (%(default)s)")
    bench.add_argument(
        "--budget", type=float, default=2.0, help="stop growing n for a function past this (s)"
    )
    bench.add_argument("--plot", type=Path, help="write a log-log plot (needs the plot extra)")
    bench.set_defaults(run=bench_exercise)
    return parser


def _load_function(path: Path, name: str) -> Callable[..., Any]:
    func = getattr(import_file(path), name, None)
    if not callable(func):
        raise KeyError(f"{path} defines no function {name!r}")
    return cast(Callable[..., Any], func)


def _plot(timings: dict[str, list[tuple[int, float]]], exercise: Exercise, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for name, series in timings.items():
        ns, seconds = zip(*series, strict=True)
        ax.loglog(ns, seconds, marker="o", label=name)
    ax.set(xlabel="n", ylabel="seconds (best of 3)", title=f"{exercise.id}: {exercise.complexity}")
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
