# expect: timeout
"""Correct backtracking, but not output-sensitive: with even candidates and an odd target
it visits every even partial sum before returning nothing."""


def combination_sum_bitset(candidates, target):
    candidates = sorted(candidates)
    result = []
    path = []

    def backtrack(start, remaining):
        if remaining == 0:
            result.append(path[:])
            return
        for i in range(start, len(candidates)):
            if candidates[i] > remaining:
                break
            path.append(candidates[i])
            backtrack(i, remaining - candidates[i])
            path.pop()

    backtrack(0, target)
    return result
