"""Autograd: the pieces of a reverse-mode engine, from micrograd's Value to conv2d's rule."""

from workbook.compare import BY_VALUE
from workbook.exercise import Exercise

BENCH = "benchmarks/ml_from_scratch/bench_autograd.py"
TOPIC = "autograd"
# Gradients computed in another order than the reference's differ in the last bits:
# 1e-9 relative (and 1e-12 absolute, for values near 0) is far below any wrong formula.
CLOSE = BY_VALUE.within(rel=1e-9, abs=1e-12)
NUMPY = ("import numpy as np",)

EXERCISES = [
    Exercise(
        id="unbroadcast",
        reference="ml_from_scratch.autograd.graph:unbroadcast",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(grad.size)",
        source="numpy broadcasting; micrograd grown to tensors",
        statement="""
In the forward pass an input `x` of shape `shape` was broadcast (numpy's rules) to a
larger shape, and `grad` is the gradient with respect to the broadcast result.  Return
the gradient with respect to `x`: `grad` summed over every axis that broadcasting
added at the front, and over every axis where `x` had size 1 and the result did not.

Constraints:
    `grad` is a float ndarray with up to 6 axes, each of size <= 10
    `shape` is a tuple that broadcasts to `grad.shape` (possibly `()`, possibly equal)
    the result has shape exactly `shape`

Examples:
    >>> unbroadcast(np.ones((2, 3)), (3,)).tolist()
    [2.0, 2.0, 2.0]
    >>> unbroadcast(np.arange(6.0).reshape(2, 3), (2, 1)).tolist()
    [[3.0], [12.0]]
    >>> unbroadcast(np.ones((4, 1, 5)), (1, 5)).shape
    (1, 5)
    >>> float(unbroadcast(np.ones((2, 2)), ()))
    4.0
""",
        signature="def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray",
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="topological_order",
        reference="ml_from_scratch.autograd.graph:topological_order",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(V + E)",
        source="micrograd's build_topo, made iterative",
        statement="""
A computation graph is made of nodes; each node has an attribute `parents`, a tuple of
the nodes it was computed from (empty for an input).  Return every node that `root`
depends on, `root` included, each exactly once, in an order where every node comes
after all of its parents (so `root` comes last).  Any such order is accepted.

A node may be reached along many paths (a shared sub-expression, or a node used twice
by one operation): list it once.  Graphs can be deep -- a chain of 2 * 10^4
operations -- so a recursive search exceeds Python's recursion limit (10^3): use an
explicit stack.  Nodes are hashable by identity.

Constraints:
    up to 10^5 nodes and 2 * 10^5 parent links; depth up to 2 * 10^4

Example:
    >>> class Node:
    ...     def __init__(self, name, *parents):
    ...         self.name, self.parents = name, parents
    >>> x = Node("x"); y = Node("y", x, x); z = Node("z", y, x)
    >>> [n.name for n in topological_order(z)]
    ['x', 'y', 'z']
""",
        signature="def topological_order(root: Any) -> list[Any]",
        imports=("from typing import Any",),
        bench=BENCH,
    ),
    Exercise(
        id="matmul_backward",
        reference="ml_from_scratch.autograd.rules:matmul_backward",
        topic=TOPIC,
        difficulty="easy",
        complexity="two products of the forward's size",
        source="matrix calculus: dL/dA = G B^T, dL/dB = A^T G",
        statement="""
For Y = a @ b, given `grad` = dL/dY, return (dL/da, dL/db).

`a` has shape (..., n, k) and `b` shape (..., k, m): 2-D matrices, or stacks of them
whose batch axes (the `...`) broadcast as numpy's matmul broadcasts them.  Each
gradient has the shape of its own operand: where a batch axis was broadcast, sum the
gradient over it.

Constraints:
    float64 arrays; 1 <= n, k, m <= 64; up to 2 batch axes of size <= 8

Examples:
    >>> ga, gb = matmul_backward(np.ones((1, 1)), np.array([[1.0, 2.0]]),
    ...                          np.array([[3.0], [4.0]]))
    >>> ga.tolist(), gb.tolist()
    ([[3.0, 4.0]], [[1.0], [2.0]])
    >>> ga, gb = matmul_backward(np.ones((5, 2, 3)), np.ones((5, 2, 4)), np.ones((4, 3)))
    >>> ga.shape, gb.shape, gb[0, 0]
    ((5, 2, 4), (4, 3), 10.0)
""",
        signature=(
            "def matmul_backward(grad: np.ndarray, a: np.ndarray, b: np.ndarray)"
            " -> tuple[np.ndarray, np.ndarray]"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="softmax_backward",
        reference="ml_from_scratch.autograd.rules:softmax_backward",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(x.size)",
        source="the softmax Jacobian diag(y) - y y^T",
        statement="""
Let y = softmax(x) along `axis`: y_i = exp(x_i) / sum_j exp(x_j).  Given `grad` =
dL/dy (same shape as x), return dL/dx.

Every output depends on every input along the axis, so the gradient is not
grad * y * (1 - y): use the whole Jacobian, dy_i/dx_j = y_i ([i == j] - y_j), without
building it (one pass: subtract the inner product of grad and y along the axis).
Compute y stably: logits can be 1000, where exp overflows unless you subtract the
maximum first.

Constraints:
    float64 arrays of up to 4 axes and 10^6 elements; -10^3 <= x <= 10^3
    `axis` is any valid axis, negative ones counting from the end

Examples:
    >>> softmax_backward(np.array([1.0, 0.0]), np.array([0.0, 0.0])).tolist()
    [0.25, -0.25]
    >>> softmax_backward(np.ones((2, 3)), np.zeros((2, 3)), axis=1).tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
""",
        signature=(
            "def softmax_backward(grad: np.ndarray, x: np.ndarray, axis: int = -1) -> np.ndarray"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="log_softmax_backward",
        reference="ml_from_scratch.autograd.rules:log_softmax_backward",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(x.size)",
        source="y = x - logsumexp(x)",
        statement="""
Let y = log_softmax(x) along `axis`: y_i = x_i - log(sum_j exp(x_j)).  Given `grad` =
dL/dy, return dL/dx = grad - softmax(x) * sum(grad) (the sum along the axis).

Compute softmax(x) stably: logits can be 1000.

Constraints:
    float64 arrays of up to 4 axes and 10^6 elements; -10^3 <= x <= 10^3
    `axis` is any valid axis, negative ones counting from the end

Examples:
    >>> log_softmax_backward(np.array([1.0, 0.0]), np.array([0.0, 0.0])).tolist()
    [0.5, -0.5]
    >>> log_softmax_backward(np.array([1.0, 1.0]), np.array([1000.0, 0.0])).tolist()
    [-1.0, 1.0]
""",
        signature=(
            "def log_softmax_backward(grad: np.ndarray, x: np.ndarray, axis: int = -1)"
            " -> np.ndarray"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="layer_norm_backward",
        reference="ml_from_scratch.autograd.rules:layer_norm_backward",
        topic=TOPIC,
        difficulty="hard",
        complexity="O(x.size)",
        source="Ba, Kiros and Hinton, Layer Normalization (2016)",
        statement="""
Layer normalisation over the last axis (of size D):

    mu = mean(x), var = mean((x - mu)^2)   (the biased variance), along the last axis
    x_hat = (x - mu) / sqrt(var + eps)
    y = x_hat * weight + bias              (weight and bias of shape (D,))

Given `grad` = dL/dy, return (dL/dx, dL/dweight, dL/dbias).  The weight and bias
gradients are summed over every axis but the last.  dL/dx must account for mu and var
depending on every element of the row: with g_hat = grad * weight,

    dL/dx = (g_hat - mean(g_hat) - x_hat * mean(g_hat * x_hat)) / sqrt(var + eps)

Constraints:
    `x` is float64 of shape (..., D) with up to 4 axes, 2 <= D <= 1024; eps > 0

Example:
    >>> gx, gw, gb = layer_norm_backward(np.ones((2, 3)), np.arange(6.0).reshape(2, 3),
    ...                                  np.ones(3), np.zeros(3))
    >>> bool(np.abs(gx).max() < 1e-12), gb.tolist()
    (True, [2.0, 2.0, 2.0])
""",
        signature=(
            "def layer_norm_backward(grad: np.ndarray, x: np.ndarray, weight: np.ndarray, "
            "bias: np.ndarray, eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="conv2d_backward",
        reference="ml_from_scratch.autograd.conv:conv2d_backward",
        topic=TOPIC,
        difficulty="hard",
        complexity="O(N H_out W_out O C kh kw)",
        source="im2col: Chellapilla, Puri and Simard (2006)",
        statement="""
The 2-D convolution (cross-correlation, as torch's conv2d) of `x` (N, C, H, W) with
`weight` (O, C, kh, kw), with `stride` s and zero `padding` p on every side:

    y[n, o, i, j] = sum over c, u, v of  weight[o, c, u, v] * xp[n, c, i s + u, j s + v]

where xp is x padded; y has H_out = (H + 2p - kh) // s + 1 rows (W_out alike).
Given `grad` = dL/dy, return (dL/dx, dL/dweight).

Use im2col: lay every receptive field out as a row of a matrix X_col of shape
(N H_out W_out, C kh kw); then y = X_col W^T, dL/dW = G^T X_col, and dL/dX_col = G W,
whose rows are added back onto the input positions they were read from (col2im;
overlapping fields add up).  Loops over the kh * kw kernel offsets are fine; loops over
pixels are too slow.

Constraints:
    float64; 1 <= N <= 8, 1 <= C, O <= 16, 1 <= H, W <= 32, 1 <= kh, kw <= 5
    stride and padding are ints, 1 <= stride <= 3, 0 <= padding <= 2, H_out, W_out >= 1

Example:
    >>> gx, gw = conv2d_backward(np.ones((1, 1, 1, 1)), np.ones((1, 1, 2, 2)),
    ...                          np.full((1, 1, 2, 2), 3.0))
    >>> gx.tolist(), gw.tolist()
    ([[[[3.0, 3.0], [3.0, 3.0]]]], [[[[1.0, 1.0], [1.0, 1.0]]]])
""",
        signature=(
            "def conv2d_backward(grad: np.ndarray, x: np.ndarray, weight: np.ndarray, "
            "stride: int = 1, padding: int = 0) -> tuple[np.ndarray, np.ndarray]"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="sgd_step",
        reference="ml_from_scratch.autograd.optim:sgd_step",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(param.size)",
        source="torch.optim.SGD's update rule",
        statement="""
One step of stochastic gradient descent with momentum, exactly as torch.optim.SGD:

    g = grad + weight_decay * param
    if momentum != 0:
        velocity = g (a copy) at the first step (velocity is None),
                   else momentum * velocity + (1 - dampening) * g
        g = g + momentum * velocity   if nesterov   else   velocity
    param = param - lr * g

Return (new param, new velocity); the velocity stays None when momentum is 0.  Return
new arrays: do not modify the arguments.

Constraints:
    float64 arrays of one shape, up to 10^6 elements; lr > 0; 0 <= momentum < 1;
    0 <= dampening < 1; weight_decay >= 0; nesterov only with momentum > 0, dampening 0

Example:
    >>> p, v = sgd_step(np.array([1.0]), np.array([0.5]), None, lr=0.1, momentum=0.9)
    >>> p.tolist(), v.tolist()
    ([0.95], [0.5])
    >>> p, v = sgd_step(p, np.array([0.5]), v, lr=0.1, momentum=0.9)
    >>> [round(p.item(), 12), round(v.item(), 12)]
    [0.855, 0.95]
""",
        signature=(
            "def sgd_step(param: np.ndarray, grad: np.ndarray, velocity: np.ndarray | None"
            " = None, *, lr: float, momentum: float = 0.0, dampening: float = 0.0, "
            "weight_decay: float = 0.0, nesterov: bool = False)"
            " -> tuple[np.ndarray, np.ndarray | None]"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="adam_step",
        reference="ml_from_scratch.autograd.optim:adam_step",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(param.size)",
        source="Kingma and Ba (2015), Algorithm 1; Loshchilov and Hutter (2019)",
        statement="""
One step of Adam (decoupled=False) or AdamW (decoupled=True), exactly as torch.optim:

    if weight_decay:  param = param * (1 - lr * weight_decay)   if decoupled
                      grad = grad + weight_decay * param          otherwise
    exp_avg    = beta1 * exp_avg + (1 - beta1) * grad
    exp_avg_sq = beta2 * exp_avg_sq + (1 - beta2) * grad^2
    param = param - lr / (1 - beta1^step) * exp_avg
                    / (sqrt(exp_avg_sq) / sqrt(1 - beta2^step) + eps)

`step` counts from 1; the moments start as zeros.  Note where eps goes: added after
the bias correction of the square root, as torch does.  Return (new param, new
exp_avg, new exp_avg_sq) as new arrays.

Constraints:
    float64 arrays of one shape, up to 10^6 elements; 1 <= step <= 10^4;
    lr > 0, 0 <= beta1, beta2 < 1, eps > 0, weight_decay >= 0

Example:
    >>> p, m, v = adam_step(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1,
    ...                     lr=0.1)
    >>> round(p.item(), 6), round(m.item(), 6), round(v.item(), 6)
    (0.9, 0.2, 0.004)
""",
        signature=(
            "def adam_step(param: np.ndarray, grad: np.ndarray, exp_avg: np.ndarray, "
            "exp_avg_sq: np.ndarray, step: int, *, lr: float = 1e-3, "
            "betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8, "
            "weight_decay: float = 0.0, decoupled: bool = False)"
            " -> tuple[np.ndarray, np.ndarray, np.ndarray]"
        ),
        imports=NUMPY,
        compare=CLOSE,
        bench=BENCH,
    ),
    Exercise(
        id="micrograd_value",
        reference="ml_from_scratch.autograd.value:Value",
        kind="class",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(V + E) per backward",
        source="A. Karpathy, micrograd",
        statement="""
Write micrograd's scalar autograd engine.  A Value wraps a float; operations on Values
build a graph; `backward()` fills in every Value's `grad` with d(self)/d(that value).

    v = Value(2.0)            v.data == 2.0, v.grad == 0.0
    a + b, a * b              with a Value or a Python number on either side
    a ** k                    k an int or float (not a Value)
    -a, a - b, a / b          from the above: a - b = a + (-b), a / b = a * b ** -1
    a.relu(), a.tanh(), a.exp()
    out.backward()            out.grad = 1, then the chain rule in reverse
                              topological order, each node after all its consumers

A Value used several times (a * a, or shared by two expressions) gets the sum of its
gradients.  Call backward() once per graph.

Constraints:
    graphs of up to 500 nodes; values and gradients stay below 10^100 in magnitude

Example (micrograd's README):
    >>> a, b = Value(-4.0), Value(2.0)
    >>> c = a + b
    >>> d = a * b + b**3
    >>> c += c + 1
    >>> c += 1 + c + (-a)
    >>> d += d * 2 + (b + a).relu()
    >>> d += 3 * d + (b - a).relu()
    >>> e = c - d
    >>> f = e**2
    >>> g = f / 2.0
    >>> g += 10.0 / f
    >>> g.backward()
    >>> round(g.data, 4), round(a.grad, 4), round(b.grad, 4)
    (24.7041, 138.8338, 645.5773)
""",
        signature='''
class Value:
    """A scalar with a gradient."""

    def __init__(self, data: float) -> None:
        """A leaf: `data` as a float, `grad` 0.0."""
        ...

    def __add__(self, other) -> "Value":
        """self + other."""
        ...

    def __radd__(self, other) -> "Value":
        """other + self."""
        ...

    def __mul__(self, other) -> "Value":
        """self * other."""
        ...

    def __rmul__(self, other) -> "Value":
        """other * self."""
        ...

    def __pow__(self, exponent) -> "Value":
        """self ** exponent, for an int or float exponent."""
        ...

    def __neg__(self) -> "Value":
        """-self."""
        ...

    def __sub__(self, other) -> "Value":
        """self - other."""
        ...

    def __rsub__(self, other) -> "Value":
        """other - self."""
        ...

    def __truediv__(self, other) -> "Value":
        """self / other."""
        ...

    def __rtruediv__(self, other) -> "Value":
        """other / self."""
        ...

    def relu(self) -> "Value":
        """max(self, 0); gradient 0 at 0."""
        ...

    def tanh(self) -> "Value":
        """The hyperbolic tangent."""
        ...

    def exp(self) -> "Value":
        """e ** self."""
        ...

    def backward(self) -> None:
        """Set the grad of every Value this one depends on to d(self)/d(that value)."""
        ...
''',
        bench=BENCH,
    ),
]
