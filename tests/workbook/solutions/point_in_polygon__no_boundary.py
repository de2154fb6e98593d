# expect: fail
# counterexample: point_in_polygon\(\(4, 1\), \[\(0, 0\), \(4, 0\), \(4, 4\), \(0, 4\)\]\)
"""Ray casting that forgets the boundary: a point on an edge comes out inside or outside."""


def point_in_polygon(p, poly):
    x, y = p
    inside = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
        if (y1 > y) != (y2 > y):
            crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing:
                inside = not inside
    return "inside" if inside else "outside"
