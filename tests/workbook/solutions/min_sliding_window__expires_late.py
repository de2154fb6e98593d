# expect: fail
"""Expires the front index one step late (`< i - k` for `<= i - k`): a window can still
report the minimum that just left it."""

from collections import deque


def min_sliding_window(nums, k):
    window, result = deque(), []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] >= x:
            window.pop()
        window.append(i)
        if window[0] < i - k:
            window.popleft()
        if i >= k - 1:
            result.append(nums[window[0]])
    return result
