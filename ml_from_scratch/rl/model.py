"""A finite MDP's model as the planners use it: checked once, backed up as one product.

``Model.of(P, R)`` checks ``P[s, a, s']`` (a dense ``(S, A, S)`` array or a
``scipy.sparse`` matrix of shape ``(S * A, S)``) and ``R[s, a]`` and keeps ``P`` as an
``(S * A, S)`` matrix, so that the Bellman backup ``q = R + gamma P v`` is one
matrix-vector product, dense or sparse alike.  :func:`model_from_P` reads Gymnasium's
toy-text ``P`` into dense arrays.

Complexity: checking O(S^2 A) dense, O(nnz) sparse; a backup the same.

Status: tested through :mod:`ml_from_scratch.rl.dp`: dense and sparse models give the
same values; FrozenLake's ``P`` gives the episodic model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ml_from_scratch._checks import as_float_array, as_int

__all__ = ["Model", "model_from_P"]

Array = NDArray[np.float64]


def model_from_P(
    P: Mapping[int, Mapping[int, Sequence[tuple[float, int, float, bool]]]],
    n_states: int,
    n_actions: int,
) -> tuple[Array, Array]:
    """Dense ``(p, r)`` from Gymnasium's toy-text ``P[s][a] = [(prob, s', reward, done)]``.

    ``r[s, a]`` is the expected reward; a transition that ends the episode adds no
    mass to ``p`` (its successor's value is 0), so ``FrozenLake-v1``'s ``P`` gives the
    episodic model the planners here solve.

    Examples
    --------
    >>> p, r = model_from_P({0: {0: [(0.5, 0, 1.0, False), (0.5, 1, 3.0, True)]},
    ...                      1: {0: [(1.0, 1, 0.0, True)]}}, 2, 1)
    >>> p[:, 0], r[:, 0]
    (array([[0.5, 0. ],
           [0. , 0. ]]), array([2., 0.]))
    """
    n_states = as_int(n_states, "n_states", low=1)
    n_actions = as_int(n_actions, "n_actions", low=1)
    p = np.zeros((n_states, n_actions, n_states))
    r = np.zeros((n_states, n_actions))
    for s in range(n_states):
        for a in range(n_actions):
            for prob, nxt, reward, done in P[s][a]:
                r[s, a] += prob * reward
                if not done:
                    p[s, a, nxt] += prob
    return p, r


class Model:
    """The checked model: ``p`` as an (S * A, S) matrix (dense or sparse) and ``r``."""

    def __init__(self, p2: Any, r: Array, sparse: bool) -> None:
        self.p2, self.r, self.sparse = p2, r, sparse
        self.n_states, self.n_actions = r.shape

    @classmethod
    def of(cls, P: Any, R: ArrayLike) -> Model:
        r = as_float_array(R, "R")
        if r.ndim != 2 or 0 in r.shape:
            raise ValueError(f"R must have shape (S, A) with S, A >= 1, got {r.shape}")
        n_states, n_actions = r.shape
        sparse = _is_sparse(P)
        if sparse:
            p2 = P.tocsr().astype(np.float64)
            expected: tuple[int, ...] = (n_states * n_actions, n_states)
            values, shape = p2.data, p2.shape
        else:
            p = as_float_array(P, "P")
            expected, values, shape = (n_states, n_actions, n_states), p, p.shape
            p2 = p.reshape(-1, n_states) if p.shape == expected else p
        if tuple(shape) != expected:
            raise ValueError(
                f"P must have shape {expected} to match R's {r.shape} (states, actions), "
                f"got {tuple(shape)}"
            )
        if not np.isfinite(values).all() or (values < 0).any():
            raise ValueError("P must hold finite probabilities >= 0")
        sums = np.asarray(p2.sum(axis=1)).ravel()
        if (sums > 1.0 + 1e-8).any():
            row = int(np.argmax(sums))
            s, a = divmod(row, n_actions)
            raise ValueError(f"P[{s}, {a}] must sum to at most 1, sums to {sums[row]:g}")
        return cls(p2, r, sparse)

    def backup(self, v: Array, gamma: float) -> Array:
        """``q = r + gamma p v``."""
        return self.r + gamma * np.asarray(self.p2 @ v).reshape(self.n_states, self.n_actions)

    def under(self, pi: Array) -> tuple[Any, Array]:
        """``(P_pi, r_pi)`` of a policy; ``P_pi`` dense or sparse like ``p``."""
        r_pi = (pi * self.r).sum(axis=1)
        if self.sparse:
            from scipy.sparse import csr_array

            n, a = self.n_states, self.n_actions
            mix = csr_array((pi.ravel(), np.arange(n * a), np.arange(0, n * a + 1, a)), (n, n * a))
            return (mix @ self.p2).tocsr(), r_pi
        p = self.p2.reshape(self.n_states, self.n_actions, self.n_states)
        return np.einsum("sa,sat->st", pi, p), r_pi

    def solve(self, p_pi: Any, r_pi: Array, gamma: float) -> Array:
        """``(I - gamma P_pi)^-1 r_pi``."""
        if self.sparse:
            from scipy.sparse import identity
            from scipy.sparse.linalg import spsolve

            system = (identity(self.n_states, format="csc") - gamma * p_pi).tocsc()
            return np.asarray(spsolve(system, r_pi), dtype=np.float64)
        return np.linalg.solve(np.eye(self.n_states) - gamma * p_pi, r_pi)


def _is_sparse(P: Any) -> bool:
    if isinstance(P, np.ndarray) or not hasattr(P, "tocsr"):
        return False
    from scipy.sparse import issparse

    return bool(issparse(P))
