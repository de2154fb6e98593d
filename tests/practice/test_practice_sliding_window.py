"""Practice mode end to end, on the real tests of ``max_sliding_window``.

A user's textbook solution (a deque of indices) passes them; the same solution with
the classic off-by-one in the window's expiry fails with hypothesis's smallest input;
a stub is reported as not implemented.  The vectorised exercises' tests are deselected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from algos.practice import exercises

exercises()  # import every exercise module once, before pytester's in-process runs

TESTS = Path(__file__).resolve().parents[1] / "algos" / "test_sliding_window.py"
MINIMAL_EXAMPLE = r".*(Falsifying example|Failing test case)"

TEXTBOOK = """
import operator
from collections import deque


def max_sliding_window(nums, k):
    if isinstance(k, bool) or not hasattr(k, "__index__"):
        raise TypeError(f"k must be an int, got {k!r}")
    k, n = operator.index(k), len(nums)
    if not 1 <= k <= n:
        raise ValueError(f"k must be in 1..n, got k={k} with n={n}")
    window = deque()  # indices; their values strictly decrease from the front
    last_nan = -1
    result = []
    for i, x in enumerate(nums):
        if x != x:
            last_nan = i
        while window and nums[window[-1]] < x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            result.append(nums[last_nan] if last_nan > i - k else nums[window[0]])
    return result
"""

OFF_BY_ONE = TEXTBOOK.replace("if window[0] <= i - k:", "if window[0] < i - k:")

STUB = """
def max_sliding_window(nums, k):
    raise NotImplementedError
"""


def run_tests(pytester: pytest.Pytester, solution: str) -> pytest.RunResult:
    pytester.makepyfile(mine=solution)
    return pytester.runpytest(
        str(TESTS), "--impl", "max_sliding_window=mine.py", "-p", "no:cacheprovider"
    )


def test_a_textbook_solution_passes_the_reference_tests(pytester: pytest.Pytester) -> None:
    outcomes = run_tests(pytester, TEXTBOOK).parseoutcomes()
    assert outcomes.get("failed", 0) == 0
    assert outcomes["passed"] >= 20
    assert outcomes["deselected"] > 0  # the other three exercises' tests


def test_an_off_by_one_window_fails_with_the_minimal_input(pytester: pytest.Pytester) -> None:
    result = run_tests(pytester, OFF_BY_ONE)
    assert result.parseoutcomes()["failed"] > 0
    # the smallest input that shows the bug: with k = 1, the window of 2 sees the old 0
    result.stdout.re_match_lines([MINIMAL_EXAMPLE, r".*case=\(\[0, -1\], 1\)"])


def test_a_stub_is_reported_as_not_implemented(pytester: pytest.Pytester) -> None:
    result = run_tests(pytester, STUB)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["max_sliding_window: not implemented yet (*"])
    result.stdout.no_fnmatch_line("*Traceback*")
