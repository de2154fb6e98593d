"""Benchmarks of the autograd engine and its exercises, beside torch.

``BENCHES`` declares, per exercise, its inputs of size n and the field's peer --
``torch.autograd`` computing the same gradients, ``torch.optim``'s functional steps,
``Tensor.sum_to_size``, ``graphlib.TopologicalSorter`` -- for ``benchmarks/conftest.py``
(one group per exercise and size, every answer checked against the reference's) and
``workbook bench``.

The ``bench_*`` functions below measure the stated targets, every contender taking
turns in one process (interleaved medians), under two thread settings: the libraries'
defaults (OpenBLAS and torch use both cores) and one thread each.  They print numbers
and check answers, never assert times:

* an MLP step (784-256-10, batch 64, float32: forward, backward, SGD) with this engine,
  with torch, and written out by hand in numpy; targets: no slower than torch, within
  1.25x of the numpy step;
* conv2d forward and backward at 32x16x28x28 with 3x3 kernels (16 out); target within
  3x of torch;
* the engine's overhead per op on tiny tensors; target under 10 us;
* time against graph depth (10^2 to 10^5 ops in a chain), with the fitted exponent.

Run them with ``pytest benchmarks/ml_from_scratch/bench_autograd.py -k targets -s``.
"""

from __future__ import annotations

import gc
import graphlib
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import torch
import torch.nn.functional as TF
from threadpoolctl import threadpool_limits
from torch.optim.adam import adam as torch_adam_functional
from torch.optim.sgd import sgd as torch_sgd_functional

from ml_from_scratch.autograd import Tensor, Value, nn, optim
from ml_from_scratch.autograd import functional as F
from workbook.bench import Bench, Contender, fitted_exponent

ELEMENTS = (10**3, 10**4, 10**5, 10**6)


def to_torch(args: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(torch.from_numpy(a) if isinstance(a, np.ndarray) else a for a in args)


def to_numpy(result: Any) -> Any:
    if isinstance(result, tuple | list):
        return tuple(to_numpy(r) for r in result)
    return result.detach().numpy() if isinstance(result, torch.Tensor) else result


def close(actual: Any, expected: Any) -> bool:
    """Arrays (or tuples of them) equal to float64 rounding in another order."""
    if isinstance(expected, tuple):
        return len(actual) == len(expected) and all(map(close, actual, expected))
    if expected is None:
        return actual is None
    return bool(np.allclose(actual, expected, rtol=1e-9, atol=1e-12))


def autograd_peer(forward: Callable[..., torch.Tensor], n_inputs: int) -> Contender:
    """torch computing the same rule: forward, then ``autograd.grad`` of <out, grad>
    for the first ``n_inputs`` arguments (the rest are passed as they are)."""

    def peer(grad: torch.Tensor, *args: Any) -> tuple[np.ndarray, ...]:
        inputs = [a.clone().requires_grad_() for a in args[:n_inputs]]
        out = forward(*inputs, *args[n_inputs:])
        return tuple(g.numpy() for g in torch.autograd.grad(out, inputs, grad))

    single = (lambda grads: grads[0]) if n_inputs == 1 else None
    return Contender(peer, prepare=to_torch, output=single)


def rows_of(n: int, width: int) -> tuple[int, int]:
    return max(1, n // width), width


# ------------------------------------------------------------ the exercises' inputs


def unbroadcast_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal(rows_of(n, 100)), (1, 100)


def softmax_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    shape = rows_of(n, 100)
    return rng.standard_normal(shape), rng.standard_normal(shape) * 5, -1


def matmul_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    side = round(n**0.5)  # n elements per matrix
    return tuple(rng.standard_normal((side, side)) for _ in range(3))


def layer_norm_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    shape = rows_of(n, 64)
    grad, x = rng.standard_normal(shape), rng.standard_normal(shape)
    return grad, x, rng.standard_normal(64), rng.standard_normal(64), 1e-5


def conv_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    x, w = rng.standard_normal((n, 8, 16, 16)), rng.standard_normal((8, 8, 3, 3))
    return rng.standard_normal((n, 8, 16, 16)), x, w, 1, 1


def sgd_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal(n), rng.standard_normal(n), rng.standard_normal(n)


def adam_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    p, g, m = (rng.standard_normal(n) for _ in range(3))
    return p, g, m, rng.random(n), 10


SGD_HYPER = {"lr": 0.01, "momentum": 0.9, "dampening": 0.0, "weight_decay": 1e-4}
ADAM_HYPER = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2}


def torch_sgd(param: torch.Tensor, grad: torch.Tensor, velocity: torch.Tensor) -> Any:
    p, v = param.clone(), velocity.clone()  # the functional step works in place
    torch_sgd_functional([p], [grad], [v], nesterov=False, maximize=False, **SGD_HYPER)
    return p.numpy(), v.numpy()


def torch_adamw(param: torch.Tensor, grad: torch.Tensor, m: Any, v: Any, step: int) -> Any:
    p, m, v = param.clone(), m.clone(), v.clone()
    beta1, beta2 = ADAM_HYPER["betas"]
    torch_adam_functional(
        [p], [grad], [m], [v], [], [torch.tensor(float(step - 1))],
        decoupled_weight_decay=True, amsgrad=False, beta1=beta1, beta2=beta2,
        lr=ADAM_HYPER["lr"], weight_decay=ADAM_HYPER["weight_decay"], eps=ADAM_HYPER["eps"],
        maximize=False,
    )  # fmt: skip
    return p.numpy(), m.numpy(), v.numpy()


class Node:
    """A bare graph node, as the topological_order exercise states them."""

    __slots__ = ("parents",)

    def __init__(self, *parents: Node) -> None:
        self.parents = parents


def graph_args(n: int, rng: np.random.Generator) -> tuple[Node]:
    """n nodes, each with two random earlier parents (a shared-sub-expression DAG)."""
    nodes = [Node()]
    for i in range(1, n):
        nodes.append(Node(*(nodes[j] for j in rng.integers(0, i, 2))))
    return (nodes[-1],)


def graphlib_order(root: Node) -> list[Node]:
    graph: dict[Node, tuple[Node, ...]] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node not in graph:
            graph[node] = node.parents
            stack.extend(node.parents)
    return list(graphlib.TopologicalSorter(graph).static_order())


def same_topological_order(actual: list[Node], expected: list[Node]) -> bool:
    position = {id(node): i for i, node in enumerate(actual)}
    return (
        len(actual) == len(expected) == len(position)
        and position.keys() == {id(node) for node in expected}
        and all(position[id(p)] < position[id(node)] for node in actual for p in node.parents)
    )


def value_args(n: int, rng: np.random.Generator) -> tuple[list[float]]:
    return (rng.uniform(-1, 1, n).tolist(),)


def pairwise_sum(terms: list[Any]) -> Any:
    """The sum as a balanced tree: depth log2(n), so recursive solutions work too."""
    while len(terms) > 1:
        paired = [a + b for a, b in zip(terms[::2], terms[1::2], strict=False)]
        terms = paired + ([terms[-1]] if len(terms) % 2 else [])
    return terms[0]


def run_value(value_class: Any, args: tuple[Any, ...]) -> float:
    """An expression of about 4n nodes over n leaves (squares, tanh, a tree of sums),
    then backward; the sum of the leaves' gradients."""
    leaves = [value_class(x) for x in args[0]]
    pairwise_sum([(leaf * leaf).tanh() for leaf in leaves]).backward()
    return float(sum(leaf.grad for leaf in leaves))


def torch_scalars(values: list[float]) -> float:
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in values]
    pairwise_sum([(leaf * leaf).tanh() for leaf in leaves]).backward()
    return float(sum(leaf.grad.item() for leaf in leaves))  # type: ignore[union-attr]


def _warm_up_torch() -> None:
    """torch loads parts of itself on first use (1.5 s for a first gradient with an
    upstream tensor, seconds for the first optimiser): do it here, not in a timing."""
    x = torch.zeros(2, 3, dtype=torch.float64, requires_grad=True)
    torch.autograd.grad(torch.softmax(x, -1), x, torch.ones(2, 3, dtype=torch.float64))
    torch.optim.SGD([x], lr=0.1)


_warm_up_torch()


BENCHES = [
    Bench(
        "unbroadcast",
        unbroadcast_args,
        sizes=ELEMENTS,
        contenders={
            "torch sum_to_size": Contender(
                lambda g, shape: g.sum_to_size(shape), prepare=to_torch, output=to_numpy
            )
        },
        same=close,
    ),
    Bench(
        "topological_order",
        graph_args,
        sizes=(10**3, 10**4, 10**5),
        size_name="nodes",
        contenders={"graphlib": graphlib_order},
        same=same_topological_order,
    ),
    Bench(
        "matmul_backward",
        matmul_args,
        sizes=ELEMENTS,
        size_name="elements",
        contenders={"torch.autograd": autograd_peer(torch.matmul, 2)},
        same=close,
    ),
    Bench(
        "softmax_backward",
        softmax_args,
        sizes=ELEMENTS,
        contenders={"torch.autograd": autograd_peer(lambda x, axis: torch.softmax(x, axis), 1)},
        same=close,
    ),
    Bench(
        "log_softmax_backward",
        softmax_args,
        sizes=ELEMENTS,
        contenders={"torch.autograd": autograd_peer(lambda x, axis: torch.log_softmax(x, axis), 1)},
        same=close,
    ),
    Bench(
        "layer_norm_backward",
        layer_norm_args,
        sizes=ELEMENTS,
        contenders={
            "torch.autograd": autograd_peer(
                lambda x, w, b, eps: TF.layer_norm(x, (x.shape[-1],), w, b, eps), 3
            )
        },
        same=close,
    ),
    Bench(
        "conv2d_backward",
        conv_args,
        sizes=(1, 10, 100),
        size_name="images",
        contenders={
            "torch.autograd": autograd_peer(
                lambda x, w, stride, padding: TF.conv2d(x, w, stride=stride, padding=padding), 2
            )
        },
        same=close,
    ),
    Bench(
        "sgd_step",
        sgd_args,
        sizes=ELEMENTS,
        run=lambda f, args: f(*args, **SGD_HYPER),
        contenders={"torch.optim.sgd": Contender(torch_sgd, prepare=to_torch)},
        same=close,
    ),
    Bench(
        "adam_step",
        adam_args,
        sizes=ELEMENTS,
        run=lambda f, args: f(*args, decoupled=True, **ADAM_HYPER),
        contenders={"torch.optim.adam (AdamW)": Contender(torch_adamw, prepare=to_torch)},
        same=close,
    ),
    Bench(
        "micrograd_value",
        value_args,
        sizes=(10**2, 10**3, 10**4),
        size_name="leaves",
        run=run_value,
        contenders={"torch scalars": torch_scalars},
        same=lambda a, e: abs(a - e) <= 1e-9 * max(1.0, abs(e)),
    ),
]


# ------------------------------------------------------------ beyond one declaration


@contextmanager
def threads(count: int | None) -> Iterator[str]:
    """Run with ``count`` BLAS and torch threads (None: the libraries' defaults)."""
    before = torch.get_num_threads()
    if count is None:
        yield f"default threads (torch {before}, BLAS as installed)"
        return
    torch.set_num_threads(count)
    try:
        with threadpool_limits(count):
            yield f"{count} thread(s) for torch and BLAS"
    finally:
        torch.set_num_threads(before)


def interleaved_samples(
    contenders: dict[str, Callable[[], Any]], rounds: int
) -> dict[str, list[float]]:
    """Every timing of each contender, the contenders taking turns round after round
    (as :func:`workbook.bench.interleaved_medians`, keeping the samples)."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            samples[name].append(time.perf_counter() - start)
    return samples


def summary(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Median and minimum of each contender's samples.  On a loaded machine the median
    carries the load; the minimum is the closest to the unloaded cost."""
    return {
        name: {"median": statistics.median(times), "min": min(times)}
        for name, times in samples.items()
    }


def report(title: str, stats: dict[str, dict[str, float]], ratios: list[tuple[str, str, str]],
           per: float = 1.0) -> None:  # fmt: skip
    """Print each contender's median and minimum, then ``a / b`` of both (target text)."""
    print(f"  {title}")
    for name, values in stats.items():
        print(
            f"    {name:>16}: median {values['median'] / per * 1e6:9.1f} us, "
            f"min {values['min'] / per * 1e6:9.1f} us"
        )
    for a, b, target in ratios:
        medians = stats[a]["median"] / stats[b]["median"]
        minima = stats[a]["min"] / stats[b]["min"]
        print(f"    {a} / {b}: {medians:.2f} (medians), {minima:.2f} (minima); target {target}")


def mlp_contenders(seed: int = 0) -> tuple[dict[str, Callable[[], float]], np.ndarray]:
    """One SGD step of a 784-256-10 MLP on a batch of 64, float32, three ways."""
    rng = np.random.default_rng(seed)
    x = rng.random((64, 784), dtype=np.float32)
    y = rng.integers(0, 10, 64)
    lr = 0.01
    ours = nn.Sequential(
        nn.Linear(784, 256, rng=0, dtype=np.float32), nn.ReLU(),
        nn.Linear(256, 10, rng=1, dtype=np.float32),
    )  # fmt: skip
    ours_opt = optim.SGD(ours.parameters(), lr=lr)
    theirs = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)
    )
    theirs.load_state_dict({k: torch.from_numpy(v) for k, v in ours.state_dict().items()})
    theirs_opt = torch.optim.SGD(theirs.parameters(), lr=lr)
    by_hand = [p.copy() for p in ours.state_dict().values()]
    x_t, y_t, x_in = torch.from_numpy(x), torch.from_numpy(y), Tensor(x)

    def engine() -> float:
        loss = F.cross_entropy(ours(x_in), y)
        ours_opt.zero_grad()
        loss.backward()
        ours_opt.step()
        return loss.item()

    def torch_autograd() -> float:
        loss = TF.cross_entropy(theirs(x_t), y_t)
        theirs_opt.zero_grad()
        loss.backward()
        theirs_opt.step()
        return loss.item()

    def numpy_by_hand() -> float:
        return numpy_mlp_step(by_hand, x, y, lr)

    return {"this engine": engine, "torch autograd": torch_autograd,
            "numpy by hand": numpy_by_hand}, x  # fmt: skip


def numpy_mlp_step(params: list[np.ndarray], x: np.ndarray, y: np.ndarray, lr: float) -> float:
    """Forward, backward and SGD of the MLP written out in numpy (the floor for an engine)."""
    w1, b1, w2, b2 = params
    n, rows = x.shape[0], np.arange(x.shape[0])
    h = x @ w1.T + b1
    a = np.maximum(h, 0)
    z = a @ w2.T + b2
    z -= z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[rows, y].mean()
    dz = np.exp(log_p)
    dz[rows, y] -= 1
    dz /= n
    dw2, db2 = dz.T @ a, dz.sum(axis=0)
    dh = (dz @ w2) * (h > 0)
    dw1, db1 = dh.T @ x, dh.sum(axis=0)
    for p, g in zip(params, (dw1, db1, dw2, db2), strict=True):
        p -= lr * g
    return float(loss)


def bench_autograd_targets(benchmark: Any) -> None:
    """The MLP step, conv2d and per-op overhead targets: interleaved timings."""
    full = not benchmark.disabled
    rounds = 101 if full else 1
    contenders, _ = mlp_contenders()
    first = {name: run() for name, run in contenders.items()}  # one step each, same start
    assert max(first.values()) - min(first.values()) < 1e-5, first  # the same loss
    conv = conv_contenders(batch=32 if full else 2)
    ops = op_contenders()

    def measure() -> list[tuple[str, str, dict[str, dict[str, float]]]]:
        found = []
        for count in (1, None):
            with threads(count) as label:
                found.append((label, "mlp", summary(interleaved_samples(contenders, rounds))))
                found.append((label, "conv", summary(interleaved_samples(conv, rounds // 5 + 1))))
                found.append((label, "ops", summary(interleaved_samples(ops, rounds))))
        return found

    results = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "autograd targets (interleaved)"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nautograd targets (interleaved runs, one process; load average {load:.1f}):")
    for label, kind, stats in results:
        benchmark.extra_info[f"{label} {kind}"] = stats
        if kind == "mlp":
            report(f"MLP 784-256-10 step, batch 64, float32 -- {label}", stats, [
                ("this engine", "torch autograd", "<= 1"),
                ("this engine", "numpy by hand", "<= 1.25"),
            ])  # fmt: skip
        elif kind == "conv":
            report(f"conv2d forward + backward, 32x16x28x28, 3x3, 16 out -- {label}", stats,
                   [("this engine", "torch", "<= 3")])  # fmt: skip
        else:
            report(f"per op, forward + backward, 2x2 tensors -- {label}", stats,
                   [("this engine", "torch", "none; this engine < 10 us per op")],
                   per=OPS_CHAIN + 1)  # fmt: skip


def conv_contenders(batch: int) -> dict[str, Callable[[], Any]]:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((batch, 16, 28, 28)).astype(np.float32)
    w = (rng.standard_normal((16, 16, 3, 3)) / 12).astype(np.float32)
    b = np.zeros(16, dtype=np.float32)
    g = rng.standard_normal((batch, 16, 28, 28)).astype(np.float32)

    def engine() -> Any:
        xs, ws, bs = (Tensor(a, requires_grad=True) for a in (x, w, b))
        F.conv2d(xs, ws, bs, padding=1).backward(g)
        return xs.grad, ws.grad

    xt, wt, bt, gt = (torch.from_numpy(a) for a in (x, w, b, g))

    def with_torch() -> Any:
        leaves = [t.clone().requires_grad_() for t in (xt, wt, bt)]
        TF.conv2d(*leaves, padding=1).backward(gt)
        return leaves[0].grad, leaves[1].grad

    ours, theirs = engine(), with_torch()
    for a, t in zip(ours, theirs, strict=True):  # the same gradients, to float32 rounding
        assert np.allclose(a, t.numpy(), rtol=1e-3, atol=1e-3)
    return {"this engine": engine, "torch": with_torch}


OPS_CHAIN = 100


def op_contenders() -> dict[str, Callable[[], Any]]:
    """A chain of 100 ops (and a sum) on 2x2 tensors, forward and backward: the time per
    op is the engine's overhead, numpy's work being a few hundred nanoseconds."""

    def chain(x: Any, w: Any) -> Any:
        y = x
        for _ in range(OPS_CHAIN // 4):
            y = ((y * w).relu() + x).tanh()  # four ops
        return y.sum()

    xs, ws = Tensor(np.ones((2, 2)), requires_grad=True), Tensor(np.full((2, 2), 0.5))
    xt = torch.ones((2, 2), dtype=torch.float64, requires_grad=True)
    wt = torch.full((2, 2), 0.5, dtype=torch.float64)
    assert abs(chain(xs, ws).item() - chain(xt, wt).item()) < 1e-12
    return {
        "this engine": lambda: chain(xs, ws).backward(),
        "torch": lambda: chain(xt, wt).backward(),
    }


def bench_autograd_depth(benchmark: Any) -> None:
    """Forward + backward time of a chain of n ops, n = 10^2 .. 10^5.

    The engine's own work is linear in n; with the cyclic garbage collector on, its
    full passes over every live node of the graph add a superlinear part (shown by the
    run with the collector paused)."""
    full = not benchmark.disabled
    depths = [10**2, 10**3, 10**4, 10**5] if full else [10**2, 10**3]

    def chain_ours(n: int) -> float:
        x = Tensor(1.0, requires_grad=True)
        y = x
        for _ in range(n):
            y = y * 0.5 + x  # 2 ops
        y.backward()
        assert x.grad is not None
        return float(x.grad)

    def chain_torch(n: int) -> float:
        x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        y = x
        for _ in range(n // 2):
            y = y * 0.5 + x
        y.backward()
        return float(x.grad)  # type: ignore[arg-type]

    assert abs(chain_ours(50) - chain_torch(100)) < 1e-12  # also warms both up

    def without_gc(n: int) -> float:
        gc.disable()
        try:
            return chain_ours(n)
        finally:
            gc.enable()

    runs = {
        "this engine": lambda n: chain_ours(n // 2),
        "engine, gc paused": lambda n: without_gc(n // 2),
        "torch": chain_torch,
    }

    def measure() -> dict[int, dict[str, float]]:
        found = {}
        for n in depths:
            times: dict[str, list[float]] = {name: [] for name in runs}
            for _ in range(3 if n < 10**5 else 1):
                for name, run in runs.items():
                    start = time.perf_counter()
                    run(n)
                    times[name].append(time.perf_counter() - start)
            found[n] = {name: statistics.median(t) for name, t in times.items()}
        return found

    with threads(1):
        results = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "autograd depth"
    print("\nautograd: forward + backward of a chain of n ops (one thread; shared machine)")
    for n, medians in results.items():
        cells = ", ".join(f"{k} {v * 1e3:9.2f} ms ({v / n * 1e6:5.1f} us/op)" for k, v in
                          medians.items())  # fmt: skip
        print(f"  n={n:>6}: {cells}")
    for name in runs:
        exponent = fitted_exponent([(n, m[name]) for n, m in results.items()])
        print(f"  fitted exponent, {name}: {exponent:.2f} (linear: 1)")


__all__ = ["BENCHES", "Value"]
