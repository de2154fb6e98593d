"""The pytest side of practice mode: ``--impl ID=PATH[:NAME]``, ``--strict``, time limits.

Registered through the ``pytest11`` entry point, so every ``pytest`` run in the
environment has it.  Without ``--impl`` nothing changes: the tests run on the
references, every level of them.  With ``--impl``:

* the exercise's fixture gives the user's function or class (:mod:`workbook.testing`);
* only the tests of the chosen exercises run: those that use an exercise's fixture or
  carry ``@pytest.mark.exercise(ID)``;
* tests marked ``edge`` or ``contract`` (the reference's promises beyond the statement)
  run only with ``--impl-strict`` (``workbook check --strict``; pytest keeps
  ``--strict`` for itself); the summary says how many were left out;
* every test has a time limit (``--time-limit``, seconds); a runaway solution is
  reported as timed out, with the input it was running;
* a stub is reported once as "not implemented", and the rest of its tests are not run.
"""

from __future__ import annotations

import gc
import json
import signal
from collections import Counter
from collections.abc import Generator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from workbook import catalogue
from workbook.impl import (
    LoadError,
    NotImplementedYet,
    TimedOut,
    UserImplementation,
    blame,
    load,
    reset_watch,
)

LEVEL_MARKERS = ("edge", "contract")
DEFAULT_TIME_LIMIT = 10.0

_IMPLS = pytest.StashKey[dict[str, UserImplementation]]()
_STATE = pytest.StashKey["_State"]()
_EXERCISES = pytest.StashKey[frozenset[str]]()


class _State:
    """What the summary reports, counted as the tests run."""

    def __init__(self) -> None:
        self.not_implemented: set[str] = set()
        self.left_out: Counter[tuple[str, str]] = Counter()  # (exercise, marker)
        self.outcomes: dict[str, Counter[str]] = {}
        self.contract_failures = 0
        self.timed_out: list[tuple[str, str]] = []  # (test, message)


def user_implementation(config: pytest.Config, exercise_id: str) -> UserImplementation | None:
    """The user's implementation of ``exercise_id`` given with ``--impl``, if any."""
    return config.stash.get(_IMPLS, {}).get(exercise_id)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("workbook", "practice mode (workbook check)")
    group.addoption(
        "--impl",
        action="append",
        default=[],
        metavar="ID=PATH[:NAME]",
        help="run the tests of exercise ID against the function or class NAME (default: "
        "the reference's name) of the Python file PATH; repeatable",
    )
    group.addoption(
        "--impl-strict",
        action="store_true",
        help="with --impl, also run the tests of the reference's further promises "
        "(marked edge) and of its errors for bad input (marked contract)",
    )
    group.addoption(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help="with --impl, the time limit of each test (default %(default)s; 0: none)",
    )
    group.addoption(
        "--workbook-report",
        metavar="PATH",
        help="write each exercise's outcome counts to PATH as JSON",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "edge: a promise of the reference beyond the statement (--impl-strict)"
    )
    config.addinivalue_line(
        "markers", "contract: the reference's errors for bad input (--impl-strict)"
    )
    config.addinivalue_line("markers", "exercise(id): the test checks the exercise `id`")
    impls: dict[str, UserImplementation] = {}
    for spec in config.getoption("--impl") or []:
        user = _load(spec)
        impls[user.exercise.id] = user
    config.stash[_IMPLS] = impls
    config.stash[_STATE] = _State()


def _load(spec: str) -> UserImplementation:
    exercise_id, sep, target = spec.partition("=")
    if not sep or not exercise_id or not target:
        raise pytest.UsageError(f"--impl expects ID=PATH[:NAME], got {spec!r}")
    try:
        exercise = catalogue.get(exercise_id)
    except catalogue.UnknownExerciseError as err:
        raise pytest.UsageError(f"--impl {spec!r}: {err}") from None
    path, _, name = target.partition(":")
    try:
        return load(exercise, Path(path), name or None)
    except LoadError as err:
        raise pytest.UsageError(f"--impl {spec!r}: {err}") from None


def exercises_of(item: pytest.Item) -> frozenset[str]:
    """The exercises a test checks: the fixtures it uses and its ``exercise`` marks."""
    known = {e.id for e in catalogue.exercises()}
    used = set(getattr(item, "fixturenames", ())) & known
    used.update(mark.args[0] for mark in item.iter_markers("exercise"))
    return frozenset(used)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    impls = config.stash[_IMPLS]
    if not impls:
        return
    strict = config.getoption("--impl-strict")
    state = config.stash[_STATE]
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        chosen = exercises_of(item) & impls.keys()
        item.stash[_EXERCISES] = frozenset(chosen)
        level = next((m for m in LEVEL_MARKERS if item.get_closest_marker(m)), None)
        if chosen and level and not strict:
            for exercise_id in chosen:
                state.left_out[exercise_id, level] += 1
        (keep if chosen and (strict or level is None) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    config = item.config
    chosen = item.stash.get(_EXERCISES, frozenset())
    stubbed = chosen & config.stash[_STATE].not_implemented
    if stubbed:  # reported once already; the rest of its tests are not run
        raise NotImplementedYet(min(stubbed))
    limit = config.getoption("--time-limit") if chosen else 0
    if not limit or not hasattr(signal, "setitimer"):
        return (yield)
    previous = signal.signal(signal.SIGALRM, _alarm(limit))
    # The collector swallows an exception raised while a gc callback runs (hypothesis
    # installs one), and a runaway solution that allocates triggers collections all
    # the time: the callbacks are set aside while the test runs, and the alarm is
    # re-armed every second in case another such place swallows it.
    callbacks = gc.callbacks[:]
    gc.callbacks.clear()
    reset_watch()
    signal.setitimer(signal.ITIMER_REAL, limit, 1.0)
    try:
        return (yield)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.callbacks[:] = callbacks + gc.callbacks


def _alarm(limit: float) -> Any:
    def on_alarm(signum: int, frame: FrameType | None) -> None:
        running = blame(limit)
        where = f"while running {running}" if running else "outside your code (in the test)"
        raise TimedOut(f"timed out after {limit:g} s {where}")

    return on_alarm


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    state = item.config.stash[_STATE]
    excinfo = call.excinfo
    if excinfo is not None and excinfo.errisinstance(NotImplementedYet):
        stub = excinfo.value
        assert isinstance(stub, NotImplementedYet)
        first = stub.exercise_id not in state.not_implemented
        state.not_implemented.add(stub.exercise_id)
        report.longrepr = str(stub) if first else None
        report.user_properties.append(("workbook", "not implemented" if first else "waiting"))
    elif excinfo is not None and excinfo.errisinstance(TimedOut):
        report.longrepr = str(excinfo.value)
        report.user_properties.append(("workbook", "timed out"))
        state.timed_out.append((item.nodeid, str(excinfo.value)))
    elif report.failed and call.when == "call" and item.get_closest_marker("contract"):
        state.contract_failures += 1
    if call.when == "call" or report.failed or report.skipped:
        for exercise_id in item.stash.get(_EXERCISES, frozenset()):
            tally = state.outcomes.setdefault(exercise_id, Counter())
            tally[_outcome(report)] += 1
    return report


def _outcome(report: pytest.TestReport) -> str:
    tags = dict(report.user_properties).get("workbook")
    if tags in ("not implemented", "waiting"):
        return "not implemented"
    if tags == "timed out":
        return "timed out"
    return report.outcome


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, str] | None:
    # Still failures for the exit status, but in categories of their own, so that a stub
    # shows one "not implemented" and no passes, and a runaway one "timed out".
    tag = dict(getattr(report, "user_properties", ())).get("workbook")
    if report.failed and tag == "not implemented":
        return "not implemented", "N", "NOT IMPLEMENTED"
    if report.failed and tag == "waiting":
        return "", "", ""
    if report.failed and tag == "timed out":
        return "timed out", "T", "TIMED OUT"
    return None


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    impls = config.stash.get(_IMPLS, {})
    state = config.stash.get(_STATE, None)
    if not impls or state is None:
        return
    write = terminalreporter.line
    if state.timed_out:
        terminalreporter.section("timed out", sep="=", red=True)
        for nodeid, message in state.timed_out:
            write(f"{nodeid}\n  {message}")
    for exercise_id in sorted(state.not_implemented):
        user = impls[exercise_id]
        terminalreporter.section("not implemented yet", sep="=", yellow=True)
        write(f"{exercise_id}: {user.path.name}:{user.name} raises NotImplementedError")
    if state.left_out:
        terminalreporter.section("not run", sep="=", yellow=True)
        for (exercise_id, level), count in sorted(state.left_out.items()):
            what = {"edge": "the reference's further promises", "contract": "errors for bad input"}
            write(f"{exercise_id}: {count} {level} test(s) not run ({what[level]})")
        write("run them with: workbook check ID --strict   (pytest: --impl-strict)")
    if state.contract_failures:
        write(
            f"{state.contract_failures} failed test(s) check input validation (marker "
            "'contract'): the error type and the argument named in the message"
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    report_path = config.getoption("--workbook-report")
    state = config.stash.get(_STATE, None)
    if not report_path or state is None:
        return
    outcomes = {ex: dict(tally) for ex, tally in state.outcomes.items()}
    for exercise_id in config.stash.get(_IMPLS, {}):
        outcomes.setdefault(exercise_id, {})
    Path(report_path).write_text(json.dumps(outcomes, indent=2), encoding="utf-8")
