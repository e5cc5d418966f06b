"""SkyRL's own pipeline on CPU over a mixed-env latentgym dataset (needs ``skyrl`` 0.4.x).

SkyRL's PromptDataset loads the parquet rows, its multi-turn SkyRLGymGenerator plays them against
a scripted inference engine, and its trainer post-processes the batch and computes advantages
with ``grpo`` and with ``latentgym_episode``. The advantages are checked against our own
computation from the rewards the env reported.
"""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
if importlib.util.find_spec("skyrl") is None:
    pytest.skip(
        "SkyRL is not installed: install it with .ci/run's SkyRL step (skyrl==0.4.0, CPU) to run its pipeline",
        allow_module_level=True,
    )

from latentgym.rl_bridge.dry_run import (  # noqa: E402
    build_chat_tokenizer,
    episode_summary,
    report,
    run_pipeline,
    write_dry_run_data,
)

EPS = 1e-6


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("skyrl_pipeline")
    return write_dry_run_data(root), build_chat_tokenizer(root / "tokenizer")


@pytest.fixture(scope="module")
def grpo(workdir):
    return run_pipeline(*workdir, "grpo")


@pytest.fixture(scope="module")
def episode(workdir):
    return run_pipeline(*workdir, "latentgym_episode")


def generated_positions(result, b):
    mask = result.loss_mask[b] > 0
    return torch.nonzero(mask).flatten()


def test_rollouts_cover_the_mix_and_rewards_are_the_envs(grpo):
    envs = {row["env_name"] for row in grpo.rows}
    assert envs == {"number_guessing", "wordle", "mastermind"}
    assert len(grpo.uids) == 6 * 4
    for b, metrics in enumerate(grpo.env_metrics):
        assert metrics["complete"] == 1.0
        # per_episode rows: SkyRL's token rewards add up to exactly the env's (and Inspect's) sum.
        assert float(grpo.rewards[b].sum()) == pytest.approx(metrics["cumulative_reward"], abs=1e-5)
        nonzero = int((grpo.rewards[b] != 0).sum())
        assert nonzero == sum(1 for k in range(1, metrics["episodes_completed"] + 1) if metrics[f"reward_ep{k}"])


def test_grpo_advantages_match_our_own(grpo):
    scores = {}
    for uid, metrics in zip(grpo.uids, grpo.env_metrics):
        scores.setdefault(uid, []).append(metrics["cumulative_reward"])
    for b, (uid, metrics) in enumerate(zip(grpo.uids, grpo.env_metrics)):
        group = scores[uid]
        expected = (metrics["cumulative_reward"] - statistics.mean(group)) / (statistics.stdev(group) + EPS)
        values = grpo.advantages[b, generated_positions(grpo, b)]
        torch.testing.assert_close(values, torch.full_like(values, expected), atol=1e-4, rtol=0)


def own_episode_advantages(result, gamma=1.0):
    """(sample, episode) -> advantage, from the env-reported episode rewards alone."""
    returns = []
    for metrics in result.env_metrics:
        r = [metrics[f"reward_ep{k}"] for k in range(1, metrics["episodes_completed"] + 1)]
        g = [sum(gamma ** (j - k) * r[j] for j in range(k, len(r))) for k in range(len(r))]
        returns.append(g)
    out = {}
    for b, (uid, g) in enumerate(zip(result.uids, returns)):
        for k, value in enumerate(g):
            peers = [returns[c][k] for c, u in enumerate(result.uids) if u == uid and k < len(returns[c])]
            mean, sd = (statistics.mean(peers), statistics.stdev(peers)) if len(peers) > 1 else (0.0, 1.0)
            out[b, k] = (value - mean) / (sd + EPS)
    return out


def test_latentgym_episode_advantages_match_our_own(episode):
    expected = own_episode_advantages(episode)
    differs = False
    for b in range(len(episode.uids)):
        for k, _, advantage in episode_summary(episode, b):
            assert advantage == pytest.approx(expected[b, k - 1], abs=1e-4)
        per_episode = [a for _, _, a in episode_summary(episode, b)]
        differs |= max(per_episode) - min(per_episode) > 1e-3
    assert differs  # per-episode credit is not GRPO's single value per rollout


def test_cross_episode_discount_reaches_the_estimator(workdir):
    result = run_pipeline(*workdir, "latentgym_episode", batch=2, extra=["trainer.algorithm.gamma=0.5"])
    expected = own_episode_advantages(result, gamma=0.5)
    for b in range(len(result.uids)):
        for k, _, advantage in episode_summary(result, b):
            assert advantage == pytest.approx(expected[b, k - 1], abs=1e-4)


def test_step_wise_trajectories_are_refused(workdir):
    with pytest.raises(ValueError, match="step_wise_trajectories"):
        run_pipeline(*workdir, "latentgym_episode", batch=1, extra=["generator.step_wise_trajectories=true"])


def test_report_prints_both_estimators(grpo, episode):
    text = report([grpo, episode])
    assert "advantages, grpo:" in text and "advantages, latentgym_episode:" in text
    assert "24 rollouts (6 prompts x 4 samples)" in text
