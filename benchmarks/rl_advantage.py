"""Time the latentgym_episode estimator against GRPO on the same batch (CPU torch; prints figures).

    python benchmarks/rl_advantage.py [--batch 256] [--seqlen 8192] [--episodes 10] [--repeats 5]

The batch is what a training step hands the estimators: token rewards at the last token of each
episode-ending turn, a response mask with ragged lengths, groups of 8 samples per prompt and each
token's episode index. GRPO is SkyRL's ``compute_grpo_outcome_advantage`` when SkyRL is installed,
otherwise the same formula written out here (the per-sample loop SkyRL runs). Best of ``--repeats``.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import torch

from latentgym.rl_bridge.advantage import episode_advantages


def grpo_reference(token_level_rewards, response_mask, index, epsilon=1e-6):
    """SkyRL 0.4's GRPO outcome advantage (same loops), for machines without SkyRL."""
    scores = token_level_rewards.sum(dim=-1)
    id2score, id2mean, id2std = defaultdict(list), {}, {}
    with torch.no_grad():
        for i in range(scores.shape[0]):
            id2score[index[i]].append(scores[i])
        for idx, values in id2score.items():
            if len(values) == 1:
                id2mean[idx], id2std[idx] = torch.tensor(0.0), torch.tensor(1.0)
            else:
                id2mean[idx] = torch.mean(torch.tensor(values))
                id2std[idx] = torch.std(torch.tensor([values]))
        for i in range(scores.shape[0]):
            scores[i] = (scores[i] - id2mean[index[i]]) / (id2std[index[i]] + epsilon)
        scores = scores.unsqueeze(-1) * response_mask
    return scores, scores


def skyrl_grpo():
    try:
        from latentgym.rl_bridge.compat import import_skyrl

        import_skyrl()
        from skyrl.backends.skyrl_train.utils.ppo_utils import compute_grpo_outcome_advantage
    except ImportError:
        return grpo_reference, "GRPO (SkyRL's formula, SkyRL not installed)"
    return compute_grpo_outcome_advantage, "GRPO (skyrl compute_grpo_outcome_advantage)"


def make_batch(batch: int, seqlen: int, episodes: int, group: int = 8, seed: int = 0):
    gen = torch.Generator().manual_seed(seed)
    lengths = torch.randint(seqlen // 2, seqlen + 1, (batch,), generator=gen)
    positions = torch.arange(seqlen)
    mask = (positions[None, :] >= seqlen - lengths[:, None]).float()  # right-aligned, as SkyRL lays it out
    # Episode k covers an equal share of each response; its reward sits on its last token.
    start = (seqlen - lengths)[:, None]
    episode_ids = ((positions[None, :] - start).clamp(min=0) * episodes // lengths[:, None]).clamp(max=episodes - 1)
    ends = torch.zeros(batch, seqlen, dtype=torch.bool)
    ends[:, :-1] = episode_ids[:, 1:] != episode_ids[:, :-1]
    ends[:, -1] = True
    rewards = torch.where(ends, torch.rand(batch, seqlen, generator=gen), torch.zeros(batch, seqlen)) * mask
    index = [f"prompt{i // group}" for i in range(batch)]
    return rewards, mask, index, episode_ids * mask.long()


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--seqlen", type=int, default=8192)
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    rewards, mask, index, episode_ids = make_batch(args.batch, args.seqlen, args.episodes)
    grpo, grpo_name = skyrl_grpo()
    t_grpo = best_of(lambda: grpo(token_level_rewards=rewards.clone(), response_mask=mask, index=index), args.repeats)
    # The trainer knows the index count from the env's episode ends and passes it with the ids.
    n = args.episodes
    t_episode = best_of(lambda: episode_advantages(rewards, mask, index, episode_ids, num_indices=n), args.repeats)
    t_gamma = best_of(
        lambda: episode_advantages(rewards, mask, index, episode_ids, gamma=0.9, num_indices=n), args.repeats
    )
    print(
        f"batch {args.batch} x {args.seqlen} tokens, {args.episodes} episodes, groups of 8, "
        f"{torch.get_num_threads()} torch threads, best of {args.repeats}"
    )
    print(f"{grpo_name:55s} {t_grpo * 1000:8.1f} ms")
    print(f"{'latentgym_episode (gamma 1)':55s} {t_episode * 1000:8.1f} ms  ({t_episode / t_grpo:.2f}x GRPO)")
    print(f"{'latentgym_episode (gamma 0.9)':55s} {t_gamma * 1000:8.1f} ms  ({t_gamma / t_grpo:.2f}x GRPO)")


if __name__ == "__main__":
    main()
