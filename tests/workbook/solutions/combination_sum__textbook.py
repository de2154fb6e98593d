# expect: pass
"""The common interview answer to LeetCode 39: sort, recurse, stop once a candidate is too big."""


def combination_sum(candidates, target):
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
            backtrack(i, remaining - candidates[i])  # i, not i + 1: reuse allowed
            path.pop()

    backtrack(0, target)
    return result
