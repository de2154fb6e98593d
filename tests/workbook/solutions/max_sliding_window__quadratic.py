# expect: timeout
"""Correct but O(n k): every window recomputed.  Runs out of time at n = 10^5."""


def max_sliding_window(nums, k):
    return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]
