"""``assert_close`` for torch tensors, through numpy, and ``FEWER_EXAMPLES``.

``torch.testing.assert_close`` imports ``torch.distributed`` on its first call (3 s
here), which would eat most of the per-test time limit of ``workbook check`` in a
fresh interpreter; numpy's comparison costs nothing to start.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from hypothesis import settings


def as_array(x: Any) -> Any:
    return x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)


def assert_close(actual: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-6) -> None:
    """Same shape, and ``|actual - expected| <= atol + rtol * |expected|`` everywhere."""
    __tracebackhide__ = True
    got, want = as_array(actual), as_array(expected)
    assert got.shape == want.shape, f"shape {got.shape}, expected {want.shape}"
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


# The property tests whose every example builds modules or runs tiled loops: a third
# of the profile's examples, so that each stays well inside the time limit of
# ``workbook check`` on a loaded machine (``ci`` and ``thorough`` still run many).
FEWER_EXAMPLES = settings(max_examples=max(10, settings.default.max_examples // 3))
