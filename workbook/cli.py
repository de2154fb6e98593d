"""The ``workbook`` command: list, show, new, check, status, bench."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from workbook import catalogue
from workbook.exercise import Exercise, MissingDependencyError
from workbook.impl import LoadError, NotImplementedYet, describe_call, load
from workbook.stubs import statement_text, stub_source

PRACTICE_DIR = Path("practice")
PROJECT_ROOT = Path(__file__).resolve().parents[1]
TESTS_DIR = PROJECT_ROOT / "tests"

FIRST_STEPS = """\
first steps:
  workbook list                      the exercises (--topic, --difficulty to filter)
  workbook show max_sliding_window   the statement: what to compute, constraints, examples
  workbook new max_sliding_window    writes practice/max_sliding_window.py, a stub
  workbook check max_sliding_window  runs the exercise's tests against your file
  workbook bench max_sliding_window  times it beside the reference and the field's peers
  workbook status                    every practice file: passed, failed, not implemented
"""


class UsageError(Exception):
    """A mistake in the command line or its files; printed without a traceback."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbook`` command; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not args_list:
        parser.print_help()
        print(f"\n{FIRST_STEPS}", end="")
        return 0
    passthrough: list[str] = []
    if "--" in args_list:
        cut = args_list.index("--")
        args_list, passthrough = args_list[:cut], args_list[cut + 1 :]
    args = parser.parse_args(args_list)
    args.pytest_args = passthrough
    if getattr(args, "file_option", None) is not None:
        if args.file is not None:
            raise SystemExit(parser.error("give the file once: FILE or --file FILE"))
        args.file = args.file_option
    try:
        status: int = args.run(args)
    except (UsageError, catalogue.UnknownExerciseError, LoadError, MissingDependencyError) as err:
        print(f"workbook: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (`| head`) left early: not an error of ours.  Point stdout at
        # devnull so that the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


# ------------------------------------------------------------------------ commands


def list_command(args: argparse.Namespace) -> int:
    """Print one line per exercise, or the README's table."""
    chosen = [
        e
        for e in catalogue.exercises()
        if (args.topic is None or e.topic == args.topic)
        and (args.difficulty is None or e.difficulty == args.difficulty)
    ]
    if args.topic is not None and not chosen:
        topics = sorted({e.topic for e in catalogue.exercises()})
        raise UsageError(f"no exercise has topic {args.topic!r}; topics: {', '.join(topics)}")
    if args.markdown:
        print(catalogue_markdown(chosen))
        return 0
    width = max(len(e.id) for e in chosen)
    topic_width = max(len(e.topic) for e in chosen)
    for e in chosen:
        missing = e.missing()
        needs = f"  (needs extra {','.join(e.extras)})" if missing else ""
        kind = "class" if e.kind == "class" else ""
        columns = f"{e.id:{width}}  {e.topic:{topic_width}}  {e.difficulty:6}  {kind:5}"
        print(f"{columns}  {e.complexity}{needs}")
    return 0


def catalogue_markdown(chosen: Sequence[Exercise] | None = None) -> str:
    """The README's catalogue: one table row per exercise."""
    lines = [
        "| id | kind | topic | difficulty | complexity | reference |",
        "|---|---|---|---|---|---|",
    ]
    for e in catalogue.exercises() if chosen is None else chosen:
        variant = f" (variant of `{e.variant_of}`)" if e.variant_of else ""
        lines.append(
            f"| `{e.id}` | {e.kind} | {e.topic} | {e.difficulty} | {e.complexity} | "
            f"`{e.module}.{e.name}`{variant} |"
        )
    return "\n".join(lines)


def show_command(args: argparse.Namespace) -> int:
    """Print the statement, the signature and the target."""
    e = catalogue.get(args.id)
    source = f"; {e.source}" if e.source else ""
    print(f"{e.id}: {e.topic}, {e.difficulty}, target {e.complexity}{source}")
    if e.variant_of:
        print(f"(a faster variant of {e.variant_of}, tested against it)")
    if e.missing():
        print(f"needs the extra {','.join(e.extras)}: {', '.join(e.missing())} is not installed")
    print()
    print(statement_text(e))
    print()
    print("Signature:" if e.kind == "function" else "Skeleton:")
    print(textwrap.indent(e.signature.strip(), "    "))
    print(f"\nnext: workbook new {e.id}")
    return 0


def new_command(args: argparse.Namespace) -> int:
    """Write a stub from the statement; refuse to overwrite without --force."""
    exercise = catalogue.get(args.id)
    path = args.dir / f"{exercise.id}.py"
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stub_source(exercise), encoding="utf-8")
    print(f"wrote {path}\nnext: write your solution there, then: workbook check {exercise.id}")
    return 0


def check_command(args: argparse.Namespace) -> int:
    """Run the exercise's tests against the user's file; return pytest's exit status."""
    if args.all:
        return status_command(args)
    if args.id is None:
        raise UsageError("check needs an exercise id (or --all); see: workbook list")
    exercise = catalogue.get(args.id)
    spec = _impl_spec(exercise, args.file, args.dir)
    command = _pytest_command([spec], args, _test_files([exercise.id]))
    return _run_pytest(command)


def status_command(args: argparse.Namespace) -> int:
    """Check every practice file at once; one line each: passed, failed, not implemented."""
    files = sorted(args.dir.glob("*.py")) if args.dir.is_dir() else []
    known = {e.id for e in catalogue.exercises()}
    practice = [p for p in files if p.stem in known]
    if not practice:
        raise UsageError(f"no practice files in {args.dir}/; write one with: workbook new ID")
    specs = [f"{p.stem}={p}" for p in practice]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = _pytest_command(specs, args, _test_files([p.stem for p in practice]))
        command += ["--workbook-report", str(report)]
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        outcomes: dict[str, dict[str, int]] = (
            json.loads(report.read_text()) if report.exists() else {}
        )
    width = max(len(p.stem) for p in practice)
    worst = 0
    for p in practice:
        tally = outcomes.get(p.stem, {})
        verdict, failing = _verdict(tally)
        worst = max(worst, failing)
        counts = ", ".join(f"{n} {what}" for what, n in sorted(tally.items()) if n)
        print(f"{p.stem:{width}}  {verdict:17}  {counts or 'no test ran'}")
    return 1 if worst else 0


def _verdict(tally: dict[str, int]) -> tuple[str, int]:
    if tally.get("not implemented"):
        return "not implemented", 1
    if tally.get("failed") or tally.get("timed out"):
        return "failed", 1
    if tally.get("passed"):
        return "passed", 0
    return "no tests", 1


def bench_command(args: argparse.Namespace) -> int:
    """Check the user's answers on every input, then time them beside the others."""
    from workbook import benchrun  # numpy, tqdm: only when benchmarking

    exercise = catalogue.get(args.id)
    user = None
    if args.file is not None or (args.dir / f"{exercise.id}.py").is_file():
        path, name = _split_target(args.file or str(args.dir / f"{exercise.id}.py"))
        user = load(exercise, path, name)
    else:
        print(f"no {args.dir / (exercise.id + '.py')}: timing the reference and its peers only")
    return benchrun.run(exercise, user, max_n=args.max_n, budget_s=args.budget, plot=args.plot)


# ------------------------------------------------------------------------ helpers


def _split_target(target: str) -> tuple[Path, str | None]:
    """``FILE[:NAME]`` as a path and a name (a drive letter's colon is no separator)."""
    path, sep, name = target.rpartition(":")
    if sep and name.isidentifier() and path and not (len(path) == 1 and path.isalpha()):
        return Path(path), name
    return Path(target), None


def _impl_spec(exercise: Exercise, target: str | None, directory: Path) -> str:
    path, name = _split_target(target) if target else (directory / f"{exercise.id}.py", None)
    if not path.is_file():
        hint = f"; write one with: workbook new {exercise.id}" if target is None else ""
        raise UsageError(f"no file {path}{hint}")
    return f"{exercise.id}={path}" + (f":{name}" if name else "")


def _test_files(exercise_ids: Sequence[str]) -> list[str]:
    """The test files that name one of the exercises (all of ``tests/`` if none does)."""
    if not TESTS_DIR.is_dir():
        raise UsageError(f"the workbook's tests are not at {TESTS_DIR}; check needs a clone")
    quoted = [f'"{exercise_id}"' for exercise_id in exercise_ids]
    found = [
        str(path)
        for path in sorted(TESTS_DIR.rglob("test_*.py"))
        if any(q in path.read_text(encoding="utf-8") for q in quoted)
    ]
    return found or [str(TESTS_DIR)]


def _pytest_command(
    specs: Sequence[str], args: argparse.Namespace, paths: Sequence[str]
) -> list[str]:
    command = [sys.executable, "-m", "pytest", *(f"--impl={spec}" for spec in specs)]
    command += ["--time-limit", str(args.timeout), "-q", "--tb=short", "-p", "no:cacheprovider"]
    command += ["--rootdir", str(PROJECT_ROOT), "--no-header"]
    if args.strict:
        command.append("--impl-strict")
    return [*command, *paths, *args.pytest_args]


def _run_pytest(command: list[str]) -> int:
    # A fresh interpreter, as when the user types the command.  Ctrl-C reaches both
    # processes; this one waits, so that pytest's summary of what ran is still printed.
    process = subprocess.Popen(command)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Practise the workbook's exercises: read a statement, write a "
        "solution, run the very same tests as the reference, time it beside the peers.",
        epilog=FIRST_STEPS,
        formatter_class=_Formatter,
    )
    commands = parser.add_subparsers(metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help_text: str) -> Any:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    listing = command("list", list_command, "list the exercises")
    listing.add_argument("--topic", help="only this topic")
    listing.add_argument("--difficulty", choices=["easy", "medium", "hard"])
    listing.add_argument("--markdown", action="store_true", help="as the README's table")

    show = command("show", show_command, "print an exercise's statement and signature")
    show.add_argument("id", help="exercise id (see: workbook list)")

    new = command("new", new_command, "write a practice stub for an exercise")
    new.add_argument("id", help="exercise id (see: workbook list)")
    new.add_argument("--dir", type=Path, default=PRACTICE_DIR, help="default: %(default)s/")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    check = command(
        "check",
        check_command,
        "run an exercise's tests against your solution; pytest options go after --",
    )
    check.add_argument("id", nargs="?", help="exercise id (see: workbook list)")
    check.add_argument("file", nargs="?", metavar="FILE[:NAME]", help="default: DIR/ID.py")
    status = command("status", status_command, "check every practice file: one line each")
    for sub in (check, status):
        sub.add_argument("--dir", type=Path, default=PRACTICE_DIR, help="default: %(default)s/")
        sub.add_argument(
            "--strict",
            action="store_true",
            help="also the reference's further promises (edge) and its errors (contract)",
        )
        sub.add_argument(
            "--timeout", type=float, default=10.0, help="seconds per test (default %(default)s)"
        )
    check.add_argument("--file", dest="file_option", metavar="FILE[:NAME]", help="as FILE")
    check.add_argument("--all", action="store_true", help="every practice file (workbook status)")
    status.set_defaults(all=True)

    bench = command(
        "bench", bench_command, "check then time your solution beside the reference and peers"
    )
    bench.add_argument("id", help="exercise id (see: workbook list)")
    bench.add_argument("file", nargs="?", metavar="FILE[:NAME]", help="default: DIR/ID.py")
    bench.add_argument("--file", dest="file_option", metavar="FILE[:NAME]", help="as FILE")
    bench.add_argument("--dir", type=Path, default=PRACTICE_DIR, help="default: %(default)s/")
    bench.add_argument("--max-n", type=int, default=None, help="largest size to time")
    bench.add_argument(
        "--budget", type=float, default=2.0, help="stop growing n for one past this many seconds"
    )
    bench.add_argument("--plot", type=Path, help="also write a log-log plot (PNG; plot extra)")
    parser.set_defaults(run=lambda args: _help(parser))
    return parser


__all__ = ["NotImplementedYet", "catalogue_markdown", "describe_call", "main"]
