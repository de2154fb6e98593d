"""Mean estimation, the problem under every RL update: incremental means, Robbins-Monro, SGD.

Estimating ``E[X]`` from samples ``x_1, x_2, ...`` (Zhao, chapter 6):

* the **incremental mean** ``w_k = w_{k-1} + (x_k - w_{k-1}) / k`` is the sample mean of
  the first ``k`` samples, with mean squared error ``tr(Cov X) / k``;
* **Robbins-Monro** finds a root of ``g(w) = 0`` from noisy observations
  ``g~(w_k, eta_k)``: ``w_{k+1} = w_k - a_k g~(w_k, eta_k)``.  It converges when
  ``sum a_k = infinity`` and ``sum a_k^2 < infinity``; with ``a_k = k^-beta``
  (``1/2 < beta <= 1``) and ``g' = 1`` at the root, the error's variance falls like
  ``a_k``, so the mean squared error like ``k^-beta``.  Mean estimation is the root of
  ``g(w) = w - E[X]``, observed as ``w - x``;
* **gradient descent** on ``J(w) = E[||w - X||^2 / 2]``, whose gradient is ``w - E[X]``:
  *batch* (BGD) with the gradient over all ``n`` samples, ``w <- w - alpha (w - x_bar)``,
  converges geometrically to ``x_bar``, ``|w_k - x_bar| = (1 - alpha)^k |w_0 - x_bar|``;
  *stochastic* (SGD) with one sample per step, ``w <- w - a_k (w - x_k)``, is RM (with
  ``a_k = 1/k`` it is the incremental mean); *mini-batch* (MBGD) with the mean of
  ``m`` samples, error ``tr(Cov X) / (m k)`` with ``a_k = 1/k``.

Every function returns all iterates, so that error-against-iteration curves can be
drawn; the samples may be vectors (the estimate is then a vector).

Complexity: O(n d) for ``n`` iterations of ``d``-dimensional samples (MBGD O(n m d)).

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), chapter 6
(sections 6.1-6.4); H. Robbins and S. Monro, "A stochastic approximation method",
Annals of Mathematical Statistics 22 (1951).

Status: the incremental mean equals ``cumsum / k``; BGD's error is the geometric
sequence; SGD's, MBGD's and RM's mean squared errors, over thousands of independent
replicas, fall with the fitted log-log slopes the theory gives (-1, -1, -beta).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ml_from_scratch._checks import (
    as_float_array,
    as_int,
    as_positive_float,
    as_positive_int,
    as_step_size,
    describe,
)

__all__ = [
    "batch_gradient_descent",
    "harmonic",
    "incremental_mean",
    "minibatch_gradient_descent",
    "robbins_monro",
    "sgd",
]

Array = NDArray[np.float64]
StepSizes = float | Callable[[int], float]
NoisyFunction = Callable[[Array, np.random.Generator], ArrayLike]


def harmonic(k: int) -> float:
    """The step size ``a_k = 1 / k`` (``k`` counts from 1): sum infinite, squares finite.

    >>> [harmonic(k) for k in (1, 2, 4)]
    [1.0, 0.5, 0.25]
    """
    return 1.0 / k


def incremental_mean(samples: ArrayLike) -> Array:
    """The running means ``w_k = w_{k-1} + (x_k - w_{k-1}) / k``, ``k = 1 .. n``.

    Parameters
    ----------
    samples : array_like, shape (n, ...)
        The samples along axis 0.

    Returns
    -------
    numpy.ndarray, shape (n, ...)
        Row ``k - 1`` is the mean of the first ``k`` samples.

    Examples
    --------
    >>> incremental_mean([2.0, 4.0, 9.0])
    array([2., 3., 5.])
    """
    x = _as_samples(samples)
    w = np.zeros(x.shape[1:])
    iterates = np.empty_like(x)
    for k in range(1, x.shape[0] + 1):
        w = w + (x[k - 1] - w) / k
        iterates[k - 1] = w
    return iterates


def robbins_monro(
    g: NoisyFunction,
    w0: ArrayLike,
    iterations: int,
    *,
    step_sizes: StepSizes = harmonic,
    seed: int = 0,
) -> Array:
    """Robbins-Monro: ``w_{k+1} = w_k - a_k g~(w_k)``, a root of ``E[g~(w)] = 0``.

    Parameters
    ----------
    g : callable
        ``g(w, rng)``: a noisy observation of ``g(w)``, with the shape of ``w``.
    w0 : array_like
        The initial guess (a number or an array).
    iterations : int
        The number of updates, ``>= 1``.
    step_sizes : float or callable
        ``a_k`` for ``k = 1, 2, ...``: a constant, or a function of ``k``; default
        :func:`harmonic`.
    seed : int
        Seeds the generator passed to ``g``.

    Returns
    -------
    numpy.ndarray, shape (iterations + 1, *w0.shape)
        ``w_0, w_1, ..., w_iterations``.

    Raises
    ------
    TypeError, ValueError
        If ``w0`` is not finite, ``iterations`` not an int ``>= 1``, a step size not a
        finite number ``> 0``, or ``g`` returns a value of another shape.

    Complexity
    ----------
    O(iterations) calls of ``g``.

    Examples
    --------
    The root of ``tanh(w - 1)``, observed with Gaussian noise (the book's example 6.1):

    >>> noisy = lambda w, rng: np.tanh(w - 1) + 0.1 * rng.standard_normal(w.shape)
    >>> float(robbins_monro(noisy, 3.0, 2000, seed=0)[-1].round(2))
    1.0
    """
    w = as_float_array(w0, "w0")
    iterations = as_positive_int(iterations, "iterations")
    step = _step_sizes(step_sizes)
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    iterates = np.empty((iterations + 1, *w.shape))
    iterates[0] = w
    for k in range(1, iterations + 1):
        observation = np.asarray(g(w, rng), dtype=np.float64)
        if observation.shape != w.shape:
            raise ValueError(f"g must return the shape of w, {w.shape}, got {observation.shape}")
        w = w - step(k) * observation
        iterates[k] = w
    return iterates


def sgd(samples: ArrayLike, w0: ArrayLike, *, step_sizes: StepSizes = harmonic) -> Array:
    """Stochastic gradient descent on ``J(w) = E[||w - X||^2 / 2]``: ``w <- w - a_k (w - x_k)``.

    One sample per step, in order.  With ``a_k = 1/k`` (the default) ``w_k`` is the
    mean of the first ``k`` samples, whatever ``w_0``.

    Parameters
    ----------
    samples : array_like, shape (n, ...)
        The samples along axis 0.
    w0 : array_like
        The initial estimate, of the shape of one sample.
    step_sizes : float or callable
        ``a_k`` as in :func:`robbins_monro`.

    Returns
    -------
    numpy.ndarray, shape (n + 1, ...)
        ``w_0, ..., w_n``.

    Examples
    --------
    >>> sgd([2.0, 4.0, 9.0], 100.0)
    array([100.,   2.,   3.,   5.])
    >>> sgd([2.0, 4.0, 9.0], 0.0, step_sizes=0.5)
    array([0.  , 1.  , 2.5 , 5.75])
    """
    x = _as_samples(samples)
    w = _as_start(w0, x)
    step = _step_sizes(step_sizes)
    iterates = np.empty((x.shape[0] + 1, *x.shape[1:]))
    iterates[0] = w
    for k in range(1, x.shape[0] + 1):
        w = w - step(k) * (w - x[k - 1])
        iterates[k] = w
    return iterates


def batch_gradient_descent(
    samples: ArrayLike, w0: ArrayLike, iterations: int, *, alpha: float = 0.1
) -> Array:
    """Batch gradient descent on the sample mean problem: ``w <- w - alpha (w - x_bar)``.

    The gradient of ``(1/n) sum_i ||w - x_i||^2 / 2`` is ``w - x_bar``, so the error
    shrinks by exactly ``1 - alpha`` per iteration.

    Parameters
    ----------
    samples : array_like, shape (n, ...)
        The samples along axis 0.
    w0 : array_like
        The initial estimate.
    iterations : int
        The number of steps, ``>= 1``.
    alpha : float
        The step size, ``0 < alpha <= 1``.

    Returns
    -------
    numpy.ndarray, shape (iterations + 1, ...)
        ``w_0, ..., w_iterations``.

    Examples
    --------
    >>> batch_gradient_descent([1.0, 3.0], 10.0, 3, alpha=0.5)
    array([10.,  6.,  4.,  3.])
    """
    x = _as_samples(samples)
    w = _as_start(w0, x)
    iterations = as_positive_int(iterations, "iterations")
    alpha = as_step_size(alpha)
    x_bar = x.mean(axis=0)
    iterates = np.empty((iterations + 1, *x.shape[1:]))
    iterates[0] = w
    for k in range(1, iterations + 1):
        w = w - alpha * (w - x_bar)
        iterates[k] = w
    return iterates


def minibatch_gradient_descent(
    samples: ArrayLike,
    w0: ArrayLike,
    iterations: int,
    *,
    batch_size: int,
    step_sizes: StepSizes = harmonic,
    seed: int = 0,
) -> Array:
    """Mini-batch gradient descent: ``w <- w - a_k (w - mean of a random batch)``.

    Each step draws ``batch_size`` samples uniformly with replacement.
    ``batch_size = 1`` is SGD on random samples; the gradient of a batch of ``n``
    distinct samples would be BGD's.

    Parameters
    ----------
    samples : array_like, shape (n, ...)
        The samples to draw from.
    w0 : array_like
        The initial estimate.
    iterations : int
        The number of steps, ``>= 1``.
    batch_size : int
        Samples per step, ``>= 1``.
    step_sizes : float or callable
        ``a_k`` as in :func:`robbins_monro`.
    seed : int
        Seeds the draws.

    Returns
    -------
    numpy.ndarray, shape (iterations + 1, ...)
        ``w_0, ..., w_iterations``.

    Examples
    --------
    >>> w = minibatch_gradient_descent([1.0, 3.0], 0.0, 500, batch_size=10, seed=0)
    >>> float(abs(w[-1] - 2.0)) < 0.05
    True
    """
    x = _as_samples(samples)
    w = _as_start(w0, x)
    iterations = as_positive_int(iterations, "iterations")
    batch_size = as_positive_int(batch_size, "batch_size")
    step = _step_sizes(step_sizes)
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    iterates = np.empty((iterations + 1, *x.shape[1:]))
    iterates[0] = w
    for k in range(1, iterations + 1):
        batch = x[rng.integers(x.shape[0], size=batch_size)]
        w = w - step(k) * (w - batch.mean(axis=0))
        iterates[k] = w
    return iterates


# ----------------------------------------------------------------------------- helpers


def _as_samples(samples: ArrayLike) -> Array:
    x = as_float_array(samples, "samples")
    if x.ndim == 0 or x.shape[0] == 0:
        raise ValueError(f"samples must hold at least one sample along axis 0, got {x.shape}")
    return x


def _as_start(w0: ArrayLike, x: Array) -> Array:
    w = as_float_array(w0, "w0")
    if w.shape != x.shape[1:]:
        raise ValueError(f"w0 must have the shape of one sample, {x.shape[1:]}, got {w.shape}")
    return w


def _step_sizes(step_sizes: Any) -> Callable[[int], float]:
    """``a(k)``, checked to be a finite number ``> 0`` as it is used."""
    if callable(step_sizes):

        def checked(k: int) -> float:
            return as_positive_float(step_sizes(k), f"step_sizes({k})")

        return checked
    if isinstance(step_sizes, bool) or not isinstance(step_sizes, int | float | np.number):
        raise TypeError(
            f"step_sizes must be a number or a function of k, got {describe(step_sizes)}"
        )
    constant = as_positive_float(step_sizes, "step_sizes")
    return lambda k: constant
