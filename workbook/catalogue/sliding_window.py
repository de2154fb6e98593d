"""Sliding window: the maximum of every window, the monotonic queue behind it."""

from workbook.compare import BY_VALUE
from workbook.exercise import Exercise

BENCH = "benchmarks/algos/bench_sliding_window.py"

_WINDOW_STATEMENT = """
You are given a list of integers `nums` and a window size `k`.  A window of `k`
consecutive elements slides over `nums` from left to right, one position at a time.
Return the {extreme} of each window, in order: element i of the answer is
{builtin}(nums[i:i + k]).

Constraints (LeetCode's):
    1 <= len(nums) <= 10^5
    -10^4 <= nums[i] <= 10^4
    1 <= k <= len(nums)

Examples:
    >>> {name}([1, 3, -1, -3, 5, 3, 6, 7], 3)
    {example}
    >>> {name}([1], 1)
    [1]

Aim for O(n) time whatever k: recomputing every window is O(n k).
"""

_VECTOR_STATEMENT = """
The same problem on a 1-D numpy array: given `a` and a window size `k`, return a
numpy array of the n - k + 1 window {extreme}s, element i being the {extreme} of
a[i:i + k], with the dtype of `a`.  Use numpy operations on whole arrays rather than a
Python loop over the elements.

Constraints:
    `a` is 1-D, of an integer or floating dtype, 1 <= len(a) <= 10^6
    1 <= k <= len(a)

Examples:
    >>> {name}(np.array([1, 3, -1, -3, 5, 3, 6, 7]), 3)
    {example}

Aim for fewer than log2(k) + 2 passes over the array; a Python loop over n values is
far too slow at n = 10^6.
"""

EXERCISES = [
    Exercise(
        id="max_sliding_window",
        reference="algos.sliding_window:max_sliding_window",
        topic="sliding window",
        difficulty="hard",
        complexity="O(n)",
        source="LeetCode 239",
        statement=_WINDOW_STATEMENT.format(
            extreme="maximum",
            builtin="max",
            name="max_sliding_window",
            example="[3, 3, 5, 5, 6, 7]",
        ),
        signature="def max_sliding_window(nums: list[int], k: int) -> list[int]",
        compare=BY_VALUE,
        bench=BENCH,
    ),
    Exercise(
        id="min_sliding_window",
        reference="algos.sliding_window:min_sliding_window",
        topic="sliding window",
        difficulty="hard",
        complexity="O(n)",
        source="LeetCode 239, mirrored",
        statement=_WINDOW_STATEMENT.format(
            extreme="minimum",
            builtin="min",
            name="min_sliding_window",
            example="[-1, -3, -3, -3, 3, 3]",
        ),
        signature="def min_sliding_window(nums: list[int], k: int) -> list[int]",
        bench=BENCH,
    ),
    Exercise(
        id="sliding_window_max",
        reference="algos.sliding_window:sliding_window_max",
        topic="sliding window",
        difficulty="hard",
        complexity="O(n log k)",
        source="LeetCode 239, vectorised",
        statement=_VECTOR_STATEMENT.format(
            extreme="maximum", name="sliding_window_max", example="array([3, 3, 5, 5, 6, 7])"
        ),
        signature="def sliding_window_max(a: np.ndarray, k: int) -> np.ndarray",
        imports=("import numpy as np",),
        bench=BENCH,
        variant_of="max_sliding_window",
    ),
    Exercise(
        id="sliding_window_min",
        reference="algos.sliding_window:sliding_window_min",
        topic="sliding window",
        difficulty="hard",
        complexity="O(n log k)",
        source="LeetCode 239, vectorised",
        statement=_VECTOR_STATEMENT.format(
            extreme="minimum", name="sliding_window_min", example="array([-1, -3, -3, -3,  3,  3])"
        ),
        signature="def sliding_window_min(a: np.ndarray, k: int) -> np.ndarray",
        imports=("import numpy as np",),
        bench=BENCH,
        variant_of="min_sliding_window",
    ),
    Exercise(
        id="monotonic_queue",
        reference="algos.sliding_window:MonotonicQueue",
        kind="class",
        topic="sliding window",
        difficulty="medium",
        complexity="O(1) amortised per operation",
        source="the queue inside LeetCode 239",
        statement="""
Design a first-in first-out queue of integers that also reports its largest element.

    q = MonotonicQueue()    an empty queue
    q.push(x)               appends x at the back
    q.pop()                 removes and returns the element at the front (the oldest)
    q.max()                 returns the largest element in the queue
    len(q)                  the number of elements

Every operation must take O(1) time amortised: a queue of n elements that scans them
all in max() is O(n) per call.  pop() and max() on an empty queue raise IndexError.

Constraints:
    -10^9 <= x <= 10^9; up to 10^5 operations.

Example:
    >>> q = MonotonicQueue()
    >>> q.push(1); q.push(3); q.push(2)
    >>> q.max(), len(q)
    (3, 3)
    >>> q.pop(), q.pop(), q.max()
    (1, 3, 2)
""",
        signature='''
class MonotonicQueue:
    """A FIFO queue of integers with max() in O(1) amortised."""

    def __init__(self) -> None:
        """An empty queue."""
        ...

    def push(self, x: int) -> None:
        """Append x at the back."""
        ...

    def pop(self) -> int:
        """Remove and return the oldest element; IndexError when empty."""
        ...

    def max(self) -> int:
        """The largest element; IndexError when empty."""
        ...

    def __len__(self) -> int:
        """The number of elements."""
        ...
''',
        bench=BENCH,
    ),
]
