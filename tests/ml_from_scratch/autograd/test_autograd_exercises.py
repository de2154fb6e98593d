"""The autograd exercises, as ``workbook check`` runs them on a user's solution.

Each test takes the implementation under test from the exercise's fixture.  Oracles:
``torch.autograd`` for every gradient rule and ``torch.optim`` for the optimiser steps
(float64, compared with the exercise's tolerance, 1e-9 relative); a breadth-first
search for the set of nodes a root depends on.  Unmarked tests stay within each
statement's constraints; ``edge`` tests check the reference's further promises
(1-D matmul operands, dilation and groups, two normalised axes, 10^5-deep Value chains,
nodes whose ``==`` is not identity), ``contract`` tests its errors.
"""

from __future__ import annotations

import math
import operator
from collections import deque
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

from workbook.testing import (
    check,
    contract,
    edge,
    exercise_fixture,
    exercise_params,
    implementation,
)

unbroadcast = exercise_fixture("unbroadcast")
topological_order = exercise_fixture("topological_order")
matmul_backward = exercise_fixture("matmul_backward")
softmax_backward = exercise_fixture("softmax_backward")
log_softmax_backward = exercise_fixture("log_softmax_backward")
layer_norm_backward = exercise_fixture("layer_norm_backward")
conv2d_backward = exercise_fixture("conv2d_backward")
sgd_step = exercise_fixture("sgd_step")
adam_step = exercise_fixture("adam_step")
micrograd_value = exercise_fixture("micrograd_value")

seeds = st.integers(0, 2**32 - 1)
# Half the profile's examples for the properties that call torch per example, so that
# each stays well inside workbook check's time limit on a loaded machine.
HALF = settings(max_examples=max(20, settings().max_examples // 2))


def normal(seed: int, shape: tuple[int, ...]) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape)


def torch_gradients(f: Any, grad: np.ndarray, *inputs: np.ndarray) -> list[np.ndarray]:
    """d <f(*inputs), grad> / d input, for every input, by torch.autograd."""
    leaves = [torch.tensor(x, requires_grad=True) for x in inputs]
    out = f(*leaves)
    grads = torch.autograd.grad(out, leaves, torch.from_numpy(grad))
    return [g.numpy() for g in grads]


def _warm_up_torch() -> None:
    """torch loads parts of itself on first use (1.5 s for the first gradient given an
    upstream array, 3-5 s for the first optimiser, measured): do that at import, so
    that the first test's time limit under ``workbook check`` does not pay for it."""
    torch_gradients(lambda t: t.expand(2, 3), np.ones((2, 3)), np.zeros(3))
    torch_gradients(lambda t: t.expand(()), np.ones(()), np.zeros(()))
    x = np.zeros((1, 1, 2, 3))
    torch_gradients(lambda t: TF.layer_norm(torch.softmax(t, -1), (3,)), x, x)
    torch_gradients(lambda t: TF.conv2d(t, t), np.ones((1, 1, 1, 1)), x)
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)  # imports torch._dynamo


_warm_up_torch()


# ------------------------------------------------------------------ unbroadcast


def test_unbroadcast_worked_examples(unbroadcast: Any) -> None:
    check(unbroadcast, np.ones((2, 3)), (3,), expected=[2.0, 2.0, 2.0])
    check(unbroadcast, np.arange(6.0).reshape(2, 3), (2, 1), expected=[[3.0], [12.0]])
    check(unbroadcast, np.ones((2, 2)), (), expected=4.0)
    g = np.arange(24.0).reshape(2, 3, 4)
    check(unbroadcast, g, (2, 3, 4), expected=g)


@HALF
@given(shapes=mutually_broadcastable_shapes(num_shapes=1, max_dims=6, max_side=4), seed=seeds)
def test_unbroadcast_matches_torchs_expand(unbroadcast: Any, shapes: Any, seed: int) -> None:
    # The oracle: the gradient torch gives an input expanded to the broadcast shape.
    shape, target = shapes.input_shapes[0], shapes.result_shape
    grad = normal(seed, target)
    (expected,) = torch_gradients(lambda x: x.expand(target), grad, np.zeros(shape))
    result = check(unbroadcast, grad, shape, expected=expected)
    assert np.shape(result) == shape


@edge
def test_unbroadcast_leaves_its_argument_alone(unbroadcast: Any) -> None:
    grad = np.arange(6.0).reshape(2, 3)
    grad.setflags(write=False)
    unbroadcast(grad, (1, 3))
    unbroadcast(grad, (3,))


@contract
@pytest.mark.parametrize(("grad_shape", "shape"), [((2, 3), (4,)), ((3,), (2, 3)), ((2,), (3,))])
def test_unbroadcast_rejects_shapes_that_do_not_broadcast(
    unbroadcast: Any, grad_shape: Any, shape: Any
) -> None:
    with pytest.raises(ValueError, match="shape"):
        unbroadcast(np.ones(grad_shape), shape)


# ------------------------------------------------------------------ topological_order


class Node:
    def __init__(self, name: int, *parents: Node) -> None:
        self.name, self.parents = name, parents

    def __repr__(self) -> str:
        return f"Node({self.name})"


def reachable(root: Node) -> set[int]:
    """Every node ``root`` depends on, by breadth-first search (the oracle)."""
    seen, queue = {id(root)}, deque([root])
    while queue:
        for parent in queue.popleft().parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                queue.append(parent)
    return seen


def assert_topological(order: list[Any], root: Any) -> None:
    ids = [id(node) for node in order]
    assert len(ids) == len(set(ids)), "a node is listed twice"
    assert set(ids) == reachable(root), "not exactly the nodes root depends on"
    position = {key: i for i, key in enumerate(ids)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)], f"{node} comes before {parent}"
    assert order[-1] is root


def test_topological_order_worked_example(topological_order: Any) -> None:
    x = Node(0)
    y = Node(1, x, x)
    z = Node(2, y, x)
    assert [n.name for n in topological_order(z)] == [0, 1, 2]
    assert [n.name for n in topological_order(x)] == [0]


@st.composite
def dags(draw: st.DrawFn) -> Node:
    """Random DAGs: each new node picks up to 3 parents among the earlier ones."""
    nodes = [Node(0)]
    for i in range(1, draw(st.integers(1, 60))):
        parents = draw(st.lists(st.integers(0, i - 1), max_size=3))
        nodes.append(Node(i, *(nodes[p] for p in parents)))
    return nodes[-1]


@HALF
@given(root=dags())
def test_topological_order_of_random_dags(topological_order: Any, root: Node) -> None:
    assert_topological(topological_order(root), root)


def test_topological_order_of_a_deep_chain(topological_order: Any) -> None:
    # Depth 2 * 10^4, each node using its parent twice: 20 times the recursion limit.
    node = Node(0)
    for i in range(1, 2 * 10**4):
        node = Node(i, node, node)
    assert_topological(topological_order(node), node)


def test_topological_order_of_a_wide_graph(topological_order: Any) -> None:
    # 5 * 10^4 nodes sharing one input: listed once, not once per path.
    leaf = Node(-1)
    layer = [Node(i, leaf) for i in range(5 * 10**4)]
    root = Node(10**5, *layer)
    assert_topological(topological_order(root), root)


@edge
def test_topological_order_of_the_engines_own_nodes(topological_order: Any) -> None:
    from ml_from_scratch.autograd import Tensor, Value

    a = Value(1.0)
    b = a * a + a.exp()
    assert_topological(topological_order(b), b)
    x = Tensor([1.0], requires_grad=True)
    y = (x * x).sum() + x.sum()
    assert_topological(topological_order(y), y)


class Equalish(Node):
    """A node whose ``==`` says True to everything (as an array's is elementwise)."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


@edge
def test_topological_order_uses_identity_not_equality(topological_order: Any) -> None:
    leaves = [Equalish(i) for i in range(3)]
    root = Equalish(3, *leaves, leaves[0])
    assert_topological(topological_order(root), root)


# ------------------------------------------------------------------ gradient rules


@st.composite
def matmul_operands(draw: st.DrawFn, vectors: bool = False) -> tuple[tuple[int, ...], ...]:
    n, k, m = (draw(st.integers(1, 6)) for _ in range(3))
    batch = draw(mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3))
    a, b = (*batch.input_shapes[0], n, k), (*batch.input_shapes[1], k, m)
    if vectors:
        kind = draw(st.sampled_from(["left", "right", "both"]))
        a = (k,) if kind in ("left", "both") else a
        b = (k,) if kind in ("right", "both") else b
    return a, b


def check_matmul(impl: Any, shapes: Any, seed: int) -> None:
    a, b = normal(seed, shapes[0]), normal(seed + 1, shapes[1])
    grad = normal(seed + 2, np.matmul(a, b).shape)
    check(impl, grad, a, b, expected=torch_gradients(torch.matmul, grad, a, b))


def test_matmul_backward_worked_example(matmul_backward: Any) -> None:
    a, b = np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]])
    check(matmul_backward, np.ones((1, 1)), a, b, expected=([[3.0, 4.0]], [[1.0], [2.0]]))


@pytest.mark.parametrize(
    "shapes",
    [
        ((5, 2, 3), (3, 4)),
        ((3, 4), (2, 4, 5)),
        ((2, 1, 3, 4), (1, 3, 4, 2)),
        ((1, 2, 3), (4, 3, 2)),
    ],
    ids=["a stack times a matrix", "a matrix times a stack", "size-1 axes both ways", "one"],
)
def test_matmul_backward_sums_over_every_broadcast_axis(matmul_backward: Any, shapes: Any) -> None:
    # The draws below reach batch axes of size 1 only now and then: these always do.
    check_matmul(matmul_backward, shapes, 0)


@given(shapes=matmul_operands(), seed=seeds)
def test_matmul_backward_matches_torch(matmul_backward: Any, shapes: Any, seed: int) -> None:
    check_matmul(matmul_backward, shapes, seed)


@edge
@given(shapes=matmul_operands(vectors=True), seed=seeds)
def test_matmul_backward_with_1d_operands(matmul_backward: Any, shapes: Any, seed: int) -> None:
    check_matmul(matmul_backward, shapes, seed)


SOFTMAX_ORACLES = {"softmax_backward": torch.softmax, "log_softmax_backward": torch.log_softmax}


@pytest.mark.parametrize("exercise_id", exercise_params(*SOFTMAX_ORACLES))
@HALF
@given(
    shape=st.lists(st.integers(1, 5), min_size=1, max_size=4),
    seed=seeds,
    scale=st.sampled_from([1.0, 30.0, 1000.0]),
    data=st.data(),
)
def test_softmax_rules_match_torch(
    request: Any,
    exercise_id: str,
    shape: list[int],
    seed: int,
    scale: float,
    data: st.DataObject,
) -> None:
    # scale 1000: logits where an unshifted exp overflows.
    impl, torch_op = implementation(request, exercise_id), SOFTMAX_ORACLES[exercise_id]
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    x, grad = normal(seed, tuple(shape)) * scale, normal(seed + 1, tuple(shape))
    (expected,) = torch_gradients(lambda t: torch_op(t, dim=axis), grad, x)
    check(impl, grad, x, axis, expected=expected)


def test_softmax_backward_worked_examples(softmax_backward: Any) -> None:
    check(softmax_backward, np.array([1.0, 0.0]), np.array([0.0, 0.0]), expected=[0.25, -0.25])
    check(softmax_backward, np.ones((2, 3)), np.zeros((2, 3)), 1, expected=np.zeros((2, 3)))
    # A uniform upstream gradient moves nothing: the outputs always sum to 1.
    x = np.array([[1000.0, 0.0, -1000.0]])
    check(softmax_backward, np.full((1, 3), 7.0), x, expected=np.zeros((1, 3)))


def test_log_softmax_backward_worked_examples(log_softmax_backward: Any) -> None:
    check(log_softmax_backward, np.array([1.0, 0.0]), np.zeros(2), expected=[0.5, -0.5])
    check(log_softmax_backward, np.ones(2), np.array([1000.0, 0.0]), expected=[-1.0, 1.0])


@given(
    batch=st.lists(st.integers(1, 4), max_size=3),
    d=st.integers(2, 12),
    seed=seeds,
    eps=st.sampled_from([1e-5, 1e-3]),
)
def test_layer_norm_backward_matches_torch(
    layer_norm_backward: Any, batch: list[int], d: int, seed: int, eps: float
) -> None:
    shape = (*batch, d)
    x = normal(seed, shape) * 2 + 1
    w, b, grad = normal(seed + 1, (d,)), normal(seed + 2, (d,)), normal(seed + 3, shape)
    expected = torch_gradients(lambda x, w, b: TF.layer_norm(x, (d,), w, b, eps), grad, x, w, b)
    check(layer_norm_backward, grad, x, w, b, eps, expected=expected)


@edge
@given(seed=seeds)
def test_layer_norm_backward_over_two_axes(layer_norm_backward: Any, seed: int) -> None:
    x, w, b, grad = (
        normal(seed + i, s) for i, s in enumerate([(2, 3, 4), (3, 4), (3, 4), (2, 3, 4)])
    )
    expected = torch_gradients(lambda x, w, b: TF.layer_norm(x, (3, 4), w, b), grad, x, w, b)
    check(layer_norm_backward, grad, x, w, b, expected=expected)


@st.composite
def conv_cases(draw: st.DrawFn, extended: bool = False) -> dict[str, Any]:
    groups = draw(st.integers(1, 3)) if extended else 1
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    case: dict[str, Any] = {
        "stride": draw(st.integers(1, 3)),
        "padding": draw(st.integers(0, 2)),
    }
    if extended:
        case["stride"] = (case["stride"], draw(st.integers(1, 3)))
        case["dilation"] = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
        case["groups"] = groups
    dilation = case.get("dilation", (1, 1))
    h = draw(st.integers(max(1, dilation[0] * (kh - 1) + 1 - 2 * case["padding"]), 9))
    w = draw(st.integers(max(1, dilation[1] * (kw - 1) + 1 - 2 * case["padding"]), 9))
    c, o = groups * draw(st.integers(1, 3)), groups * draw(st.integers(1, 3))
    case["shapes"] = ((draw(st.integers(1, 3)), c, h, w), (o, c // groups, kh, kw))
    return case


def check_conv(impl: Any, case: dict[str, Any], seed: int) -> None:
    x_shape, w_shape = case.pop("shapes")
    x, w = normal(seed, x_shape), normal(seed + 1, w_shape)
    out_shape = TF.conv2d(torch.from_numpy(x), torch.from_numpy(w), **case).shape
    grad = normal(seed + 2, tuple(out_shape))
    expected = torch_gradients(lambda x, w: TF.conv2d(x, w, **case), grad, x, w)
    check(impl, grad, x, w, **case, expected=expected)


def test_conv2d_backward_worked_example(conv2d_backward: Any) -> None:
    gx, gw = conv2d_backward(
        np.ones((1, 1, 1, 1)), np.ones((1, 1, 2, 2)), np.full((1, 1, 2, 2), 3.0)
    )
    assert np.array_equal(gx, np.full((1, 1, 2, 2), 3.0))
    assert np.array_equal(gw, np.ones((1, 1, 2, 2)))


@given(case=conv_cases(), seed=seeds)
def test_conv2d_backward_matches_torch(conv2d_backward: Any, case: Any, seed: int) -> None:
    check_conv(conv2d_backward, case, seed)


def test_conv2d_backward_at_the_largest_size(conv2d_backward: Any) -> None:
    # The statement's limits: a loop over pixels in Python runs out of time here.
    case = {"stride": 1, "padding": 2, "shapes": ((8, 16, 32, 32), (16, 16, 5, 5))}
    check_conv(conv2d_backward, case, 0)


@edge
@given(case=conv_cases(extended=True), seed=seeds)
def test_conv2d_backward_with_dilation_and_groups(
    conv2d_backward: Any, case: Any, seed: int
) -> None:
    check_conv(conv2d_backward, case, seed)


# ------------------------------------------------------------------ optimiser steps


def gradient(p: np.ndarray, a: np.ndarray) -> np.ndarray:
    return a.T @ (a @ p) - 1.0  # a convex quadratic: no amplification of rounding


@HALF
@given(
    lr=st.sampled_from([0.01, 0.1]),
    momentum=st.sampled_from([0.0, 0.9]),
    dampening=st.sampled_from([0.0, 0.3]),
    weight_decay=st.sampled_from([0.0, 0.05]),
    nesterov=st.booleans(),
    seed=seeds,
)
def test_sgd_step_follows_torch(
    sgd_step: Any,
    lr: float,
    momentum: float,
    dampening: float,
    weight_decay: float,
    nesterov: bool,
    seed: int,
) -> None:
    nesterov = nesterov and momentum > 0 and dampening == 0
    hyper = {
        "lr": lr,
        "momentum": momentum,
        "dampening": dampening,
        "weight_decay": weight_decay,
        "nesterov": nesterov,
    }
    a = normal(seed, (4, 4)) / 2
    p, velocity = normal(seed + 1, (4,)), None
    theirs = torch.tensor(p, requires_grad=True)
    opt = torch.optim.SGD([theirs], **hyper)
    for _ in range(20):
        theirs.grad = torch.from_numpy(gradient(theirs.detach().numpy(), a))
        opt.step()
        p, velocity = check(
            sgd_step,
            p,
            gradient(p, a),
            velocity,
            **hyper,
            expected=(theirs.detach().numpy(), opt.state[theirs].get("momentum_buffer")),
        )


@pytest.mark.parametrize("decoupled", [False, True])
@HALF
@given(
    lr=st.sampled_from([1e-3, 0.01]),
    betas=st.sampled_from([(0.9, 0.999), (0.5, 0.9)]),
    weight_decay=st.sampled_from([0.0, 0.1]),
    seed=seeds,
)
def test_adam_step_follows_torch(
    adam_step: Any, decoupled: bool, lr: float, betas: Any, weight_decay: float, seed: int
) -> None:
    a = normal(seed, (4, 4)) / 2
    p = normal(seed + 1, (4,))
    m, v = np.zeros(4), np.zeros(4)
    theirs = torch.tensor(p, requires_grad=True)
    torch_class = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = torch_class([theirs], lr=lr, betas=betas, weight_decay=weight_decay)
    for step in range(1, 21):
        theirs.grad = torch.from_numpy(gradient(theirs.detach().numpy(), a))
        opt.step()
        state = opt.state[theirs]
        p, m, v = check(
            adam_step,
            p,
            gradient(p, a),
            m,
            v,
            step,
            lr=lr,
            betas=betas,
            weight_decay=weight_decay,
            decoupled=decoupled,
            expected=(theirs.detach().numpy(), state["exp_avg"], state["exp_avg_sq"]),
        )


def test_optimiser_steps_worked_examples(sgd_step: Any, adam_step: Any) -> None:
    p, v = check(
        sgd_step,
        np.array([1.0]),
        np.array([0.5]),
        None,
        lr=0.1,
        momentum=0.9,
        expected=([0.95], [0.5]),
    )
    check(sgd_step, p, np.array([0.5]), v, lr=0.1, momentum=0.9, expected=([0.855], [0.95]))
    check(sgd_step, np.array([1.0]), np.array([0.5]), lr=0.1, expected=([0.95], None))
    check(
        adam_step,
        np.array([1.0]),
        np.array([2.0]),
        np.zeros(1),
        np.zeros(1),
        1,
        lr=0.1,
        expected=([1.0 - 0.2 / (2 + 1e-8)], [0.2], [0.004]),
    )


@edge
def test_optimiser_steps_leave_their_arguments_alone(sgd_step: Any, adam_step: Any) -> None:
    arrays = [np.ones(3), np.full(3, 0.5), np.full(3, 0.1), np.full(3, 0.2)]
    for a in arrays:
        a.setflags(write=False)
    sgd_step(arrays[0], arrays[1], arrays[2], lr=0.1, momentum=0.9, weight_decay=0.1)
    adam_step(*arrays, 3, lr=0.1, weight_decay=0.1)


# ------------------------------------------------------------------ the Value class

OPS = {
    "add": operator.add,
    "radd": lambda a, b: 1.5 + a,
    "sub": operator.sub,
    "rsub": lambda a, b: 2.0 - a,
    "mul": operator.mul,
    "rmul": lambda a, b: -3.0 * a,
    "div": lambda a, b: a / (b * b + 1.0),
    "rdiv": lambda a, b: 1.0 / (a * a + 1.0),
    "pow2": lambda a, b: a**2,
    "pow3": lambda a, b: a**3,
    "neg": lambda a, b: -a,
    "relu": lambda a, b: a.relu(),
    "tanh": lambda a, b: a.tanh(),
    "exp": lambda a, b: (a.tanh()).exp(),
}


def run_expression(steps: list[tuple[str, int, int]], leaves: list[Any]) -> Any:
    values = list(leaves)
    for name, i, j in steps:
        values.append(OPS[name](values[i], values[j]))
    return values[-1]


@st.composite
def expressions(draw: st.DrawFn) -> tuple[list[float], list[tuple[str, int, int]]]:
    leaves = draw(st.lists(st.floats(-2, 2), min_size=1, max_size=3))
    steps = []
    for k in range(draw(st.integers(1, 25))):
        available = len(leaves) + k
        steps.append(
            (
                draw(st.sampled_from(sorted(OPS))),
                draw(st.integers(0, available - 1)),
                draw(st.integers(0, available - 1)),
            )
        )
    return leaves, steps


def test_value_micrograd_readme_example(micrograd_value: Any) -> None:
    a, b = micrograd_value(-4.0), micrograd_value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    # micrograd's README (and torch) give these values to 4 decimals.
    assert math.isclose(g.data, 24.70408163265306, rel_tol=1e-12)
    assert math.isclose(a.grad, 138.83381924198252, rel_tol=1e-12)
    assert math.isclose(b.grad, 645.5772594752186, rel_tol=1e-12)


def test_value_leaf_starts_at_zero_grad(micrograd_value: Any) -> None:
    v = micrograd_value(2.0)
    assert v.data == 2.0
    assert v.grad == 0.0
    (v * v).backward()
    assert v.grad == 4.0


@given(case=expressions())
def test_value_matches_torch_on_random_expressions(micrograd_value: Any, case: Any) -> None:
    leaves, steps = case
    ours = [micrograd_value(x) for x in leaves]
    theirs = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in leaves]
    out_ours, out_theirs = run_expression(steps, ours), run_expression(steps, theirs)
    assert math.isclose(out_ours.data, out_theirs.item(), rel_tol=1e-9, abs_tol=1e-12)
    if not out_theirs.requires_grad:
        return
    out_ours.backward()
    out_theirs.backward()
    for i, (o, t) in enumerate(zip(ours, theirs, strict=True)):
        expected = 0.0 if t.grad is None else t.grad.item()
        assert math.isclose(o.grad, expected, rel_tol=1e-9, abs_tol=1e-12), (
            f"leaf {i}: grad {o.grad}, torch {expected}; steps {steps}"
        )


@edge
def test_value_chain_deeper_than_the_recursion_limit(micrograd_value: Any) -> None:
    x = micrograd_value(0.5)
    y = x
    for _ in range(10**4):  # 2 * 10^4 nodes deep; the recursion limit is 10^3
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0


@edge
def test_value_leaf_gradients_accumulate_over_backward_calls(micrograd_value: Any) -> None:
    x = micrograd_value(3.0)
    y = x * x + x
    y.backward()
    y.backward()
    assert x.grad == 14.0  # 2 * (2x + 1), as torch with retain_graph


@contract
@pytest.mark.parametrize("bad", ["1.0", None, [1.0], True])
def test_value_rejects_non_numbers(micrograd_value: Any, bad: Any) -> None:
    with pytest.raises(TypeError, match="data"):
        micrograd_value(bad)


@contract
def test_value_exponent_must_be_a_number(micrograd_value: Any) -> None:
    with pytest.raises(TypeError, match="exponent"):
        micrograd_value(2.0) ** micrograd_value(3.0)
