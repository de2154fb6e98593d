# expect: fail
# counterexample: greedy policy against v\*|q - q\*
"""Q-learning with Sarsa's target: the value of the next action the behaviour takes.

On-policy that would be Sarsa; here the behaviour is uniform, so it learns the uniform
policy's action values instead of the optimal ones.
"""

import numpy as np


def q_learning(env, gamma=0.9, *, behaviour, alpha=0.1, episodes=100, episode_length=1000, seed=0):
    rng = np.random.default_rng(seed)
    n_states, n_actions = env.observation_space.n, env.action_space.n
    cumulative = np.cumsum(behaviour, axis=1)

    def act(s, u):
        return min(int(np.searchsorted(cumulative[s], u, side="right")), n_actions - 1)

    q = np.zeros((n_states, n_actions))
    for episode in range(episodes):
        s, _ = env.reset(seed=seed if episode == 0 else None)
        uniforms = rng.random(episode_length + 1)
        a = act(s, uniforms[0])
        for u in uniforms[1:]:
            s_next, r, terminated, truncated, _ = env.step(a)
            a_next = act(s_next, u)
            q[s, a] += alpha * (r + gamma * q[s_next, a_next] - q[s, a])
            if terminated or truncated:
                break
            s, a = s_next, a_next
    return q, np.eye(n_actions)[q.argmax(axis=1)]
