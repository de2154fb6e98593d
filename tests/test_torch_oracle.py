"""The torch-oracle helper can fail: a wrong value, dtype or gradient is caught and located."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from torch_oracle import Const, check_close, check_op, tolerances


class _WrongBackward(torch.autograd.Function):
    """tanh with the gradient of sigmoid: right forward, wrong backward."""

    @staticmethod
    def forward(ctx: Any, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return torch.tanh(x)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad * s * (1 - s)


def test_a_correct_op_passes() -> None:
    x = np.random.default_rng(0).standard_normal((3, 4))
    check_op(lambda t: torch.tanh(t) * 2, lambda t: 2 * torch.tanh(t), [x])


def test_a_wrong_gradient_is_caught_and_located() -> None:
    x = np.random.default_rng(0).standard_normal((3, 4))
    with pytest.raises(AssertionError, match=r"gradient of input 0 \(shape \(3, 4\)\).*worst at"):
        check_op(_WrongBackward.apply, torch.tanh, [x])


def test_a_wrong_value_is_caught() -> None:
    x = np.random.default_rng(0).standard_normal(5)
    with pytest.raises(AssertionError, match="output 0: 1 of 5 values differ"):
        check_op(
            lambda t: torch.where(torch.arange(5) == 3, t + 1e-6, t), lambda t: t, [x], grad=False
        )


def test_a_changed_dtype_is_caught() -> None:
    x = np.ones(3, dtype=np.float32)
    with pytest.raises(AssertionError, match="dtype float64, torch gives float32"):
        check_op(lambda t: t.double(), lambda t: t, [x], grad=False)


def test_a_transposed_gradient_is_caught() -> None:
    # With an upstream of ones the transpose would pass; a random upstream catches it.
    x = np.random.default_rng(1).standard_normal((4, 4))

    def sum_rows(t: torch.Tensor) -> torch.Tensor:
        return _TransposedGrad.apply(t).sum(dim=1)

    with pytest.raises(AssertionError, match="gradient of input 0"):
        check_op(sum_rows, lambda t: t.sum(dim=1), [x])


class _TransposedGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: torch.Tensor) -> torch.Tensor:
        return x.clone()

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> torch.Tensor:
        return grad.T


def test_constants_are_passed_through() -> None:
    x = np.random.default_rng(2).standard_normal((4, 3))
    index = np.array([2, 0, 2])
    check_op(lambda t, i: t[i], lambda t, i: t[i], [x, Const(index)])


def test_float32_tolerance_is_looser_than_float64() -> None:
    assert tolerances(np.float32)[0] > tolerances(np.float64)[0]


def test_a_zero_dimensional_constant_stays_zero_dimensional() -> None:
    x = np.random.default_rng(3).standard_normal((2, 3))
    check_op(lambda t, c: t * c, lambda t, c: t * c, [x, Const(np.array(2.0))])
    check_op(
        lambda c, t: torch.where(c, t, -t),
        lambda c, t: torch.where(c, t, -t),
        [Const(np.array(True)), x],
    )


def test_check_close_catches_a_difference_and_a_dtype() -> None:
    x = torch.linspace(0, 1, 5)
    check_close(x + 1e-7, x)
    with pytest.raises(AssertionError, match="sum: 1 of 5 values differ"):
        check_close(torch.where(torch.arange(5) == 2, x + 1e-3, x), x, name="sum")
    with pytest.raises(AssertionError, match="dtype float64, torch gives float32"):
        check_close(x.double(), x)
