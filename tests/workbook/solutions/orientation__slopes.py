# expect: fail
"""Compares the slopes of a -> b and a -> c as floats: a vertical segment divides by zero,
and the sign flips when b is left of a."""


def orientation(a, b, c):
    slope_b = (b[1] - a[1]) / (b[0] - a[0])
    slope_c = (c[1] - a[1]) / (c[0] - a[0])
    return (slope_c > slope_b) - (slope_c < slope_b)
