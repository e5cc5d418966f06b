"""The cross-task advantage estimator on hand-computed tensors (CPU torch), and its episode indices."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

from latentgym.rl_bridge.advantage import (  # noqa: E402
    batch_episode_ids,
    compute_latentgym_episode_advantage,
    episode_advantages,
    token_episode_ids,
)

R = 1 / math.sqrt(2)  # (x - mean) / unbiased std for a group of two distinct values


def t(rows):
    return torch.tensor(rows, dtype=torch.float32)


def ids(rows):
    return torch.tensor(rows, dtype=torch.int64)


def close(actual, expected, atol=1e-6):
    torch.testing.assert_close(actual, t(expected), atol=atol, rtol=0)


def test_per_episode_returns_normalised_per_episode_index():
    # Two samples of one prompt, N = 2; rewards at each episode's last token.
    rewards = t([[0, 0, 1.0, 0, 0, 0.5], [0, 0.2, 0, 0, 1.0, 0]])
    mask = t([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0]])
    episodes = ids([[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 0]])
    adv, ret = episode_advantages(rewards, mask, ["p", "p"], episodes)
    # Returns: sample 0 = 1.5 (episode 1), 0.5 (episode 2); sample 1 = 1.2, 1.0.
    close(ret, [[1.5, 1.5, 1.5, 0.5, 0.5, 0.5], [1.2, 1.2, 1.0, 1.0, 1.0, 0]])
    # Index 0: {1.5, 1.2}; index 1: {0.5, 1.0}.
    close(adv, [[R, R, R, -R, -R, -R], [-R, -R, R, R, R, 0]], 1e-4)


def test_episodes_that_scored_zero_are_still_episodes():
    # Sample 0 loses episode 1 and wins episode 2; sample 1 the reverse. Boundaries come from the
    # episode indices, not from reward values: the zero-reward ends are not lost.
    rewards = t([[0, 0, 0, 1.0], [0, 1.0, 0, 0]])
    episodes = ids([[0, 0, 1, 1], [0, 0, 1, 1]])
    adv, ret = episode_advantages(rewards, torch.ones(2, 4), ["p", "p"], episodes)
    close(ret, [[1, 1, 1, 1], [1, 1, 0, 0]])
    close(adv, [[0, 0, R, R], [0, 0, -R, -R]], 1e-5)


def test_cross_episode_discount():
    rewards = t([[1.0, 0, 2.0, 0, 4.0]])
    episodes = ids([[0, 1, 1, 2, 2]])
    _, ret = episode_advantages(rewards, torch.ones(1, 5), ["x"], episodes, gamma=0.5)
    # G_2 = 4, G_1 = 2 + 0.5 * 4 = 4, G_0 = 1 + 0.5 * 2 + 0.25 * 4 = 3.
    close(ret, [[3, 4, 4, 4, 4]])
    with pytest.raises(ValueError, match="gamma"):
        episode_advantages(rewards, torch.ones(1, 5), ["x"], episodes, gamma=0.0)


def test_cumulative_reward_reduces_to_grpo():
    rewards = t([[0, 0, 3.0], [0, 1.0, 0], [0, 0, 2.0]])
    mask = t([[1, 1, 1], [1, 1, 0], [1, 1, 1]])
    adv, _ = episode_advantages(rewards, mask, [0, 0, 0], torch.zeros(3, 3, dtype=torch.int64))
    scores = torch.tensor([3.0, 1.0, 2.0])
    expected = (scores - scores.mean()) / (scores.std() + 1e-6)
    e = expected.tolist()
    close(adv, [[e[0]] * 3, [e[1]] * 2 + [0.0], [e[2]] * 3], 1e-5)


def test_matches_skyrl_grpo_on_a_random_batch():
    """With one episode index the estimator is GRPO: compare with SkyRL's formula written out."""
    gen = torch.Generator().manual_seed(0)
    rewards = torch.zeros(12, 30)
    rewards[torch.arange(12), torch.randint(10, 30, (12,), generator=gen)] = torch.rand(12, generator=gen)
    mask = torch.ones(12, 30)
    index = [i // 4 for i in range(12)]
    adv, _ = episode_advantages(rewards, mask, index, torch.zeros(12, 30, dtype=torch.int64))
    scores = rewards.sum(-1)
    for g in range(3):
        s = scores[g * 4 : (g + 1) * 4]
        expected = (s - s.mean()) / (s.std() + 1e-6)
        torch.testing.assert_close(adv[g * 4 : (g + 1) * 4, 0], expected, atol=1e-5, rtol=0)


def test_groups_are_separate_and_singletons_keep_their_return():
    rewards = t([[0, 1.0], [0, 3.0], [0, 0.4]])
    adv, _ = episode_advantages(rewards, torch.ones(3, 2), ["a", "a", "b"], torch.zeros(3, 2, dtype=torch.int64))
    close(adv, [[-R, -R], [R, R], [0.4, 0.4]], 1e-5)


def test_unfinished_tail_and_centring_only():
    # Sample 1 was truncated during episode 2: its tail has return 0 at index 1.
    rewards = t([[0.5, 0, 0.5], [1.0, 0, 0]])
    episodes = ids([[0, 1, 1], [0, 1, 1]])
    adv, ret = episode_advantages(rewards, torch.ones(2, 3), [1, 1], episodes, norm_by_std=False)
    close(ret, [[1.0, 0.5, 0.5], [1.0, 0, 0]])
    close(adv, [[0, 0.25, 0.25], [0, -0.25, -0.25]])


def test_shape_errors():
    z = torch.zeros(2, 3, dtype=torch.int64)
    with pytest.raises(ValueError):
        episode_advantages(torch.zeros(2, 3), torch.ones(2, 2), [0, 0], z)
    with pytest.raises(ValueError):
        episode_advantages(torch.zeros(2, 3), torch.ones(2, 3), [0], z)
    with pytest.raises(ValueError):
        episode_advantages(torch.zeros(2, 3), torch.ones(2, 3), [0, 0], torch.zeros(2, 4, dtype=torch.int64))


def test_skyrl_signature_reads_the_batch_episode_ids():
    rewards = t([[0, 0, 0, 1.0]])
    kwargs = dict(
        token_level_rewards=rewards,
        response_mask=torch.ones(1, 4),
        index=["x"],
        values=None,
        gamma=1.0,
        lambd=1.0,
        config=None,
        grpo_norm_by_std=True,
    )
    with pytest.raises(RuntimeError, match="episode index"):
        compute_latentgym_episode_advantage(**kwargs)
    with batch_episode_ids(ids([[0, 0, 1, 1]])):
        adv, ret = compute_latentgym_episode_advantage(**kwargs)
    close(ret, [[1, 1, 1, 1]])
    close(adv, [[1, 1, 1, 1]], 1e-5)  # singleton: mean 0, std 1


def test_token_episode_ids_follow_turns():
    # Three turns: generated tokens (1) then the observation (0); episodes ended at turns 1 and 3.
    loss_mask = [1, 1, 0, 0, 1, 0, 1, 1, 0]
    assert token_episode_ids(loss_mask, [1, 3], turns=3) == [0, 0, 0, 0, 1, 1, 1, 1, 1]
    # An unfinished second episode: tokens after the last end get index 1 (= episodes finished).
    assert token_episode_ids(loss_mask, [1], turns=3) == [0, 0, 0, 0, 1, 1, 1, 1, 1]
    assert token_episode_ids(loss_mask, [], turns=3) == [0] * 9
    with pytest.raises(ValueError, match="3 generated runs but the env played 4 turns"):
        token_episode_ids(loss_mask, [1], turns=4)
    with pytest.raises(ValueError, match="increasing"):
        token_episode_ids(loss_mask, [2, 2])
