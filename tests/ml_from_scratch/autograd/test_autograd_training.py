"""Training real small models: an MLP on make_moons, a CNN on scikit-learn's digits,
and a whole training loop step for step against torch's."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from sklearn.datasets import load_digits, make_moons
from sklearn.model_selection import train_test_split

from ml_from_scratch.autograd import Tensor, nn, no_grad, optim
from ml_from_scratch.autograd import functional as F


def accuracy(model: nn.Module, x: np.ndarray, y: np.ndarray) -> float:
    model.eval()
    with no_grad():
        predicted = model(Tensor(x)).data.argmax(axis=1)
    model.train()
    return float((predicted == y).mean())


def fit(
    model: nn.Module,
    optimizer: optim.Optimizer,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch: int,
    seed: int,
) -> list[float]:
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch):
            rows = order[start : start + batch]
            loss = F.cross_entropy(model(Tensor(x[rows])), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


def test_mlp_learns_make_moons() -> None:
    x, y = make_moons(1000, noise=0.1, random_state=0)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=0)
    model = nn.Sequential(
        nn.Linear(2, 32, rng=0),
        nn.Tanh(),
        nn.Linear(32, 32, rng=1),
        nn.ReLU(),
        nn.Linear(32, 2, rng=2),
    )
    losses = fit(
        model,
        optim.Adam(model.parameters(), lr=0.01),
        x_train,
        y_train,
        epochs=30,
        batch=64,
        seed=0,
    )
    assert losses[-1] < losses[0] / 5
    assert accuracy(model, x_test, y_test) >= 0.97


@pytest.mark.slow
def test_cnn_learns_digits() -> None:
    digits = load_digits()
    images = (digits.images / 16.0)[:, None, :, :]  # (1797, 1, 8, 8) in [0, 1]
    x_train, x_test, y_train, y_test = train_test_split(
        images, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1, rng=0),
        nn.ReLU(),
        Pool(),
        nn.Conv2d(16, 32, 3, padding=1, rng=10),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(32 * 4 * 4, 10, rng=20),
    )
    optimizer = optim.Adam(model.parameters(), lr=3e-3)
    for epoch in range(10):
        if epoch == 7:  # a smaller step for the last epochs
            optimizer.lr = 1e-3
        fit(model, optimizer, x_train, y_train, epochs=1, batch=32, seed=epoch)
    assert accuracy(model, x_test, y_test) >= 0.97


class Pool(nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        return F.max_pool2d(x, 2)


def test_a_training_loop_follows_torchs_step_for_step() -> None:
    # Same initial weights (torch's, loaded), same batches, same optimiser: the losses
    # and final weights agree to 1e-9 after 60 steps of momentum SGD.
    x, y = make_moons(256, noise=0.2, random_state=1)
    torch.manual_seed(0)
    theirs = torch.nn.Sequential(
        torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 2)
    ).double()
    ours = nn.Sequential(nn.Linear(2, 16, rng=0), nn.Tanh(), nn.Linear(16, 2, rng=1))
    ours.load_state_dict(theirs.state_dict())
    ours_opt = optim.SGD(ours.parameters(), lr=0.1, momentum=0.9, nesterov=True)
    theirs_opt = torch.optim.SGD(theirs.parameters(), lr=0.1, momentum=0.9, nesterov=True)
    rng = np.random.default_rng(0)
    for step in range(60):
        rows = rng.choice(len(x), 32, replace=False)
        loss = F.cross_entropy(ours(Tensor(x[rows])), y[rows])
        ours_opt.zero_grad()
        loss.backward()
        ours_opt.step()
        their_loss = torch.nn.functional.cross_entropy(
            theirs(torch.from_numpy(x[rows])), torch.from_numpy(y[rows])
        )
        theirs_opt.zero_grad()
        their_loss.backward()
        theirs_opt.step()
        assert loss.item() == pytest.approx(their_loss.item(), rel=1e-9, abs=1e-12), step
    for (name, p), q in zip(ours.named_parameters(), theirs.parameters(), strict=True):
        np.testing.assert_allclose(p.data, q.detach().numpy(), rtol=1e-9, atol=1e-12, err_msg=name)


def test_float32_training_stays_float32() -> None:
    x, y = make_moons(200, noise=0.1, random_state=2)
    x = x.astype(np.float32)
    model: Any = nn.Sequential(
        nn.Linear(2, 8, rng=0, dtype=np.float32),
        nn.ReLU(),
        nn.Linear(8, 2, rng=1, dtype=np.float32),
    )
    fit(model, optim.SGD(model.parameters(), lr=0.1), x, y, epochs=2, batch=50, seed=0)
    assert all(p.dtype == np.float32 for p in model.parameters())
    assert model(Tensor(x)).dtype == np.float32
