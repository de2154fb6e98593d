# expect: fail
"""The distance to the whole line through a and b (|cross| / |ab|): right when the foot of
the perpendicular falls on the segment, too short beyond its ends."""

import math


def point_segment_distance(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / math.hypot(dx, dy)
