"""Computational geometry in the plane: primitives, segments, polygons, hulls, circles."""

from workbook.compare import BY_VALUE, CYCLIC, Equivalence
from workbook.exercise import Exercise

_POINTS = "benchmarks/algos/geometry/"
_FLOAT = BY_VALUE.within(rel=1e-9, abs=1e-9)  # float answers a user computes in another order
_IMPORTS = ("Point = tuple[float, float]",)
_COORDINATES = "Coordinates are integers with |x|, |y| <= 10^4 unless stated otherwise."


def _geometry(
    exercise_id: str,
    module: str,
    difficulty: str,
    complexity: str,
    statement: str,
    signature: str,
    *,
    source: str = "",
    compare: Equivalence = BY_VALUE,
    bench: str | None = None,
    variant_of: str | None = None,
    name: str | None = None,
) -> Exercise:
    return Exercise(
        id=exercise_id,
        reference=f"algos.geometry.{module}:{name or exercise_id}",
        topic="geometry",
        difficulty=difficulty,  # type: ignore[arg-type]
        complexity=complexity,
        source=source,
        statement=f"{statement.strip()}\n\n{_COORDINATES}",
        signature=signature,
        imports=_IMPORTS,
        compare=compare,
        bench=_POINTS + bench if bench else None,
        variant_of=variant_of,
    )


EXERCISES = [
    _geometry(
        "dot",
        "primitives",
        "easy",
        "O(1)",
        """
The dot product of two vectors u = (ux, uy) and v = (vx, vy): ux*vx + uy*vy.

    >>> dot((1, 2), (3, 4))
    11
""",
        "def dot(u: Point, v: Point) -> float",
        bench="bench_primitives.py",
    ),
    _geometry(
        "cross",
        "primitives",
        "easy",
        "O(1)",
        """
The z-component of the cross product of u and v: ux*vy - uy*vx.  It is positive when
v is counter-clockwise of u, and twice the signed area of the triangle (0, u, v).

    >>> cross((1, 0), (0, 1)), cross((0, 1), (1, 0))
    (1, -1)
""",
        "def cross(u: Point, v: Point) -> float",
        bench="bench_primitives.py",
    ),
    _geometry(
        "norm",
        "primitives",
        "easy",
        "O(1)",
        """
The Euclidean length of the vector v, as a float.

    >>> norm((3, 4))
    5.0
""",
        "def norm(v: Point) -> float",
        compare=_FLOAT,
        bench="bench_primitives.py",
    ),
    _geometry(
        "dist",
        "primitives",
        "easy",
        "O(1)",
        """
The Euclidean distance between points a and b, as a float.

    >>> dist((0, 0), (3, 4))
    5.0
""",
        "def dist(a: Point, b: Point) -> float",
        compare=_FLOAT,
        bench="bench_primitives.py",
    ),
    _geometry(
        "angle",
        "primitives",
        "easy",
        "O(1)",
        """
The polar angle of the vector v in radians, in (-pi, pi]; the angle of (0, 0) is 0.

    >>> round(angle((0, 1)), 6), round(angle((-1, 0)), 6)
    (1.570796, 3.141593)
""",
        "def angle(v: Point) -> float",
        compare=_FLOAT,
        bench="bench_primitives.py",
    ),
    _geometry(
        "rotate",
        "primitives",
        "easy",
        "O(1)",
        """
The point p rotated counter-clockwise by theta radians about the point `about`
(default the origin), as a pair of floats.

    >>> x, y = rotate((1, 0), math.pi / 2)
    >>> round(x, 9) + 0.0, round(y, 9)
    (0.0, 1.0)
""",
        "def rotate(p: Point, theta: float, about: Point = (0, 0)) -> Point",
        compare=_FLOAT,
        bench="bench_primitives.py",
    ),
    _geometry(
        "orientation",
        "primitives",
        "easy",
        "O(1)",
        """
The turn a -> b -> c: 1 if counter-clockwise, -1 if clockwise, 0 if the three points
are collinear (any two equal points are collinear).

    >>> orientation((0, 0), (1, 0), (0, 1)), orientation((0, 0), (1, 1), (2, 2))
    (1, 0)
""",
        "def orientation(a: Point, b: Point, c: Point) -> int",
        bench="bench_primitives.py",
    ),
    _geometry(
        "point_on_segment",
        "segments",
        "easy",
        "O(1)",
        """
Whether the point p lies on the closed segment ab (its endpoints included).  The
segment may have zero length, a == b: it is then the single point a.

    >>> point_on_segment((1, 1), (0, 0), (2, 2)), point_on_segment((3, 3), (0, 0), (2, 2))
    (True, False)
""",
        "def point_on_segment(p: Point, a: Point, b: Point) -> bool",
        source="kactl OnSegment.h",
        bench="bench_segments.py",
    ),
    _geometry(
        "segments_intersect",
        "segments",
        "medium",
        "O(1)",
        """
Whether the closed segments p1p2 and q1q2 share at least one point.  Touching (an
endpoint on the other segment) and collinear overlap count; a segment may have zero
length.

    >>> segments_intersect((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_intersect((0, 0), (1, 0), (2, 0), (3, 0))
    False
""",
        "def segments_intersect(p1: Point, p2: Point, q1: Point, q2: Point) -> bool",
        source="CLRS 33.1",
        bench="bench_segments.py",
    ),
    _geometry(
        "segment_intersection",
        "segments",
        "hard",
        "O(1)",
        """
The common points of the closed segments p1p2 and q1q2: [] if they are disjoint, [x]
if they meet in one point, and the two ends of the shared piece, lexicographically
smallest first, if they overlap along a segment.  Coordinates of the answer may be
fractions: return exact Fractions or floats.

    >>> segment_intersection((0, 0), (2, 2), (0, 2), (2, 0))
    [(1, 1)]
    >>> segment_intersection((0, 0), (4, 0), (3, 0), (1, 0))
    [(1, 0), (3, 0)]
    >>> segment_intersection((0, 0), (1, 0), (0, 1), (1, 1))
    []
""",
        "def segment_intersection(p1: Point, p2: Point, q1: Point, q2: Point) -> list[Point]",
        source="kactl SegmentIntersection.h",
        compare=_FLOAT,
        bench="bench_segments.py",
    ),
    _geometry(
        "line_intersection",
        "lines",
        "easy",
        "O(1)",
        """
The common point of the infinite lines through p1, p2 and through q1, q2 (each given
by two distinct points), or None when the lines are parallel or coincident.

    >>> line_intersection((0, 0), (2, 2), (0, 2), (2, 0))
    (1, 1)
    >>> line_intersection((0, 0), (1, 0), (5, 0), (6, 0)) is None
    True
""",
        "def line_intersection(p1: Point, p2: Point, q1: Point, q2: Point) -> Point | None",
        source="kactl LineIntersection.h",
        compare=_FLOAT,
        bench="bench_segments.py",
    ),
    _geometry(
        "point_segment_distance",
        "segments",
        "easy",
        "O(1)",
        """
The Euclidean distance from the point p to the closed segment ab (a == b allowed).

    >>> point_segment_distance((1, 1), (0, 0), (2, 0))
    1.0
    >>> point_segment_distance((5, 4), (0, 0), (2, 0))
    5.0
""",
        "def point_segment_distance(p: Point, a: Point, b: Point) -> float",
        source="kactl SegmentDistance.h",
        compare=_FLOAT,
        bench="bench_segments.py",
    ),
    _geometry(
        "project",
        "lines",
        "easy",
        "O(1)",
        """
The orthogonal projection of the point p onto the infinite line through the distinct
points a and b.

    >>> project((1, 5), (0, 0), (4, 0))
    (1, 0)
""",
        "def project(p: Point, a: Point, b: Point) -> Point",
        source="kactl LineProjectionReflection.h",
        compare=_FLOAT,
        bench="bench_segments.py",
    ),
    _geometry(
        "polygon_area",
        "polygon",
        "easy",
        "O(n)",
        """
The signed area of a simple polygon given by its vertices in order (at least 3; the
closing edge is implied): positive when they run counter-clockwise.

    >>> polygon_area([(0, 0), (4, 0), (4, 3)])
    6.0
    >>> polygon_area([(0, 0), (0, 1), (1, 1), (1, 0)])
    -1.0
""",
        "def polygon_area(poly: list[Point]) -> float",
        source="kactl PolygonArea.h",
        compare=_FLOAT,
        bench="bench_polygon.py",
    ),
    _geometry(
        "polygon_centroid",
        "polygon",
        "medium",
        "O(n)",
        """
The centre of mass of a simple polygon of non-zero area, given by its vertices in
order (either orientation).

    >>> polygon_centroid([(0, 0), (4, 0), (4, 4), (0, 4)])
    (2.0, 2.0)
""",
        "def polygon_centroid(poly: list[Point]) -> Point",
        source="kactl PolygonCenter.h",
        compare=_FLOAT,
        bench="bench_polygon.py",
    ),
    _geometry(
        "point_in_polygon",
        "polygon",
        "medium",
        "O(n)",
        """
Where the point p lies relative to a simple polygon (vertices in order): the string
"inside", "boundary" or "outside".

    >>> square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    >>> point_in_polygon((1, 1), square), point_in_polygon((4, 2), square)
    ('inside', 'boundary')
""",
        "def point_in_polygon(p: Point, poly: list[Point]) -> str",
        source="kactl InsidePolygon.h",
        bench="bench_polygon.py",
    ),
    _geometry(
        "is_convex",
        "polygon",
        "medium",
        "O(n)",
        """
Whether the polygon (vertices in order, at least 3) is convex: every turn goes the
same way (straight vertices allowed) and the boundary does not cross itself.

    >>> is_convex([(0, 0), (2, 0), (2, 2), (0, 2)])
    True
    >>> is_convex([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2)])
    False
""",
        "def is_convex(poly: list[Point]) -> bool",
        source="LeetCode 469",
        bench="bench_polygon.py",
    ),
    _geometry(
        "convex_hull",
        "hull",
        "medium",
        "O(n log n)",
        """
The convex hull of a set of points: its vertices in counter-clockwise order, starting
anywhere, each once, without the points that lie on its edges.  Repeated input points
count once.  With fewer than 3 distinct points, or all of them on one line, return the
distinct extreme points: [], [p] or [p, q].

Constraints: 1 <= len(points) <= 10^4.

    >>> convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0)])
    [(0, 0), (2, 0), (2, 2), (0, 2)]
""",
        "def convex_hull(points: list[Point]) -> list[Point]",
        source="Andrew 1979",
        compare=CYCLIC,
        bench="bench_hull.py",
    ),
    _geometry(
        "convex_hull_np",
        "hull",
        "hard",
        "O(n log n)",
        """
The convex hull of an (n, 2) float array (float coordinates), as the indices of its
vertices in counter-clockwise order (starting anywhere), vectorised with numpy; a
repeated point gives its first index.  Points on the hull's edges are left out.  Beat
scipy.spatial.ConvexHull at n >= 10^4.

    >>> convex_hull_np(np.array([[1, 1], [0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]))
    array([1, 2, 3, 4])
""",
        "def convex_hull_np(xy: np.ndarray) -> np.ndarray",
        source="Akl & Toussaint 1978",
        compare=CYCLIC,
        bench="bench_hull.py",
        variant_of="convex_hull",
    ),
    _geometry(
        "diameter",
        "calipers",
        "medium",
        "O(n log n)",
        """
The farthest pair of a set of points and its distance: (d, p, q) with |p - q| = d
maximal, p and q in either order.  One point gives (0.0, p, p).  On ties any farthest
pair will do.

Constraints: 1 <= len(points) <= 10^4.

    >>> diameter([(0, 0), (4, 0), (4, 3), (1, 1)])
    (5.0, (0, 0), (4, 3))
""",
        "def diameter(points: list[Point]) -> tuple[float, Point, Point]",
        source="Shamos 1978",
        compare=_FLOAT,
        bench="bench_hull.py",
    ),
    _geometry(
        "min_width",
        "calipers",
        "medium",
        "O(n log n)",
        """
The minimum width of a set of points: the least distance between two parallel lines
that have every point between them (0.0 for collinear points).

Constraints: 1 <= len(points) <= 10^4.

    >>> min_width([(0, 0), (4, 0), (4, 3), (0, 3), (2, 1)])
    3.0
""",
        "def min_width(points: list[Point]) -> float",
        source="Toussaint 1983",
        compare=_FLOAT,
        bench="bench_hull.py",
    ),
    _geometry(
        "min_area_rectangle",
        "calipers",
        "hard",
        "O(n log n)",
        """
The enclosing rectangle of least area of a set of points, as (area, corners): the 4
corners counter-clockwise, any corner first.  Its sides need not be axis-parallel.  On
ties any least rectangle will do; collinear points give area 0 (and any 4 corners on
their segment).

Constraints: 1 <= len(points) <= 10^4.

    >>> area, corners = min_area_rectangle([(0, 0), (2, 0), (1, 1)])
    >>> area
    2
""",
        "def min_area_rectangle(points: list[Point]) -> tuple[float, list[Point]]",
        source="Freeman & Shapira 1975",
        compare=_FLOAT,
        bench="bench_hull.py",
    ),
    _geometry(
        "closest_pair",
        "closest_pair",
        "medium",
        "O(n log n)",
        """
The closest pair of a set of at least 2 points: (d, i, j) with i < j the indices of two
points at the smallest distance d (0.0 when a point repeats).  On ties any closest pair
will do.

Constraints: 2 <= len(points) <= 2 * 10^4.

    >>> closest_pair([(0, 0), (5, 5), (1, 1), (9, 0)])
    (1.4142135623730951, 0, 2)
""",
        "def closest_pair(points: list[Point]) -> tuple[float, int, int]",
        source="Shamos & Hoey 1975",
        bench="bench_closest_pair.py",
    ),
    _geometry(
        "closest_pair_np",
        "closest_pair",
        "hard",
        "O(n log n)",
        """
closest_pair for an (n, 2) numpy array of integers or floats, vectorised: (d, i, j)
with i < j the indices of a closest pair (any, on ties).  Beat scipy.spatial.cKDTree at
n >= 10^4.

    >>> closest_pair_np(np.array([[0, 0], [5, 5], [1, 1], [9, 0]]))
    (1.4142135623730951, 0, 2)
""",
        "def closest_pair_np(points: np.ndarray) -> tuple[float, int, int]",
        source="Shamos & Hoey 1975, vectorised",
        bench="bench_closest_pair.py",
        variant_of="closest_pair",
    ),
    _geometry(
        "half_plane_intersection",
        "halfplane",
        "hard",
        "O(n log n)",
        """
The intersection of closed half-planes, each given as (point, direction): the points
q with cross(direction, q - point) >= 0, i.e. on the left of the directed line.
Return the vertices of the intersection counter-clockwise (any start), without
repeated or collinear vertices; [] when it is empty; [p] or [p, q] when it is a point
or a segment.  The input is such that the intersection is bounded.

Constraints: 3 <= n <= 10^4 half-planes.

    >>> square = [((0, 0), (1, 0)), ((1, 0), (0, 1)), ((1, 1), (-1, 0)), ((0, 1), (0, -1))]
    >>> half_plane_intersection(square)
    [(0, 0), (1, 0), (1, 1), (0, 1)]
""",
        "def half_plane_intersection(halfplanes: list[tuple[Point, Point]]) -> list[Point]",
        source="cp-algorithms: half-plane intersection",
        compare=CYCLIC.within(rel=1e-9, abs=1e-9),
        bench="bench_halfplane.py",
    ),
    _geometry(
        "min_enclosing_circle",
        "enclosing_circle",
        "hard",
        "O(n) expected",
        """
The smallest circle containing every point, as (center, radius).

Constraints (LeetCode's): 1 <= len(points) <= 3000, 0 <= x, y <= 3000.

    >>> min_enclosing_circle([(0, 0), (2, 0), (1, 1)])
    ((1, 0), 1.0)
""",
        "def min_enclosing_circle(points: list[Point]) -> tuple[Point, float]",
        source="LeetCode 1924; Welzl 1991",
        compare=_FLOAT,
        bench="bench_circle.py",
    ),
    _geometry(
        "min_enclosing_circle_np",
        "enclosing_circle",
        "hard",
        "O(n) expected",
        """
min_enclosing_circle for an (n, 2) numpy array, in float64, using numpy scans to find
the points outside the current circle: (center, radius).  Beat shapely's
minimum_bounding_radius (building its MultiPoint included) at n >= 10^5.

    >>> min_enclosing_circle_np(np.array([[0, 0], [4, 0], [0, 3], [1, 1]]))
    ((2.0, 1.5), 2.5)
""",
        "def min_enclosing_circle_np(points: np.ndarray) -> tuple[Point, float]",
        source="Welzl 1991, vectorised",
        compare=_FLOAT,
        bench="bench_circle.py",
        variant_of="min_enclosing_circle",
    ),
    _geometry(
        "circle_line_intersection",
        "circle",
        "medium",
        "O(1)",
        """
The points where the line through the distinct points a and b meets the circle of the
given center and radius (an integer >= 0): [] if it misses, [h] if it is tangent, else
two points ordered along a -> b.

    >>> circle_line_intersection((0, 0), 5, (-10, 3), (10, 3))
    [(-4, 3), (4, 3)]
""",
        "def circle_line_intersection(\n"
        "    center: Point, radius: float, a: Point, b: Point\n"
        ") -> list[Point]",
        source="kactl CircleLine.h",
        compare=_FLOAT,
        bench="bench_circle.py",
    ),
    _geometry(
        "circle_circle_intersection",
        "circle",
        "medium",
        "O(1)",
        """
The common points of two circles that do not coincide (radii are integers >= 0): []
(apart, nested, or concentric), [x] (tangent), or two points, the one left of the
directed line c1 -> c2 first.

    >>> circle_circle_intersection((0, 0), 5, (6, 0), 5)
    [(3, 4), (3, -4)]
""",
        "def circle_circle_intersection(c1: Point, r1: float, c2: Point, r2: float) -> list[Point]",
        source="kactl CircleIntersection.h",
        compare=_FLOAT,
        bench="bench_circle.py",
    ),
]
