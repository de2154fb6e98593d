# expect: fail
# counterexample: maximum_gap\(\[\d+, \d+\]\)
"""Sort and compare neighbours, with an off-by-one that never looks at the last gap."""


def maximum_gap(nums):
    nums = sorted(nums)
    best = 0
    for i in range(1, len(nums) - 1):
        best = max(best, nums[i] - nums[i - 1])
    return best
