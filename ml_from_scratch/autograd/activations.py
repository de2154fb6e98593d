"""Elementwise unary ops: ``y = f(x)``, ``dL/dx = dL/dy * f'(x)``.

    exp: y           log: 1/x          sqrt: 1/(2y)        abs: sign(x) (0 at 0)
    tanh: 1 - y^2    sigmoid: y(1-y)   relu: [x > 0]
    gelu: Phi(x) + x phi(x)      (Phi, phi: the standard normal's cdf and density)

Each derivative is written with the output where that is cheaper, as torch does.
``sigmoid`` is computed from ``exp(-|x|)``, so it neither overflows nor loses precision
at large ``|x|``.  ``gelu`` is exact (``approximate="none"``, through ``math.erf``, which
numpy lacks) or the tanh approximation of Hendrycks and Gimpel (2016).

Complexity: O(n) per op and per rule (``gelu``'s exact form at Python speed per element).
"""

from __future__ import annotations

import math

import numpy as np

from ml_from_scratch._checks import one_of
from ml_from_scratch.autograd.graph import Array
from ml_from_scratch.autograd.tensor import Tensor, result

_erf = np.frompyfunc(math.erf, 1, 1)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def exp(x: Tensor) -> Tensor:
    """``e ** x``.

    >>> exp(Tensor([0.0])).data.tolist()
    [1.0]
    """
    y = np.exp(x.data)
    return result(y, (x,), lambda g: (g * y,))


def log(x: Tensor) -> Tensor:
    """The natural logarithm."""
    data = x.data
    return result(np.log(data), (x,), lambda g: (g / data,))


def sqrt(x: Tensor) -> Tensor:
    """The square root."""
    y = np.sqrt(x.data)
    return result(y, (x,), lambda g: (g / (2 * y),))


def abs(x: Tensor) -> Tensor:
    """``|x|``; the gradient at 0 is 0, as torch's."""
    data = x.data
    return result(np.abs(data), (x,), lambda g: (g * np.sign(data),))


def tanh(x: Tensor) -> Tensor:
    """The hyperbolic tangent."""
    y = np.tanh(x.data)
    return result(y, (x,), lambda g: (g * (1 - y * y),))


def sigmoid(x: Tensor) -> Tensor:
    """``1 / (1 + e^-x)``, stable for any ``x``.

    >>> sigmoid(Tensor([-1000.0, 0.0, 1000.0])).data.tolist()
    [0.0, 0.5, 1.0]
    """
    y = sigmoid_array(x.data)
    return result(y, (x,), lambda g: (g * y * (1 - y),))


def relu(x: Tensor) -> Tensor:
    """``max(x, 0)``; the gradient at 0 is 0, as torch's."""
    data = x.data
    y = np.maximum(data, 0)
    return result(y, (x,), lambda g: (g * (data > 0),))


def gelu(x: Tensor, approximate: str = "none") -> Tensor:
    """The Gaussian error linear unit ``x Phi(x)``, as ``torch.nn.functional.gelu``.

    Parameters
    ----------
    x : Tensor
    approximate : "none" or "tanh"
        ``"none"``: exact, with the error function; ``"tanh"``:
        ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))``.

    Examples
    --------
    >>> round(gelu(Tensor([1.0])).item(), 6)
    0.841345
    """
    one_of(approximate, "approximate", ("none", "tanh"))
    data = x.data
    if approximate == "tanh":
        inner = _SQRT_2_OVER_PI * (data + 0.044715 * data**3)
        t = np.tanh(inner)
        y = 0.5 * data * (1 + t)

        def tanh_rule(g: Array) -> tuple[Array]:
            d_inner = _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * data * data)
            return (g * (0.5 * (1 + t) + 0.5 * data * (1 - t * t) * d_inner),)

        return result(y, (x,), tanh_rule)
    erf = np.asarray(_erf(data / math.sqrt(2.0)), dtype=np.float64)
    cdf = (0.5 * (1.0 + erf)).astype(data.dtype)
    density = _INV_SQRT_2PI * np.exp(-0.5 * data * data)
    return result(data * cdf, (x,), lambda g: (g * (cdf + data * density),))


def sigmoid_array(x: Array) -> Array:
    """The logistic function of an array, from ``exp(-|x|)`` (never overflows)."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
