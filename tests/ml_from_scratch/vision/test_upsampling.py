"""Tests of pixel (un)shuffle, transposed convolution and max unpooling against torch.

Oracles: ``torch.nn.functional``'s ``pixel_shuffle``, ``pixel_unshuffle``,
``conv_transpose2d`` and ``max_unpool2d`` (forward and every gradient, through
``check_op``); the defining formula element by element for the shuffles; the adjoint
identity ``<conv2d(x, w), y> = <x, conv_transpose2d(y, w)>`` with torch's ``conv2d``;
``max_pool2d`` for the indices unpooling undoes.  None shares code with the
implementations.

Unmarked tests check the statements (4-D inputs, every argument they list); ``edge``
the reference's further promises (other ranks, unbatched inputs, the fast variant,
the modules); ``contract`` the errors, each of which torch raises too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from torch_oracle import Const, check_close, check_op

from ml_from_scratch.upsampling import (
    ConvTranspose2d,
    PixelShuffle,
    PixelUnshuffle,
    conv_transpose2d_gemm,
)
from workbook.testing import (
    check,
    contract,
    edge,
    exercise_fixture,
    exercise_params,
    implementation,
)

pixel_shuffle = exercise_fixture("pixel_shuffle")
pixel_unshuffle = exercise_fixture("pixel_unshuffle")
conv_transpose2d = exercise_fixture("conv_transpose2d")
max_unpool2d = exercise_fixture("max_unpool2d")
SHUFFLES = exercise_params("pixel_shuffle", "pixel_unshuffle")
TORCH_ERRORS = (RuntimeError, ValueError, TypeError, NotImplementedError)
# The costlier properties run a quarter of the profile's examples (10 at least): the
# default run stays quick, and the ci and thorough profiles still scale them up.
FEWER = settings(max_examples=max(10, settings().max_examples // 4))


def random(shape: tuple[int, ...], dtype: Any = np.float64, seed: int = 0) -> Any:
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


# ------------------------------------------------------------------ pixel shuffle


@st.composite
def shuffle_cases(
    draw: st.DrawFn, batch_dims: tuple[int, ...] = (1,)
) -> tuple[tuple[int, ...], int]:
    """``(shape of the high-resolution image, r)``: ``(*, C, H r, W r)``."""
    r = draw(st.integers(1, 4))
    batch = tuple(draw(st.integers(1, 3)) for _ in range(draw(st.sampled_from(batch_dims))))
    c, h, w = (draw(st.integers(1, 3)) for _ in range(3))
    return (*batch, c, h * r, w * r), r


def shuffled_by_formula(x: torch.Tensor, r: int) -> torch.Tensor:
    """``out[n, c, h r + i, w r + j] = x[n, c r^2 + i r + j, h, w]``, element by element."""
    n, channels, height, width = x.shape
    c = channels // (r * r)
    out = torch.empty(n, c, height * r, width * r, dtype=x.dtype)
    for b in range(n):
        for k in range(c):
            for i in range(r):
                for j in range(r):
                    out[b, k, i::r, j::r] = x[b, k * r * r + i * r + j]
    return out


def test_shuffle_statement_examples(pixel_shuffle: Any, pixel_unshuffle: Any) -> None:
    check(
        pixel_shuffle,
        torch.arange(8).view(1, 8, 1, 1),
        2,
        expected=[[[[0, 1], [2, 3]], [[4, 5], [6, 7]]]],
    )
    assert pixel_shuffle(torch.zeros(2, 18, 4, 5), 3).shape == (2, 2, 12, 15)
    blocks = [[[0, 2], [8, 10]], [[1, 3], [9, 11]], [[4, 6], [12, 14]], [[5, 7], [13, 15]]]
    check(pixel_unshuffle, torch.arange(16).view(1, 1, 4, 4), 2, expected=[blocks])
    assert pixel_unshuffle(torch.zeros(2, 3, 6, 9), 3).shape == (2, 27, 2, 3)


@FEWER
@given(shuffle_cases())
def test_shuffle_matches_torch(pixel_shuffle: Any, case: tuple[tuple[int, ...], int]) -> None:
    (*batch, c, h, w), r = case
    x = random((*batch, c * r * r, h // r, w // r))
    check_op(
        lambda t: pixel_shuffle(t, r),
        lambda t: F.pixel_shuffle(t, r),
        [x],
        name=f"pixel_shuffle(r={r})",
    )


@FEWER
@given(shuffle_cases())
def test_unshuffle_matches_torch(pixel_unshuffle: Any, case: tuple[tuple[int, ...], int]) -> None:
    shape, r = case
    check_op(
        lambda t: pixel_unshuffle(t, r),
        lambda t: F.pixel_unshuffle(t, r),
        [random(shape)],
        name=f"pixel_unshuffle(r={r})",
    )


@FEWER
@given(shuffle_cases())
def test_shuffle_follows_the_formula(pixel_shuffle: Any, case: tuple[tuple[int, ...], int]) -> None:
    (n, c, h, w), r = case
    x = torch.arange(n * c * h * w).view(n, c * r * r, h // r, w // r)
    same = torch.equal(pixel_shuffle(x, r), shuffled_by_formula(x, r))
    assert same, f"pixel_shuffle(arange of shape {tuple(x.shape)}, {r}) breaks the formula"


@FEWER
@given(shuffle_cases())
def test_unshuffle_inverts_shuffle(
    pixel_shuffle: Any, pixel_unshuffle: Any, case: tuple[tuple[int, ...], int]
) -> None:
    shape, r = case
    x = torch.from_numpy(random(shape))
    assert torch.equal(pixel_shuffle(pixel_unshuffle(x, r), r), x)
    low = pixel_unshuffle(x, r)
    assert torch.equal(pixel_unshuffle(pixel_shuffle(low, r), r), low)


def test_shuffle_large(pixel_shuffle: Any, pixel_unshuffle: Any) -> None:
    x = torch.randn(1, 64 * 4, 128, 128, generator=torch.Generator().manual_seed(1))
    shuffled = torch.equal(pixel_shuffle(x, 2), F.pixel_shuffle(x, 2))
    assert shuffled, "pixel_shuffle(x of shape (1, 256, 128, 128), 2) differs from torch's"
    unshuffled = torch.equal(pixel_unshuffle(x, 4), F.pixel_unshuffle(x, 4))
    assert unshuffled, "pixel_unshuffle(x of shape (1, 256, 128, 128), 4) differs from torch's"


@edge
@pytest.mark.parametrize("exercise_id", SHUFFLES)
@FEWER
@given(case=shuffle_cases(batch_dims=(0, 2, 3)))
def test_other_ranks(request: Any, exercise_id: str, case: tuple[tuple[int, ...], int]) -> None:
    impl, oracle = implementation(request, exercise_id), getattr(F, exercise_id)
    (*batch, c, h, w), r = case
    shape = (
        (*batch, c * r * r, h // r, w // r) if exercise_id == "pixel_shuffle" else (*batch, c, h, w)
    )
    check_op(lambda t: impl(t, r), lambda t: oracle(t, r), [random(shape)])


@edge
@pytest.mark.parametrize("exercise_id", SHUFFLES)
def test_shuffles_keep_integer_dtypes_and_inputs(request: Any, exercise_id: str) -> None:
    impl, oracle = implementation(request, exercise_id), getattr(F, exercise_id)
    x = torch.arange(2 * 8 * 4 * 6, dtype=torch.int16).view(2, 8, 4, 6)
    before = x.clone()
    assert torch.equal(impl(x, 2), oracle(x, 2))
    assert torch.equal(impl(x.transpose(2, 3), 2), oracle(x.transpose(2, 3), 2))  # strided
    assert torch.equal(x, before)


@edge
def test_shuffle_modules() -> None:
    x = torch.from_numpy(random((2, 12, 3, 5)))
    assert torch.equal(PixelShuffle(2)(x), torch.nn.PixelShuffle(2)(x))
    assert torch.equal(
        PixelUnshuffle(3)(x.reshape(2, 4, 9, 5)[..., :3]),
        torch.nn.PixelUnshuffle(3)(x.reshape(2, 4, 9, 5)[..., :3]),
    )
    assert repr(PixelShuffle(2)) == "PixelShuffle(upscale_factor=2)"


@contract
@pytest.mark.parametrize(
    ("exercise_id", "shape", "factor", "error", "names"),
    [
        ("pixel_shuffle", (1, 6, 2, 2), 2, ValueError, "channels"),
        ("pixel_shuffle", (6, 2), 1, ValueError, "input"),
        ("pixel_shuffle", (1, 4, 2, 2), 0, ValueError, "upscale_factor"),
        ("pixel_shuffle", (1, 4, 2, 2), 2.0, TypeError, "upscale_factor"),
        ("pixel_unshuffle", (1, 1, 4, 6), 4, ValueError, "width"),
        ("pixel_unshuffle", (1, 1, 3, 4), 2, ValueError, "height"),
        ("pixel_unshuffle", (1, 1, 4, 4), -1, ValueError, "downscale_factor"),
    ],
)
def test_shuffle_errors(
    request: Any, exercise_id: str, shape: tuple[int, ...], factor: Any, error: type, names: str
) -> None:
    x = torch.zeros(shape)
    with pytest.raises(TORCH_ERRORS):  # torch refuses it too
        getattr(F, exercise_id)(x, factor)
    with pytest.raises(error, match=names):
        implementation(request, exercise_id)(x, factor)


# ------------------------------------------------------------ transposed convolution


@st.composite
def transposed_cases(draw: st.DrawFn) -> dict[str, Any]:
    """The arguments of one transposed convolution, within the statement's constraints."""
    g = draw(st.integers(1, 3))
    cig, cog = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    k = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    s = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    d = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    p = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    op = tuple(draw(st.integers(0, max(ss, dd) - 1)) for ss, dd in zip(s, d, strict=True))
    hw = (draw(st.integers(1, 6)), draw(st.integers(1, 6)))
    pairs = draw(st.booleans())
    if not pairs:  # one int for both dimensions
        s, p, op, d = ((v[0],) * 2 for v in (s, p, op, d))
    out = [
        (n - 1) * ss - 2 * pp + dd * (kk - 1) + o + 1
        for n, ss, pp, dd, kk, o in zip(hw, s, p, d, k, op, strict=True)
    ]
    assume(min(out) >= 1)
    return {
        "input_shape": (draw(st.integers(1, 2)), g * cig, *hw),
        "weight_shape": (g * cig, cog, *k),
        "bias": draw(st.booleans()),
        "stride": s if pairs else s[0],
        "padding": p if pairs else p[0],
        "output_padding": op if pairs else op[0],
        "groups": g,
        "dilation": d if pairs else d[0],
    }


def run_transposed(impl: Any, case: dict[str, Any], dtype: Any = np.float64) -> None:
    arrays = [random(case["input_shape"], dtype, 1), random(case["weight_shape"], dtype, 2)]
    if case["bias"]:
        arrays.append(random((case["weight_shape"][1] * case["groups"],), dtype, 3))
    keys = ("stride", "padding", "output_padding", "groups", "dilation")
    args = {key: case[key] for key in keys}

    def call(f: Any) -> Any:
        return lambda x, w, b=None: f(x, w, b, **args)

    check_op(call(impl), call(F.conv_transpose2d), arrays, name=f"conv_transpose2d({args})")


def test_transposed_statement_examples(conv_transpose2d: Any) -> None:
    x, w = torch.tensor([[[[1.0, 2.0]]]]), torch.tensor([[[[1.0, 10.0, 100.0]]]])
    check(conv_transpose2d, x, w, stride=2, expected=[[[[1, 10, 102, 20, 200]]]])
    assert conv_transpose2d(x, w, stride=2, padding=(0, 1), output_padding=(0, 1)).shape == (
        1,
        1,
        1,
        4,
    )


@FEWER  # each example is two forward and backward passes of up to 16 taps
@given(transposed_cases())
def test_transposed_matches_torch(conv_transpose2d: Any, case: dict[str, Any]) -> None:
    run_transposed(conv_transpose2d, case)


@FEWER
@given(transposed_cases())
def test_transposed_matches_torch_in_float32(conv_transpose2d: Any, case: dict[str, Any]) -> None:
    run_transposed(conv_transpose2d, case, np.float32)


@FEWER
@given(st.data())
def test_adjoint_of_convolution(conv_transpose2d: Any, data: st.DataObject) -> None:
    # <conv2d(x, w), y> = <x, conv_transpose2d(y, w)>: the transposed convolution is the
    # adjoint of torch's convolution with the same weight and arguments.  The output
    # padding is what makes the result x's size again.
    g, k, s, p, d = (data.draw(st.integers(1, high)) for high in (2, 4, 3, 2, 2))
    p -= 1
    c_in, c_out = g * data.draw(st.integers(1, 3)), g * data.draw(st.integers(1, 3))
    h, w_ = (data.draw(st.integers(d * (k - 1) + 1, 9)) for _ in range(2))
    gen = torch.Generator().manual_seed(data.draw(st.integers(0, 2**16)))
    x = torch.randn(2, c_in, h, w_, dtype=torch.float64, generator=gen)
    weight = torch.randn(c_out, c_in // g, k, k, dtype=torch.float64, generator=gen)
    y_shape = F.conv2d(x, weight, None, s, p, d, g).shape
    y = torch.randn(y_shape, dtype=torch.float64, generator=gen)
    extra = [
        n - ((m - 1) * s - 2 * p + d * (k - 1) + 1)
        for n, m in zip((h, w_), y_shape[2:], strict=True)
    ]
    back = conv_transpose2d(y, weight, None, s, p, tuple(extra), g, d)
    left = (F.conv2d(x, weight, None, s, p, d, g) * y).sum()
    check_close((x * back).sum(), left, rtol=1e-10, atol=1e-10)


def test_transposed_decoder_size(conv_transpose2d: Any) -> None:
    gen = torch.Generator().manual_seed(3)
    x, w = torch.randn(2, 64, 32, 32, generator=gen), torch.randn(64, 32, 4, 4, generator=gen)
    b = torch.randn(32, generator=gen)
    ours = conv_transpose2d(x, w, b, stride=2, padding=1)
    check_close(ours, F.conv_transpose2d(x, w, b, stride=2, padding=1))


@edge
@FEWER
@given(transposed_cases())
def test_gemm_variant_matches_torch(case: dict[str, Any]) -> None:
    run_transposed(conv_transpose2d_gemm, case)


@edge
def test_transposed_integers(conv_transpose2d: Any) -> None:
    gen = torch.Generator().manual_seed(5)
    x = torch.randint(-9, 9, (2, 4, 5, 6), generator=gen)
    w, b = (
        torch.randint(-9, 9, (4, 3, 3, 2), generator=gen),
        torch.randint(-9, 9, (6,), generator=gen),
    )
    assert torch.equal(
        conv_transpose2d(x, w, b, 2, 1, 1, 2), F.conv_transpose2d(x, w, b, 2, 1, 1, 2)
    )


@edge
def test_transposed_unbatched_and_unchanged(conv_transpose2d: Any) -> None:
    x, w = torch.from_numpy(random((3, 5, 4))), torch.from_numpy(random((3, 2, 3, 3)))
    before = x.clone(), w.clone()
    out = conv_transpose2d(x, w, None, 2, 1, 1)
    check_close(out, F.conv_transpose2d(x, w, None, 2, 1, 1))
    strided = x.transpose(1, 2)
    check_close(conv_transpose2d(strided, w, stride=3), F.conv_transpose2d(strided, w, stride=3))
    assert torch.equal(x, before[0])
    assert torch.equal(w, before[1])


@edge
@pytest.mark.parametrize("output_size", [None, (9, 10), (10, 12), (1, 4, 10, 11)])
def test_transposed_module(output_size: Any) -> None:
    theirs = torch.nn.ConvTranspose2d(
        3, 4, (3, 2), stride=(2, 3), padding=1, groups=1, dilation=(1, 2)
    )
    ours = ConvTranspose2d.from_torch(theirs)
    x = torch.from_numpy(random((1, 3, 5, 4), np.float32))
    check_close(ours(x, output_size), theirs(x, output_size))
    assert repr(ours) == (
        "ConvTranspose2d(3, 4, kernel_size=(3, 2), stride=(2, 3), padding=(1, 1), dilation=(1, 2))"
    )


@edge
def test_transposed_module_initialisation() -> None:
    # torch's bound for its transposed layer: 1 / sqrt((out / groups) kH kW).
    layer = ConvTranspose2d(64, 32, 4, groups=2, generator=torch.Generator().manual_seed(0))
    bound = 1 / np.sqrt(16 * 4 * 4)
    assert layer.weight.shape == (64, 16, 4, 4)
    weights = layer.weight.detach()
    assert float(weights.abs().max()) <= bound
    assert float(weights.abs().max()) > 0.99 * bound  # 16384 draws reach the bound
    assert float(layer.bias.detach().abs().max()) <= bound
    again = ConvTranspose2d(64, 32, 4, groups=2, generator=torch.Generator().manual_seed(0))
    assert torch.equal(layer.weight, again.weight)
    assert ConvTranspose2d(2, 2, 3, bias=False).bias is None


TRANSPOSED_ERRORS = [
    ({"output_padding": 2, "stride": 2}, ValueError, "output_padding"),
    ({"groups": 2}, ValueError, "groups"),
    ({"stride": 0}, ValueError, "stride"),
    ({"padding": -1}, ValueError, "padding"),
    ({"dilation": (1, 0)}, ValueError, "dilation"),
    ({"padding": 5}, ValueError, "empty"),
    ({"weight": (4, 2, 3, 3)}, ValueError, "weight"),
    ({"weight": (3, 2, 3)}, ValueError, "weight"),
    ({"bias": 5}, ValueError, "bias"),
    ({"weight_dtype": torch.float64}, TypeError, "dtype"),
    ({"input_dtype": torch.bool, "weight_dtype": torch.bool}, TypeError, "dtype"),
    ({"stride": 1.5}, TypeError, "stride"),
]  # fmt: skip


@contract
@pytest.mark.parametrize(("change", "error", "names"), TRANSPOSED_ERRORS)
def test_transposed_errors(
    conv_transpose2d: Any, change: dict[str, Any], error: type, names: str
) -> None:
    x = torch.zeros(1, 3, 4, 4, dtype=change.get("input_dtype", torch.float32))
    w = torch.zeros(change.get("weight", (3, 2, 3, 3)), dtype=change.get("weight_dtype", x.dtype))
    b = torch.zeros(change["bias"]) if "bias" in change else None
    kwargs = {
        k: v
        for k, v in change.items()
        if k in ("stride", "padding", "output_padding", "groups", "dilation")
    }
    with pytest.raises(TORCH_ERRORS):  # torch refuses it too
        F.conv_transpose2d(x, w, b, **kwargs)
    with pytest.raises(error, match=names):
        conv_transpose2d(x, w, b, **kwargs)


@contract
def test_transposed_module_errors() -> None:
    with pytest.raises(ValueError, match="out_channels"):
        ConvTranspose2d(4, 3, 3, groups=2)
    layer = ConvTranspose2d(2, 2, 3, stride=2)
    with pytest.raises(ValueError, match="output_size"):
        layer(torch.zeros(1, 2, 4, 4), output_size=(12, 9))
    with pytest.raises(TypeError, match="ConvTranspose2d"):
        ConvTranspose2d.from_torch(torch.nn.Conv2d(2, 2, 3))  # type: ignore[arg-type]


# ------------------------------------------------------------------ max unpooling


@st.composite
def unpool_cases(draw: st.DrawFn) -> tuple[Any, dict[str, Any], tuple[int, int]]:
    """An input to pool, the unpooling's arguments, and the output plane they give."""
    pairs = draw(st.booleans())
    k, s = ((draw(st.integers(1, 4)), draw(st.integers(1, 4))) for _ in range(2))
    if not pairs:
        k, s = (k[0],) * 2, (s[0],) * 2
    p = tuple(draw(st.integers(0, kk // 2)) for kk in (k if pairs else k[:1])) * (1 if pairs else 2)
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    shape = (n, c, draw(st.integers(k[0], 10)), draw(st.integers(k[1], 10)))
    pooled = [(m + 2 * pp - kk) // ss + 1 for m, kk, ss, pp in zip(shape[2:], k, s, p, strict=True)]
    default = [(m - 1) * ss - 2 * pp + kk for m, ss, pp, kk in zip(pooled, s, p, k, strict=True)]
    assume(min(default) >= 1)
    kwargs: dict[str, Any] = {
        "kernel_size": k if pairs else k[0],
        "stride": s if pairs else s[0],
        "padding": p if pairs else p[0],
    }
    plane = (default[0], default[1])
    if draw(st.booleans()):  # any size strictly within the stride of the default
        plane = tuple(
            draw(st.integers(max(1, m - ss + 1), m + ss - 1))
            for m, ss in zip(default, s, strict=True)
        )  # type: ignore[assignment]
        kwargs["output_size"] = plane
    x = np.random.default_rng(draw(st.integers(0, 2**16))).standard_normal(shape)
    return x, kwargs, plane


def test_unpool_statement_example(max_unpool2d: Any) -> None:
    x = torch.tensor([[[[1.0, 5.0, 2.0, 0.0], [4.0, 3.0, 7.0, 6.0]]]])
    pooled, where = F.max_pool2d(x, 2, return_indices=True)
    check(max_unpool2d, pooled, where, 2, expected=[[[[0, 5, 0, 0], [0, 0, 7, 0]]]])


@FEWER
@given(unpool_cases())
def test_unpool_matches_torch(
    max_unpool2d: Any, case: tuple[Any, dict[str, Any], tuple[int, int]]
) -> None:
    x, kwargs, plane = case
    pool_args = {k: kwargs[k] for k in ("kernel_size", "stride", "padding")}
    pooled, indices = F.max_pool2d(torch.from_numpy(x), **pool_args, return_indices=True)
    if int(indices.max()) >= plane[0] * plane[1]:
        # A maximum the pooling found past the plane (its last rows or columns were in
        # no window of a smaller size): torch refuses the indices, and so do we.
        with pytest.raises(RuntimeError, match="index"):
            F.max_unpool2d(pooled, indices, **kwargs)
        with pytest.raises(ValueError, match="indices"):
            max_unpool2d(pooled, indices, **kwargs)
        return
    check_op(
        lambda t, i: max_unpool2d(t, i, **kwargs),
        lambda t, i: F.max_unpool2d(t, i, **kwargs),
        [pooled.numpy(), Const(indices.numpy())],
        name=f"max_unpool2d({kwargs})",
    )


def test_unpool_inverts_pooling_where_the_maxima_are(max_unpool2d: Any) -> None:
    x = torch.from_numpy(random((2, 3, 12, 10)))
    pooled, where = F.max_pool2d(x, 2, return_indices=True)
    out = max_unpool2d(pooled, where, 2)
    assert torch.equal(out[out != 0], x[out != 0])
    assert torch.equal(
        F.max_pool2d(out.abs() + (out == 0) * -1e9 * 0, 2), F.max_pool2d(out.abs(), 2)
    )
    assert int((out != 0).sum()) == pooled.numel()


@edge
def test_unpool_unbatched_and_four_sizes(max_unpool2d: Any) -> None:
    x = torch.from_numpy(random((3, 7, 9)))
    pooled, where = F.max_pool2d(x, 3, 2, 1, return_indices=True)  # (3, 4, 5), from 7 x 9
    for size in (None, (8, 10), (1, 1, 8, 10)):  # torch takes 2 sizes, or 4 and drops 2
        ours, theirs = (
            max_unpool2d(pooled, where, 3, 2, 1, size),
            F.max_unpool2d(pooled, where, 3, 2, 1, size),
        )
        assert torch.equal(ours, theirs)
    batched = pooled.unsqueeze(0), where.unsqueeze(0)
    ours = max_unpool2d(*batched, 3, 2, 1, (1, 3, 7, 10))
    assert torch.equal(ours, F.max_unpool2d(*batched, 3, 2, 1, (1, 3, 7, 10)))


UNPOOL_ERRORS = [  # (change, error, names, whether torch raises too)
    ({"output_size": (20, 20)}, ValueError, "output_size", True),
    ({"output_size": (8, 8, 8)}, ValueError, "output_size", True),
    ({"kernel_size": 0}, ValueError, "kernel_size", False),  # torch returns an empty tensor
    ({"indices": "float"}, TypeError, "indices", True),
    ({"indices": "shape"}, ValueError, "indices", True),
    ({"indices": "range"}, ValueError, "indices", True),
]


@contract
@pytest.mark.parametrize(("change", "error", "names", "torch_raises"), UNPOOL_ERRORS)
def test_unpool_errors(
    max_unpool2d: Any, change: dict[str, Any], error: type, names: str, torch_raises: bool
) -> None:
    pooled, where = F.max_pool2d(torch.from_numpy(random((1, 2, 8, 8))), 2, return_indices=True)
    broken = {"float": where.double(), "shape": where[..., :2], "range": where + 64}
    where = broken.get(change.get("indices", ""), where)
    kwargs = {"kernel_size": change.get("kernel_size", 2), "output_size": change.get("output_size")}
    if torch_raises:
        with pytest.raises(TORCH_ERRORS):  # torch refuses it too
            F.max_unpool2d(pooled, where, **kwargs)
    with pytest.raises(error, match=names):
        max_unpool2d(pooled, where, **kwargs)
