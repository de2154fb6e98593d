# expect: fail
# counterexample: combination_sum2\(\[10, 1, 2, 7, 6, 1, 5\], 8\)
"""LeetCode 40 without the duplicate skip: each combination once per choice of equal copies."""


def combination_sum2(candidates, target):
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
            backtrack(i + 1, remaining - candidates[i])
            path.pop()

    backtrack(0, target)
    return result
