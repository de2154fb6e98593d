# expect: pass
"""TD(0) as in the book: act by the policy (uniforms drawn in blocks, looked up in the
rows' cumulative sums), step, move v[s] toward reward + gamma v[s']."""

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
            v[state] += alpha * (reward + gamma * v[next_state] - v[state])
            state = next_state
    return v
