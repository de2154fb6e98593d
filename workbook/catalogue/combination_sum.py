"""Backtracking and counting: Combination Sum I-IV (LeetCode 39, 40, 216, 377)."""

from workbook.compare import BY_VALUE, UNORDERED_NESTED
from workbook.exercise import Exercise

BENCH = "benchmarks/algos/bench_combination_sum.py"

_SUM1 = """
Given a list of distinct positive integers `candidates` and a positive integer
`target`, return every combination of candidates that sums to `target`.  A candidate
may be chosen any number of times; two combinations are the same when they use every
candidate the same number of times, and no combination may appear twice.  Return the
combinations in any order, the numbers within each in any order.{extra}

Constraints{whose}:
    1 <= len(candidates) <= 30
    2 <= candidates[i] <= 40, all distinct
    1 <= target <= {target_max}

Examples:
    >>> {name}([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]
    >>> {name}([2, 3, 5], 8)
    [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    >>> {name}([2], 1)
    []
"""

_SUM2 = """
Given a list of positive integers `candidates` (values may repeat) and a positive
integer `target`, return every combination of candidates that sums to `target`, each
candidate used at most once.  Equal values are interchangeable: [1, 7] built from
either 1 of [1, 1, 7] is one combination, listed once.  Return the combinations in any
order, the numbers within each in any order.{extra}

Constraints{whose}:
    1 <= len(candidates) <= 100
    1 <= candidates[i] <= 50
    1 <= target <= {target_max}

Examples:
    >>> {name}([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]
    >>> {name}([2, 5, 2, 1, 2], 5)
    [[1, 2, 2], [5]]
"""

_NO_DEAD_ENDS = """

Here the search must never enter a dead end: every step it takes must lead to at least
one combination, so that the time is proportional to the size of the answer (plus a
table of n·target bits).  With even candidates and an odd target there is nothing to
return, and the answer must come at once even for a target of a thousand or more:
backtracking that only stops once a candidate exceeds the remainder explores an
exponential number of partial sums first.  The candidates are LeetCode's, the targets
larger; the answers hold at most 10^5 numbers in all."""

_LEETCODE = {"whose": " (LeetCode's)", "extra": ""}
_WIDER = {"whose": "", "extra": _NO_DEAD_ENDS, "target_max": "10^4"}

EXERCISES = [
    Exercise(
        id="combination_sum",
        reference="algos.combination_sum:combination_sum",
        topic="backtracking",
        difficulty="medium",
        complexity="O(n^(T/m + 1)) worst case, smallest candidate m",
        source="LeetCode 39",
        statement=_SUM1.format(name="combination_sum", target_max="40", **_LEETCODE),
        signature="def combination_sum(candidates: list[int], target: int) -> list[list[int]]",
        compare=UNORDERED_NESTED,
        bench=BENCH,
    ),
    Exercise(
        id="combination_sum_bitset",
        reference="algos.combination_sum:combination_sum_bitset",
        topic="backtracking",
        difficulty="hard",
        complexity="O(n·T + S·(n + T/m)) for S combinations: output-sensitive",
        source="LeetCode 39, without dead ends",
        statement=_SUM1.format(name="combination_sum_bitset", **_WIDER),
        signature=(
            "def combination_sum_bitset(candidates: list[int], target: int) -> list[list[int]]"
        ),
        compare=UNORDERED_NESTED,
        bench=BENCH,
        variant_of="combination_sum",
    ),
    Exercise(
        id="combination_sum2",
        reference="algos.combination_sum:combination_sum2",
        topic="backtracking",
        difficulty="medium",
        complexity="O(n·2^n) worst case",
        source="LeetCode 40",
        statement=_SUM2.format(name="combination_sum2", target_max="30", **_LEETCODE),
        signature="def combination_sum2(candidates: list[int], target: int) -> list[list[int]]",
        compare=UNORDERED_NESTED,
        bench=BENCH,
    ),
    Exercise(
        id="combination_sum2_bitset",
        reference="algos.combination_sum:combination_sum2_bitset",
        topic="backtracking",
        difficulty="hard",
        complexity="O(n log n + n·T + S·n) for S combinations: output-sensitive",
        source="LeetCode 40, without dead ends",
        statement=_SUM2.format(name="combination_sum2_bitset", **_WIDER),
        signature=(
            "def combination_sum2_bitset(candidates: list[int], target: int) -> list[list[int]]"
        ),
        compare=UNORDERED_NESTED,
        bench=BENCH,
        variant_of="combination_sum2",
    ),
    Exercise(
        id="combination_sum3",
        reference="algos.combination_sum:combination_sum3",
        topic="backtracking",
        difficulty="medium",
        complexity="O(C(9, k)·k)",
        source="LeetCode 216",
        statement="""
Return every set of `k` distinct digits from 1 to 9 whose sum is `n`, each digit used
at most once.  Return the combinations in any order, the digits within each in any
order.

Constraints (LeetCode's):
    2 <= k <= 9
    1 <= n <= 60

Examples:
    >>> combination_sum3(3, 7)
    [[1, 2, 4]]
    >>> combination_sum3(3, 9)
    [[1, 2, 6], [1, 3, 5], [2, 3, 4]]
    >>> combination_sum3(4, 1)
    []
""",
        signature="def combination_sum3(k: int, n: int) -> list[list[int]]",
        compare=UNORDERED_NESTED,
        bench=BENCH,
    ),
    Exercise(
        id="combination_sum4",
        reference="algos.combination_sum:combination_sum4",
        topic="dynamic programming",
        difficulty="medium",
        complexity="O(n·T)",
        source="LeetCode 377",
        statement="""
Given a list of distinct positive integers `nums` and a positive integer `target`,
return how many ordered sequences of elements of `nums` (each element usable any
number of times) sum to `target`.  [1, 2] and [2, 1] are different sequences.

Constraints (LeetCode's):
    1 <= len(nums) <= 200
    1 <= nums[i] <= 1000, all distinct
    1 <= target <= 1000
    (LeetCode promises its answers fit in 32 bits; here the exact count is expected,
    however large, which Python's ints give for free.)

Examples:
    >>> combination_sum4([1, 2, 3], 4)
    7
    >>> combination_sum4([9], 3)
    0
""",
        signature="def combination_sum4(nums: list[int], target: int) -> int",
        compare=BY_VALUE,
        bench=BENCH,
    ),
]
