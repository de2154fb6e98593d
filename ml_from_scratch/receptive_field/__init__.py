"""Receptive fields of convolutional networks: by the recurrences, from torch models, by autograd.

* :class:`LayerSpec`, :func:`receptive_field`, :func:`receptive_field_top_down`,
  :func:`receptive_field_table` (:mod:`~ml_from_scratch.receptive_field.analytic`):
  the arithmetic alone, no torch needed.
* :func:`receptive_field_of`, :func:`layer_specs_of`, :func:`empirical_receptive_field`,
  :func:`input_gradient`, :func:`vgg16_features`
  (:mod:`~ml_from_scratch.receptive_field.networks`): torch models, read layer by layer
  and measured by the gradient of a positive copy.
* :func:`plot_receptive_field` (:mod:`~ml_from_scratch.receptive_field.plot`): the
  picture, with matplotlib.

The torch and matplotlib parts are imported when first used, so that the arithmetic
works without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ml_from_scratch.receptive_field.analytic import (
    LayerSpec,
    ReceptiveField,
    receptive_field,
    receptive_field_table,
    receptive_field_top_down,
)

if TYPE_CHECKING:
    from ml_from_scratch.receptive_field.networks import (
        empirical_receptive_field,
        input_gradient,
        layer_specs_of,
        receptive_field_of,
        vgg16_features,
    )
    from ml_from_scratch.receptive_field.plot import plot_receptive_field

__all__ = [
    "LayerSpec",
    "ReceptiveField",
    "empirical_receptive_field",
    "input_gradient",
    "layer_specs_of",
    "plot_receptive_field",
    "receptive_field",
    "receptive_field_of",
    "receptive_field_table",
    "receptive_field_top_down",
    "vgg16_features",
]

_LAZY = {
    "empirical_receptive_field": "networks",
    "input_gradient": "networks",
    "layer_specs_of": "networks",
    "receptive_field_of": "networks",
    "vgg16_features": "networks",
    "plot_receptive_field": "plot",
}


def __getattr__(name: str) -> Any:
    """The torch and matplotlib parts, imported on first use."""
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
