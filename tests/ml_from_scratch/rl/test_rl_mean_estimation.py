"""Tests of mean estimation: exact identities, then convergence rates over many replicas.

The rates are the theory's (Zhao, chapter 6): the sample mean's mean squared error is
``sigma^2 / k``; Robbins-Monro with ``a_k = k^-beta`` has a mean squared error falling
like ``k^-beta``; BGD's error is the geometric sequence ``(1 - alpha)^k``; mini-batch GD
with batches of ``m`` and ``a_k = 1/k``, ``sigma^2 / (m k)``.  Each rate is measured on
``R`` independent replicas at once: the samples are ``(n, R)`` arrays, one column per
replica, and the problem separates by coordinate.  With R = 3000 replicas a mean
squared error is estimated within about ``sqrt(2 / R) = 2.6%`` (one standard error), so
a log-log slope fitted over two decades moves by about 0.01; the tolerances (0.05 on
slopes, 10% on levels: four standard errors) leave room for that.  The levels are the
theory's exactly, pre-asymptotic terms included: the variance recursion
``V_{k+1} = (1 - a_k)^2 V_k + a_k^2 sigma^2`` of ``w_{k+1} = (1 - a_k) w_k + a_k x_k``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ml_from_scratch.rl import (
    batch_gradient_descent,
    harmonic,
    incremental_mean,
    minibatch_gradient_descent,
    robbins_monro,
    sgd,
)

REPLICAS = 3000
CHECKPOINTS = np.array([30, 100, 300, 1000, 3000])
SIGMA2 = 300.0  # the variance of the uniform distribution on [-30, 30]
SAMPLES = arrays(
    np.float64, st.tuples(st.integers(1, 60), st.integers(1, 3)), elements=st.floats(-1e6, 1e6)
)


def slope(ks: Any, errors: Any) -> float:
    return float(np.polyfit(np.log(ks), np.log(errors), 1)[0])


def theory_mse(w0: float, step_sizes: Any, ks: Any) -> Any:
    """The exact mean squared error of ``w_{k+1} = (1 - a_k) w_k + a_k x_k`` at ``ks``."""
    v, out = w0**2, {}
    for k in range(1, int(max(ks)) + 1):
        a = step_sizes(k)
        v = (1 - a) ** 2 * v + a**2 * SIGMA2
        out[k] = v
    return np.array([out[k] for k in ks])


def uniform_samples(n: int, seed: int) -> Any:
    """The book's example: uniform on [-30, 30], mean 0, variance 300; R replicas."""
    return np.random.default_rng(seed).uniform(-30, 30, (n, REPLICAS))


# ----------------------------------------------------------------------------- identities


@given(samples=SAMPLES)
def test_incremental_mean_is_the_running_sample_mean(samples: Any) -> None:
    running = np.cumsum(samples, axis=0) / np.arange(1, len(samples) + 1)[:, None]
    np.testing.assert_allclose(incremental_mean(samples), running, rtol=1e-9, atol=1e-6)


@given(samples=SAMPLES, w0=st.floats(-1e3, 1e3))
def test_sgd_with_harmonic_steps_forgets_its_start(samples: Any, w0: float) -> None:
    w = sgd(samples, np.full(samples.shape[1], w0))
    np.testing.assert_array_equal(w[0], w0)
    np.testing.assert_allclose(w[1:], incremental_mean(samples), rtol=1e-9, atol=1e-6)


@pytest.mark.parametrize("alpha", [0.01, 0.3, 1.0])
def test_bgd_error_is_geometric(alpha: float) -> None:
    samples = np.random.default_rng(1).normal(5.0, 2.0, (50, 3))
    w = batch_gradient_descent(samples, np.zeros(3), 40, alpha=alpha)
    error = np.abs(w - samples.mean(axis=0)).max(axis=1)
    np.testing.assert_allclose(
        error, error[0] * (1 - alpha) ** np.arange(41), rtol=1e-9, atol=1e-12
    )


def test_robbins_monro_finds_the_books_root() -> None:
    # g(w) = tanh(w - 1), root 1, observed with Gaussian noise (the book's example).
    noisy = lambda w, rng: np.tanh(w - 1) + rng.standard_normal(w.shape)  # noqa: E731
    w = robbins_monro(noisy, np.full(REPLICAS, 3.0), 3000, seed=0)
    assert abs(w[-1].mean() - 1.0) < 0.01


# ----------------------------------------------------------------------------- rates


def test_sgd_mean_squared_error_is_variance_over_k() -> None:
    w = sgd(uniform_samples(CHECKPOINTS[-1], 0), np.full(REPLICAS, 50.0))
    mse = (w[CHECKPOINTS] ** 2).mean(axis=1)
    assert slope(CHECKPOINTS, mse) == pytest.approx(-1.0, abs=0.05)
    np.testing.assert_allclose(mse * CHECKPOINTS, SIGMA2, rtol=0.1)


@pytest.mark.parametrize("beta", [0.6, 0.75, 1.0])
def test_robbins_monro_mean_squared_error_falls_like_a_k(beta: float) -> None:
    # Mean estimation as root finding: g(w) = w - E[X], observed as w - x.
    samples = iter(uniform_samples(CHECKPOINTS[-1], 1))
    observe = lambda w, rng: w - next(samples)  # noqa: E731
    w = robbins_monro(
        observe, np.full(REPLICAS, 50.0), CHECKPOINTS[-1], step_sizes=lambda k: k**-beta
    )
    mse = (w[CHECKPOINTS] ** 2).mean(axis=1)
    theory = theory_mse(50.0, lambda k: k**-beta, CHECKPOINTS)
    assert slope(CHECKPOINTS, mse) == pytest.approx(slope(CHECKPOINTS, theory), abs=0.05)
    assert slope(CHECKPOINTS[-2:], theory[-2:]) == pytest.approx(-beta, abs=0.1)  # asymptotic
    np.testing.assert_allclose(mse, theory, rtol=0.1)


@pytest.mark.parametrize("batch_size", [1, 10])
def test_minibatch_mean_squared_error_is_variance_over_m_k(batch_size: int) -> None:
    # Batches drawn with replacement from 10^5 samples: nearly fresh samples each time.
    samples = np.random.default_rng(2).uniform(-30, 30, (10**5, 200))
    ks = np.array([10, 30, 100, 300, 1000])
    w = minibatch_gradient_descent(samples, np.zeros(200), ks[-1], batch_size=batch_size, seed=3)
    mse = ((w[ks] - samples.mean(axis=0)) ** 2).mean(axis=1)
    assert slope(ks, mse) == pytest.approx(-1.0, abs=0.1)
    # 200 replicas: each level within about 3 standard errors, sqrt(2 / 200) = 10%.
    np.testing.assert_allclose(mse * ks * batch_size, SIGMA2, rtol=0.3)


def test_constant_step_sgd_stalls_at_a_noise_floor() -> None:
    # A constant step does not satisfy sum a_k^2 < infinity: the error stops falling,
    # at alpha sigma^2 / (2 - alpha).
    w = sgd(uniform_samples(CHECKPOINTS[-1], 4), np.zeros(REPLICAS), step_sizes=0.1)
    mse = (w[CHECKPOINTS] ** 2).mean(axis=1)
    np.testing.assert_allclose(mse, 0.1 * SIGMA2 / 1.9, rtol=0.1)


# ----------------------------------------------------------------------------- bad input


def test_harmonic() -> None:
    assert [harmonic(k) for k in (1, 4)] == [1.0, 0.25]


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: incremental_mean([]), ValueError, "samples"),
        (lambda: incremental_mean([1.0, np.nan]), ValueError, "samples"),
        (lambda: sgd([1.0, 2.0], [0.0, 0.0]), ValueError, "w0"),
        (lambda: sgd([1.0, 2.0], 0.0, step_sizes=-0.1), ValueError, "step_sizes"),
        (lambda: sgd([1.0, 2.0], 0.0, step_sizes="1/k"), TypeError, "step_sizes"),
        (lambda: sgd([1.0, 2.0], 0.0, step_sizes=lambda k: 0.0), ValueError, "step_sizes"),
        (lambda: batch_gradient_descent([1.0], 0.0, 0), ValueError, "iterations"),
        (lambda: batch_gradient_descent([1.0], 0.0, 3, alpha=1.5), ValueError, "alpha"),
        (lambda: minibatch_gradient_descent([1.0], 0.0, 3, batch_size=0), ValueError, "batch_size"),
        (lambda: robbins_monro(lambda w, rng: [1.0, 2.0], 0.0, 3), ValueError, r"\bg\b"),
        (lambda: robbins_monro(lambda w, rng: w, 0.0, 3, seed=-1), ValueError, "seed"),
    ],
)
def test_bad_input(call: Any, error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        call()
