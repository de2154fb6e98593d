"""Reinforcement learning on the book's grid world: DP, Monte Carlo, TD, linear TD, replay."""

from workbook.compare import BY_VALUE
from workbook.exercise import Exercise

BENCH = "benchmarks/ml_from_scratch/bench_rl.py"
TOPIC = "reinforcement learning"
BOOK = "Zhao, Mathematical Foundations of RL"
NEEDS = ("gymnasium",)
IMPORTS = ("import numpy as np",)
ENV_IMPORTS = ("import gymnasium as gym", "import numpy as np")

_MODEL = """
The model of a finite MDP with S states and A actions is given as arrays:
    P[s, a, s2]   the probability of moving to s2 after action a in state s, shape (S, A, S);
                  each P[s, a] sums to 1
    R[s, a]       the expected reward of action a in state s, shape (S, A)
A policy is an array policy[s, a] of shape (S, A): the probability of action a in
state s, each row summing to 1.  The state values of a policy are the solution of the
Bellman equation v = r_pi + gamma P_pi v, with r_pi[s] = sum_a policy[s, a] R[s, a] and
P_pi[s, s2] = sum_a policy[s, a] P[s, a, s2].
"""

_ENV = """
The environment `env` is a Gymnasium environment with discrete states and actions, the
book's grid world (`ml_from_scratch.rl.GridWorld`): S = env.observation_space.n states,
A = env.action_space.n actions (5: up, right, down, left, stay).  Learn from its
interface only:
    state, info = env.reset(seed=seed)          (or options={"state": s} to start in s)
    next_state, reward, terminated, truncated, info = env.step(action)
never from its model: the tests hand you an environment with reset, step and the two
spaces, and nothing else.  The task is continuing (terminated is always False): an
episode is episode_length steps, and a new episode starts with env.reset().  Seed every
random choice from `seed` (np.random.default_rng(seed)), and env.reset(seed=...) once.
A policy is an array policy[s, a] of shape (S, A) whose rows sum to 1.  Keep a step
cheap: rng.choice(A, p=policy[s]) costs some 20 us a call; uniforms drawn in blocks and
looked up in the rows' cumulative sums (np.searchsorted) cost a tenth of that.

Your result is judged by the exact value of what you return, which the tests compute
by dynamic programming from the model you never see.
"""

_WORLD = """
The book's world: 5x5, forbidden cells (1, 1), (1, 2), (2, 2), (3, 1), (3, 3), (4, 1) and
the target (3, 2) (row, col from 0); r_boundary = r_forbidden = -1, r_target = 1,
gamma = 0.9.  Its optimal state values, row by row (Zhao, chapter 3):
    5.8  5.6  6.2  6.5  5.8
    6.5  7.2  8.0  7.2  6.5
    7.2  8.0 10.0  8.0  7.2
    8.0 10.0 10.0 10.0  8.0
    7.2  9.0 10.0  9.0  8.1
"""

EXERCISES = [
    Exercise(
        id="policy_evaluation",
        reference="ml_from_scratch.rl.dp:policy_evaluation",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(S^3) exact; O(S^2 A) per sweep",
        source=f"{BOOK}, section 2.7",
        statement=_MODEL
        + """
Return the state values v_pi of `policy`, an array of shape (S,), in one of two ways:
    method="exact":      solve the linear system (I - gamma P_pi) v = r_pi
    method="iterative":  start from v = 0 and repeat v <- r_pi + gamma P_pi v until the
                         error is below 1e-8 (stop when gamma / (1 - gamma) times the
                         largest change of a sweep is below it)

Constraints:
    1 <= S <= 500, 1 <= A <= 10, 0 <= gamma <= 0.95
    each value within 1e-6 of the exact v_pi, whichever the method

Example: two states; action 0 stays, action 1 moves to the other state.  Staying in
state 1 pays 1 per step, so v[1] = 1 / (1 - gamma) = 2 for gamma = 0.5, and state 0
moves there for a reward of 0: v[0] = 0 + 0.5 * 2 = 1.
    >>> P = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]])
    >>> R = np.array([[0.0, 0.0], [1.0, 0.0]])
    >>> policy = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> policy_evaluation(P, R, policy, 0.5)
    array([1., 2.])
    >>> policy_evaluation(P, R, policy, 0.5, method="iterative").round(6)
    array([1., 2.])
""",
        signature=(
            "def policy_evaluation(P: np.ndarray, R: np.ndarray, policy: np.ndarray, "
            'gamma: float, method: str = "exact") -> np.ndarray'
        ),
        imports=IMPORTS,
        compare=BY_VALUE.within(abs=1e-6),
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="value_iteration",
        reference="ml_from_scratch.rl.dp:value_iteration",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(S^2 A) per sweep",
        source=f"{BOOK}, Algorithm 4.1",
        statement=_MODEL
        + """
Find the optimal state values v* by value iteration: from v = 0, repeat
    q[s, a] = R[s, a] + gamma * sum_s2 P[s, a, s2] v[s2]
    v[s]    = max_a q[s, a]
until v is within 1e-8 of v* (stop when gamma / (1 - gamma) times the largest change of
a sweep is below 1e-8).  Return a tuple (v, q, policy):
    v        shape (S,), within 1e-6 of v*
    q        shape (S, A), the action values of v: R + gamma P v
    policy   shape (S, A), a deterministic policy greedy in q (one 1 per row)
Any greedy policy is accepted (ties may go either way): it is judged by its exact value.

Constraints:
    1 <= S <= 500, 1 <= A <= 10, 0 <= gamma <= 0.95
"""
        + _WORLD
        + """
Example:
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> v, q, policy = value_iteration(env.transition_matrix(), env.reward_matrix(), 0.9)
    >>> v.reshape(5, 5)[0].round(1)
    array([5.8, 5.6, 6.2, 6.5, 5.8])
""",
        signature=(
            "def value_iteration(P: np.ndarray, R: np.ndarray, gamma: float) "
            "-> tuple[np.ndarray, np.ndarray, np.ndarray]"
        ),
        imports=IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="policy_iteration",
        reference="ml_from_scratch.rl.dp:policy_iteration",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(S^3 + S^2 A) per iteration",
        source=f"{BOOK}, Algorithm 4.2",
        statement=_MODEL
        + """
Find an optimal policy by policy iteration: from any deterministic policy, repeat
    evaluate:  v = v_pi, exactly (solve the Bellman equation)
    improve:   the greedy policy in q = R + gamma P v
until the policy no longer changes (keep a state's action when it is among the best,
so that ties do not make it cycle).  Return a tuple (v, q, policy): v = v_pi of the
final policy (within 1e-6 of v*), q = R + gamma P v, and the final deterministic policy.

Constraints:
    1 <= S <= 500, 1 <= A <= 10, 0 <= gamma <= 0.95
"""
        + _WORLD
        + """
Example:
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> v, q, policy = policy_iteration(env.transition_matrix(), env.reward_matrix(), 0.9)
    >>> v.reshape(5, 5)[4].round(1)
    array([ 7.2,  9. , 10. ,  9. ,  8.1])
""",
        signature=(
            "def policy_iteration(P: np.ndarray, R: np.ndarray, gamma: float) "
            "-> tuple[np.ndarray, np.ndarray, np.ndarray]"
        ),
        imports=IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="mc_basic",
        reference="ml_from_scratch.rl.mc:mc_basic",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(iterations S A L) steps",
        source=f"{BOOK}, Algorithm 5.1",
        statement=_ENV
        + """
MC Basic is policy iteration with the action values estimated from episodes.  Start
from any deterministic policy; in each of at most `iterations` iterations:
    for every pair (s, a): run `episodes_per_pair` episodes that start in s
        (env.reset(options={"state": s})), take a first, then follow the policy, for
        `episode_length` steps in all; q[s, a] is the mean of their discounted returns
        r_1 + gamma r_2 + ... + gamma^(L-1) r_L
    improve: the greedy policy in q (keep a state's action when it ties the best)
Stop early when the policy no longer changes.  Return (q, policy): the last estimates,
shape (S, A), and the final deterministic policy, shape (S, A).

Constraints:
    the book's world and variants of it (up to 25 states, 5 actions), 0 <= gamma <= 0.9
    iterations <= 20, episode_length <= 100; the tests allow 10 s
    the returned policy's exact value within 1% of v* in every state
"""
        + _WORLD
        + """
Example:
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = mc_basic(GridWorld(), 0.9, iterations=10, episode_length=30, seed=0)
    >>> q.shape, policy.shape
    ((25, 5), (25, 5))
""",
        signature=(
            "def mc_basic(env: gym.Env, gamma: float = 0.9, *, iterations: int = 10, "
            "episode_length: int = 30, episodes_per_pair: int = 1, seed: int = 0) "
            "-> tuple[np.ndarray, np.ndarray]"
        ),
        imports=ENV_IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="mc_epsilon_greedy",
        reference="ml_from_scratch.rl.mc:mc_epsilon_greedy",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(episodes L) steps",
        source=f"{BOOK}, Algorithm 5.3",
        statement=_ENV
        + """
MC epsilon-greedy learns without exploring starts by keeping its policy
epsilon-greedy: in state s it takes the greedy action argmax_a q[s, a] with probability
1 - epsilon + epsilon / A and each other action with probability epsilon / A (draw a
uniform u; if u < epsilon take a uniformly random action, else the greedy one).
For each of `episodes` episodes of `episode_length` steps, from wherever env.reset()
starts: run the epsilon-greedy policy of the current q; then walk the episode
backwards, g <- gamma g + r_{t+1}, and at every visit (s_t, a_t) add g to the returns
of that pair and set q[s_t, a_t] to the mean of all of them (every-visit); the policy
at s_t follows q at once.
Return (q, policy): q of shape (S, A) and the epsilon-greedy policy of q, shape (S, A),
with the probabilities above.

It converges to the best epsilon-greedy policy, not to an optimal one: the tests
compare the exact value of your policy with that of the best epsilon-greedy policy.

Constraints:
    grid worlds of up to 25 states, 5 actions; 0 <= gamma <= 0.9; 0.1 <= epsilon <= 1
    up to 2 * 10^5 steps in all; the tests allow 10 s

Example:
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld((3, 3), forbidden=[(1, 1)], target=(2, 2))
    >>> q, policy = mc_epsilon_greedy(env, 0.9, epsilon=0.5, episodes=2000,
    ...                               episode_length=100, seed=0)
    >>> sorted(set(policy.round(2).ravel().tolist()))    # 0.5 / 5 and 1 - 0.5 * 4 / 5
    [0.1, 0.6]
""",
        signature=(
            "def mc_epsilon_greedy(env: gym.Env, gamma: float = 0.9, *, epsilon: float = 0.5, "
            "episodes: int = 2000, episode_length: int = 100, seed: int = 0) "
            "-> tuple[np.ndarray, np.ndarray]"
        ),
        imports=ENV_IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="td0",
        reference="ml_from_scratch.rl.td:td0",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(1) per step",
        source=f"{BOOK}, section 7.1",
        statement=_ENV
        + """
TD(0) learns the state values of a given policy from its own experience.  For each of
`episodes` episodes of `episode_length` steps: draw a ~ policy[s] in the current state,
step, and move v[s] a fraction alpha toward the TD target:
    v[s] <- v[s] + alpha * (reward + gamma * v[next_state] - v[s])
Start from v = 0.  Return v, shape (S,).

Constraints:
    grid worlds of up to 25 states; 0 <= gamma <= 0.9; 0.005 <= alpha <= 0.1
    up to 10^5 steps in all; the tests allow 10 s
    with a constant alpha the estimate keeps fluctuating around v_pi (by about
    sqrt(alpha)); the tests bound its root-mean-square error

Example (the uniform policy on the book's world; its values lie between -4.5 and -2.9):
    >>> from ml_from_scratch.rl import GridWorld
    >>> v = td0(GridWorld(), np.full((25, 5), 0.2), 0.9, alpha=0.02, episodes=100,
    ...         episode_length=1000, seed=0)
    >>> v.shape
    (25,)
""",
        signature=(
            "def td0(env: gym.Env, policy: np.ndarray, gamma: float = 0.9, *, "
            "alpha: float = 0.02, episodes: int = 100, episode_length: int = 1000, "
            "seed: int = 0) -> np.ndarray"
        ),
        imports=ENV_IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="sarsa",
        reference="ml_from_scratch.rl.td:sarsa",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(A) per step",
        source=f"{BOOK}, Algorithm 7.1",
        statement=_ENV
        + """
Sarsa: on-policy TD control.  Act epsilon-greedily in q (the greedy action with
probability 1 - epsilon + epsilon / A, each other epsilon / A).  In each of `episodes`
episodes of `episode_length` steps, from wherever env.reset() starts: take a, observe
(reward, next_state), choose the next action a2 epsilon-greedily, and update
    q[s, a] <- q[s, a] + alpha * (reward + gamma * q[next_state, a2] - q[s, a])
then continue from (next_state, a2).  Start from q = 0.
Return (q, policy): q of shape (S, A) and its epsilon-greedy policy, shape (S, A).

It learns the best epsilon-greedy policy: the tests compare your policy's exact value
with that policy's, and your q with the exact action values of your own policy.

Constraints:
    grid worlds of up to 25 states; 0 <= gamma <= 0.9; 0.01 <= alpha <= 0.5
    0.1 <= epsilon <= 1; up to 10^5 steps in all; the tests allow 10 s

Example:
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = sarsa(GridWorld(), 0.9, alpha=0.1, epsilon=0.5, episodes=1000,
    ...                   episode_length=100, seed=0)
    >>> q.shape, policy.shape
    ((25, 5), (25, 5))
""",
        signature=(
            "def sarsa(env: gym.Env, gamma: float = 0.9, *, alpha: float = 0.1, "
            "epsilon: float = 0.5, episodes: int = 1000, episode_length: int = 100, "
            "seed: int = 0) -> tuple[np.ndarray, np.ndarray]"
        ),
        imports=ENV_IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="q_learning",
        reference="ml_from_scratch.rl.td:q_learning",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(A) per step",
        source=f"{BOOK}, Algorithm 7.3",
        statement=_ENV
        + """
Off-policy Q-learning: learn the optimal action values from the experience of another
policy, `behaviour` (shape (S, A)).  In each of `episodes` episodes of `episode_length`
steps, from wherever env.reset() starts: draw a ~ behaviour[s], step, and update
    q[s, a] <- q[s, a] + alpha * (reward + gamma * max_a2 q[next_state, a2] - q[s, a])
Start from q = 0.  Return (q, policy): q of shape (S, A) and the greedy policy in q
(deterministic, one 1 per row), shape (S, A).

Constraints:
    grid worlds of up to 25 states; 0 <= gamma <= 0.9; 0.01 <= alpha <= 0.5
    behaviour gives every action a probability >= 0.1; up to 10^5 steps in all; the
    tests allow 10 s
    the greedy policy's exact value within 1% of v* in every state; q within 0.5 of q*
"""
        + _WORLD
        + """
Example (the book's setting: a uniform behaviour policy, alpha = 0.1):
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = q_learning(GridWorld(), 0.9, behaviour=np.full((25, 5), 0.2),
    ...                        alpha=0.1, episodes=60, episode_length=1000, seed=0)
    >>> q.max(axis=1).reshape(5, 5)[3].round(1)    # v* on that row: 8, 10, 10, 10, 8
    array([7.9, 9.9, 9.9, 9.9, 7.9])
""",
        signature=(
            "def q_learning(env: gym.Env, gamma: float = 0.9, *, behaviour: np.ndarray, "
            "alpha: float = 0.1, episodes: int = 100, episode_length: int = 1000, "
            "seed: int = 0) -> tuple[np.ndarray, np.ndarray]"
        ),
        imports=ENV_IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="linear_td",
        reference="ml_from_scratch.rl.vfa:linear_td",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(F) per step",
        source=f"{BOOK}, Algorithm 8.1",
        statement=_ENV
        + """
TD with linear function approximation: estimate v_pi(s) as features[s] @ w, where
`features` is an array of shape (S, F) (row s is the feature vector phi(s)).  For each
of `episodes` episodes of `episode_length` steps: draw a ~ policy[s], step, and move
the weights along phi(s) by the TD error:
    w <- w + alpha * (reward + gamma * phi(next_state) @ w - phi(s) @ w) * phi(s)
Start from w = 0.  Return w, shape (F,).

Linear TD does not converge to v_pi but to the TD fixed point w_TD, the solution of
Phi^T D (I - gamma P_pi) Phi w = Phi^T D r_pi, D the states' long-run frequencies under
the policy: the tests compare features @ w with features @ w_TD, in the D-weighted
root-mean-square.

Constraints:
    grid worlds of up to 25 states; F <= 16 features with values in [-1, 1]
    0 <= gamma <= 0.9; 0.001 <= alpha <= 0.01; up to 10^5 steps; the tests allow 10 s

Example: v(s) ~ w0 + w1 row + w2 col, with rows and columns scaled to [0, 1]:
    >>> from ml_from_scratch.rl import GridWorld, polynomial_features
    >>> env = GridWorld()
    >>> phi = polynomial_features(env.coordinates(), 1)    # 1, row, col
    >>> w = linear_td(env, np.full((25, 5), 0.2), phi, 0.9, alpha=0.005, episodes=100,
    ...               episode_length=1000, seed=0)
    >>> w.shape
    (3,)
""",
        signature=(
            "def linear_td(env: gym.Env, policy: np.ndarray, features: np.ndarray, "
            "gamma: float = 0.9, *, alpha: float = 0.005, episodes: int = 100, "
            "episode_length: int = 1000, seed: int = 0) -> np.ndarray"
        ),
        imports=ENV_IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
    Exercise(
        id="replay_buffer",
        reference="ml_from_scratch.rl.replay:ReplayBuffer",
        kind="class",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(1) add, O(batch) sample",
        source=f"{BOOK}, section 8.4 (experience replay)",
        statement="""
Design the experience-replay buffer of deep Q-learning: it stores transitions
(state, action, reward, next_state, terminated) and hands out random mini-batches.

    buffer = ReplayBuffer(capacity, seed=0)     empty; keeps at most `capacity` transitions
    buffer.add(state, action, reward, next_state, terminated)
                                                stores one; when full, the oldest goes
    buffer.sample(batch_size)                   a tuple of 5 numpy arrays (states,
                                                actions, rewards, next_states,
                                                terminated), each of length batch_size:
                                                transitions drawn uniformly at random
                                                with replacement from those stored
    len(buffer)                                 how many are stored

States are ints or numpy arrays of one fixed shape (the batch of states then has shape
(batch_size, *state.shape)).  Draw with np.random.default_rng(seed).  add is O(1) and
sample O(batch_size): a list that shifts on every add is too slow.  sample on an empty
buffer raises ValueError.

Constraints:
    1 <= capacity <= 10^6, up to 10^6 adds, 1 <= batch_size <= 10^4

Example:
    >>> buffer = ReplayBuffer(capacity=2, seed=0)
    >>> for t in range(3):
    ...     buffer.add(t, 1, -1.0, t + 1, False)
    >>> len(buffer), sorted(set(buffer.sample(20)[0].tolist()))    # state 0 is gone
    (2, [1, 2])
""",
        signature='''
class ReplayBuffer:
    """A ring buffer of transitions, sampled uniformly."""

    def __init__(self, capacity: int, seed: int = 0) -> None:
        """An empty buffer that keeps at most capacity transitions."""
        ...

    def add(self, state, action: int, reward: float, next_state, terminated: bool) -> None:
        """Store one transition; when full, evict the oldest."""
        ...

    def sample(self, batch_size: int) -> tuple:
        """(states, actions, rewards, next_states, terminated), drawn with replacement."""
        ...

    def __len__(self) -> int:
        """The number of stored transitions."""
        ...
''',
        imports=IMPORTS,
        bench=BENCH,
        requires=NEEDS,
    ),
]
