# expect: pass
"""The shoelace formula, in floats."""


def polygon_area(poly):
    total = 0
    for i in range(len(poly)):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % len(poly)]
        total += x1 * y2 - x2 * y1
    return total / 2
