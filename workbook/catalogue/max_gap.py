"""Bucketing: the maximum gap between neighbours in sorted order (LeetCode 164)."""

from workbook.exercise import Exercise

BENCH = "benchmarks/algos/bench_max_gap.py"

_STATEMENT = """
Given a list of integers `nums`, return the largest difference between two successive
elements of its sorted form.  With fewer than two elements, return 0.{extra}

Constraints (LeetCode's):
    1 <= len(nums) <= 10^5
    0 <= nums[i] <= 10^9

Examples:
    >>> {name}([3, 6, 9, 1])
    3
    >>> {name}([10])
    0

Aim for linear time and space: sorting is O(n log n).
"""

EXERCISES = [
    Exercise(
        id="maximum_gap",
        reference="algos.max_gap:maximum_gap",
        topic="bucketing",
        difficulty="medium",
        complexity="O(n)",
        source="LeetCode 164",
        statement=_STATEMENT.format(name="maximum_gap", extra=""),
        signature="def maximum_gap(nums: list[int]) -> int",
        bench=BENCH,
    ),
    Exercise(
        id="maximum_gap_radix",
        reference="algos.max_gap:maximum_gap_radix",
        topic="bucketing",
        difficulty="medium",
        complexity="O(n·⌈w/16⌉) for w-bit ranges",
        source="LeetCode 164, by radix sort",
        statement=_STATEMENT.format(
            name="maximum_gap_radix",
            extra="\nSort with a least-significant-digit radix sort, not with a comparison sort.",
        ),
        signature="def maximum_gap_radix(nums: list[int]) -> int",
        bench=BENCH,
        variant_of="maximum_gap",
    ),
    Exercise(
        id="maximum_gap_np",
        reference="algos.max_gap:maximum_gap_np",
        topic="bucketing",
        difficulty="hard",
        complexity="O(n)",
        source="LeetCode 164, vectorised",
        statement="""
The maximum gap of a 1-D numpy array of integers or floats: the largest difference
between two successive elements of np.sort(a), as a Python int or float; 0 for fewer
than two elements.  For integers the answer is exact even where it does not fit the
dtype: [-2^63, 2^63 - 1] as int64 gives 2^64 - 1, where np.diff would wrap around.
Use whole-array numpy operations, no Python loop over the elements, and beat
np.diff(np.sort(a)).max() at n = 10^7.

Constraints:
    `a` is 1-D, of an integer or float dtype (64 bits at most), finite values
    1 <= len(a) <= 10^7

Examples:
    >>> maximum_gap_np(np.array([3, 6, 9, 1]))
    3
    >>> maximum_gap_np(np.array([0.25, 1.0, 0.5]))
    0.5
""",
        signature="def maximum_gap_np(a: np.ndarray) -> int | float",
        imports=("import numpy as np",),
        bench=BENCH,
        variant_of="maximum_gap",
    ),
]
