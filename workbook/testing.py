"""What the tests of an exercise use: its fixture, its parameters, and :func:`check`.

The tests of an exercise never import the reference.  They take the implementation
under test from a fixture named after the exercise id::

    from workbook.testing import check, exercise_fixture

    max_sliding_window = exercise_fixture("max_sliding_window")

    def test_leetcode_example(max_sliding_window):
        check(max_sliding_window, [1, 3, -1, -3, 5, 3, 6, 7], 3, expected=[3, 3, 5, 5, 6, 7])

By default the fixture gives the reference; ``workbook check`` (``pytest --impl``) makes
it give the user's function or class instead.  A test that covers several exercises is
parametrized with :func:`exercise_params` and takes each one with :func:`implementation`.
Tests checking more than the statement asks are marked ``edge`` (the reference's further
promises) or ``contract`` (its errors for bad input).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from workbook import catalogue
from workbook.compare import BY_VALUE, Equivalence, plain
from workbook.impl import describe_call, describe_value, watch
from workbook.plugin import user_implementation

edge = pytest.mark.edge
contract = pytest.mark.contract


def exercise_fixture(exercise_id: str) -> Any:
    """A session-scoped fixture named ``exercise_id``: the implementation under test.

    Session scope keeps it usable with hypothesis's ``@given``.
    """
    catalogue.get(exercise_id)  # fails at import of the test module on a typo

    def implementation_under_test(request: pytest.FixtureRequest) -> Any:
        return _under_test(request.config, exercise_id)

    implementation_under_test.__doc__ = f"The implementation of {exercise_id!r} under test."
    return pytest.fixture(scope="session", name=exercise_id)(implementation_under_test)


def exercise_params(*exercise_ids: str) -> list[Any]:
    """Parameters for a test that covers several exercises, each marked with its id.

    Use with ``@pytest.mark.parametrize("exercise_id", exercise_params("a", "b"))`` and
    :func:`implementation`; ``--impl a=...`` then runs only the ``a`` cases.
    """
    for exercise_id in exercise_ids:
        catalogue.get(exercise_id)
    return [
        pytest.param(exercise_id, marks=pytest.mark.exercise(exercise_id), id=exercise_id)
        for exercise_id in exercise_ids
    ]


def implementation(request: pytest.FixtureRequest, exercise_id: str) -> Any:
    """The implementation under test of ``exercise_id``, as its fixture would give it."""
    return _under_test(request.config, exercise_id)


def _under_test(config: pytest.Config, exercise_id: str) -> Any:
    user = user_implementation(config, exercise_id)
    if user is not None:
        return user.implementation
    exercise = catalogue.get(exercise_id)
    reference = exercise.load_reference()
    if exercise.kind == "class":
        return reference
    tagged = watch(reference, exercise_id, exercise.name)
    tagged.__exercise__ = exercise
    return tagged


def check(
    function: Callable[..., Any],
    *args: Any,
    expected: Any,
    compare: Equivalence | None = None,
    **kwargs: Any,
) -> Any:
    """Call ``function(*args, **kwargs)`` and compare its result with ``expected``.

    The arguments are deep-copied first, so a solution that sorts its input in place
    changes nothing the test uses afterwards.  The comparison is ``compare``, else the
    exercise's declared equivalence.  On a mismatch the failure shows the call with its
    input, the expected and the actual value.  Returns the actual value.
    """
    __tracebackhide__ = True
    exercise = getattr(function, "__exercise__", None) or _exercise_of(function)
    equivalence = compare or (exercise.compare if exercise is not None else BY_VALUE)
    actual = function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    if not equivalence(actual, expected):
        name = exercise.name if exercise is not None else getattr(function, "__name__", "f")
        pytest.fail(
            f"{describe_call(name, args, kwargs)}\n"
            f"  expected: {describe_value(expected)}\n"
            f"  actual:   {describe_value(actual)}\n"
            f"{_difference(actual, expected, equivalence)}"
            f"  ({equivalence.describe()})",
            pytrace=False,
        )
    return actual


def _difference(actual: Any, expected: Any, equivalence: Equivalence) -> str:
    """Where two long sequences first differ, when the order matters."""
    got, want = plain(actual), plain(expected)
    if equivalence.order != "exact" or not (isinstance(got, list) and isinstance(want, list)):
        return ""
    if len(got) != len(want):
        return f"  lengths: expected {len(want)}, actual {len(got)}\n"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if not equivalence(g, w):
            return f"  first difference at [{i}]: expected {w!r}, actual {g!r}\n"
    return ""


def _exercise_of(function: Any) -> Any:
    return getattr(getattr(function, "__wrapped__", None), "__exercise__", None)


def reference(exercise_id: str) -> Any:
    """The reference of ``exercise_id``, as an oracle for another exercise's tests.

    A variant is tested against its reference this way: the user's implementation of
    the variant is under test, the reference is not.
    """
    return catalogue.get(exercise_id).load_reference()
