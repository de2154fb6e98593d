"""The pytest side of practice mode, run in-process with ``pytester``.

Each test writes a small test module that takes ``max_sliding_window`` (a function
exercise) or ``monotonic_queue`` (a class exercise) from its fixture, plus a user's
file, and runs pytest on them.
"""

from __future__ import annotations

import json

import pytest

TESTS = """
import pytest
from hypothesis import given, strategies as st
from workbook.testing import check, contract, edge, exercise_fixture
from workbook.testing import exercise_params, implementation

max_sliding_window = exercise_fixture("max_sliding_window")
monotonic_queue = exercise_fixture("monotonic_queue")

def test_example(max_sliding_window):
    check(max_sliding_window, [1, 3, -1, -3, 5, 3, 6, 7], 3, expected=[3, 3, 5, 5, 6, 7])

@given(st.lists(st.integers(-9, 9), min_size=1, max_size=8))
def test_k1_is_the_input(max_sliding_window, nums):
    check(max_sliding_window, nums, 1, expected=nums)

@edge
def test_floats(max_sliding_window):
    check(max_sliding_window, [0.5, 1.5], 1, expected=[0.5, 1.5])

@contract
def test_bad_k(max_sliding_window):
    with pytest.raises(ValueError, match="k"):
        max_sliding_window([1, 2], 0)

@pytest.mark.parametrize("exercise_id", exercise_params("max_sliding_window", "min_sliding_window"))
def test_marked_by_id(request, exercise_id):
    assert len(implementation(request, exercise_id)([1, 2, 3], 2)) == 2

def test_queue(monotonic_queue):
    q = monotonic_queue()
    q.push(2)
    assert q.max() == 2

def test_unrelated():
    assert True
"""

CORRECT = """
from collections import deque

def max_sliding_window(nums, k):
    if not 1 <= k <= len(nums):
        raise ValueError("k out of range")
    window, out = deque(), []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(nums[window[0]])
    return out
"""

# Wrong only when a window holds a 7: hypothesis must find it, check() must show it.
WRONG = CORRECT.replace("out.append(nums[window[0]])", "out.append(nums[window[0]] - (7 in nums))")
STUB = "def max_sliding_window(nums, k):\n    raise NotImplementedError\n"
RUNAWAY = "def max_sliding_window(nums, k):\n    while True:\n        pass\n"
QUEUE_STUB = """
class MonotonicQueue:
    def push(self, x):
        raise NotImplementedError
    def max(self):
        raise NotImplementedError
"""


def run(pytester: pytest.Pytester, *impls: str, **files: str) -> pytest.RunResult:
    pytester.makepyfile(test_exercises=TESTS, **files)
    args = [f"--impl={spec}" for spec in impls]
    return pytester.runpytest(*args, "-p", "no:cacheprovider", "-p", "no:randomly")


def test_without_impl_every_test_runs_on_the_references(pytester: pytest.Pytester) -> None:
    result = run(pytester)
    result.assert_outcomes(passed=8)


def test_impl_keeps_only_the_exercise_and_its_default_level(pytester: pytest.Pytester) -> None:
    result = run(pytester, "max_sliding_window=mine.py", mine=CORRECT)
    # test_example, test_k1_is_the_input and the max_sliding_window case of test_marked_by_id
    result.assert_outcomes(passed=3, deselected=5)
    result.stdout.fnmatch_lines(
        [
            "*max_sliding_window: 1 contract test(s) not run (errors for bad input)",
            "*max_sliding_window: 1 edge test(s) not run*",
            "*workbook check ID --strict*",
        ]
    )


def test_impl_strict_runs_every_level(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_exercises=TESTS, mine=CORRECT)
    result = pytester.runpytest("--impl=max_sliding_window=mine.py", "--impl-strict")
    result.assert_outcomes(passed=5, deselected=3)
    result.stdout.no_fnmatch_line("*not run*")


def test_a_wrong_answer_shows_input_expected_and_actual(pytester: pytest.Pytester) -> None:
    result = run(pytester, "max_sliding_window=mine.py", mine=WRONG)
    result.assert_outcomes(failed=2, passed=1, deselected=5)
    # hypothesis shrinks to the smallest list holding a 7; check() shows it
    result.stdout.fnmatch_lines(
        ["max_sliding_window([7], 1)", "  expected: [7]", "  actual:   [6]"]
    )


def test_a_stub_is_reported_once_and_nothing_passes(pytester: pytest.Pytester) -> None:
    result = run(pytester, "max_sliding_window=mine.py", mine=STUB)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert result.stdout.str().count("not implemented yet") == 1
    result.stdout.fnmatch_lines(["*mine.py:max_sliding_window raises NotImplementedError*"])
    result.stdout.no_fnmatch_line("*passed*")
    result.stdout.no_fnmatch_line("*Traceback*")


def test_a_class_stub_is_reported_like_a_function(pytester: pytest.Pytester) -> None:
    result = run(pytester, "monotonic_queue=mine.py", mine=QUEUE_STUB)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        ["*monotonic_queue: mine.py:MonotonicQueue raises NotImplementedError"]
    )
    result.stdout.no_fnmatch_line("*passed*")


def test_a_runaway_solution_times_out_naming_its_input(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_exercises=TESTS, mine=RUNAWAY)
    result = pytester.runpytest("--impl=max_sliding_window=mine.py", "--time-limit=0.5")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*= timed out =*",
            "*test_example",
            "  timed out after 0.5 s while running max_sliding_window(*, 3)",
        ]
    )
    result.stdout.re_match_lines([r".*\d timed out.*"])


def test_another_function_name_with_file_colon_name(pytester: pytest.Pytester) -> None:
    mine = CORRECT.replace("def max_sliding_window", "def my_windows")
    result = run(pytester, "max_sliding_window=mine.py:my_windows", mine=mine)
    result.assert_outcomes(passed=3, deselected=5)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("max_sliding_window", "expects ID=PATH"),
        ("no_such_exercise=mine.py", "unknown exercise 'no_such_exercise'"),
        ("max_sliding_windw=mine.py", "did you mean max_sliding_window"),
        ("max_sliding_window=missing.py", "no such file"),
        ("max_sliding_window=mine.py:nope", "defines no function 'nope'"),
        ("monotonic_queue=mine.py", "defines no class 'MonotonicQueue'"),
    ],
)
def test_usage_errors(pytester: pytest.Pytester, spec: str, message: str) -> None:
    result = run(pytester, spec, mine=CORRECT)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{message}*"])


def test_the_report_counts_each_exercise(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_exercises=TESTS, mine=CORRECT, queue=QUEUE_STUB)
    pytester.runpytest(
        "--impl=max_sliding_window=mine.py",
        "--impl=monotonic_queue=queue.py",
        "--workbook-report=r.json",
    )
    report = json.loads((pytester.path / "r.json").read_text())
    assert report == {
        "max_sliding_window": {"passed": 3},
        "monotonic_queue": {"not implemented": 1},
    }
