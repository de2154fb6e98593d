# expect: pass
"""The common interview answer to LeetCode 377: dp[t] sums dp[t - num] over the last number."""


def combination_sum4(nums, target):
    dp = [1] + [0] * target
    for t in range(1, target + 1):
        for num in nums:
            if num <= t:
                dp[t] += dp[t - num]
    return dp[target]
