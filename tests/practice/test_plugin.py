"""The practice mechanism itself: ``pytest --impl ID=PATH[:FUNCTION]``.

Each test writes a small test module that takes ``dot`` from its exercise fixture,
plus a user's file, and runs pytest on them in-process with ``pytester``.
"""

from __future__ import annotations

import pytest

from algos.practice import exercises

# pytester's in-process runs drop the modules they imported; numpy-based extension
# modules cannot be imported twice, so import every exercise module here, once.
exercises()

TESTS_OF_DOT = """
from hypothesis import given, strategies as st
import pytest
from algos.practice.pytest_plugin import exercise_fixture

dot = exercise_fixture("dot")
cross = exercise_fixture("cross")
ints = st.integers(-10, 10)

def test_example(dot):
    assert dot((1, 2), (3, 4)) == 11

@given(ints, ints, ints, ints)
def test_against_formula(dot, a, b, c, d):
    assert dot((a, b), (c, d)) == a * c + b * d

@pytest.mark.contract
def test_rejects_nan(dot):
    with pytest.raises(ValueError, match="finite"):
        dot((float("nan"), 0), (1, 1))

def test_unrelated():
    assert 1 + 1 == 2

# Parametrized by exercise id: with --impl, only the chosen ids' cases run.
@pytest.mark.parametrize(("ex_id", "expected"), [("dot", 1), ("cross", 0)])
def test_a_vector_with_itself(request, ex_id, expected):
    assert request.getfixturevalue(ex_id)((1, 0), (1, 0)) == expected
"""

CORRECT = """
import math

def dot(u, v):
    (a, b), (c, d) = u, v
    if not all(math.isfinite(x) for x in (a, b, c, d)):
        raise ValueError("u and v must have finite coordinates")
    return sum(x * y for x, y in zip(u, v))
"""

# Wrong only when the second coordinates are both negative: hypothesis must find it.
SUBTLY_WRONG = CORRECT.replace("return sum(", "return (b < 0 and d < 0) + sum(")

# How hypothesis introduces the shrunk input (the wording changed across versions).
MINIMAL_EXAMPLE = r".*(Falsifying example|Failing test case)"

# Right on every valid input, but no input validation: only the contract test fails.
UNVALIDATED = """
def dot(u, v):
    return u[0] * v[0] + u[1] * v[1]
"""

STUB = """
def dot(u, v):
    raise NotImplementedError
"""


@pytest.fixture
def run(pytester: pytest.Pytester):
    pytester.makepyfile(test_dot=TESTS_OF_DOT)

    def run_with(user_source: str | None, *spec: str) -> pytest.RunResult:
        if user_source is not None:
            pytester.makepyfile(mine=user_source)
        return pytester.runpytest("-p", "no:cacheprovider", *spec)

    return run_with


def test_correct_solution_passes_and_other_tests_are_deselected(run) -> None:
    result = run(CORRECT, "--impl", "dot=mine.py")
    result.assert_outcomes(passed=4, deselected=2)
    result.stdout.no_fnmatch_line("*cross*")


def test_subtly_wrong_solution_fails_with_the_minimal_input(run) -> None:
    result = run(SUBTLY_WRONG, "--impl", "dot=mine.py")
    result.assert_outcomes(passed=3, failed=1, deselected=2)
    # hypothesis shrinks to the smallest failing coordinates: both second ones equal -1
    result.stdout.re_match_lines([MINIMAL_EXAMPLE, r".*\ba=0\b", r".*\bb=-1\b", r".*\bd=-1\b"])


def test_stub_is_reported_once_per_exercise_without_tracebacks(run) -> None:
    result = run(STUB, "--impl", "dot=mine.py")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        ["*= not implemented yet =*", "dot: not implemented yet (mine.py:dot raises*4 test(s)*"]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_re_match_line(MINIMAL_EXAMPLE)
    assert result.stdout.str().count("not implemented yet (") == 1


def test_failing_input_validation_is_named_with_the_way_to_leave_it_out(run) -> None:
    result = run(UNVALIDATED, "--impl", "dot=mine.py")
    result.assert_outcomes(passed=3, failed=1, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "*= input validation =*",
            "1 failed test(s) check input validation*(marker 'contract')*",
            "To check the algorithm alone, add -m 'not contract' "
            "(workbook check dot -- -m 'not contract')",
        ]
    )
    run(UNVALIDATED, "--impl", "dot=mine.py", "-m", "not contract").assert_outcomes(
        passed=3, deselected=3
    )


def test_no_validation_hint_when_validation_passes(run) -> None:
    result = run(CORRECT, "--impl", "dot=mine.py")
    result.assert_outcomes(passed=4, deselected=2)
    result.stdout.no_fnmatch_line("*input validation*")


def test_function_name_can_be_given(run) -> None:
    result = run(CORRECT.replace("def dot(", "def my_dot("), "--impl", "dot=mine.py:my_dot")
    result.assert_outcomes(passed=4, deselected=2)


def test_without_impl_every_test_runs_on_the_reference(run, pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_default="""
        from algos.geometry.primitives import dot as reference
        from algos.practice.pytest_plugin import exercise_fixture

        dot = exercise_fixture("dot")

        def test_fixture_yields_the_reference(dot):
            assert dot is reference
        """
    )
    run(None).assert_outcomes(passed=7)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("dot", "--impl expects ID=PATH[[]:FUNCTION[]], got 'dot'"),
        ("nope=mine.py", "*unknown exercise id 'nope'; known ids: *dot*"),
        ("dot=missing.py", "*no such file 'missing.py'*"),
        ("dot=mine.py:absent", "*'mine.py' defines no function 'absent'*"),
    ],
)
def test_usage_errors_are_clear(run, spec: str, message: str) -> None:
    result = run(CORRECT, "--impl", spec)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{message}"])


def test_a_file_that_fails_to_import_is_a_usage_error(run) -> None:
    result = run("import no_such_module_here\n", "--impl", "dot=mine.py")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*importing 'mine.py' failed: ModuleNotFoundError*"])


def test_a_copy_of_the_reference_with_its_decorator_is_accepted(run) -> None:
    decorator = '@exercise(topic="geometry", difficulty="easy", complexity="O(1)")\n'
    copy = "from algos.practice import exercise\n" + CORRECT.replace(
        "def dot(", decorator + "def dot("
    )
    result = run(copy, "--impl", "dot=mine.py")
    result.assert_outcomes(passed=4, deselected=2)
