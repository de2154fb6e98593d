"""Points and vectors: products, lengths, angles, rotations, and the turn of three points.

A point is a :class:`Point`; a point *given* to a function may also be a pair of numbers
or an array of shape ``(2,)``.  Each public function converts and checks its points once,
where they enter (:func:`as_point`, :func:`as_points`, built on :mod:`algos._checks`):
NaN, inf, a wrong shape or a non-number give ``ValueError``/``TypeError`` naming the
argument, and numpy scalars become Python numbers, so a numpy ``int64`` point stays
exact.  The number model -- exact on ints and Fractions, robust with a relative
tolerance on floats -- is :mod:`algos.geometry.predicates`.

Complexity: every function here is O(1).

Source: kactl ``content/geometry/Point.h``.

Status: the products are checked exact on hypothesis-drawn big ints and correctly rounded
on floats; lengths against a 60-digit ``Decimal`` square root; ``angle`` and ``rotate``
against complex arithmetic (``cmath``); ``orientation`` against the exact sign of the
determinant, and invariant under cyclic shifts, swaps, translation and quarter turns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from numbers import Rational
from typing import Any, NamedTuple, TypeAlias

import numpy as np

from algos._checks import (
    as_coordinates,
    as_finite,
    as_point_array,
    as_point_list,
    as_tolerance,
)
from algos.geometry.predicates import EPS, Scalar, Sign, orient, sign

PointLike: TypeAlias = "Point | tuple[Scalar, Scalar] | list[Scalar] | np.ndarray[Any, Any]"
PointsLike: TypeAlias = "Iterable[PointLike] | np.ndarray[Any, Any]"


class Point(NamedTuple):
    """An immutable 2-D point or vector with exact arithmetic on exact coordinates.

    A named tuple: it equals, hashes and sorts as the pair ``(x, y)``, so a point from
    this module and a tuple a caller wrote are the same point.  ``+``, ``-``, ``*`` and
    ``/`` are vector arithmetic, not tuple concatenation.

    Examples
    --------
    >>> p = Point(1, 2) + Point(3, 4)
    >>> p, p * 2, p - Point(1, 1), p / 4
    (Point(x=4, y=6), Point(x=8, y=12), Point(x=3, y=5), Point(x=1, y=Fraction(3, 2)))
    >>> x, y = p
    >>> {Point(1, 2), (1, 2)}, Point(3, 4) == (3, 4)
    ({Point(x=1, y=2)}, True)
    """

    x: Scalar
    y: Scalar

    def __add__(self, other: Point) -> Point:  # type: ignore[override]
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def __mul__(self, factor: Scalar) -> Point:  # type: ignore[override]
        return Point(self.x * factor, self.y * factor)

    def __rmul__(self, factor: Scalar) -> Point:  # type: ignore[override]
        return Point(self.x * factor, self.y * factor)

    def __truediv__(self, divisor: Scalar) -> Point:
        return Point(divide(self.x, divisor), divide(self.y, divisor))

    def __neg__(self) -> Point:
        return Point(-self.x, -self.y)


ORIGIN = Point(0, 0)


def divide(numerator: Scalar, denominator: Scalar) -> Scalar:
    """``numerator / denominator``, exact (a ``Fraction``, an int when whole) on exact input.

    >>> divide(1, 3), divide(4, 2), divide(1.0, 4)
    (Fraction(1, 3), 2, 0.25)
    """
    if isinstance(numerator, Rational) and isinstance(denominator, Rational):
        quotient = Fraction(numerator) / Fraction(denominator)
        return quotient.numerator if quotient.denominator == 1 else quotient
    return numerator / denominator


def is_exact(*values: Scalar) -> bool:
    """True when every value is an int or a Fraction (no tolerance applies)."""
    return all(isinstance(v, Rational) for v in values)


def dot(u: PointLike, v: PointLike) -> Scalar:
    """The dot product ``u.x*v.x + u.y*v.y``.

    >>> dot((1, 2), (3, 4))
    11
    """
    a, b = as_point(u, "u"), as_point(v, "v")
    return a.x * b.x + a.y * b.y


def cross(u: PointLike, v: PointLike) -> Scalar:
    """The z-component of the cross product, ``u.x*v.y - u.y*v.x``: positive when ``v`` is
    counter-clockwise of ``u``, twice the signed area of the triangle ``(0, u, v)``.

    >>> cross((1, 0), (0, 1)), cross((0, 1), (1, 0))
    (1, -1)
    """
    a, b = as_point(u, "u"), as_point(v, "v")
    return a.x * b.y - a.y * b.x


def norm(v: PointLike) -> float:
    """The Euclidean length of ``v`` (a float: a square root is not exact).

    >>> norm((3, 4))
    5.0
    """
    p = as_point(v, "v")
    return math.hypot(p.x, p.y)


def norm2(v: PointLike) -> Scalar:
    """The squared length of ``v``, exact on exact input.

    >>> norm2((3, 4))
    25
    """
    p = as_point(v, "v")
    return p.x * p.x + p.y * p.y


def dist(a: PointLike, b: PointLike) -> float:
    """The Euclidean distance between ``a`` and ``b``.

    >>> dist((0, 0), (3, 4))
    5.0
    """
    p, q = as_point(a, "a"), as_point(b, "b")
    return math.hypot(q.x - p.x, q.y - p.y)


def dist2(a: PointLike, b: PointLike) -> Scalar:
    """The squared distance between ``a`` and ``b``, exact on exact input.

    >>> dist2((0, 0), (3, 4))
    25
    """
    p, q = as_point(a, "a"), as_point(b, "b")
    dx, dy = q.x - p.x, q.y - p.y
    return dx * dx + dy * dy


def angle(v: PointLike) -> float:
    """The polar angle of ``v`` in radians, in ``(-pi, pi]``; ``angle((0, 0))`` is 0.

    >>> round(angle((0, 1)), 6), round(angle((-1, 0)), 6)
    (1.570796, 3.141593)
    """
    p = as_point(v, "v")
    return math.atan2(p.y, p.x)


def rotate(p: PointLike, theta: float, about: PointLike = ORIGIN) -> Point:
    """``p`` rotated counter-clockwise by ``theta`` radians about ``about`` (float result).

    For exact quarter turns use :func:`perp`.

    >>> q = rotate((1, 0), math.pi / 2)
    >>> round(q.x, 12) + 0.0, round(q.y, 12)
    (0.0, 1.0)
    """
    point, centre = as_point(p, "p"), as_point(about, "about")
    turn = as_finite(theta, "theta")
    c, s = math.cos(turn), math.sin(turn)
    d = point - centre
    return Point(centre.x + c * d.x - s * d.y, centre.y + s * d.x + c * d.y)


def perp(v: PointLike) -> Point:
    """``v`` rotated by a quarter turn counter-clockwise, exactly: ``(-y, x)``.

    >>> perp((2, 1))
    Point(x=-1, y=2)
    """
    p = as_point(v, "v")
    return Point(-p.y, p.x)


def orientation(a: PointLike, b: PointLike, c: PointLike, eps: float = EPS) -> Sign:
    """The turn ``a -> b -> c``: 1 counter-clockwise, -1 clockwise, 0 collinear.

    Exact on ints and Fractions.  On floats, collinear when the triangle's height over
    its longest side is at most ``eps`` times that side; otherwise the exact sign of the
    cross product on the floats given (:func:`~algos.geometry.predicates.orient`).  Any
    two equal points are collinear.

    Parameters
    ----------
    a, b, c : PointLike
        The three points.
    eps : float
        Relative tolerance for float input, in ``[0, 0.01]``.

    Returns
    -------
    -1, 0 or 1

    Raises
    ------
    ValueError
        If a point is not two finite numbers, or ``eps`` is not a tolerance.
    TypeError
        If a point is not made of real numbers.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> orientation((0, 0), (1, 0), (0, 1)), orientation((0, 0), (1, 1), (2, 2))
    (1, 0)
    >>> orientation((0.0, 0.0), (1.0, 0.0), (2.0, 1e-12))
    0
    """
    p, q, r = as_point(a, "a"), as_point(b, "b"), as_point(c, "c")
    return orient(p, q, r, as_tolerance(eps))


def as_point(p: object, name: str = "point") -> Point:
    """Validate one point and convert it to a :class:`Point` of Python numbers.

    Raises
    ------
    TypeError
        If ``p`` is not a pair of real numbers (bools are refused).
    ValueError
        If ``p`` does not have two coordinates, or one is NaN or infinite.

    Examples
    --------
    >>> as_point(np.array([1, 2]))
    Point(x=1, y=2)
    """
    if isinstance(p, Point):
        return p
    return Point(*as_coordinates(p, name))


def as_points(points: object, name: str = "points") -> list[Point]:
    """Validate a collection of points (an iterable of point-likes or an ``(n, 2)`` array).

    Returns a new list: the input is never mutated.  The message of a bad point names it
    as ``points[i]``.

    Examples
    --------
    >>> as_points(np.array([[0, 1], [2, 3]]))
    [Point(x=0, y=1), Point(x=2, y=3)]
    """
    return as_point_list(points, name, Point)


def numeric_array(points: object, name: str = "points") -> np.ndarray[Any, Any] | None:
    """``points`` itself when it is a numeric array, checked to be ``(n, 2)`` and finite;
    None for any other input.

    >>> numeric_array([(0, 1)]) is None, numeric_array(np.zeros((1, 2))).shape
    (True, (1, 2))
    """
    if not (isinstance(points, np.ndarray) and points.dtype.kind in "iuf"):
        return None
    as_point_array(points, name)  # raises for a wrong shape or a non-finite coordinate
    return points


__all__ = [
    "EPS",
    "ORIGIN",
    "Point",
    "PointLike",
    "PointsLike",
    "Scalar",
    "Sign",
    "angle",
    "as_point",
    "as_points",
    "cross",
    "dist",
    "dist2",
    "divide",
    "dot",
    "is_exact",
    "norm",
    "norm2",
    "numeric_array",
    "orient",
    "orientation",
    "perp",
    "rotate",
    "sign",
]
