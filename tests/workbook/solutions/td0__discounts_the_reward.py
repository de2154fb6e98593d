# expect: fail
"""Discounts the step's own reward too, target gamma * (reward + v[s2]): a return that
counts every reward one step later than the book's, its values a factor gamma too small."""

import numpy as np


def td0(env, policy, gamma=0.9, *, alpha=0.02, episodes=100, episode_length=1000, seed=0):
    rng = np.random.default_rng(seed)
    cumulative = np.cumsum(policy, axis=1)
    v = np.zeros(env.observation_space.n)
    state, _ = env.reset(seed=seed)
    for episode in range(episodes):
        if episode:
            state, _ = env.reset()
        uniforms = rng.random(episode_length)
        for u in uniforms:
            action = min(
                int(np.searchsorted(cumulative[state], u, side="right")),
                policy.shape[1] - 1,
            )
            next_state, reward, _, _, _ = env.step(action)
            v[state] += alpha * (gamma * (reward + v[next_state]) - v[state])
            state = next_state
    return v
