"""The engine as a whole: random expression graphs against torch, finite differences,
a 10^5-op chain, accumulation, ``no_grad``, ``requires_grad`` propagation, dtypes and
the errors of ``backward`` and ``Tensor``."""

from __future__ import annotations

import gc
import sys
from typing import Any

import numpy as np
import pytest
import torch
from autograd_engine import check, check_finite_differences, random_array, seeds
from hypothesis import given
from hypothesis import strategies as st

from ml_from_scratch.autograd import Tensor, is_grad_enabled, no_grad
from ml_from_scratch.autograd import functional as F

# ------------------------------------------------------------- random expression graphs

# Each op exists in both engines under the same spelling (or a pair of functions); the
# binary ones are kept bounded (a * tanh(b), a / (1 + b^2)) so that 20 of them in a row
# neither overflow nor cancel to nothing.
UNARY_OPS: dict[str, Any] = {
    "tanh": lambda a: a.tanh(),
    "sigmoid": lambda a: a.sigmoid(),
    "relu": lambda a: a.relu(),
    "neg": lambda a: -a,
    "gauss": lambda a: (-(a * a)).exp(),
    "log1p_square": lambda a: (a * a + 1.0).log(),
    "scale": lambda a: a * 0.5 - 1.0,
    "row_sum": lambda a: a.sum(-1, keepdims=True) if isinstance(a, Tensor) else a.sum(-1, True),
}
BINARY_OPS: dict[str, Any] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul_tanh": lambda a, b: a * b.tanh(),
    "div_safe": lambda a, b: a / (b * b + 1.0),
    "maximum": (F.maximum, torch.maximum),
}


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]]]:
    """Leaf shapes and 2 to 20 steps, each reading any earlier value (shared
    sub-expressions), sometimes the same one twice (a tensor used twice)."""
    leaf_shapes = draw(
        st.lists(st.sampled_from([(3, 4), (4,), (3, 1), (1, 4)]), min_size=1, max_size=3)
    )
    steps = []
    for k in range(draw(st.integers(2, 20))):
        available = len(leaf_shapes) + k
        name = draw(st.sampled_from(sorted(UNARY_OPS) + sorted(BINARY_OPS)))
        first = draw(st.integers(0, available - 1))
        second = draw(st.integers(0, available - 1) | st.just(first))
        steps.append((name, first, second))
    return leaf_shapes, steps


def run_program(steps: list[tuple[str, int, int]], leaves: list[Any], engine: int) -> Any:
    values = list(leaves)
    for name, first, second in steps:
        if name in UNARY_OPS:
            values.append(UNARY_OPS[name](values[first]))
        else:
            op = BINARY_OPS[name]
            op = op[engine] if isinstance(op, tuple) else op
            values.append(op(values[first], values[second]))
    # The last value and one earlier one: two outputs, gradients summed over both.
    return values[-1], values[len(leaves) + len(steps) // 2 - 1]


@given(program=programs(), seed=seeds)
def test_random_expression_graphs_match_torch(program: Any, seed: int) -> None:
    leaf_shapes, steps = program
    leaves = [random_array(seed + i, shape) for i, shape in enumerate(leaf_shapes)]
    check(
        lambda *ts: run_program(steps, list(ts), 0),
        lambda *ts: run_program(steps, list(ts), 1),
        leaves,
        name=f"program {steps}",
    )


def test_a_tensor_used_twice_and_a_shared_subexpression() -> None:
    # y = x * x + s * s with s = x + x: dy/dx = 2x + 2 s 2 = 10 x.
    x = Tensor([1.0, -2.0, 3.0], requires_grad=True)
    s = x + x
    (x * x + s * s).sum().backward()
    assert x.grad is not None
    np.testing.assert_array_equal(x.grad, 10 * x.data)


# ------------------------------------------------------------- finite differences

FINITE_DIFFERENCE_CASES = {
    "layer_norm": (
        lambda x, w, b: F.layer_norm(x, (3,), w, b),
        [random_array(0, (2, 3)), random_array(1, (3,)), random_array(2, (3,))],
    ),
    "softmax": (lambda x: F.softmax(x, 0), [random_array(3, (4, 2))]),
    "log_softmax": (lambda x: F.log_softmax(x, -1), [random_array(4, (2, 5))]),
    "gelu": (F.gelu, [random_array(5, (6,))]),
    "pow": (lambda a, b: a**b, [random_array(6, (3,), low=0.5), random_array(7, (3,))]),
    "getitem_repeats": (lambda x: x[np.array([0, 2, 0, 0])] * 2.0, [random_array(8, (3, 2))]),
    "matmul_batched": (lambda a, b: a @ b, [random_array(9, (2, 3, 4)), random_array(10, (4,))]),
    "cross_entropy": (
        lambda z: F.cross_entropy(z, np.array([1, 0, 2])),
        [random_array(11, (3, 4))],
    ),
    "max_pool2d": (lambda x: F.max_pool2d(x, 2, 1), [random_array(12, (1, 2, 3, 3))]),
}


@pytest.mark.parametrize("case", FINITE_DIFFERENCE_CASES)
def test_gradients_by_finite_differences(case: str) -> None:
    # An oracle that shares nothing with torch: the definition of the derivative.
    impl, inputs = FINITE_DIFFERENCE_CASES[case]
    check_finite_differences(impl, inputs)


def test_finite_differences_catch_a_wrong_rule() -> None:
    def wrong_square(x: Tensor) -> Tensor:  # forward x^2, backward 3x instead of 2x
        from ml_from_scratch.autograd.tensor import result

        return result(x.data**2, (x,), lambda g: (3 * x.data * g,))

    with pytest.raises(AssertionError, match="finite differences"):
        check_finite_differences(wrong_square, [random_array(0, (3,))])


# ------------------------------------------------------------- backward semantics


def test_a_chain_of_a_hundred_thousand_ops() -> None:
    # No recursion anywhere: the default recursion limit (1000) is left as it is.  The
    # cyclic garbage collector is paused while the chain is alive: its full passes over
    # the million live objects of the graph, not the engine, would take most of the
    # time (the benchmark of time against depth measures it with the collector on).
    limit = sys.getrecursionlimit()
    x = Tensor(1.5, requires_grad=True)
    y = x
    gc.disable()
    try:
        for _ in range(10**5):
            y = y + x  # y_k = (k + 1) x
        y.backward()
    finally:
        gc.enable()
    assert x.grad is not None
    assert x.grad.item() == 10**5 + 1
    assert y.item() == 1.5 * (10**5 + 1)  # exact: every partial sum is a multiple of 0.5
    assert sys.getrecursionlimit() == limit


def test_gradients_accumulate_over_backward_calls_as_in_torch() -> None:
    data = random_array(0, (3, 2))
    ours = Tensor(data, requires_grad=True)
    theirs = torch.tensor(data, requires_grad=True)
    loss_ours = (ours.tanh() * ours).sum()
    loss_theirs = (theirs.tanh() * theirs).sum()
    loss_ours.backward()
    loss_theirs.backward(retain_graph=True)
    loss_ours.backward()
    loss_theirs.backward(retain_graph=True)
    (ours * 3.0).sum().backward()
    (theirs * 3.0).sum().backward()
    assert ours.grad is not None
    assert theirs.grad is not None
    np.testing.assert_allclose(ours.grad, theirs.grad.numpy(), rtol=1e-12, atol=1e-12)
    ours.grad = None
    (ours * 2.0).sum().backward()
    np.testing.assert_array_equal(ours.grad, np.full((3, 2), 2.0))


def test_only_leaves_keep_a_gradient_and_each_its_own_array() -> None:
    x, y = Tensor([1.0, 2.0], requires_grad=True), Tensor([3.0, 4.0], requires_grad=True)
    h = x + y
    (h * 1.0).sum().backward()
    assert h.grad is None  # as in torch: no .grad on a non-leaf
    assert x.grad is not None
    assert y.grad is not None
    assert not np.shares_memory(x.grad, y.grad)  # the same upstream array, copied once
    x.grad *= 10  # the caller's to write
    np.testing.assert_array_equal(y.grad, [1.0, 1.0])


def test_backward_with_an_explicit_gradient() -> None:
    x = Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    upstream = np.array([[1.0, -1.0], [0.5, 2.0]])
    (x * x).backward(upstream)
    np.testing.assert_array_equal(x.grad, 2 * x.data * upstream)
    upstream[...] = 0  # the engine kept no reference to the caller's array
    np.testing.assert_array_equal(x.grad, 2 * x.data * [[1.0, -1.0], [0.5, 2.0]])


def test_no_grad_records_nothing_and_restores_the_mode() -> None:
    w = Tensor([1.0, 2.0], requires_grad=True)
    with no_grad():
        assert not is_grad_enabled()
        y = w * 2 + 1
        with no_grad():
            z = y.exp()
        assert not is_grad_enabled()
    assert is_grad_enabled()
    assert not y.requires_grad
    assert not z.requires_grad
    assert y.parents == ()
    with pytest.raises(RuntimeError, match="inside"), no_grad():
        raise RuntimeError("inside")
    assert is_grad_enabled()

    @no_grad()
    def predict(t: Tensor) -> Tensor:
        return t * 3

    assert not predict(w).requires_grad
    assert (w * 3).requires_grad


def test_requires_grad_propagates_from_any_input() -> None:
    a, c = Tensor([1.0], requires_grad=True), Tensor([2.0])
    assert (a + c).requires_grad
    assert (c * a).requires_grad
    assert not (c + c).requires_grad
    assert (c + c).parents == ()
    assert not a.detach().requires_grad
    assert a.detach().is_leaf
    assert not (a.detach() * 2).requires_grad
    d = a * c
    d.backward()
    assert c.grad is None  # a constant gets no gradient
    assert a.grad is not None
    assert a.grad.tolist() == [2.0]


def test_float32_stays_float32_and_mixed_dtypes_promote() -> None:
    x32 = Tensor(np.ones((2, 3), dtype=np.float32), requires_grad=True)
    y = ((x32 * 2.0 + 1).exp() / 3.0 - x32**2).sum(axis=0).mean()
    assert y.dtype == np.float32
    y.backward()
    assert x32.grad is not None
    assert x32.grad.dtype == np.float32
    x64 = Tensor(np.ones(3), requires_grad=True)
    z = x32 * x64
    assert z.dtype == np.float64  # numpy's promotion, as torch's
    x32.grad = None
    z.sum().backward()
    assert x32.grad is not None
    assert x32.grad.dtype == np.float32


def test_tensor_copies_its_data_and_reports_its_attributes() -> None:
    source = np.arange(6.0).reshape(2, 3)
    t = Tensor(source)
    source[0, 0] = 100.0
    assert t.data[0, 0] == 0.0
    assert (t.shape, t.ndim, t.size, t.dtype, len(t)) == ((2, 3), 2, 6, np.float64, 2)
    assert Tensor([1, 2]).dtype == np.float64  # ints become float64
    assert Tensor(3.5).item() == 3.5
    assert isinstance(t.numpy(), np.ndarray)
    assert "requires_grad=True" in repr(Tensor([1.0], requires_grad=True))


def test_ops_never_write_into_their_inputs() -> None:
    arrays = [random_array(i, (3, 4)) for i in range(2)]
    before = [a.copy() for a in arrays]
    for a in arrays:
        a.setflags(write=False)
    x, w = (Tensor._wrap(a) for a in arrays)
    x.requires_grad = w.requires_grad = True
    loss = (F.softmax(x * w, -1) + F.layer_norm(x, 4) + x[np.array([0, 0])].sum()).sum()
    loss.backward()
    for a, b in zip(arrays, before, strict=True):
        np.testing.assert_array_equal(a, b)


# ------------------------------------------------------------- errors


def test_backward_errors() -> None:
    x = Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(ValueError, match="grad must be given"):
        (x * 2).backward()
    with pytest.raises(ValueError, match=r"grad must have the tensor's shape \(2,\)"):
        (x * 2).backward(np.ones(3))
    with pytest.raises(ValueError, match="requires grad"):
        Tensor([1.0]).backward()


@pytest.mark.parametrize(
    ("make", "error", "word"),
    [
        (lambda: Tensor([1 + 2j]), TypeError, "real numbers"),
        (lambda: Tensor(["a"]), TypeError, "real numbers"),
        (lambda: Tensor([1.0], dtype=np.int32), TypeError, "dtype"),
        (lambda: Tensor([1.0], requires_grad=1), TypeError, "requires_grad"),
        (lambda: Tensor([1.0, 2.0]).sum(axis=2), ValueError, "axis"),
        (lambda: Tensor([1.0, 2.0]).sum(axis=(0, -1)), ValueError, "axis"),
        (lambda: Tensor([1.0, 2.0]).reshape(3), ValueError, "shape"),
        (lambda: Tensor(np.ones((2, 3))).transpose(0, 0), ValueError, "axes"),
        (lambda: Tensor([1.0]) @ Tensor(2.0), ValueError, "matmul"),
        (lambda: Tensor(np.ones(3))[np.array([5])], IndexError, "index"),
        (lambda: F.clip(Tensor([1.0])), ValueError, "low or high"),
        (lambda: F.where(np.array([1, 0]), Tensor([1.0, 2.0]), 0.0), TypeError, "condition"),
        (lambda: F.stack([Tensor([1.0]), Tensor([1.0, 2.0])]), ValueError, "one shape"),
        (lambda: F.concatenate([]), TypeError, "sequence"),
        (lambda: Tensor([1.0, 2.0]).item(), ValueError, "one element"),
    ],
)
def test_bad_input_is_named(make: Any, error: type[Exception], word: str) -> None:
    with pytest.raises(error, match=word):
        make()
