# expect: pass
"""The common interview answer to LeetCode 239: a deque of indices, evicting with ``<=``."""

from collections import deque


def max_sliding_window(nums, k):
    window = deque()  # indices; their values strictly decrease from the front
    result = []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            result.append(nums[window[0]])
    return result
