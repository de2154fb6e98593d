# expect: pass
"""The common interview answer to LeetCode 216: backtracking over the digits, k at a time."""


def combination_sum3(k, n):
    result = []
    path = []

    def backtrack(start, remaining):
        if len(path) == k:
            if remaining == 0:
                result.append(path[:])
            return
        for digit in range(start, 10):
            if digit > remaining:
                break
            path.append(digit)
            backtrack(digit + 1, remaining - digit)
            path.pop()

    backtrack(1, n)
    return result
