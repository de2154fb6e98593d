"""Tests of ``interpolate`` against ``torch.nn.functional.interpolate``.

Oracles: ``F.interpolate`` itself for values, and for gradients either torch's backward
or, where that disagrees with torch's own forward, the transpose of the forward's
matrix.  The op is linear in its input and acts on each (n, c) plane alike, so its
matrix is the forward's responses to the basis images, one per pixel; its transpose
applied to the upstream gradient is the exact gradient of torch's forward.  torch's
backward kernels special-case sizes its forward kernels do not (``nearest`` 1-D and
``bicubic`` copy when ``n_out == n_in`` whatever the scale factor) and round some
indices differently (float64 ``nearest``), so that oracle is the fair one there
(:func:`test_where_torch_backward_disagrees_with_its_forward`).  Neither shares code
with the implementation.

Unmarked tests check the statement: float32 ``(N, C, H, W)``, modes ``nearest`` and
``bilinear``, sizes and scale factors up and down, ``align_corners``.  ``edge``: every
mode, 3-D inputs, float64, half precision, integer dtypes, ``recompute_scale_factor``,
the nearest indices exhaustively.  ``contract``: the errors a torch user would expect.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from torch_oracle import check_close, check_op

from ml_from_scratch.upsampling import Upsample
from workbook.testing import check, contract, edge, exercise_fixture

interpolate = exercise_fixture("interpolate")

# The costlier properties run a quarter of the profile's examples (10 at least): the
# default run stays quick, and the ci and thorough profiles still scale them up.
FEWER = settings(max_examples=max(10, settings().max_examples // 4))

TORCH_ERRORS = (RuntimeError, ValueError, TypeError, NotImplementedError)
STATEMENT_MODES = ("nearest", "bilinear")
ALL_MODES = ("nearest", "nearest-exact", "linear", "bilinear", "bicubic")
FACTORS = st.sampled_from([0.5, 1.0, 2.0, 3.0, 1.5, 1.7, 2.5, 0.3, 1.1, 0.77]) | st.floats(0.2, 4)


# ----------------------------------------------------------------------------- oracles


def forward_adjoint_oracle(shape: tuple[int, ...], dtype: torch.dtype, **kwargs: Any) -> Any:
    """``F.interpolate`` with the transpose of its forward's matrix as the gradient."""
    n, c, *spatial = shape
    pixels = math.prod(spatial)
    basis = torch.eye(pixels, dtype=dtype).view(pixels, 1, *spatial)
    responses = F.interpolate(basis, **kwargs)  # row k: the response to pixel k
    out_spatial = responses.shape[2:]
    matrix = responses.reshape(pixels, -1)

    def oracle(x: torch.Tensor) -> torch.Tensor:
        return (x.reshape(n * c, pixels) @ matrix).view(n, c, *out_spatial)

    return oracle


@st.composite
def resize_cases(
    draw: st.DrawFn,
    modes: tuple[str, ...] = STATEMENT_MODES,
    spatial_dims: tuple[int, ...] = (2,),
    recompute: bool = False,
    sizes_only: bool = False,
) -> tuple[tuple[int, ...], dict[str, Any]]:
    """An input shape and the keyword arguments of one resize."""
    mode = draw(st.sampled_from(modes))
    fixed = {"linear": 1, "bilinear": 2, "bicubic": 2}.get(mode)
    spatial = fixed or draw(st.sampled_from(spatial_dims))
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 3)))
    shape += tuple(draw(st.integers(1, 10)) for _ in range(spatial))
    kwargs: dict[str, Any] = {"mode": mode}
    if sizes_only or draw(st.booleans()):
        size = [draw(st.integers(1, 24)) for _ in range(spatial)]
        kwargs["size"] = size[0] if draw(st.booleans()) else tuple(size)
    else:
        factors = [draw(FACTORS) for _ in range(spatial)]
        assume(all(math.floor(n * f) >= 1 for n, f in zip(shape[2:], factors, strict=True)))
        one = len(set(factors)) == 1 and draw(st.booleans())
        kwargs["scale_factor"] = factors[0] if one else tuple(factors)
        if recompute:
            kwargs["recompute_scale_factor"] = draw(st.sampled_from([None, False, True]))
    if mode not in ("nearest", "nearest-exact"):
        kwargs["align_corners"] = draw(st.sampled_from([None, False, True]))
    return shape, kwargs


def random_input(shape: tuple[int, ...], dtype: Any = np.float32, seed: int = 0) -> Any:
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def check_against_torch(
    impl: Callable[..., Any], shape: tuple[int, ...], kwargs: dict[str, Any], dtype: Any
) -> None:
    """Values against ``F.interpolate``; gradients against the forward's transpose."""
    x = random_input(shape, dtype)
    label = f"interpolate(input of shape {shape}, {kwargs})"
    ours = lambda t: impl(t, **kwargs)  # noqa: E731
    check_op(ours, lambda t: F.interpolate(t, **kwargs), [x], grad=False, name=label)
    oracle = forward_adjoint_oracle(shape, torch.from_numpy(x).dtype, **kwargs)
    check_op(ours, oracle, [x], name=label)


# ------------------------------------------------------------------ the statement


def test_statement_examples(interpolate: Any) -> None:
    x = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]])
    check(
        interpolate,
        x,
        scale_factor=2,
        expected=[[[[0, 0, 1, 1], [0, 0, 1, 1], [2, 2, 3, 3], [2, 2, 3, 3]]]],
    )
    check(
        interpolate, x, size=(1, 3), mode="bilinear", align_corners=True, expected=[[[[0, 0.5, 1]]]]
    )
    rows = [[0, 0.25, 0.75, 1], [0.5, 0.75, 1.25, 1.5], [1.5, 1.75, 2.25, 2.5], [2, 2.25, 2.75, 3]]
    check(interpolate, x, size=4, mode="bilinear", expected=[[rows]])


@pytest.mark.parametrize(
    ("size", "factor", "mode", "align_corners"),
    [
        ((256, 256), None, "bilinear", None),
        (None, 2, "nearest", None),
        (None, 1.7, "bilinear", False),
        (None, 1.7, "nearest", None),
        (None, 0.5, "bilinear", True),
        ((64, 200), None, "nearest", None),
    ],
)
def test_worked_cases_at_size(
    interpolate: Any, size: Any, factor: Any, mode: str, align_corners: Any
) -> None:
    # A 1 x 3 x 128 x 128 image, the sizes of the benchmarks: values against torch.
    x = torch.from_numpy(random_input((1, 3, 128, 128), seed=7))
    kwargs = {"size": size, "scale_factor": factor, "mode": mode, "align_corners": align_corners}
    expected = F.interpolate(x, **kwargs)
    actual = interpolate(x, **kwargs)
    assert actual.shape == expected.shape
    check_close(actual, expected)


@FEWER
@given(resize_cases())
def test_matches_torch(interpolate: Any, case: tuple[tuple[int, ...], dict[str, Any]]) -> None:
    shape, kwargs = case
    check_against_torch(interpolate, shape, kwargs, np.float32)


@FEWER
@given(resize_cases(sizes_only=True))
def test_gradient_matches_torch_backward(
    interpolate: Any, case: tuple[tuple[int, ...], dict[str, Any]]
) -> None:
    # With an explicit size, torch's backward is the transpose of its forward: compare
    # with it directly, forward and backward.
    shape, kwargs = case
    x = random_input(shape)
    label = f"interpolate(input of shape {shape}, {kwargs})"
    check_op(
        lambda t: interpolate(t, **kwargs), lambda t: F.interpolate(t, **kwargs), [x], name=label
    )


def test_non_integer_factor_maps_with_the_factor(interpolate: Any) -> None:
    # 10 pixels at 1.7 make 17, and output pixel i reads (i + 1/2) / 1.7 - 1/2, not
    # (i + 1/2) 10 / 17 - 1/2: output 16 reads 9.9118 - 0.5 = 9.4118, past the last centre.
    x = torch.arange(10.0).view(1, 1, 1, 10)
    out = interpolate(x, scale_factor=(1, 1.7), mode="bilinear")
    assert out.shape == (1, 1, 1, 17)
    check_close(out[0, 0, 0, 1], torch.tensor((1.5 / 1.7) - 0.5))
    check_close(out[0, 0, 0, -1], torch.tensor(9.0))


def test_unchanged_sizes_copy(interpolate: Any) -> None:
    # torch: an axis whose size does not change is copied, whatever the scale factor.
    x = torch.from_numpy(random_input((1, 2, 5, 7)))
    for mode in STATEMENT_MODES:
        assert torch.equal(interpolate(x, scale_factor=1.1, mode=mode), x)
        assert torch.equal(F.interpolate(x, scale_factor=1.1, mode=mode), x)


# ------------------------------------------------------- edge: the reference's promises


@edge
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@FEWER
@given(case=resize_cases(ALL_MODES, spatial_dims=(1, 2), recompute=True))
def test_every_mode_and_rank(
    interpolate: Any, dtype: Any, case: tuple[tuple[int, ...], dict[str, Any]]
) -> None:
    shape, kwargs = case
    check_against_torch(interpolate, shape, kwargs, dtype)


@edge
@pytest.mark.parametrize(
    ("shape", "kwargs"),
    [
        ((1, 1, 4), {"scale_factor": 1.1, "mode": "nearest"}),
        ((1, 1, 2, 8), {"scale_factor": (1.1, 1.0), "mode": "bicubic"}),
    ],
)
def test_where_torch_backward_disagrees_with_its_forward(
    interpolate: Any, shape: tuple[int, ...], kwargs: dict[str, Any]
) -> None:
    # torch's forward and backward kernels special-case different sizes here: its
    # gradient is not the transpose of its own forward.  Ours follows the forward.
    x = random_input(shape, np.float64)
    oracle = forward_adjoint_oracle(shape, torch.float64, **kwargs)
    check_op(lambda t: interpolate(t, **kwargs), oracle, [x])
    with pytest.raises(AssertionError, match="gradient"):
        check_op(lambda t: F.interpolate(t, **kwargs), oracle, [x])


@edge
@pytest.mark.parametrize(
    "largest", [(16, 40), pytest.param((40, 100), marks=pytest.mark.slow)], ids=["16", "40"]
)
@pytest.mark.parametrize("spatial", [1, 2])
@pytest.mark.parametrize("mode", ["nearest", "nearest-exact"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_nearest_indices_exhaustively(
    interpolate: Any, largest: tuple[int, int], spatial: int, mode: str, dtype: torch.dtype
) -> None:
    # Every input size up to 16 (40 in the slow run) and output size up to 40 (100), and
    # a few scale factors: the index each output pixel copies, exactly (torch's 1-D and
    # 2-D kernels round differently).
    for n_in in range(1, largest[0] + 1):
        x = torch.arange(n_in, dtype=dtype).view((1, 1) + (1,) * (spatial - 1) + (n_in,))
        calls = [{"size": (1,) * (spatial - 1) + (n,)} for n in range(1, largest[1] + 1)]
        calls += [
            {"scale_factor": (1.0,) * (spatial - 1) + (f,)}
            for f in (0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.7, 2.01, 2.5, 3.3, 7.1)
            if math.floor(n_in * f) >= 1
        ]
        for kwargs in calls:
            expected = F.interpolate(x, mode=mode, **kwargs)
            assert torch.equal(interpolate(x, mode=mode, **kwargs), expected), (n_in, kwargs)


@edge
@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("mode", ALL_MODES)
def test_half_precision(interpolate: Any, dtype: torch.dtype, mode: str) -> None:
    # Computed in float32 and rounded once, as torch does: within one ulp of torch's.
    rank = 3 if mode == "linear" else 4
    x = torch.from_numpy(random_input((2, 3, 9, 11)[:rank])).to(dtype)
    out = interpolate(x, scale_factor=1.7, mode=mode)
    expected = F.interpolate(x, scale_factor=1.7, mode=mode)
    assert out.dtype == dtype
    ulp = 2.0**-7 if dtype == torch.bfloat16 else 2.0**-10
    check_close(out.float(), expected.float(), rtol=ulp, atol=ulp)


@edge
@pytest.mark.parametrize("dtype", [torch.uint8, torch.int64, torch.bool])
def test_nearest_on_integers(interpolate: Any, dtype: torch.dtype) -> None:
    # torch's nearest kernels take uint8 but not int64 or bool: those are compared with
    # torch on the same values as float64 (exact for these small integers).
    x = torch.randint(0, 2 if dtype == torch.bool else 200, (2, 3, 7, 5)).to(dtype)
    theirs = x if dtype == torch.uint8 else x.double()
    for mode in ("nearest", "nearest-exact"):
        out = interpolate(x, size=(11, 3), mode=mode)
        assert out.dtype == dtype
        assert torch.equal(out, F.interpolate(theirs, size=(11, 3), mode=mode).to(dtype))


@edge
def test_input_unchanged_and_any_layout(interpolate: Any) -> None:
    x = torch.from_numpy(random_input((2, 3, 8, 6)))
    before = x.clone()
    strided = x.transpose(2, 3)  # not contiguous
    channels_last = x.contiguous(memory_format=torch.channels_last)
    for mode in ALL_MODES[3:]:
        assert torch.allclose(
            interpolate(strided, size=(5, 9), mode=mode),
            F.interpolate(strided, size=(5, 9), mode=mode),
            atol=1e-6,
        )
        assert torch.allclose(
            interpolate(channels_last, scale_factor=1.5, mode=mode),
            F.interpolate(channels_last, scale_factor=1.5, mode=mode),
            atol=1e-6,
        )
    assert torch.equal(x, before)
    same = interpolate(x, size=(8, 6), mode="bilinear")
    assert torch.equal(same, x)
    assert same.data_ptr() != x.data_ptr()  # a copy, as torch's, never the input itself


@edge
@pytest.mark.parametrize(
    "kwargs",
    [
        {"scale_factor": 2, "mode": "bilinear"},
        {"size": (5, 3), "mode": "bicubic", "align_corners": True},
        {"scale_factor": (0.5, 1.7), "mode": "nearest-exact"},
    ],
)
def test_module(kwargs: dict[str, Any]) -> None:
    x = torch.from_numpy(random_input((2, 3, 8, 6)))
    ours, theirs = Upsample(**kwargs), torch.nn.Upsample(**kwargs)
    check_close(ours(x), theirs(x))
    assert repr(ours).startswith("Upsample(")
    assert f"mode={kwargs['mode']!r}" in repr(ours)


# ------------------------------------------------------------ contract: bad input


EXACT = {"mode": "nearest-exact"}
BAD_CALLS = [
    ((1, 1, 4, 4), {"size": 8, "scale_factor": 2}, ValueError, "size and scale_factor"),
    ((1, 1, 4, 4), {}, ValueError, "size and scale_factor"),
    ((1, 1, 4, 4), {"size": 8, "align_corners": True}, ValueError, "align_corners"),
    ((1, 1, 4, 4), {"size": 8, **EXACT, "align_corners": False}, ValueError, "align_corners"),
    ((1, 1, 4, 4), {"size": 8, "mode": "trilinear-ish"}, ValueError, "mode"),
    ((1, 1, 4), {"size": 8, "mode": "bilinear"}, ValueError, "bilinear"),
    ((1, 1, 4, 4), {"size": 8, "mode": "linear"}, ValueError, "linear"),
    ((1, 1, 4, 4), {"size": (8, 8, 8)}, ValueError, "size"),
    ((1, 1, 4, 4), {"size": 0}, ValueError, "size"),
    ((1, 1, 4, 4), {"size": 2.5}, TypeError, "size"),
    ((1, 1, 4, 4), {"scale_factor": (2, 2, 2)}, ValueError, "scale_factor"),
    ((1, 1, 4, 4), {"scale_factor": 0.1}, ValueError, "scale_factor"),
    ((1, 1, 4, 4), {"scale_factor": -2}, ValueError, "scale_factor"),
    ((1, 1, 4, 4), {"scale_factor": float("nan")}, ValueError, "scale_factor"),
    ((1, 1, 4, 4), {"size": 8, "recompute_scale_factor": True}, ValueError, "recompute"),
    ((4, 4), {"size": 8}, ValueError, "input"),
    ((1, 1, 0, 4), {"size": 8}, ValueError, "input"),
]  # fmt: skip


@contract
@pytest.mark.parametrize(("shape", "kwargs", "error", "names"), BAD_CALLS)
def test_bad_arguments(
    interpolate: Any, shape: tuple[int, ...], kwargs: dict[str, Any], error: type, names: str
) -> None:
    x = torch.zeros(shape)
    with pytest.raises(TORCH_ERRORS):  # torch refuses it too, in its own way
        F.interpolate(x, **kwargs)
    with pytest.raises(error, match=names):
        interpolate(x, **kwargs)


@contract
def test_bad_types(interpolate: Any) -> None:
    with pytest.raises(TypeError, match="input"):
        interpolate(np.zeros((1, 1, 4, 4)), size=8)
    with pytest.raises(TypeError, match="input"):
        interpolate(torch.zeros(1, 1, 4, 4, dtype=torch.int64), size=8, mode="bilinear")
    with pytest.raises(TypeError, match="align_corners"):
        interpolate(torch.zeros(1, 1, 4, 4), size=8, mode="bilinear", align_corners="yes")
    with pytest.raises(ValueError, match="mode"):
        Upsample(scale_factor=2, mode="cubic")  # type: ignore[arg-type]
