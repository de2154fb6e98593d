"""The pytest side of practice mode: ``--impl ID=path.py[:function]``.

The tests of an exercise never import the reference directly; they ask for a fixture
named after the exercise id, made by :func:`exercise_fixture`::

    max_sliding_window = exercise_fixture("max_sliding_window")

    def test_leetcode_example(max_sliding_window):
        assert max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3) == [3, 3, 5, 5, 6, 7]

By default the fixture yields the reference.  ``pytest --impl max_sliding_window=mine.py``
makes it yield ``max_sliding_window`` from ``mine.py`` instead, and keeps only the tests
that use an exercise given with ``--impl``.  A user's function that still raises
``NotImplementedError`` is reported in one line per exercise, not with a traceback per
test.  Tests marked ``contract`` check input validation (the workbook's error types and
messages); when some of them fail under ``--impl``, the summary says how to check the
algorithm alone (``-m "not contract"``).  The plugin is registered through the
``pytest11`` entry point.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Generator, KeysView
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from algos.practice.files import import_file
from algos.practice.registry import exercises, get_exercise

_IMPLS = pytest.StashKey[dict[str, "UserImplementation"]]()
_NOT_IMPLEMENTED = pytest.StashKey[Counter[str]]()
_CONTRACT_FAILURES = pytest.StashKey[int]()
NOT_IMPLEMENTED_CATEGORY = "not implemented"
CONTRACT_MARKER = "contract"


class NotImplementedYet(BaseException):
    """A user's implementation raised ``NotImplementedError``.

    A ``BaseException``, so that neither ``pytest.raises(ValueError)`` in a test nor
    hypothesis's shrinking catches it: the first call ends the test at once.
    """

    def __init__(self, exercise_id: str) -> None:
        super().__init__(f"{exercise_id}: not implemented yet")
        self.exercise_id = exercise_id


@dataclass(frozen=True)
class UserImplementation:
    """A function loaded from a user's file for one exercise."""

    exercise_id: str
    path: Path
    function_name: str
    function: Callable[..., Any]


def exercise_fixture(exercise_id: str) -> Any:
    """A session-scoped fixture named ``exercise_id`` yielding the implementation under test.

    It yields the registered reference, or the user's function when ``--impl`` names
    this exercise.  Session scope keeps it compatible with hypothesis's ``@given``.
    """
    get_exercise(exercise_id)  # fail at import of the test module on a typo

    def implementation(request: pytest.FixtureRequest) -> Callable[..., Any]:
        user = request.config.stash[_IMPLS].get(exercise_id)
        if user is None:
            return get_exercise(exercise_id).reference
        return _report_stubs(exercise_id, user.function)

    implementation.__doc__ = f"The implementation of {exercise_id!r} under test."
    return pytest.fixture(scope="session", name=exercise_id)(implementation)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("workbook", "practice mode")
    group.addoption(
        "--impl",
        action="append",
        default=[],
        metavar="ID=PATH[:FUNCTION]",
        help="run the tests of exercise ID against FUNCTION (default: the reference's "
        "name) from the Python file PATH; repeatable",
    )


def pytest_configure(config: pytest.Config) -> None:
    specs: list[str] = config.getoption("--impl", default=[]) or []
    impls: dict[str, UserImplementation] = {}
    for spec in specs:
        user = load_implementation(spec)
        impls[user.exercise_id] = user
    config.stash[_IMPLS] = impls
    config.stash[_NOT_IMPLEMENTED] = Counter()
    config.stash[_CONTRACT_FAILURES] = 0
    config.addinivalue_line(
        "markers",
        f"{CONTRACT_MARKER}: checks input validation, the error type and message for bad "
        f"input (practice: -m 'not {CONTRACT_MARKER}' checks the algorithm alone)",
    )


def load_implementation(spec: str) -> UserImplementation:
    """Parse ``ID=PATH[:FUNCTION]`` and import the function from the file.

    Raises
    ------
    pytest.UsageError
        On a malformed spec, an unknown id, a missing file, a file that fails to import,
        or a missing or non-callable function.
    """
    exercise_id, sep, target = spec.partition("=")
    if not sep or not exercise_id or not target:
        raise pytest.UsageError(f"--impl expects ID=PATH[:FUNCTION], got {spec!r}")
    try:
        exercise = get_exercise(exercise_id)
    except KeyError as err:
        raise pytest.UsageError(f"--impl {spec!r}: {err.args[0]}") from None
    path_text, _, function_name = target.partition(":")
    path = Path(path_text)
    function_name = function_name or exercise.function_name
    if not path.is_file():
        raise pytest.UsageError(f"--impl {spec!r}: no such file {str(path)!r}")
    module = _import_file(path, spec)
    function = getattr(module, function_name, None)
    if not callable(function):
        raise pytest.UsageError(
            f"--impl {spec!r}: {str(path)!r} defines no function {function_name!r}"
        )
    return UserImplementation(exercise_id, path.resolve(), function_name, function)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``--impl``, keep only the tests of the given exercises.

    A test belongs to the exercises whose fixtures it uses.  A test parametrized by
    exercise ids (``@pytest.mark.parametrize("ex_id", ["max_sliding_window", ...])`` or a
    fixture with such params) belongs only to the ids of its own parameters.
    """
    impls = config.stash[_IMPLS]
    if not impls:
        return
    known_ids = {e.id for e in exercises()}
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        (keep if _tests_an_impl(item, impls.keys(), known_ids) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _tests_an_impl(item: pytest.Item, chosen: KeysView[str], known_ids: set[str]) -> bool:
    callspec = getattr(item, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    named = {value for value in params if isinstance(value, str) and value in known_ids}
    if named:
        return bool(named & chosen)
    used = getattr(item, "fixturenames", ())
    return any(ex_id in used for ex_id in chosen)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(NotImplementedYet):
        stub = call.excinfo.value
        assert isinstance(stub, NotImplementedYet)
        report.longrepr = str(stub)
        report.user_properties.append(("not_implemented", stub.exercise_id))
        item.config.stash[_NOT_IMPLEMENTED][stub.exercise_id] += 1
    elif report.failed and call.when == "call" and item.get_closest_marker(CONTRACT_MARKER):
        item.config.stash[_CONTRACT_FAILURES] += 1
    return report


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, str] | None:
    # A stub's failures go in their own category: still failures for the exit status,
    # but summarised once per exercise instead of one traceback per test.
    properties = getattr(report, "user_properties", ())  # collection reports have none
    if report.failed and any(key == "not_implemented" for key, _ in properties):
        return NOT_IMPLEMENTED_CATEGORY, "N", "NOT IMPLEMENTED"
    return None


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    impls = config.stash.get(_IMPLS, {})
    counts = config.stash.get(_NOT_IMPLEMENTED, Counter())
    if counts:
        terminalreporter.section("not implemented yet", sep="=", yellow=True)
        for exercise_id, n_tests in sorted(counts.items()):
            user = impls[exercise_id]
            terminalreporter.line(
                f"{exercise_id}: not implemented yet ({user.path.name}:{user.function_name} "
                f"raises NotImplementedError; {n_tests} test(s) waiting)"
            )
    contract_failures = config.stash.get(_CONTRACT_FAILURES, 0)
    if impls and contract_failures:
        terminalreporter.section("input validation", sep="=", yellow=True)
        terminalreporter.line(
            f"{contract_failures} failed test(s) check input validation: the error type "
            f"and message the workbook gives for bad input (marker '{CONTRACT_MARKER}')."
        )
        leave_out = f"-m 'not {CONTRACT_MARKER}'"
        exercise_id = next(iter(impls)) if len(impls) == 1 else "ID"
        terminalreporter.line(
            f"To check the algorithm alone, add {leave_out} "
            f"(workbook check {exercise_id} -- {leave_out})"
        )


def _report_stubs(exercise_id: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def call_user_function(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except NotImplementedError:
            raise NotImplementedYet(exercise_id) from None

    return call_user_function


def _import_file(path: Path, spec: str) -> Any:
    try:
        return import_file(path)
    except Exception as err:
        raise pytest.UsageError(
            f"--impl {spec!r}: importing {str(path)!r} failed: {type(err).__name__}: {err}"
        ) from err
