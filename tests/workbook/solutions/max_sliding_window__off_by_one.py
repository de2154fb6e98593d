# expect: fail
# counterexample: max_sliding_window\(\[1, -1\], 1\)
"""The textbook deque with the classic off-by-one in the window's expiry (``<`` for ``<=``)."""

from collections import deque


def max_sliding_window(nums, k):
    window = deque()
    result = []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] < i - k:
            window.popleft()
        if i >= k - 1:
            result.append(nums[window[0]])
    return result
