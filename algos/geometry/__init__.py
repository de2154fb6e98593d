"""A robust 2-D geometry toolkit, exact on integers and Fractions, EPS-aware on floats.

See :mod:`algos.geometry.primitives` for the number model and the tolerance rule.
"""

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

__all__ = [
    "EPS",
    "ORIGIN",
    "Point",
    "PointLike",
    "PointsLike",
    "Scalar",
    "angle",
    "as_point",
    "as_points",
    "cross",
    "dist",
    "dist2",
    "dot",
    "norm",
    "norm2",
    "numeric_array",
    "orientation",
    "perp",
    "rotate",
    "sign",
]
