"""A robust 2-D geometry toolkit: exact on integers and Fractions, robust on floats.

Split by topic (predicates, primitives, lines, segments, polygon, hull, calipers,
closest_pair, halfplane, circle, enclosing_circle) and re-exported here.  The number
model -- exact decisions, one relative tolerance on floats, an exact fallback where a
float sign is uncertain -- is :mod:`algos.geometry.predicates`.
"""

from algos.geometry.calipers import (
    Rectangle,
    diameter,
    min_area_rectangle,
    min_width,
)
from algos.geometry.circle import (
    Circle,
    circle_circle_intersection,
    circle_line_intersection,
)
from algos.geometry.closest_pair import (
    closest_pair,
    closest_pair_np,
)
from algos.geometry.enclosing_circle import min_enclosing_circle, min_enclosing_circle_np
from algos.geometry.halfplane import (
    HalfPlane,
    half_plane_intersection,
)
from algos.geometry.hull import (
    convex_hull,
    convex_hull_np,
)
from algos.geometry.lines import line_intersection, project
from algos.geometry.polygon import (
    Location,
    PolygonLike,
    is_convex,
    point_in_polygon,
    polygon_area,
    polygon_centroid,
)
from algos.geometry.primitives import (
    EPS,
    ORIGIN,
    Point,
    PointLike,
    PointsLike,
    Scalar,
    angle,
    as_point,
    as_points,
    cross,
    dist,
    dist2,
    dot,
    norm,
    norm2,
    numeric_array,
    orientation,
    perp,
    rotate,
    sign,
)
from algos.geometry.segments import (
    point_on_segment,
    point_segment_distance,
    segment_intersection,
    segments_intersect,
)

__all__ = [
    "EPS",
    "ORIGIN",
    "Circle",
    "HalfPlane",
    "Location",
    "Point",
    "PointLike",
    "PointsLike",
    "PolygonLike",
    "Rectangle",
    "Scalar",
    "angle",
    "as_point",
    "as_points",
    "circle_circle_intersection",
    "circle_line_intersection",
    "closest_pair",
    "closest_pair_np",
    "convex_hull",
    "convex_hull_np",
    "cross",
    "diameter",
    "dist",
    "dist2",
    "dot",
    "half_plane_intersection",
    "is_convex",
    "line_intersection",
    "min_area_rectangle",
    "min_enclosing_circle",
    "min_enclosing_circle_np",
    "min_width",
    "norm",
    "norm2",
    "numeric_array",
    "orientation",
    "perp",
    "point_in_polygon",
    "point_on_segment",
    "point_segment_distance",
    "polygon_area",
    "polygon_centroid",
    "project",
    "rotate",
    "segment_intersection",
    "segments_intersect",
    "sign",
]
