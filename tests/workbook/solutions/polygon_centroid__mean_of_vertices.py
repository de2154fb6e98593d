# expect: fail
"""The mean of the vertices: the centroid of a triangle or a parallelogram, not of a
polygon whose vertices crowd on one side."""


def polygon_centroid(poly):
    return sum(x for x, _ in poly) / len(poly), sum(y for _, y in poly) / len(poly)
