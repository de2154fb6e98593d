# expect: pass
"""Shamos and Hoey's divide and conquer: sort by x, solve both halves, then the strip."""

import math


def closest_pair(points):
    order = sorted(range(len(points)), key=lambda k: points[k])

    def dist(a, b):
        return math.dist(points[a], points[b])

    def solve(idx):  # idx sorted by x; returns (d, i, j) and idx sorted by y
        if len(idx) <= 3:
            pairs = [(a, b) for n, a in enumerate(idx) for b in idx[n + 1 :]]
            best = min(
                ((dist(a, b), min(a, b), max(a, b)) for a, b in pairs), default=(math.inf, -1, -1)
            )
            return best, sorted(idx, key=lambda k: points[k][1])
        mid = len(idx) // 2
        x_mid = points[idx[mid]][0]
        left, by_y_left = solve(idx[:mid])
        right, by_y_right = solve(idx[mid:])
        best = min(left, right)
        by_y = sorted(by_y_left + by_y_right, key=lambda k: points[k][1])
        strip = [k for k in by_y if abs(points[k][0] - x_mid) < best[0]]
        for n, a in enumerate(strip):
            for b in strip[n + 1 : n + 8]:
                if points[b][1] - points[a][1] >= best[0]:
                    break
                best = min(best, (dist(a, b), min(a, b), max(a, b)))
        return best, by_y

    return solve(order)[0]
