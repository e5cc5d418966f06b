"""The cross-task advantage estimator on hand-computed tensors (CPU torch)."""

from __future__ import annotations

import math
import sys
import types

import pytest

torch = pytest.importorskip("torch")

from latentgym.rl_bridge import advantage  # noqa: E402
from latentgym.rl_bridge.advantage import (  # noqa: E402
    EPISODE_MARKER,
    ESTIMATOR_NAME,
    compute_latentgym_episode_advantage,
    episode_advantages,
)

R = 1 / math.sqrt(2)  # (x - mean) / unbiased std for a group of two distinct values


def t(rows):
    return torch.tensor(rows, dtype=torch.float32)


def close(actual, expected, atol=1e-6):
    torch.testing.assert_close(actual, t(expected), atol=atol, rtol=0)


def test_per_episode_returns_normalised_per_episode_index():
    # Two samples of one prompt, N = 2; rewards at each episode's last token.
    rewards = t([[0, 0, 1.0, 0, 0, 0.5],
                 [0, 0.2, 0, 0, 1.0, 0]])
    mask = t([[1, 1, 1, 1, 1, 1],
              [1, 1, 1, 1, 1, 0]])
    adv, ret = episode_advantages(rewards, mask, ["p", "p"])
    # Returns-to-go: sample 0 = 1.5 (episode 1), 0.5 (episode 2); sample 1 = 1.2, 1.0.
    close(ret, [[1.5, 1.5, 1.5, 0.5, 0.5, 0.5], [1.2, 1.2, 1.0, 1.0, 1.0, 0]])
    # Index 0: {1.5, 1.2}; index 1: {0.5, 1.0}.
    close(adv, [[R, R, R, -R, -R, -R], [-R, -R, R, R, R, 0]], 1e-4)


def test_cumulative_reward_reduces_to_grpo():
    rewards = t([[0, 0, 3.0], [0, 1.0, 0], [0, 0, 2.0]])
    mask = t([[1, 1, 1], [1, 1, 0], [1, 1, 1]])
    adv, _ = episode_advantages(rewards, mask, [0, 0, 0])
    scores = torch.tensor([3.0, 1.0, 2.0])
    expected = (scores - scores.mean()) / (scores.std() + 1e-6)
    e = expected.tolist()
    close(adv, [[e[0]] * 3, [e[1]] * 2 + [0.0], [e[2]] * 3], 1e-5)


def test_groups_are_separate_and_singletons_keep_their_return():
    rewards = t([[0, 1.0], [0, 3.0], [0, 0.4]])
    mask = torch.ones(3, 2)
    adv, _ = episode_advantages(rewards, mask, ["a", "a", "b"])
    close(adv, [[-R, -R], [R, R], [0.4, 0.4]], 1e-5)


def test_marker_aligns_episodes_that_scored_zero():
    m = EPISODE_MARKER
    # Sample 0 loses episode 1 and wins episode 2; sample 1 the reverse.
    rewards = t([[0, m, 0, 1 + m], [0, 1 + m, 0, m]])
    mask = torch.ones(2, 4)
    adv, ret = episode_advantages(rewards, mask, ["p", "p"], marker=m)
    close(ret, [[1, 1, 1, 1], [1, 1, 0, 0]], 1e-6)
    # Index 0: both returns are 1 -> 0; index 1: {1, 0} -> +-1/sqrt(2).
    close(adv, [[0, 0, R, R], [0, 0, -R, -R]], 1e-3)
    unmarked, _ = episode_advantages(t([[0, 0, 0, 1.0], [0, 1.0, 0, 0]]), mask, ["p", "p"])
    assert not torch.allclose(unmarked, adv, atol=1e-3)


def test_unfinished_tail_and_centring_only():
    # Sample 1 was truncated during episode 2: its tail has return 0 at index 1.
    rewards = t([[0.5, 0, 0.5], [1.0, 0, 0]])
    mask = torch.ones(2, 3)
    adv, ret = episode_advantages(rewards, mask, [1, 1], norm_by_std=False)
    close(ret, [[1.0, 0.5, 0.5], [1.0, 0, 0]])
    close(adv, [[0, 0.25, 0.25], [0, -0.25, -0.25]])


def test_shape_errors():
    with pytest.raises(ValueError):
        episode_advantages(torch.zeros(2, 3), torch.ones(2, 2), [0, 0])
    with pytest.raises(ValueError):
        episode_advantages(torch.zeros(2, 3), torch.ones(2, 3), [0])


def test_skyrl_signature_subtracts_the_marker():
    rewards = t([[0, EPISODE_MARKER, 0, 1 + EPISODE_MARKER]])
    adv, ret = compute_latentgym_episode_advantage(
        token_level_rewards=rewards, response_mask=torch.ones(1, 4), index=["x"],
        values=None, gamma=1.0, lambd=1.0, config=None, grpo_norm_by_std=True,
    )
    close(ret, [[1, 1, 1, 1]], 1e-6)
    close(adv, [[1, 1, 1, 1]], 1e-5)  # singleton: mean 0, std 1


def test_register_uses_skyrl_train_registry(monkeypatch):
    registered = {}

    class Registry:
        @classmethod
        def list_available(cls):
            return list(registered)

        @classmethod
        def register(cls, name, func):
            if name in registered:
                raise ValueError("already registered")
            registered[name] = func

    module = types.ModuleType("skyrl_train.utils.ppo_utils")
    module.AdvantageEstimatorRegistry = Registry
    for name in ("skyrl_train", "skyrl_train.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "skyrl_train.utils.ppo_utils", module)
    assert advantage.register() == ESTIMATOR_NAME
    assert advantage.register() == ESTIMATOR_NAME  # idempotent
    assert registered == {ESTIMATOR_NAME: compute_latentgym_episode_advantage}
