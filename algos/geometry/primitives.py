"""Points, vectors and the one rule for comparing with zero.

Every routine of :mod:`algos.geometry` runs one code path on three kinds of number:

* Python ``int`` and :class:`fractions.Fraction` are **exact**: no tolerance is applied,
  and a division of exact numbers gives a ``Fraction`` (``Point(1, 2) / 2`` is
  ``Point(Fraction(1, 2), 1)``), so an intersection of integer segments is exact.
* ``float`` is **EPS-aware**: a value is taken as zero when ``|x| <= eps * scale``, where
  ``scale`` is the magnitude of the operands that produced it.  For the orientation of
  ``a, b, c`` the value is the cross product ``(b - a) x (c - a)`` and the scale is
  ``|b - a| * |c - a|``, so the test reads "the sine of the angle at ``a`` is below
  ``eps``" (the same idea as kactl's ``sideOf``, made relative): scaling every coordinate
  by ``10**6`` does not flip the answer.

:func:`sign` is the single place where a float is compared with zero; every predicate
takes an ``eps`` argument (default :data:`EPS`) and passes it there.  A computation mixing
ints and floats is a float computation.

Inputs are validated where they enter: a point may be a :class:`Point`, a pair of numbers
or a numpy array of shape ``(2,)``; NaN, inf, a wrong shape or a non-number give
``ValueError``/``TypeError`` naming the argument.  numpy scalars become Python numbers,
so a numpy ``int64`` point stays exact.

Complexity: every function here is O(1).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import Any, Literal, TypeAlias

import numpy as np

Scalar: TypeAlias = int | float | Fraction
PointLike: TypeAlias = "Point | tuple[Scalar, Scalar] | list[Scalar] | np.ndarray[Any, Any]"
PointsLike: TypeAlias = "Iterable[PointLike] | np.ndarray[Any, Any]"
Sign: TypeAlias = Literal[-1, 0, 1]

EPS = 1e-9
"""Default relative tolerance of the float predicates."""


@dataclass(frozen=True, slots=True)
class Point:
    """An immutable 2-D point or vector with exact arithmetic on exact coordinates.

    Examples
    --------
    >>> p = Point(1, 2) + Point(3, 4)
    >>> p, p * 2, p - Point(1, 1), p / 4
    (Point(x=4, y=6), Point(x=8, y=12), Point(x=3, y=5), Point(x=1, y=Fraction(3, 2)))
    >>> x, y = p
    >>> {Point(1, 2), Point(1, 2)}
    {Point(x=1, y=2)}
    """

    x: Scalar
    y: Scalar

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def __mul__(self, factor: Scalar) -> Point:
        return Point(self.x * factor, self.y * factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: Scalar) -> Point:
        return Point(divide(self.x, divisor), divide(self.y, divisor))

    def __neg__(self) -> Point:
        return Point(-self.x, -self.y)

    def __iter__(self) -> Iterator[Scalar]:
        yield self.x
        yield self.y


ORIGIN = Point(0, 0)


def divide(numerator: Scalar, denominator: Scalar) -> Scalar:
    """``numerator / denominator``, exact (a ``Fraction``) when both are exact.

    >>> divide(1, 3), divide(1.0, 4)
    (Fraction(1, 3), 0.25)
    """
    if isinstance(numerator, Rational) and isinstance(denominator, Rational):
        quotient = Fraction(numerator) / Fraction(denominator)
        return quotient.numerator if quotient.denominator == 1 else quotient
    return numerator / denominator


def is_exact(*values: Scalar) -> bool:
    """True when every value is an int or a Fraction (no tolerance applies)."""
    return all(isinstance(v, Rational) for v in values)


def sign(value: Scalar, eps: float = EPS, scale: Scalar = 1) -> Sign:
    """The sign of ``value``; a float with ``|value| <= eps * scale`` counts as zero.

    This is the only place where a float is compared with zero.

    Parameters
    ----------
    value : int, float or Fraction
        The quantity whose sign is wanted.
    eps : float
        Relative tolerance, used only when ``value`` is a float.
    scale : int, float or Fraction
        The magnitude of the operands that produced ``value``.

    Examples
    --------
    >>> sign(3), sign(-Fraction(1, 10**30)), sign(1e-12), sign(1e-12, eps=0.0)
    (1, -1, 0, 1)
    """
    if isinstance(value, float) and abs(value) <= eps * float(scale):
        return 0
    return 1 if value > 0 else -1 if value < 0 else 0


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
    if not math.isfinite(theta):
        raise ValueError(f"theta must be a finite angle in radians, got {theta!r}")
    c, s = math.cos(theta), math.sin(theta)
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

    Exact on ints and Fractions; on floats, collinear when the sine of the angle at ``a``
    is at most ``eps`` (see the module docstring).  Any two equal points are collinear.

    Parameters
    ----------
    a, b, c : PointLike
        The three points.
    eps : float
        Relative tolerance for float input.

    Returns
    -------
    -1, 0 or 1

    Raises
    ------
    ValueError
        If a point is not two finite numbers.

    Examples
    --------
    >>> orientation((0, 0), (1, 0), (0, 1)), orientation((0, 0), (1, 1), (2, 2))
    (1, 0)
    >>> orientation((0.0, 0.0), (1.0, 0.0), (2.0, 1e-12))
    0
    """
    p, q, r = as_point(a, "a"), as_point(b, "b"), as_point(c, "c")
    return orient(p, q, r, eps)


def orient(a: Point, b: Point, c: Point, eps: float = EPS) -> Sign:
    """:func:`orientation` on already validated points (no conversion: for inner loops)."""
    ux, uy, vx, vy = b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y
    value = ux * vy - uy * vx
    if isinstance(value, float):
        return sign(value, eps, math.hypot(ux, uy) * math.hypot(vx, vy))
    return 1 if value > 0 else -1 if value < 0 else 0


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
    >>> as_point((1, float("nan")), "q")
    Traceback (most recent call last):
    ...
    ValueError: q must have finite coordinates, got (1, nan)
    """
    if isinstance(p, Point):
        return p
    if isinstance(p, np.ndarray):
        if p.shape != (2,):
            raise ValueError(f"{name} must have shape (2,), got an array of shape {p.shape}")
        coords = p.tolist()
    elif isinstance(p, tuple | list):
        if len(p) != 2:
            raise ValueError(f"{name} must be a pair (x, y), got {len(p)} values: {p!r}")
        coords = list(p)
    else:
        raise TypeError(
            f"{name} must be a Point, a pair (x, y) or an array of shape (2,), got {p!r}"
        )
    x, y = (_as_scalar(c, name, p) for c in coords)
    return Point(x, y)


def as_points(points: object, name: str = "points") -> list[Point]:
    """Validate a collection of points: an iterable of point-likes or an ``(n, 2)`` array.

    Returns a new list (the input is never mutated).

    Raises
    ------
    TypeError, ValueError
        As :func:`as_point`, naming the offending element as ``points[i]``.

    Examples
    --------
    >>> as_points(np.array([[0, 1], [2, 3]]))
    [Point(x=0, y=1), Point(x=2, y=3)]
    """
    array = numeric_array(points, name)
    if array is not None:
        return [Point(x, y) for x, y in array.tolist()]
    rows: Iterable[object]
    if isinstance(points, np.ndarray):  # an object array of Fractions, say
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"{name} must have shape (n, 2), got an array of shape {points.shape}")
        rows = points.tolist()
    elif isinstance(points, Iterable) and not isinstance(points, str | bytes | Point):
        rows = points
    else:
        raise TypeError(f"{name} must be a sequence of points or an (n, 2) array, got {points!r}")
    return [as_point(p, f"{name}[{i}]") for i, p in enumerate(rows)]


def numeric_array(points: object, name: str = "points") -> np.ndarray[Any, Any] | None:
    """``points`` itself when it is a numeric ``(n, 2)`` array, checked finite; else None.

    The fast path of large inputs: one vectorised check instead of one per point.
    ``.tolist()`` of the result gives Python ints (exact) or floats.

    Raises
    ------
    ValueError
        If the array holds NaN or inf, naming the first such point as ``points[i]``.

    Examples
    --------
    >>> numeric_array(np.array([[0.0, 1.0], [np.inf, 0.0]]), "xy")
    Traceback (most recent call last):
    ...
    ValueError: xy[1] must have finite coordinates, got [inf, 0.0]
    >>> numeric_array([(0, 1)]) is None
    True
    """
    if not (
        isinstance(points, np.ndarray)
        and points.ndim == 2
        and points.shape[1] == 2
        and points.dtype.kind in "iuf"
    ):
        return None
    if points.dtype.kind == "f":
        finite = np.isfinite(points).all(axis=1)
        if not finite.all():
            i = int(np.argmin(finite))
            raise ValueError(f"{name}[{i}] must have finite coordinates, got {points[i].tolist()}")
    return points


def _as_scalar(value: object, name: str, whole: object) -> Scalar:
    if isinstance(value, np.generic) and not isinstance(value, np.bool_):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise TypeError(f"{name} must have real-number coordinates, got {whole!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{name} must have finite coordinates, got {whole!r}")
    return value
