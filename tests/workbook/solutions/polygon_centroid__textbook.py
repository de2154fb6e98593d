# expect: pass
"""The shoelace formula's signed area, and each edge's cross product weighting the sum of
its endpoints: C = sum (p_i + p_{i+1}) cross_i / (6 A)."""


def polygon_centroid(poly):
    area2 = cx = cy = 0
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (3 * area2), cy / (3 * area2)
