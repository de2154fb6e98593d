"""A reverse-mode autograd engine on numpy, checked op by op against ``torch.autograd``.

micrograd's idea grown to tensors: every op records its inputs and a backward rule, and
``loss.backward()`` applies the chain rule over the recorded graph in reverse
topological order.  Enough of torch's API to train real small models:

* :class:`Tensor` (:mod:`.tensor`), :func:`no_grad` and the graph (:mod:`.graph`);
* the ops, in :mod:`.functional` (``import ml_from_scratch.autograd.functional as F``);
* :mod:`.nn`: ``Module``, ``Linear``, ``Conv2d``, ``Sequential``, ... and the losses;
* :mod:`.optim`: ``SGD``, ``Adam``, ``AdamW`` with torch's update rules;
* :class:`Value` (:mod:`.value`): the scalar engine it grew from.

Examples
--------
>>> from ml_from_scratch.autograd import Tensor
>>> w = Tensor([1.0, -2.0], requires_grad=True)
>>> loss = ((w * 3.0).relu() + w.exp()).sum()
>>> loss.backward()
>>> np.round(w.grad, 4).tolist()
[5.7183, 0.1353]
"""

import numpy as np  # noqa: F401  (the doctests use it)

from ml_from_scratch.autograd import functional, nn, optim
from ml_from_scratch.autograd.graph import is_grad_enabled, no_grad, topological_order, unbroadcast
from ml_from_scratch.autograd.tensor import Tensor
from ml_from_scratch.autograd.value import Value

__all__ = [
    "Tensor",
    "Value",
    "functional",
    "is_grad_enabled",
    "nn",
    "no_grad",
    "optim",
    "topological_order",
    "unbroadcast",
]
