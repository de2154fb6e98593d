"""The numpy autograd engine as :func:`torch_oracle.check_op` talks to it, and shared
strategies of its tests.

``ENGINE`` makes a leaf :class:`Tensor` from an array, reads an output's array back, and
gets gradients the way a user does: clear the leaves' ``.grad``, call
``output.backward(upstream)`` for each output (so several outputs also exercise
accumulation), read the leaves' ``.grad``.  :func:`check` is ``check_op`` with it.

:func:`check_finite_differences` is the second, torch-free oracle: central differences
of ``<f(x), g>`` for a random ``g``, element by element, in float64.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes
from torch_oracle import Const, Engine, check_op

from ml_from_scratch.autograd import Tensor


def _gradients(
    outputs: Sequence[Tensor], leaves: Sequence[Tensor], upstreams: Sequence[np.ndarray]
) -> list[Any]:
    for leaf in leaves:
        leaf.grad = None
    for output, upstream in zip(outputs, upstreams, strict=True):
        if output.requires_grad:
            output.backward(upstream)
    return [leaf.grad for leaf in leaves]


ENGINE = Engine(
    name="ml_from_scratch.autograd",
    leaf=lambda array, requires_grad: Tensor(array, requires_grad=requires_grad),
    const=lambda value: value,
    value=lambda t: t.data,
    gradients=_gradients,
)


def check(
    impl: Callable[..., Any],
    oracle: Callable[..., Any],
    inputs: Sequence[np.ndarray | Const],
    **kwargs: Any,
) -> None:
    """``check_op`` against torch with this engine (forward, dtype and every gradient)."""
    __tracebackhide__ = True
    check_op(impl, oracle, inputs, engine=ENGINE, **kwargs)


def check_finite_differences(
    impl: Callable[..., Tensor],
    inputs: Sequence[np.ndarray],
    *,
    eps: float = 1e-6,
    tol: float = 1e-6,
    seed: int = 0,
) -> None:
    """Compare every gradient of ``<impl(*inputs), g>`` with central differences.

    float64 only.  The central difference errs by O(eps^2) from truncation and by
    O(ulp * |f| / eps) = 1e-10 |f| from rounding at eps = 1e-6; ``tol`` (times
    ``max(1, |gradient|)``) leaves room for both and still catches any wrong rule.
    """
    __tracebackhide__ = True
    arrays = [np.array(x, dtype=np.float64) for x in inputs]
    leaves = [Tensor(x, requires_grad=True) for x in arrays]
    out = impl(*leaves)
    upstream = np.random.default_rng(seed).standard_normal(out.shape)
    out.backward(upstream)

    def objective(values: list[np.ndarray]) -> float:
        return float(np.sum(impl(*(Tensor(v) for v in values)).data * upstream))

    for i, (x, leaf) in enumerate(zip(arrays, leaves, strict=True)):
        numeric = np.zeros_like(x)
        for j in np.ndindex(x.shape):
            plus, minus = [a.copy() for a in arrays], [a.copy() for a in arrays]
            plus[i][j] += eps
            minus[i][j] -= eps
            numeric[j] = (objective(plus) - objective(minus)) / (2 * eps)
        assert leaf.grad is not None, f"input {i} got no gradient"
        error = np.abs(leaf.grad - numeric) / np.maximum(1.0, np.abs(numeric))
        worst = np.unravel_index(int(np.argmax(error)), error.shape) if error.size else ()
        assert error.size == 0 or error.max() <= tol, (
            f"input {i} (shape {x.shape}): engine {leaf.grad[worst]!r}, finite differences "
            f"{numeric[worst]!r} at {worst}; relative error {error.max():.3g} > {tol:g}"
        )


# ------------------------------------------------------------------------- strategies

# A fifth of the profile's examples for the tests parametrized over many ops or dtypes:
# each (op, dtype) pair still sees 10 shapes in the dev profile, 40 in CI's.
FEW = settings(max_examples=max(10, settings().max_examples // 5))

SMALL_SHAPES = array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5)
DTYPES = [np.float64, np.float32]


def random_array(
    seed: int,
    shape: tuple[int, ...],
    dtype: Any = np.float64,
    *,
    low: float | None = None,
    ties: bool = False,
) -> np.ndarray:
    """Standard normal values (``low``: uniform on [low, low + 2]; ``ties``: small
    integers, so that maxima and clip bounds tie)."""
    rng = np.random.default_rng(seed)
    if ties:
        values = rng.integers(-2, 3, shape).astype(np.float64)
    elif low is not None:
        values = rng.uniform(low, low + 2.0, shape)
    else:
        values = rng.standard_normal(shape)
    return np.asarray(values, dtype=dtype)


seeds = st.integers(0, 2**32 - 1)


@st.composite
def axis_and_keepdims(draw: st.DrawFn, ndim: int) -> tuple[Any, bool]:
    """``axis`` as None, one (possibly negative) int, or a tuple of distinct axes."""
    keepdims = draw(st.booleans())
    if ndim == 0:
        return None, keepdims
    one = st.integers(-ndim, ndim - 1)
    several = st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(
        lambda axes: tuple(a - ndim if i % 2 else a for i, a in enumerate(axes))
    )
    return draw(st.none() | one | several), keepdims
