# expect: pass
"""Ray casting to the right, with the boundary tested first, as in an interview."""


def point_in_polygon(p, poly):
    x, y = p
    inside = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
        on_line = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1) == 0
        in_box = min(x1, x2) <= x <= max(x1, x2) and min(y1, y2) <= y <= max(y1, y2)
        if on_line and in_box:
            return "boundary"
        if (y1 > y) != (y2 > y):
            crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing:
                inside = not inside
    return "inside" if inside else "outside"
