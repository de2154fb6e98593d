"""Layers with parameters, as ``torch.nn``: thin wrappers over :mod:`.functional`.

A :class:`Module` finds its parameters and sub-modules among its attributes, in the
order they were assigned, and names them as torch does (``"0.weight"``), so a torch
model's ``state_dict`` loads into the same architecture here and gives the same outputs.

Initialisation is torch's default, drawn from an explicit generator (``rng``, a numpy
Generator or an int seed):

* ``Linear`` and ``Conv2d``: weight and bias uniform on ``[-1/sqrt(fan_in), 1/sqrt(fan_in)]``
  (``kaiming_uniform_(a=sqrt(5))`` gives that bound), with ``fan_in`` the inputs of one
  output: ``in_features``, or ``in_channels / groups * kh * kw``;
* ``Embedding``: standard normal; ``LayerNorm``: weight ones, bias zeros.

Source: the ``torch.nn`` documentation of each class.  Status: outputs and gradients of
torch models with the same ``state_dict`` match to 1e-10 in float64; the initial
weights have torch's bounds and distribution (two-sample KS test).
"""

from __future__ import annotations

import abc
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from ml_from_scratch._checks import as_bool, as_finite, as_positive_int, as_probability
from ml_from_scratch.autograd import functional as F  # noqa: N812  (torch's spelling)
from ml_from_scratch.autograd.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    mse_loss,
)
from ml_from_scratch.autograd.tensor import Tensor


class Parameter(Tensor):
    """A tensor that is a module's parameter: ``requires_grad=True`` by default."""

    __slots__ = ()

    def __init__(self, data: Any, requires_grad: bool = True, dtype: Any = None) -> None:
        super().__init__(data, requires_grad=requires_grad, dtype=dtype)


class Module(abc.ABC):
    """The base of every layer: parameters, sub-modules, train/eval mode, state dicts.

    A subclass assigns its parameters and sub-modules as attributes in ``__init__`` and
    defines ``forward``; calling the module calls ``forward``.

    Examples
    --------
    >>> class Affine(Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.scale = Parameter([2.0])
    ...     def forward(self, x):
    ...         return x * self.scale
    >>> model = Affine()
    >>> [name for name, _ in model.named_parameters()], model(Tensor([3.0])).item()
    (['scale'], 6.0)
    """

    def __init__(self) -> None:
        self.training = True

    @abc.abstractmethod
    def forward(self, *args: Any, **kwargs: Any) -> Any:
        """The layer's computation."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The direct sub-modules with their attribute names, in assignment order."""
        for name, value in vars(self).items():
            if isinstance(value, Module):
                yield name, value

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """Every parameter with its dotted name: its own first, then its children's;
        a parameter shared by two layers is listed once (as torch)."""
        seen: set[int] = set()
        for name, param in self._all_parameters(prefix):
            if id(param) not in seen:
                seen.add(id(param))
                yield name, param

    def parameters(self) -> list[Parameter]:
        """The parameters, in the order of :meth:`named_parameters`."""
        return [param for _, param in self.named_parameters()]

    def zero_grad(self) -> None:
        """Clear every parameter's ``.grad`` (set to None, as torch's default)."""
        for param in self.parameters():
            param.grad = None

    def train(self, mode: bool = True) -> Module:
        """Set training mode (``eval()`` for inference) here and in every sub-module."""
        self.training = as_bool(mode, "mode")
        for _, child in self.named_children():
            child.train(mode)
        return self

    def eval(self) -> Module:
        """Set inference mode: ``Dropout`` becomes the identity."""
        return self.train(False)

    def state_dict(self) -> dict[str, np.ndarray[Any, Any]]:
        """A copy of every parameter's values, by dotted name."""
        return {name: param.data.copy() for name, param in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, Any], strict: bool = True) -> None:
        """Copy values into the parameters of the same names (torch tensors work too).

        Raises
        ------
        ValueError
            If a name is missing or unexpected (with ``strict``), or a shape differs.
        """
        params = dict(self.named_parameters())
        if as_bool(strict, "strict"):
            missing, unexpected = params.keys() - state.keys(), state.keys() - params.keys()
            if missing or unexpected:
                raise ValueError(
                    f"state does not fit the module: missing {sorted(missing)}, "
                    f"unexpected {sorted(unexpected)}"
                )
        for name, param in params.items():
            if name not in state:
                continue
            value = np.array(_plain_array(state[name]), dtype=param.dtype)
            if value.shape != param.shape:
                raise ValueError(
                    f"state[{name!r}] must have shape {param.shape}, got {value.shape}"
                )
            param.data = value

    def _all_parameters(self, prefix: str) -> Iterator[tuple[str, Parameter]]:
        for name, value in vars(self).items():
            if isinstance(value, Parameter):
                yield prefix + name, value
        for name, child in self.named_children():
            yield from child._all_parameters(f"{prefix}{name}.")


class Linear(Module):
    """``y = x W^T + b``: ``W`` (out_features, in_features), ``b`` (out_features,).

    >>> layer = Linear(3, 2, rng=0)
    >>> layer(Tensor(np.ones((4, 3)))).shape, layer.weight.shape
    ((4, 2), (2, 3))
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        *,
        rng: np.random.Generator | int,
        dtype: Any = np.float64,
    ) -> None:
        super().__init__()
        generator = F.as_generator(rng)
        n_in = as_positive_int(in_features, "in_features")
        n_out = as_positive_int(out_features, "out_features")
        bound = 1.0 / math.sqrt(n_in)
        self.weight = _uniform(generator, bound, (n_out, n_in), dtype)
        self.bias = _uniform(generator, bound, (n_out,), dtype) if as_bool(bias, "bias") else None

    def forward(self, x: Tensor) -> Tensor:
        return F.linear(x, self.weight, self.bias)


class Conv2d(Module):
    """A 2-D convolution layer over ``(N, C, H, W)``, as ``torch.nn.Conv2d``."""

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: int | tuple[int, int],
        stride: int | tuple[int, int] = 1,
        padding: int | tuple[int, int] = 0,
        dilation: int | tuple[int, int] = 1,
        groups: int = 1,
        bias: bool = True,
        *,
        rng: np.random.Generator | int,
        dtype: Any = np.float64,
    ) -> None:
        super().__init__()
        generator = F.as_generator(rng)
        c_in = as_positive_int(in_channels, "in_channels")
        c_out = as_positive_int(out_channels, "out_channels")
        self.groups = as_positive_int(groups, "groups")
        if c_in % self.groups or c_out % self.groups:
            raise ValueError(f"groups ({groups}) must divide in_channels and out_channels")
        kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
        kh, kw = as_positive_int(kh, "kernel_size"), as_positive_int(kw, "kernel_size")
        self.stride, self.padding, self.dilation = stride, padding, dilation
        bound = 1.0 / math.sqrt(c_in // self.groups * kh * kw)
        self.weight = _uniform(generator, bound, (c_out, c_in // self.groups, kh, kw), dtype)
        self.bias = _uniform(generator, bound, (c_out,), dtype) if as_bool(bias, "bias") else None

    def forward(self, x: Tensor) -> Tensor:
        return F.conv2d(
            x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups
        )


class Sequential(Module):
    """The modules applied in order; named ``"0"``, ``"1"``, ... as torch's.

    >>> model = Sequential(Linear(2, 3, rng=0), ReLU(), Linear(3, 1, rng=1))
    >>> [name for name, _ in model.named_parameters()]
    ['0.weight', '0.bias', '2.weight', '2.bias']
    """

    def __init__(self, *modules: Module) -> None:
        super().__init__()
        for i, module in enumerate(modules):
            if not isinstance(module, Module):
                raise TypeError(f"modules[{i}] must be a Module, got {type(module).__name__}")
            setattr(self, str(i), module)
        self._layers = list(modules)

    def forward(self, x: Any) -> Any:
        for layer in self._layers:
            x = layer(x)
        return x

    def __getitem__(self, index: int) -> Module:
        return self._layers[index]

    def __len__(self) -> int:
        return len(self._layers)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._layers)


class ReLU(Module):
    """``max(x, 0)``."""

    def forward(self, x: Tensor) -> Tensor:
        return F.relu(x)


class Tanh(Module):
    """``tanh(x)``."""

    def forward(self, x: Tensor) -> Tensor:
        return F.tanh(x)


class Flatten(Module):
    """Merge the axes ``start_dim..end_dim`` (by default all but the batch axis)."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, x: Tensor) -> Tensor:
        return F.flatten(x, self.start_dim, self.end_dim)


class Dropout(Module):
    """Zero each element with probability ``p`` while training (scaled by ``1/(1-p)``)."""

    def __init__(self, p: float = 0.5, *, rng: np.random.Generator | int) -> None:
        super().__init__()
        self.p = as_probability(p, "p")
        self.rng = F.as_generator(rng)

    def forward(self, x: Tensor) -> Tensor:
        return F.dropout(x, self.p, self.training, rng=self.rng)


class LayerNorm(Module):
    """Normalise over the trailing ``normalized_shape`` axes, then scale and shift."""

    def __init__(
        self,
        normalized_shape: int | Sequence[int],
        eps: float = 1e-5,
        elementwise_affine: bool = True,
        bias: bool = True,
        *,
        dtype: Any = np.float64,
    ) -> None:
        super().__init__()
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else normalized_shape
        self.normalized_shape = tuple(as_positive_int(n, "normalized_shape") for n in shape)
        self.eps = as_finite(eps, "eps", low=0.0)
        affine = as_bool(elementwise_affine, "elementwise_affine")
        self.weight = Parameter(np.ones(self.normalized_shape), dtype=dtype) if affine else None
        with_bias = affine and as_bool(bias, "bias")
        self.bias = Parameter(np.zeros(self.normalized_shape), dtype=dtype) if with_bias else None

    def forward(self, x: Tensor) -> Tensor:
        return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)


class Embedding(Module):
    """A table of ``num_embeddings`` vectors of ``embedding_dim``; indices pick rows."""

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        *,
        rng: np.random.Generator | int,
        dtype: Any = np.float64,
    ) -> None:
        super().__init__()
        rows = as_positive_int(num_embeddings, "num_embeddings")
        dim = as_positive_int(embedding_dim, "embedding_dim")
        self.weight = Parameter(F.as_generator(rng).standard_normal((rows, dim)), dtype=dtype)

    def forward(self, indices: Any) -> Tensor:
        return F.embedding(indices, self.weight)


def _plain_array(value: Any) -> Any:
    """A torch tensor (or one of ours) as its numpy array, without importing torch."""
    for method in ("detach", "cpu", "numpy"):
        if callable(getattr(value, method, None)):
            value = getattr(value, method)()
    return value


def _uniform(rng: np.random.Generator, bound: float, shape: tuple[int, ...], dtype: Any) -> Any:
    return Parameter(rng.uniform(-bound, bound, shape), dtype=dtype)


__all__ = [
    "Conv2d",
    "Dropout",
    "Embedding",
    "Flatten",
    "LayerNorm",
    "Linear",
    "Module",
    "Parameter",
    "ReLU",
    "Sequential",
    "Tanh",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "mse_loss",
]
