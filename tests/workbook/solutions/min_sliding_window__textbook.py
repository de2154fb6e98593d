# expect: pass
"""A deque of indices whose values increase from front to back: pop larger-or-equal values
from the back, the expired index from the front; the front is each window's minimum."""

from collections import deque


def min_sliding_window(nums, k):
    window, result = deque(), []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] >= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            result.append(nums[window[0]])
    return result
