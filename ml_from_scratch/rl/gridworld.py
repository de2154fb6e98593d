"""The grid world of Zhao's book, as a Gymnasium environment with its model exposed.

A ``rows x cols`` grid; the agent sits in one cell and has five actions: up, right,
down, left and stay.  Moves are deterministic.  Bumping into the boundary leaves the
agent where it is and gives ``r_boundary``; otherwise the agent lands in the cell it
moved to (or stays) and the reward depends on that cell: ``r_target`` for the target,
``r_forbidden`` for a forbidden cell (which may be entered, and costs every step spent
in it), ``r_other`` for any other.  The task is continuing: ``terminated`` is always
``False``; ``truncated`` comes after ``max_episode_steps`` steps when that is set.

The book's default world (chapter 1): 5x5, forbidden cells at (row, col) = (2, 2),
(2, 3), (3, 3), (4, 2), (4, 4), (5, 2) and the target at (4, 3), counted from 1; here
cells are counted from 0, so ``DEFAULT_FORBIDDEN`` holds (1, 1), (1, 2), ... and
``DEFAULT_TARGET`` is (3, 2).  State ``s`` is cell ``(s // cols, s % cols)``.

The model is exposed for planning (``ml_from_scratch.rl.dp``), in two forms:

* ``env.P[s][a] == [(1.0, next_state, reward, False)]``, Gymnasium's toy-text
  convention (as ``FrozenLake-v1``'s ``P``);
* :meth:`GridWorld.transition_matrix` ``p[s, a, s']`` (dense ``(S, A, S)``, or sparse
  ``(S * A, S)``) and :meth:`GridWorld.reward_matrix` ``r[s, a]``, the expected reward.

Learners never read them: they use ``reset`` and ``step`` only.

Complexity: construction O(S A); ``step`` O(1) (two table look-ups); the dense
transition matrix O(S^2 A) memory, the sparse one O(S A).

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), chapter 1
(the grid world) and the rewards of chapters 2-3.

Status: passes ``gymnasium.utils.env_checker.check_env``; every transition checked
against a hand-written model of the rules on hypothesis-drawn worlds; the dense, sparse
and ``P`` forms agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces
from numpy.typing import ArrayLike, NDArray

from ml_from_scratch._checks import as_cell, as_finite, as_int, as_policy, describe, one_of

if TYPE_CHECKING:
    from scipy.sparse import csr_array

__all__ = [
    "ACTIONS",
    "ARROWS",
    "DEFAULT_FORBIDDEN",
    "DEFAULT_TARGET",
    "ENV_ID",
    "MOVES",
    "GridWorld",
]

ACTIONS = ("up", "right", "down", "left", "stay")
MOVES = ((-1, 0), (0, 1), (1, 0), (0, -1), (0, 0))  # (d_row, d_col) of each action
ARROWS = ("↑", "→", "↓", "←", "○")
DEFAULT_FORBIDDEN = ((1, 1), (1, 2), (2, 2), (3, 1), (3, 3), (4, 1))
DEFAULT_TARGET = (3, 2)
ENV_ID = "ml_from_scratch/GridWorld-v0"
"""Its Gymnasium id: ``gymnasium.make(ENV_ID, **kwargs)`` builds a :class:`GridWorld`."""

Cell = tuple[int, int]


class GridWorld(gym.Env[int, int]):
    """The book's grid world (see the module docstring); every part configurable.

    Parameters
    ----------
    shape : (int, int)
        ``(rows, cols)``, each at least 1.  Default the book's 5x5.
    forbidden : iterable of (row, col)
        The forbidden cells, counted from 0.  Default the book's six.
    target : (row, col)
        The target cell, not a forbidden one.  Default the book's, (3, 2).
    r_boundary, r_forbidden, r_target, r_other : float
        The rewards (see the module docstring); defaults -1, -1, 1, 0, as in chapter 3.
    start : (row, col) or None
        Where ``reset`` puts the agent; ``None`` (default): a uniformly random cell,
        drawn from the environment's seeded generator.  ``reset(options={"state": s})``
        overrides it for one episode (a state index or a cell).
    max_episode_steps : int or None
        The step count at which ``truncated`` turns True; ``None`` (default): never.
    render_mode : None or "ansi"
        ``"ansi"``: :meth:`render` returns the grid as text.

    Raises
    ------
    TypeError
        If a size, cell or reward is not a number of the right kind.
    ValueError
        If a size is below 1, a cell lies off the grid, the target is forbidden, a
        reward is not finite, or ``render_mode`` is not ``None`` or ``"ansi"``.

    Examples
    --------
    >>> env = GridWorld(render_mode="ansi")
    >>> env.observation_space, env.action_space
    (Discrete(25), Discrete(5))
    >>> state, info = env.reset(seed=0, options={"state": (3, 1)})
    >>> env.step(1)[:4]  # right, from a forbidden cell into the target
    (17, 1.0, False, False)
    >>> env.P[17][4]  # staying in the target
    [(1.0, 17, 1.0, False)]
    >>> print(env.render())
    . . . . .
    . # # . .
    . . # . .
    . # @ # .
    . # . . .
    """

    metadata: dict[str, Any] = {"render_modes": ["ansi"], "render_fps": 4}  # noqa: RUF012

    def __init__(
        self,
        shape: tuple[int, int] = (5, 5),
        forbidden: Iterable[Cell] = DEFAULT_FORBIDDEN,
        target: Cell = DEFAULT_TARGET,
        *,
        r_boundary: float = -1.0,
        r_forbidden: float = -1.0,
        r_target: float = 1.0,
        r_other: float = 0.0,
        start: Cell | None = None,
        max_episode_steps: int | None = None,
        render_mode: str | None = None,
    ) -> None:
        rows, cols = _as_shape(shape)
        self.shape = (rows, cols)
        self.forbidden = frozenset(as_cell(c, "forbidden", self.shape) for c in forbidden)
        self.target = as_cell(target, "target", self.shape)
        if self.target in self.forbidden:
            raise ValueError(f"target must not be a forbidden cell, got {self.target}")
        self.rewards = {
            name: as_finite(value, name)
            for name, value in (
                ("r_boundary", r_boundary),
                ("r_forbidden", r_forbidden),
                ("r_target", r_target),
                ("r_other", r_other),
            )
        }
        self.start = None if start is None else as_cell(start, "start", self.shape)
        self.max_episode_steps = (
            None
            if max_episode_steps is None
            else as_int(max_episode_steps, "max_episode_steps", low=1)
        )
        if render_mode is not None:
            one_of(render_mode, "render_mode", self.metadata["render_modes"])
        self.render_mode = render_mode
        self.n_states, self.n_actions = rows * cols, len(ACTIONS)
        # Discrete spaces are typed as holding numpy ints; the environment speaks Python
        # ints, which they contain all the same.
        self.observation_space = spaces.Discrete(self.n_states)  # type: ignore[assignment]
        self.action_space = spaces.Discrete(self.n_actions)  # type: ignore[assignment]
        # The whole model as two tables; step() only looks them up.
        self._next, self._reward = self._tabulate()
        self._next_rows: list[list[int]] = self._next.tolist()
        self._reward_rows: list[list[float]] = self._reward.tolist()
        self.P = {
            s: {a: [(1.0, self._next_rows[s][a], self._reward_rows[s][a], False)] for a in range(5)}
            for s in range(self.n_states)
        }
        self._state = 0
        self._elapsed = 0

    # ------------------------------------------------------------------ Gymnasium API

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Start an episode; returns ``(state, {})``.

        ``options={"state": s}`` starts it in ``s`` (a state index or a ``(row, col)``
        cell); else in ``start``, or a uniformly random cell when ``start`` is None.
        """
        super().reset(seed=seed)
        chosen = (options or {}).get("state")
        if chosen is not None:
            self._state = self._as_state(chosen, "options['state']")
        elif self.start is not None:
            self._state = self.state_index(*self.start)
        else:
            self._state = int(self.np_random.integers(self.n_states))
        self._elapsed = 0
        return self._state, {}

    def step(self, action: int) -> tuple[int, float, bool, bool, dict[str, Any]]:
        """Take ``action`` (0 up, 1 right, 2 down, 3 left, 4 stay).

        Returns ``(next_state, reward, terminated, truncated, {})``; ``terminated`` is
        always False (a continuing task).

        Raises
        ------
        TypeError, ValueError
            If ``action`` is not an int in ``[0, 5)``.
        """
        if type(action) is not int or not 0 <= action < 5:
            action = as_int(action, "action", low=0, high=self.n_actions - 1)
        state = self._state
        self._state = self._next_rows[state][action]
        self._elapsed += 1
        truncated = self.max_episode_steps is not None and self._elapsed >= self.max_episode_steps
        return self._state, self._reward_rows[state][action], False, truncated, {}

    def render(self) -> str | None:
        """The grid as text (``render_mode="ansi"``): ``@`` the agent, ``#`` a forbidden
        cell, ``T`` the target, ``.`` any other; ``None`` without a render mode."""
        if self.render_mode is None:
            return None
        marks = [[self._mark(r, c) for c in range(self.shape[1])] for r in range(self.shape[0])]
        row, col = self.cell(self._state)
        marks[row][col] = "@"
        return "\n".join(" ".join(line) for line in marks)

    # ------------------------------------------------------------------ the model

    def transition_matrix(self, sparse: bool = False) -> NDArray[np.float64] | csr_array:
        """``p[s, a, s']``, the probability of ``s'`` after ``a`` in ``s``.

        Parameters
        ----------
        sparse : bool
            False (default): a dense ``(S, A, S)`` array, O(S^2 A) memory.  True: a
            ``scipy.sparse.csr_array`` of shape ``(S * A, S)``, row ``s * A + a``, O(S A)
            memory; the form ``ml_from_scratch.rl.dp`` takes for large grids.

        Examples
        --------
        >>> env = GridWorld()
        >>> p = env.transition_matrix()
        >>> p.shape, p[0, 0, 0], p[0, 1, 1], p.sum(axis=2).min()
        ((25, 5, 25), np.float64(1.0), np.float64(1.0), np.float64(1.0))
        >>> env.transition_matrix(sparse=True).shape
        (125, 25)
        """
        s, a = self.n_states, self.n_actions
        if sparse:
            from scipy.sparse import csr_array

            indptr = np.arange(s * a + 1)
            return csr_array((np.ones(s * a), self._next.ravel(), indptr), shape=(s * a, s))
        p = np.zeros((s, a, s))
        states, actions = np.indices((s, a))
        p[states, actions, self._next] = 1.0
        return p

    def reward_matrix(self) -> NDArray[np.float64]:
        """``r[s, a]``, the reward of ``a`` in ``s`` (deterministic, so also its mean).

        Examples
        --------
        >>> GridWorld().reward_matrix()[0]  # top-left: up and left hit the boundary
        array([-1.,  0.,  0., -1.,  0.])
        """
        return self._reward.copy()

    # ------------------------------------------------------------------ cells and text

    def state_index(self, row: int, col: int) -> int:
        """The state of cell ``(row, col)``: ``row * cols + col``."""
        row, col = as_cell((row, col), "cell", self.shape)
        return row * self.shape[1] + col

    def cell(self, state: int) -> Cell:
        """The ``(row, col)`` of ``state``."""
        state = as_int(state, "state", low=0, high=self.n_states - 1)
        return divmod(state, self.shape[1])

    def coordinates(self) -> NDArray[np.float64]:
        """Every state's ``(row, col)`` scaled to ``[0, 1]``, shape ``(S, 2)``: the input
        of the features of ``ml_from_scratch.rl.vfa``."""
        rows, cols = np.divmod(np.arange(self.n_states), self.shape[1])
        return np.stack([rows / max(self.shape[0] - 1, 1), cols / max(self.shape[1] - 1, 1)], 1)

    def render_policy(
        self, policy: ArrayLike, values: ArrayLike | None = None, decimals: int = 1
    ) -> str:
        """A policy as arrows on the grid, and state values beside it.

        Each cell shows the arrow of its most probable action (``○`` for stay),
        preceded by ``#`` in a forbidden cell and ``T`` in the target.

        Parameters
        ----------
        policy : array_like, shape (S, A)
            ``policy[s, a]``, the probability of ``a`` in ``s``.
        values : array_like, shape (S,), optional
            State values, printed as a grid to the right.
        decimals : int
            Decimals of the values.

        Examples
        --------
        >>> env = GridWorld((1, 3), forbidden=[(0, 0)], target=(0, 2))
        >>> policy = np.array([[0, 1, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 1.0]])
        >>> print(env.render_policy(policy, [9.0, 10.0, 10.0]))
        #→   →  T○     9.0 10.0 10.0
        """
        pi = as_policy(policy, "policy", self.n_states, self.n_actions)
        best = pi.argmax(axis=1).reshape(self.shape)
        lines = [
            "  ".join(
                self._mark(r, c).replace(".", " ") + ARROWS[best[r, c]]
                for c in range(self.shape[1])
            )
            for r in range(self.shape[0])
        ]
        if values is not None:
            v = np.asarray(values, dtype=float).reshape(self.shape)
            width = max(len(f"{x:.{decimals}f}") for x in v.ravel())
            lines = [
                line + "    " + " ".join(f"{x:{width}.{decimals}f}" for x in row)
                for line, row in zip(lines, v, strict=True)
            ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"GridWorld(shape={self.shape}, forbidden={sorted(self.forbidden)}, "
            f"target={self.target}, "
            + ", ".join(f"{k}={v:g}" for k, v in self.rewards.items())
            + ")"
        )

    # ------------------------------------------------------------------ helpers

    def _tabulate(self) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The next state and the reward of every (state, action)."""
        rows, cols = self.shape
        next_state = np.empty((self.n_states, self.n_actions), dtype=np.int64)
        reward = np.empty((self.n_states, self.n_actions))
        for s in range(self.n_states):
            row, col = divmod(s, cols)
            for a, (dr, dc) in enumerate(MOVES):
                r, c = row + dr, col + dc
                if not (0 <= r < rows and 0 <= c < cols):
                    next_state[s, a], reward[s, a] = s, self.rewards["r_boundary"]
                    continue
                next_state[s, a] = r * cols + c
                reward[s, a] = self.rewards[
                    "r_target"
                    if (r, c) == self.target
                    else "r_forbidden"
                    if (r, c) in self.forbidden
                    else "r_other"
                ]
        return next_state, reward

    def _mark(self, row: int, col: int) -> str:
        if (row, col) == self.target:
            return "T"
        return "#" if (row, col) in self.forbidden else "."

    def _as_state(self, value: Any, name: str) -> int:
        if isinstance(value, Sequence | np.ndarray) and not isinstance(value, str):
            row, col = as_cell(value, name, self.shape)
            return row * self.shape[1] + col
        return as_int(value, name, low=0, high=self.n_states - 1)


def _as_shape(shape: object) -> tuple[int, int]:
    if not isinstance(shape, Sequence | np.ndarray) or isinstance(shape, str) or len(shape) != 2:
        raise TypeError(f"shape must be a pair (rows, cols), got {describe(shape)}")
    return as_int(shape[0], "shape[0]", low=1), as_int(shape[1], "shape[1]", low=1)


if ENV_ID not in gym.registry:
    gym.register(id=ENV_ID, entry_point=f"{__name__}:GridWorld")
