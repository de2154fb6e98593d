# expect: pass
"""LeetCode 164 in linear time, as the editorial does it: buckets narrower than the
average gap, each keeping its minimum and maximum."""


def maximum_gap(nums):
    n = len(nums)
    if n < 2:
        return 0
    lo, hi = min(nums), max(nums)
    if lo == hi:
        return 0
    size = max(1, (hi - lo) // (n - 1))
    count = (hi - lo) // size + 1
    minima = [None] * count
    maxima = [None] * count
    for x in nums:
        b = (x - lo) // size
        minima[b] = x if minima[b] is None else min(minima[b], x)
        maxima[b] = x if maxima[b] is None else max(maxima[b], x)
    best, previous = 0, lo
    for b in range(count):
        if minima[b] is not None:
            best = max(best, minima[b] - previous)
            previous = maxima[b]
    return best
