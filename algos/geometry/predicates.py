"""The number model: exact decisions on ints and Fractions, robust ones on floats.

Every routine of :mod:`algos.geometry` runs one code path on three kinds of number.

* Python ``int`` and :class:`fractions.Fraction` are **exact**: no tolerance applies, and
  a division of exact numbers gives a ``Fraction``.
* On ``float`` a decision is the sign of a quantity such as the cross product
  ``(b - a) x (c - a)``.  The quantity counts as **zero within a tolerance**,
  ``|value| <= eps * scale``, where ``scale`` is made of lengths of *differences* of the
  given points (for a turn: the square of the triangle's longest side), never of their
  absolute coordinates: moving every point, or scaling them by a power of two, changes no
  decision.  **Beyond the tolerance the sign is exact**: the float's sign is certain when
  ``|value|`` exceeds a bound on its rounding error (Shewchuk's filter for orient2d); where
  it does not, the quantity is recomputed in exact arithmetic on the given floats
  (``Fraction(x)`` is exact).  With the default ``eps`` the tolerance of a turn always
  exceeds that bound, so no turn ever needs the exact recomputation; with ``eps=0`` every
  decision is the exact one on the floats given.

:func:`sign` is the one place where a float is tested against zero; :func:`sign_np` is
its vectorised form.  Every float predicate computes a quantity, its scale and its error
bound, and asks :func:`sign`.

The tolerance of a turn ``a -> b -> c`` reads geometrically: the three points are
collinear when the triangle's height over its longest side is at most ``eps`` times that
side, ``|(b - a) x (c - a)| <= eps * L^2``.  It is symmetric in the three points, so
``orient(a, b, c) == orient(b, c, a) == -orient(b, a, c)`` on floats too.

Float coordinates must keep their products finite and normal: differences above about
``1e150`` or below about ``1e-140`` are outside the float contract.

Complexity: O(1) per predicate (the exact recomputation is a few Fraction products).

Source: J. R. Shewchuk, "Adaptive precision floating-point arithmetic and fast robust
geometric predicates", Discrete Comput. Geom. 18 (1997), the bound ``ccwerrboundA``;
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., section 3.1.

Status: :func:`orient` agrees with the exact sign of the determinant on hypothesis-drawn
big integers, Fractions and floats, including triples built to be collinear to the last
bit (where the filter must fall back); :func:`orient_np` equals :func:`orient` element by
element on the same inputs; the tolerance is invariant under translation and scaling by
powers of two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from algos.geometry.primitives import Point

Scalar: TypeAlias = int | float | Fraction
Sign: TypeAlias = Literal[-1, 0, 1]
SignArray: TypeAlias = npt.NDArray[np.int8]

EPS = 1e-9
"""Default relative tolerance of the float predicates."""

UNIT_ROUNDOFF = 2.0**-53
ROUNDING = (3 + 16 * UNIT_ROUNDOFF) * UNIT_ROUNDOFF
"""Shewchuk's ``ccwerrboundA``: ``|fl(x) - x| <= ROUNDING * (|l| + |r|)`` for
``x = l - r``, ``l`` and ``r`` products of two differences of floats."""

UNDERFLOW = 2.0**-1060
"""An absolute slack that covers products rounded to subnormal numbers."""

CERTAIN_EPS = 2 * ROUNDING
"""From this ``eps`` on, a turn's tolerance exceeds its rounding error bound: the float
sign beyond the tolerance is always the exact one (see :func:`orient`)."""


def sign(
    value: Scalar,
    eps: float = EPS,
    scale: Scalar = 1,
    *,
    error: float = 0.0,
    exact: Callable[[], Scalar] | None = None,
) -> Sign:
    """The sign of ``value``; a float with ``|value| <= eps * scale`` counts as zero.

    This is the only place where a float is tested against zero.

    Parameters
    ----------
    value : int, float or Fraction
        The computed quantity.  Ints and Fractions are exact: their sign is returned.
    eps : float
        Relative tolerance, applied to floats only.
    scale : int, float or Fraction
        The magnitude the tolerance is relative to (lengths of the operands).
    error : float
        A bound on the rounding error of a float ``value``: where ``|value|`` is within
        ``error`` of the tolerance, the float cannot tell which side it is on ...
    exact : callable, optional
        ... and ``exact()``, the same quantity in exact arithmetic, decides.

    Returns
    -------
    -1, 0 or 1

    Examples
    --------
    >>> sign(3), sign(-Fraction(1, 10**30)), sign(1e-12), sign(1e-12, eps=0.0)
    (1, -1, 0, 1)
    >>> sign(1e-17, eps=0.0, error=1e-16, exact=lambda: Fraction(-1, 10**17))
    -1
    """
    if isinstance(value, float):
        tolerance = eps * scale
        size: Scalar = abs(value)
        if exact is not None and abs(size - tolerance) <= error:  # the float cannot tell
            value = exact()
            size = value if value >= 0 else -value
        if size <= tolerance:
            return 0
    return 1 if value > 0 else -1 if value < 0 else 0


def sign_np(
    values: npt.NDArray[np.float64],
    tolerance: Any,
    *,
    error: npt.NDArray[np.float64] | None = None,
    exact: Callable[[npt.NDArray[np.intp]], Any] | None = None,
) -> SignArray:
    """:func:`sign` element by element: 0 where ``|value| <= tolerance``.

    Where ``|value|`` lies within ``error`` of ``tolerance``, ``exact(indices)`` gives
    the signs of those elements from their exact values (0 within the tolerance).

    >>> sign_np(np.array([2.0, -1e-12, -3.0]), 1e-9).tolist()
    [1, 0, -1]
    """
    above: npt.NDArray[np.bool_] = np.greater(values, tolerance)
    below: npt.NDArray[np.bool_] = np.less(values, -tolerance)
    signs: SignArray = above.view(np.int8) - below.view(np.int8)
    if error is not None and exact is not None:
        doubtful = np.flatnonzero(np.abs(np.abs(values) - tolerance) <= error)
        if doubtful.size:
            signs[doubtful] = exact(doubtful)
    return signs


def orient(a: Point, b: Point, c: Point, eps: float = EPS) -> Sign:
    """The turn ``a -> b -> c`` of validated points: 1 left, -1 right, 0 collinear.

    Exact on ints and Fractions.  On floats, collinear when the height of the triangle
    over its longest side ``L`` is at most ``eps * L`` (module docstring); beyond that the
    exact sign.  The tolerance ``eps * L^2`` exceeds the rounding bound ``ROUNDING *
    (|u_x v_y| + |u_y v_x|) <= ROUNDING * |u| |v|`` as soon as ``eps >= CERTAIN_EPS``, so
    the exact recomputation only runs for smaller ``eps``.

    Examples
    --------
    >>> from algos.geometry.primitives import Point
    >>> orient(Point(0, 0), Point(1, 0), Point(0, 1)), orient(Point(0, 0), Point(2, 2), Point(1, 1))
    (1, 0)
    >>> a, b, c = Point(0.1, 0.3), Point(0.2, 0.6), Point(0.7, 2.1)  # not collinear in binary
    >>> orient(a, b, c), orient(a, b, c, eps=0.0)
    (0, 1)
    """
    ax, ay, bx, by = a.x, a.y, b.x, b.y
    ux, uy, vx, vy = bx - ax, by - ay, c.x - ax, c.y - ay
    det = ux * vy - uy * vx
    if not isinstance(det, float):
        return 1 if det > 0 else -1 if det < 0 else 0
    wx, wy = c.x - bx, c.y - by
    u2, v2, w2 = ux * ux + uy * uy, vx * vx + vy * vy, wx * wx + wy * wy
    longest = u2 if u2 > v2 else v2
    if w2 > longest:
        longest = w2
    if eps >= CERTAIN_EPS:  # the tolerance covers the rounding error: no recomputation
        return sign(det, eps, longest)
    error = rounding_bound(ux * vy, uy * vx)
    return sign(det, eps, longest, error=error, exact=lambda: exact_orient(a, b, c))


def orient_np(
    a: tuple[Any, Any],
    b: tuple[Any, Any],
    c: tuple[Any, Any],
    eps: float = EPS,
    *,
    longest: Any = None,
) -> SignArray:
    """:func:`orient` on arrays: each point is a pair ``(x, y)`` of arrays or floats.

    The arrays broadcast against each other.  ``longest`` may replace the squared longest
    side by a larger bound (a scalar): the test is then more demanding, which is what a
    conservative filter wants.  The same floating-point operations as :func:`orient`
    give the same signs.

    >>> x = np.array([0.0, 1.0, 2.0])
    >>> orient_np((0.0, 0.0), (1.0, 0.0), (x, np.array([1.0, 1e-12, -1.0]))).tolist()
    [1, 0, -1]
    """
    (ax, ay), (bx, by), (cx, cy) = a, b, c
    ux, uy = bx - ax, by - ay
    vx, vy = np.subtract(cx, ax, dtype=np.float64), np.subtract(cy, ay, dtype=np.float64)
    if longest is None:
        wx, wy = cx - bx, cy - by
        longest = np.maximum(np.maximum(ux * ux + uy * uy, vx * vx + vy * vy), wx * wx + wy * wy)
    tolerance = eps * longest
    vy *= ux  # the products of orient, ux * vy and uy * vx, in place
    vx *= uy
    left, right = vy, vx
    if eps >= CERTAIN_EPS:  # the tolerance covers the rounding error: no exact recomputation
        left -= right
        return sign_np(left, tolerance)
    det = left - right

    def exact_signs(indices: npt.NDArray[np.intp]) -> list[int]:
        columns = np.broadcast_arrays(ax, ay, bx, by, cx, cy, tolerance, det)[:7]
        rows = zip(*(np.ravel(c)[indices].tolist() for c in columns), strict=True)
        return [_exact_sign(row) for row in rows]

    return sign_np(det, tolerance, error=rounding_bound(left, right), exact=exact_signs)


def turn(a: Point, b: Point, c: Point, d: Point, eps: float, scale: Scalar) -> Sign:
    """The sign of ``(b - a) x (d - c)``: zero within ``eps * scale``, exact beyond.

    1 when the direction ``d - c`` points left of ``b - a``.  The rounding bound of
    :func:`orient` holds: two products of differences of floats.

    >>> from algos.geometry.primitives import Point
    >>> turn(Point(0, 0), Point(1, 0), Point(5, 5), Point(5, 6), 0.0, 1)
    1
    """
    return _two_products(a, b, c, d, eps, scale, cross=True)


def cross_sign(u: Point, v: Point) -> Sign:
    """The exact sign of ``u x v`` for two directions given as numbers (no tolerance).

    >>> from algos.geometry.primitives import Point
    >>> cross_sign(Point(1.0, 0.0), Point(-1.0, 1e-300)), cross_sign(Point(2, 1), Point(4, 2))
    (1, 0)
    """
    left, right = u.x * v.y, u.y * v.x
    value = left - right
    if not isinstance(value, float):
        return 1 if value > 0 else -1 if value < 0 else 0

    def exact_cross() -> Fraction:
        ux, uy, vx, vy = fractions_of(u.x, u.y, v.x, v.y)
        return ux * vy - uy * vx

    return sign(value, 0.0, error=rounding_bound(left, right), exact=exact_cross)


def dot_sign(a: Point, b: Point, c: Point, d: Point, eps: float, scale: Scalar) -> Sign:
    """The sign of ``(b - a) . (d - c)``: zero within ``eps * scale``, exact beyond.

    Negative when the two directions point more than a quarter turn apart.  The rounding
    bound of :func:`orient` holds for a sum of products as for a difference.

    >>> from algos.geometry.primitives import Point
    >>> p, a, b = Point(1, 0), Point(0, 0), Point(2, 0)
    >>> dot_sign(p, a, p, b, 0.0, 4)  # p sees a and b in opposite directions
    -1
    """
    return _two_products(a, b, c, d, eps, scale, cross=False)


def rounding_bound(left: Any, right: Any) -> Any:
    """The bound on the rounding error of ``left - right``, two products of differences."""
    return ROUNDING * (abs(left) + abs(right)) + UNDERFLOW


def exact_orient(a: Point, b: Point, c: Point) -> Fraction:
    """``(b - a) x (c - a)`` in exact arithmetic on the coordinates given."""
    return _exact_det(a.x, a.y, b.x, b.y, c.x, c.y)


def fractions_of(*values: Scalar) -> list[Fraction]:
    """The values as Fractions: exact, a float too (its binary value)."""
    return [Fraction(v) for v in values]


def _exact_det(ax: Scalar, ay: Scalar, bx: Scalar, by: Scalar, cx: Scalar, cy: Scalar) -> Fraction:
    fax, fay, fbx, fby, fcx, fcy = fractions_of(ax, ay, bx, by, cx, cy)
    return (fbx - fax) * (fcy - fay) - (fby - fay) * (fcx - fax)


def _two_products(
    a: Point, b: Point, c: Point, d: Point, eps: float, scale: Scalar, *, cross: bool
) -> Sign:
    """``(b - a) x (d - c)`` (``cross``) or ``(b - a) . (d - c)``, through :func:`sign`."""
    ux, uy, vx, vy = b.x - a.x, b.y - a.y, d.x - c.x, d.y - c.y
    left, right = (ux * vy, -(uy * vx)) if cross else (ux * vx, uy * vy)
    value = left + right
    if not isinstance(value, float):
        return 1 if value > 0 else -1 if value < 0 else 0

    def exact_value() -> Fraction:
        ax, ay, bx, by, cx, cy, dx, dy = fractions_of(a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y)
        fux, fuy, fvx, fvy = bx - ax, by - ay, dx - cx, dy - cy
        return fux * fvy - fuy * fvx if cross else fux * fvx + fuy * fvy

    return sign(value, eps, scale, error=rounding_bound(left, right), exact=exact_value)


def _exact_sign(row: Sequence[Any]) -> int:
    """The exact turn of ``row = (ax, ay, bx, by, cx, cy, tolerance)``, 0 within it."""
    value = _exact_det(*row[:6])
    return 0 if abs(value) <= row[6] else (value > 0) - (value < 0)
