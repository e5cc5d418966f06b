r"""Cross-task advantage estimator: credit per episode, normalised per episode index.

GRPO gives every token of a rollout the same advantage, computed from the summed reward, so with
N episodes in one conversation an early episode's replies are credited with rewards they could
not influence only as much as the late ones. Here each episode's replies are credited with the
return from that episode onward, compared with the other samples of the same prompt at the same
episode index.

Notation, for sample :math:`b` of a group :math:`g` (the samples of one prompt, SkyRL's
``index``/uid), response tokens :math:`t` with ``response_mask`` 1, and token rewards
:math:`x_{b,t}` (SkyRL puts each step reward at the last token of that assistant turn):

1. **Episode ends** are the tokens with a nonzero reward: :math:`e_{b,t} = [x_{b,t} \neq 0]`.
   With ``reward_type=per_episode`` the reward of episode :math:`k` sits at its last turn. An
   episode that scored exactly 0 leaves no trace; rows written with ``--episode-marker m``
   add :math:`m` to every episode-ending step reward so all ends are visible, and the estimator
   subtracts it back: :math:`r_{b,t} = x_{b,t} - m\,e_{b,t}`.
2. **Episode index** of a token = ends strictly before it:
   :math:`k_{b,t} = \sum_{s<t} e_{b,s}`. Tokens after the last end (an unfinished episode of a
   truncated rollout) get index :math:`M_b`, the number of completed episodes.
3. **Return-to-go** :math:`G_{b,t} = \sum_{s \ge t} r_{b,s}`; inside episode :math:`k` it is
   constant, :math:`G_{b,k} = r_{b,k} + r_{b,k+1} + \dots` (0 for an unfinished tail).
4. **Group statistics per episode index**: over the samples :math:`b \in g` that reach index
   :math:`k`, :math:`\mu_{g,k}` = mean of :math:`G_{b,k}` and :math:`\sigma_{g,k}` = their
   unbiased standard deviation. As in SkyRL's GRPO, a (group, index) with one sample uses
   :math:`\mu = 0, \sigma = 1`.
5. **Advantage** :math:`A_{b,t} = (G_{b,t} - \mu_{g,k_{b,t}}) / (\sigma_{g,k_{b,t}} + \epsilon)`
   (or without the division when ``norm_by_std`` is false), times ``response_mask``. The
   returned ``returns`` are :math:`G_{b,t}` times the mask.

With ``reward_type=cumulative`` there is one reward at the end of the rollout, every token has
index 0 and :math:`G = \sum_i r_i`: the estimator reduces exactly to GRPO. The math needs the
raw per-turn rewards, so use ``trainer.algorithm.use_kl_loss`` rather than ``use_kl_in_reward``
(which makes every token's reward nonzero).

:func:`episode_advantages` is pure torch (tested on CPU); :func:`register` adds it to
skyrl-train's ``AdvantageEstimatorRegistry`` as ``latentgym_episode``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ESTIMATOR_NAME = "latentgym_episode"
EPISODE_MARKER = 1e-4
"""The marker the training scripts write (``--episode-marker``) and the estimator subtracts."""


def episode_advantages(
    token_level_rewards: Any,
    response_mask: Any,
    index: Sequence[Any],
    *,
    marker: float = 0.0,
    epsilon: float = 1e-6,
    norm_by_std: bool = True,
) -> tuple[Any, Any]:
    """Per-episode group-normalised returns-to-go (see the module docstring for the math).

    Args:
        token_level_rewards: ``[batch, seqlen]`` float tensor of step rewards at turn ends.
        response_mask: ``[batch, seqlen]`` 0/1 tensor of real response tokens.
        index: Group id per sample (samples of one prompt share it).
        marker: The episode-end marker added by the env, subtracted here.
        epsilon: Added to the standard deviation.
        norm_by_std: Divide by the group standard deviation (GRPO's default) or only centre.

    Returns:
        ``(advantages, returns)``, both ``[batch, seqlen]``.
    """
    import torch

    if token_level_rewards.shape != response_mask.shape:
        raise ValueError("token_level_rewards and response_mask must have the same shape")
    if len(index) != token_level_rewards.shape[0]:
        raise ValueError("index must have one group id per sample")
    with torch.no_grad():
        mask = response_mask.to(torch.float32)
        rewards = token_level_rewards.to(torch.float32) * mask
        ends = (rewards != 0) & (mask > 0)
        rewards = torch.where(ends, rewards - marker, rewards)
        returns = torch.flip(torch.cumsum(torch.flip(rewards, dims=[1]), dim=1), dims=[1])
        episode = torch.cumsum(ends.to(torch.int64), dim=1) - ends.to(torch.int64)

        # G_{b,k}: the return-to-go of each episode index each sample reaches.
        per_sample: list[dict[int, float]] = []
        for b in range(rewards.shape[0]):
            valid = mask[b] > 0
            # Episode indices never decrease along a row, so each one is a single run; its
            # return-to-go is read at the run's first valid token (no per-token Python loop).
            ks, counts = torch.unique_consecutive(episode[b][valid], return_counts=True)
            starts = torch.cumsum(counts, 0) - counts
            per_sample.append(dict(zip(ks.tolist(), returns[b][valid][starts].tolist())))

        groups: dict[tuple[Any, int], list[float]] = {}
        for b, values in enumerate(per_sample):
            for k, g in values.items():
                groups.setdefault((_key(index[b]), k), []).append(g)
        stats: dict[tuple[Any, int], tuple[float, float]] = {}
        for key, values in groups.items():
            if len(values) == 1:
                stats[key] = (0.0, 1.0)
            else:
                t = torch.tensor(values, dtype=torch.float64)
                stats[key] = (t.mean().item(), t.std().item())

        advantages = torch.zeros_like(rewards)
        for b, values in enumerate(per_sample):
            if not values:
                continue
            top = max(values)
            mu = torch.zeros(top + 1)
            sd = torch.ones(top + 1)
            for k in values:
                mu[k], sd[k] = stats[(_key(index[b]), k)]
            k_row = episode[b].clamp(max=top)
            centred = returns[b] - mu[k_row]
            advantages[b] = centred / (sd[k_row] + epsilon) if norm_by_std else centred
        advantages = advantages * mask
        return advantages.to(token_level_rewards.dtype), (returns * mask).to(token_level_rewards.dtype)


def _key(value: Any) -> Any:
    """Group ids may arrive as numpy scalars or strings; compare them as plain values."""
    return value.item() if hasattr(value, "item") else value


def compute_latentgym_episode_advantage(
    token_level_rewards: Any,
    response_mask: Any,
    index: Sequence[Any],
    epsilon: float = 1e-6,
    grpo_norm_by_std: bool = True,
    **kwargs: Any,
) -> tuple[Any, Any]:
    """SkyRL estimator signature; subtracts :data:`EPISODE_MARKER` at episode ends."""
    return episode_advantages(
        token_level_rewards, response_mask, index,
        marker=EPISODE_MARKER, epsilon=epsilon, norm_by_std=grpo_norm_by_std,
    )


def register(name: str = ESTIMATOR_NAME) -> str:
    """Register the estimator with skyrl-train (imported lazily; needs ``skyrl-train``).

    Select it with ``trainer.algorithm.advantage_estimator=latentgym_episode``.
    """
    try:
        from skyrl_train.utils.ppo_utils import AdvantageEstimatorRegistry
    except ImportError:
        from skyrl.backends.skyrl_train.utils.ppo_utils import AdvantageEstimatorRegistry
    if name not in AdvantageEstimatorRegistry.list_available():
        AdvantageEstimatorRegistry.register(name, compute_latentgym_episode_advantage)
    return name
