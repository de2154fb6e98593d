# expect: pass
"""The first answer to LeetCode 164: sort, then the largest difference of neighbours."""

from itertools import pairwise


def maximum_gap(nums):
    if len(nums) < 2:
        return 0
    return max(b - a for a, b in pairwise(sorted(nums)))
