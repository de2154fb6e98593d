"""conv2d, max_pool2d and avg_pool2d against ``torch.nn.functional``, forward and every
gradient, over random strides, paddings, dilations and groups; im2col against its
definition; bad geometry rejected."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from autograd_engine import check, check_finite_differences, random_array, seeds
from hypothesis import given
from hypothesis import strategies as st

from ml_from_scratch.autograd import Tensor
from ml_from_scratch.autograd import functional as F
from ml_from_scratch.autograd.conv import col2im, im2col

pairs = st.integers(1, 3) | st.tuples(st.integers(1, 3), st.integers(1, 3))


@st.composite
def conv_cases(draw: st.DrawFn) -> dict[str, Any]:
    groups = draw(st.integers(1, 3))
    case = {
        "n": draw(st.integers(1, 2)),
        "c": groups * draw(st.integers(1, 2)),
        "o": groups * draw(st.integers(1, 2)),
        "kernel": draw(st.tuples(st.integers(1, 3), st.integers(1, 3))),
        "stride": draw(pairs),
        "padding": draw(st.integers(0, 2) | st.tuples(st.integers(0, 2), st.integers(0, 2))),
        "dilation": draw(pairs),
        "groups": groups,
        "bias": draw(st.booleans()),
    }
    span = [
        case["dilation"] if isinstance(case["dilation"], int) else case["dilation"][i]
        for i in range(2)
    ]
    low = [s * (k - 1) + 1 for s, k in zip(span, case["kernel"], strict=True)]
    case["hw"] = (draw(st.integers(low[0], low[0] + 4)), draw(st.integers(low[1], low[1] + 4)))
    return case


@given(case=conv_cases(), seed=seeds, dtype=st.sampled_from([np.float64, np.float32]))
def test_conv2d_matches_torch(case: dict[str, Any], seed: int, dtype: Any) -> None:
    x = random_array(seed, (case["n"], case["c"], *case["hw"]), dtype)
    w = random_array(seed + 1, (case["o"], case["c"] // case["groups"], *case["kernel"]), dtype)
    b = random_array(seed + 2, (case["o"],), dtype)
    geometry = {k: case[k] for k in ("stride", "padding", "dilation", "groups")}
    if case["bias"]:
        check(
            lambda x, w, b: F.conv2d(x, w, b, **geometry),
            lambda x, w, b: TF.conv2d(x, w, b, **geometry),
            [x, w, b],
            name=f"conv2d {geometry}",
        )
    else:
        check(
            lambda x, w: F.conv2d(x, w, **geometry),
            lambda x, w: TF.conv2d(x, w, **geometry),
            [x, w],
            name=f"conv2d {geometry}",
        )


def test_conv2d_gradients_by_finite_differences() -> None:
    x, w, b = random_array(0, (1, 2, 5, 4)), random_array(1, (2, 1, 2, 3)), random_array(2, (2,))
    check_finite_differences(
        lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=1, dilation=(1, 2), groups=2),
        [x, w, b],
    )


@st.composite
def pool_cases(draw: st.DrawFn, dilation: bool) -> dict[str, Any]:
    kernel = draw(st.tuples(st.integers(1, 3), st.integers(1, 3)))
    case = {
        "kernel_size": kernel,
        "stride": draw(st.none() | pairs),
        "padding": (draw(st.integers(0, kernel[0] // 2)), draw(st.integers(0, kernel[1] // 2))),
    }
    if dilation:
        case["dilation"] = draw(pairs)
    return case


@given(case=pool_cases(dilation=True), seed=seeds, ties=st.booleans())
def test_max_pool2d_matches_torch(case: dict[str, Any], seed: int, ties: bool) -> None:
    # ties: small integers, many equal maxima per window: the first one (row-major in
    # the window) gets the gradient, as torch's CPU kernel gives it.
    x = random_array(seed, (2, 2, 8, 9), ties=ties)
    check(lambda t: F.max_pool2d(t, **case), lambda t: TF.max_pool2d(t, **case), [x])


@pytest.mark.parametrize("count_include_pad", [True, False])
@given(case=pool_cases(dilation=False), seed=seeds)
def test_avg_pool2d_matches_torch(case: dict[str, Any], seed: int, count_include_pad: bool) -> None:
    x = random_array(seed, (2, 3, 6, 7))
    case = {**case, "count_include_pad": count_include_pad}
    check(lambda t: F.avg_pool2d(t, **case), lambda t: TF.avg_pool2d(t, **case), [x])


def test_pools_in_float32() -> None:
    x = random_array(3, (2, 3, 8, 8), np.float32)
    check(lambda t: F.max_pool2d(t, 2), lambda t: TF.max_pool2d(t, 2), [x])
    check(lambda t: F.avg_pool2d(t, 3, 2, 1), lambda t: TF.avg_pool2d(t, 3, 2, 1), [x])


@given(case=conv_cases(), seed=seeds)
def test_im2col_rows_are_the_receptive_fields(case: dict[str, Any], seed: int) -> None:
    # Definition: row (n, i, j) is the padded input under the kernel at output (i, j).
    x = random_array(seed, (case["n"], case["c"], *case["hw"]))
    stride, padding, dilation = (
        case[k] if isinstance(case[k], tuple) else (case[k], case[k])
        for k in ("stride", "padding", "dilation")
    )
    (kh, kw), padded = case["kernel"], np.pad(x, ((0, 0), (0, 0), *((p, p) for p in padding)))
    cols = im2col(x, case["kernel"], stride, padding, dilation)
    oh = (padded.shape[2] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (padded.shape[3] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    assert cols.shape == (x.shape[0] * oh * ow, x.shape[1] * kh * kw)
    for row, (n, i, j) in enumerate(np.ndindex(x.shape[0], oh, ow)):
        top, left = i * stride[0], j * stride[1]
        field = padded[
            n,
            :,
            top : top + dilation[0] * (kh - 1) + 1 : dilation[0],
            left : left + dilation[1] * (kw - 1) + 1 : dilation[1],
        ]
        np.testing.assert_array_equal(cols[row], field.ravel())


@given(case=conv_cases(), seed=seeds)
def test_col2im_is_the_adjoint_of_im2col(case: dict[str, Any], seed: int) -> None:
    # <im2col(x), c> == <x, col2im(c)> for all x, c: the defining property of the adjoint.
    shape = (case["n"], case["c"], *case["hw"])
    args = (case["kernel"], case["stride"], case["padding"], case["dilation"])
    x = random_array(seed, shape)
    cols = im2col(x, *args)
    c = random_array(seed + 1, cols.shape)
    lhs, rhs = np.sum(cols * c), np.sum(x * col2im(c, shape, *args))
    assert abs(lhs - rhs) <= 1e-12 * max(1.0, abs(lhs)) * cols.size


@pytest.mark.parametrize(
    ("x_shape", "w_shape", "kwargs", "word"),
    [
        ((1, 3, 5, 5), (2, 3, 3), {}, "weight"),
        ((3, 5, 5), (2, 3, 3, 3), {}, "x"),
        ((1, 4, 5, 5), (2, 4, 3, 3), {"groups": 2}, "weight"),
        ((1, 3, 5, 5), (2, 3, 3, 3), {"groups": 2}, "groups"),
        ((1, 3, 2, 2), (2, 3, 3, 3), {}, "kernel"),
        ((1, 3, 5, 5), (2, 3, 3, 3), {"stride": 0}, "stride"),
        ((1, 3, 5, 5), (2, 3, 3, 3), {"padding": -1}, "padding"),
    ],
)
def test_conv2d_rejects_bad_geometry(
    x_shape: Any, w_shape: Any, kwargs: dict[str, Any], word: str
) -> None:
    with pytest.raises(ValueError, match=word):
        F.conv2d(Tensor(np.zeros(x_shape)), Tensor(np.zeros(w_shape)), **kwargs)


def test_pool_padding_at_most_half_the_kernel() -> None:
    with pytest.raises(ValueError, match="padding"):
        F.max_pool2d(Tensor(np.zeros((1, 1, 4, 4))), 2, padding=2)
    with pytest.raises(TypeError, match="kernel_size"):
        F.avg_pool2d(Tensor(np.zeros((1, 1, 4, 4))), 2.0)


def test_conv2d_worked_example() -> None:
    # A 2x2 box filter with stride 2 sums each 2x2 block: 0+1+4+5 = 10, ...
    x = Tensor(np.arange(16.0).reshape(1, 1, 4, 4), requires_grad=True)
    out = F.conv2d(x, Tensor(np.ones((1, 1, 2, 2))), stride=2)
    assert out.data.tolist() == [[[[10.0, 18.0], [42.0, 50.0]]]]
    out.sum().backward()
    assert x.grad is not None
    assert x.grad.tolist() == np.ones((1, 1, 4, 4)).tolist()  # each pixel read once


def test_conv2d_float32_stays_float32_in_torch_precision() -> None:
    x = random_array(0, (2, 4, 9, 9), np.float32)
    w = random_array(1, (6, 4, 3, 3), np.float32)
    out = F.conv2d(Tensor(x), Tensor(w), padding=1)
    expected = TF.conv2d(torch.from_numpy(x), torch.from_numpy(w), padding=1).numpy()
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.data, expected, rtol=2e-5, atol=2e-5)
