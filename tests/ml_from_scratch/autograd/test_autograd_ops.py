"""Every elementwise, reduction and shape op against ``torch.autograd``, forward and
every input's gradient, on hypothesis-drawn shapes.

Oracle: torch 2.13 in float64 (``check_op``'s 1e-10 tolerance, see ``torch_oracle``),
and in float32 where a test says so (2e-5: a few ulps times the reduction lengths here,
all under 10^3).  Shapes come from hypothesis (broadcasting pairs, 0-d to 4-d, keepdims,
negative axes); values from a generator seeded by hypothesis, so that shrinking works on
the shape and the seed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from autograd_engine import (
    DTYPES,
    FEW,
    SMALL_SHAPES,
    axis_and_keepdims,
    check,
    random_array,
    seeds,
)
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import basic_indices, mutually_broadcastable_shapes
from torch_oracle import Const

from ml_from_scratch.autograd import Tensor
from ml_from_scratch.autograd import functional as F

PAIRS = mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4, max_side=4)

BINARY = {
    "add": (lambda a, b: a + b, lambda a, b: a + b),
    "sub": (lambda a, b: a - b, lambda a, b: a - b),
    "mul": (lambda a, b: a * b, lambda a, b: a * b),
    "div": (lambda a, b: a / b, lambda a, b: a / b),
    "maximum": (F.maximum, torch.maximum),
    "minimum": (F.minimum, torch.minimum),
}


# --------------------------------------------------------------------- elementwise


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(shapes=PAIRS, seed=seeds, ties=st.booleans())
def test_binary_ops_broadcast(op: str, dtype: Any, shapes: Any, seed: int, ties: bool) -> None:
    # ties: small integer values, so maximum/minimum meet equal operands (torch splits
    # the gradient in halves) and division is kept away from 0 by the shift below.
    shape_a, shape_b = shapes.input_shapes
    a = random_array(seed, shape_a, dtype, ties=ties)
    b = random_array(seed + 1, shape_b, dtype, ties=ties)
    if op == "div":
        b = np.where(np.abs(b) < 0.5, b + 1.5, b).astype(dtype)
    ours, theirs = BINARY[op]
    check(ours, theirs, [a, b], name=op)


@pytest.mark.parametrize(
    "expression",
    [
        lambda x: x + 2.5,
        lambda x: 2.5 + x,
        lambda x: x - 3,
        lambda x: 3 - x,
        lambda x: x * -1.5,
        lambda x: -1.5 * x,
        lambda x: x / 4.0,
        lambda x: 4.0 / x,
        lambda x: x**2,
        lambda x: x**3,
        lambda x: x**0.5,
        lambda x: x**-1.5,
        lambda x: x**0,
        lambda x: 2.0**x,
        lambda x: -x,
    ],
    ids=[
        "x+s",
        "s+x",
        "x-s",
        "s-x",
        "x*s",
        "s*x",
        "x/s",
        "s/x",
        "x**2",
        "x**3",
        "sqrt",
        "x**-1.5",
        "x**0",
        "2**x",
        "neg",
    ],
)
@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(shape=SMALL_SHAPES, seed=seeds)
def test_python_scalars_on_either_side(expression: Any, dtype: Any, shape: Any, seed: int) -> None:
    x = random_array(seed, shape, dtype, low=0.5)  # positive: fractional powers are real
    check(expression, expression, [x])


@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(shapes=PAIRS, seed=seeds)
def test_pow_with_a_tensor_exponent(dtype: Any, shapes: Any, seed: int) -> None:
    base = random_array(seed, shapes.input_shapes[0], dtype, low=0.5)
    exponent = random_array(seed + 1, shapes.input_shapes[1], dtype)
    check(lambda a, b: a**b, lambda a, b: a**b, [base, exponent])


def test_pow_special_points_as_torch() -> None:
    # 0 ** y: torch's gradient for the exponent is 0 where y >= 0; x ** 0 has base
    # gradient 0 even at x = 0.
    base = np.array([0.0, 0.0, 2.0, 0.0])
    exponent = np.array([2.0, 0.0, 0.0, 1.0])
    check(lambda a, b: a**b, lambda a, b: a**b, [base, exponent])


UNARY = {
    "exp": (F.exp, torch.exp, None),
    "log": (F.log, torch.log, 0.1),
    "sqrt": (F.sqrt, torch.sqrt, 0.1),
    "abs": (F.abs, torch.abs, None),
    "tanh": (F.tanh, torch.tanh, None),
    "sigmoid": (F.sigmoid, torch.sigmoid, None),
    "relu": (F.relu, torch.relu, None),
    "gelu": (F.gelu, torch.nn.functional.gelu, None),
    "gelu_tanh": (
        lambda x: F.gelu(x, approximate="tanh"),
        lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
        None,
    ),
}


@pytest.mark.parametrize("op", UNARY)
@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(shape=SMALL_SHAPES, seed=seeds, ties=st.booleans())
def test_unary_ops(op: str, dtype: Any, shape: Any, seed: int, ties: bool) -> None:
    # ties: integer values, exact zeros among them (abs and relu have gradient 0 there).
    ours, theirs, low = UNARY[op]
    x = random_array(seed, shape, dtype, low=low, ties=ties and low is None)
    check(ours, theirs, [x], name=op)


@pytest.mark.parametrize("op", ["sigmoid", "tanh", "exp", "gelu"])
def test_unary_ops_at_large_magnitudes(op: str) -> None:
    ours, theirs, _ = UNARY[op]
    x = np.array([-745.0, -100.0, -30.0, 30.0, 100.0, 700.0])
    check(ours, theirs, [x], name=op)


# torch_oracle hands a 0-d Const to torch as shape (1,) (np.ascontiguousarray makes
# 0-d arrays 1-d), so the condition has at least one axis here.
@given(
    shapes=mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=4).filter(
        lambda s: len(s.input_shapes[0]) >= 1
    ),
    seed=seeds,
)
def test_where(shapes: Any, seed: int) -> None:
    shape_c, shape_a, shape_b = shapes.input_shapes
    condition = np.asarray(np.random.default_rng(seed).random(shape_c) < 0.5)
    a, b = random_array(seed, shape_a), random_array(seed + 1, shape_b)
    check(F.where, torch.where, [Const(condition), a, b])


@pytest.mark.parametrize(("low", "high"), [(-1.0, 1.0), (None, 0.0), (0.0, None), (1.0, -1.0)])
@FEW
@given(shape=SMALL_SHAPES, seed=seeds, ties=st.booleans())
def test_clip(low: Any, high: Any, shape: Any, seed: int, ties: bool) -> None:
    # ties: values exactly at the bounds get the gradient, as torch.clamp gives it.
    x = random_array(seed, shape, ties=ties)
    check(lambda t: F.clip(t, low, high), lambda t: torch.clamp(t, low, high), [x])


# --------------------------------------------------------------------- matmul


@st.composite
def matmul_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    n, k, m = (draw(st.integers(1, 5)) for _ in range(3))
    batch = draw(mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3))
    a = (*batch.input_shapes[0], n, k)
    b = (*batch.input_shapes[1], k, m)
    kind = draw(st.sampled_from(["batched", "vector-left", "vector-right", "dot"]))
    if kind in ("vector-left", "dot"):
        a = (k,)
    if kind in ("vector-right", "dot"):
        b = (k,)
    return a, b


@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(shapes=matmul_shapes(), seed=seeds)
def test_matmul(dtype: Any, shapes: Any, seed: int) -> None:
    a, b = random_array(seed, shapes[0], dtype), random_array(seed + 1, shapes[1], dtype)
    check(lambda x, y: x @ y, lambda x, y: x @ y, [a, b])


def test_matmul_with_a_constant_operand() -> None:
    a, w = random_array(0, (3, 4)), random_array(1, (4, 2))
    check(lambda x: x @ w, lambda x: x @ torch.from_numpy(w), [a])
    check(lambda x: a @ x, lambda x: torch.from_numpy(a) @ x, [w])


# --------------------------------------------------------------------- reductions


def _torch_axes(axis: Any, ndim: int) -> Any:
    if axis is None:
        return tuple(range(ndim))
    return axis


@pytest.mark.parametrize("op", ["sum", "mean", "max", "min", "logsumexp"])
@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(data=st.data(), shape=SMALL_SHAPES, seed=seeds, ties=st.booleans())
def test_reductions(
    op: str, dtype: Any, data: st.DataObject, shape: Any, seed: int, ties: bool
) -> None:
    # max/min with ties split the gradient evenly among the tied maxima: torch.amax's rule.
    axis, keepdims = data.draw(axis_and_keepdims(len(shape)))
    x = random_array(seed, shape, dtype, ties=ties)
    dims = _torch_axes(axis, x.ndim)
    theirs = {
        "sum": lambda t: t.sum(dim=dims, keepdim=keepdims),
        "mean": lambda t: t.mean(dim=dims, keepdim=keepdims),
        "max": lambda t: torch.amax(t, dim=dims, keepdim=keepdims),
        "min": lambda t: torch.amin(t, dim=dims, keepdim=keepdims),
        "logsumexp": lambda t: torch.logsumexp(t, dim=dims, keepdim=keepdims),
    }[op]
    if x.ndim == 0 and op in ("sum", "mean", "logsumexp"):  # torch: dim=() of a 0-d tensor
        theirs = {"sum": lambda t: t * 1, "mean": lambda t: t * 1, "logsumexp": lambda t: t * 1}[op]
    check(lambda t: getattr(t, op)(axis, keepdims), theirs, [x], name=f"{op}(axis={axis})")


@pytest.mark.parametrize("op", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dtype", DTYPES)
@FEW
@given(data=st.data(), shape=SMALL_SHAPES.filter(len), seed=seeds)
def test_softmax_family(op: str, dtype: Any, data: st.DataObject, shape: Any, seed: int) -> None:
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    x = random_array(seed, shape, dtype) * 5
    theirs = getattr(torch, op)
    check(lambda t: getattr(F, op)(t, axis), lambda t: theirs(t, dim=axis), [x])


@pytest.mark.parametrize("op", ["softmax", "log_softmax", "logsumexp"])
def test_softmax_family_is_stable_at_logits_of_1000(op: str) -> None:
    x = np.array([[1000.0, 999.0, -1000.0], [-1000.0, -1001.0, -999.5]])
    theirs = {
        "softmax": lambda t: torch.softmax(t, dim=1),
        "log_softmax": lambda t: torch.log_softmax(t, dim=1),
        "logsumexp": lambda t: torch.logsumexp(t, dim=1),
    }[op]
    ours = {
        "softmax": lambda t: F.softmax(t, 1),
        "log_softmax": lambda t: F.log_softmax(t, 1),
        "logsumexp": lambda t: F.logsumexp(t, 1),
    }[op]
    check(ours, theirs, [x])
    assert np.all(np.isfinite(ours(Tensor(x)).data))


# --------------------------------------------------------------------- shape ops


@given(shape=SMALL_SHAPES, seed=seeds, data=st.data())
def test_reshape(shape: Any, seed: int, data: st.DataObject) -> None:
    x = random_array(seed, shape)
    size = x.size
    first = data.draw(st.sampled_from([d for d in range(1, size + 1) if size % d == 0]))
    new_shape = data.draw(st.sampled_from([(first, -1), (size,), (-1, first, 1)]))
    check(lambda t: t.reshape(new_shape), lambda t: t.reshape(new_shape), [x])


@given(shape=SMALL_SHAPES, seed=seeds, data=st.data())
def test_transpose_permute_and_T(shape: Any, seed: int, data: st.DataObject) -> None:
    x = random_array(seed, shape)
    axes = data.draw(st.permutations(range(x.ndim)))
    signed = tuple(a - x.ndim if i % 2 else a for i, a in enumerate(axes))
    check(lambda t: t.permute(*signed), lambda t: t.permute(signed), [x])
    check(lambda t: t.transpose(signed), lambda t: t.permute(signed), [x])
    reverse = tuple(range(x.ndim))[::-1]
    check(lambda t: t.T, lambda t: t.permute(reverse), [x])


@given(shapes=mutually_broadcastable_shapes(num_shapes=1, max_dims=4, max_side=4), seed=seeds)
def test_broadcast_to(shapes: Any, seed: int) -> None:
    x = random_array(seed, shapes.input_shapes[0])
    target = shapes.result_shape
    check(lambda t: t.broadcast_to(target), lambda t: t.broadcast_to(target), [x])


@pytest.mark.parametrize("op", ["concatenate", "stack"])
@FEW
@given(shape=SMALL_SHAPES.filter(len), seed=seeds, count=st.integers(1, 4), data=st.data())
def test_concatenate_and_stack(
    op: str, shape: Any, seed: int, count: int, data: st.DataObject
) -> None:
    ndim = len(shape) + (op == "stack")
    axis = data.draw(st.integers(-ndim, ndim - 1))
    shapes = [shape] * count
    if op == "concatenate":  # the joined axis may differ in length
        lengths = data.draw(st.lists(st.integers(1, 3), min_size=count, max_size=count))
        shapes = [tuple(n if i != axis % ndim else k for i, n in enumerate(shape)) for k in lengths]
    parts = [random_array(seed + i, s) for i, s in enumerate(shapes)]
    ours = getattr(F, op)
    theirs = torch.cat if op == "concatenate" else torch.stack
    check(lambda *ts: ours(list(ts), axis), lambda *ts: theirs(list(ts), axis), parts)


def _positive_steps(index: Any) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return not any(isinstance(p, slice) and (p.step or 1) < 0 for p in parts)


@given(shape=SMALL_SHAPES.filter(len), seed=seeds, data=st.data())
def test_basic_indexing(shape: Any, seed: int, data: st.DataObject) -> None:
    # torch has no negative-step slices: those are left out.
    indices = basic_indices(shape, allow_ellipsis=True, allow_newaxis=True)
    index = data.draw(indices.filter(_positive_steps))
    x = random_array(seed, shape)
    check(lambda t: t[index], lambda t: t[index], [x], name=f"x[{index!r}]")


@given(
    shape=SMALL_SHAPES.filter(len),
    seed=seeds,
    count=st.integers(1, 12),
    data=st.data(),
)
def test_integer_array_indexing_accumulates_repeats(
    shape: Any, seed: int, count: int, data: st.DataObject
) -> None:
    # More indices than rows: repeats are certain, and their gradients must add up.
    rng = np.random.default_rng(seed)
    rows = rng.integers(-shape[0], shape[0], count)
    x = random_array(seed, shape)
    check(lambda t, i: t[i], lambda t, i: t[i], [x, Const(rows)])
    if len(shape) >= 2:
        cols = rng.integers(0, shape[1], count)
        check(lambda t, i, j: t[i, j], lambda t, i, j: t[i, j], [x, Const(rows), Const(cols)])
        check(lambda t, j: t[:, j], lambda t, j: t[:, j], [x, Const(cols)])


@given(shape=SMALL_SHAPES.filter(len), seed=seeds)
def test_boolean_mask_indexing(shape: Any, seed: int) -> None:
    mask = np.asarray(np.random.default_rng(seed).random(shape) < 0.5)
    check(lambda t, m: t[m], lambda t, m: t[m], [random_array(seed, shape), Const(mask)])


@given(shape=SMALL_SHAPES.filter(lambda s: len(s) >= 2), seed=seeds, data=st.data())
def test_flatten(shape: Any, seed: int, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(shape) - 1))
    end = data.draw(st.integers(start, len(shape) - 1))
    check(
        lambda t: F.flatten(t, start, end),
        lambda t: torch.flatten(t, start, end),
        [random_array(seed, shape)],
    )
