# expect: pass
"""Off-policy Q-learning as the book writes it, with numpy arrays throughout.

Behaviour actions come from uniforms drawn once per episode and mapped through each
state's cumulative probabilities: ``rng.choice`` on every step would cost ~20 us.
"""

import numpy as np


def q_learning(env, gamma=0.9, *, behaviour, alpha=0.1, episodes=100, episode_length=1000, seed=0):
    rng = np.random.default_rng(seed)
    n_states, n_actions = env.observation_space.n, env.action_space.n
    cumulative = np.cumsum(behaviour, axis=1)
    q = np.zeros((n_states, n_actions))
    for episode in range(episodes):
        s, _ = env.reset(seed=seed if episode == 0 else None)
        for u in rng.random(episode_length):
            a = min(int(np.searchsorted(cumulative[s], u, side="right")), n_actions - 1)
            s_next, r, terminated, truncated, _ = env.step(a)
            target = r if terminated else r + gamma * q[s_next].max()
            q[s, a] += alpha * (target - q[s, a])
            if terminated or truncated:
                break
            s = s_next
    return q, np.eye(n_actions)[q.argmax(axis=1)]
