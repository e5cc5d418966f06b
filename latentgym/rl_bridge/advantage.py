r"""Cross-task advantage estimator: credit per episode, normalised per episode index.

GRPO gives every token of a rollout the same advantage, computed from the summed reward, so with
N episodes in one conversation an early episode's replies are credited with rewards they could
not influence as much as the late ones. Here each episode's replies are credited with the return
from that episode onward, compared with the other samples of the same prompt at the same episode
index.

Notation, for sample :math:`b` of a group :math:`g` (the samples of one prompt, SkyRL's
``index``/uid), response tokens :math:`t` with ``response_mask`` 1, token rewards :math:`x_{b,t}`
(SkyRL puts each step reward at the last token of that assistant turn) and **episode indices**
:math:`k_{b,t}` (``episode_ids``): the episode, counted from 0, that the token's turn belongs to.
Episode indices come from the env (:func:`token_episode_ids` maps the turn that ended each
episode, which the env reports, onto the tokens); no reward value marks a boundary, so an episode
that scored 0 is still its own episode. Tokens after the last finished episode (the unfinished
episode of a truncated rollout) carry index :math:`M_b`, the number of finished episodes.

1. **Episode rewards** :math:`r_{b,k} = \sum_t x_{b,t}\,[k_{b,t} = k]`.
2. **Return** from episode :math:`k` on, with the cross-episode discount :math:`\gamma`
   (SkyRL's ``trainer.algorithm.gamma``, default 1):
   :math:`G_{b,k} = \sum_{j \ge k} \gamma^{\,j-k}\, r_{b,j}` (0 for an unfinished tail).
3. **Group statistics per episode index**: over the samples :math:`b \in g` that reach index
   :math:`k`, :math:`\mu_{g,k}` = mean of :math:`G_{b,k}` and :math:`\sigma_{g,k}` = their
   unbiased standard deviation. As in SkyRL's GRPO, a (group, index) with one sample uses
   :math:`\mu = 0, \sigma = 1`.
4. **Advantage** :math:`A_{b,t} = (G_{b,k_{b,t}} - \mu_{g,k_{b,t}}) / (\sigma_{g,k_{b,t}} + \epsilon)`
   (without the division when ``norm_by_std`` is false), times ``response_mask``. The returned
   ``returns`` are :math:`G_{b,k_{b,t}}` times the mask.

With ``reward_type=cumulative`` (one reward, at the end) or with every token in episode 0, there
is one index and :math:`G = \sum_i r_i`: the estimator reduces exactly to GRPO. The math needs
the raw per-turn rewards, so use ``trainer.algorithm.use_kl_loss`` rather than
``use_kl_in_reward`` (which adds a KL term to every token's reward).

Everything is tensor operations over the batch (scatter-add per (sample, episode) and per
(group, episode), then gathers), so the cost grows like GRPO's. ``benchmarks/rl_advantage.py``
times both on the same batch.

Step-wise trajectories (``generator.step_wise_trajectories=true``, one row per turn) are refused:
SkyRL's step-wise branch scores each trajectory from its last step only, so per-episode rewards
would never reach the estimator.

:func:`episode_advantages` is pure torch (tested on CPU); :func:`register` adds it to SkyRL's
``AdvantageEstimatorRegistry`` as ``latentgym_episode``; :mod:`.trainer` supplies the episode
indices of each training batch.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Sequence
from typing import Any

ESTIMATOR_NAME = "latentgym_episode"

_EPISODE_IDS: contextvars.ContextVar[tuple[Any, int | None] | None] = contextvars.ContextVar(
    "latentgym_episode_ids", default=None
)

STEP_WISE_ERROR = (
    "the latentgym_episode estimator does not support generator.step_wise_trajectories=true: SkyRL's "
    "step-wise branch scores a trajectory from its last step only; use whole trajectories "
    "(step_wise_trajectories=false) or advantage_estimator=grpo"
)


def token_episode_ids(
    loss_mask: Sequence[int], episode_end_turns: Sequence[int], turns: int | None = None
) -> list[int]:
    """The episode index of every response token of one rollout (SkyRL's token layout).

    In SkyRL's multi-turn layout the response is, per turn, the generated tokens (loss mask 1)
    followed by the env's observation (loss mask 0). A token's turn is the number of generated
    runs that start at or before it; its episode is the number of episodes that ended in an
    earlier turn (``episode_end_turns``: the 1-based turn that ended each finished episode, as
    the env reports it). The reward of the turn that ends episode ``k`` therefore lies in
    episode ``k``.

    Args:
        loss_mask: The rollout's response loss mask.
        episode_end_turns: Increasing 1-based turn numbers, one per finished episode.
        turns: Turns the env played; when given, the generated runs must number the same.

    Raises:
        ValueError: the loss mask does not show one generated run per turn.
    """
    import numpy as np

    mask = np.asarray(loss_mask, dtype=np.int64) > 0
    starts = mask & ~np.concatenate(([False], mask[:-1]))
    runs = int(starts.sum())
    if turns is not None and runs != turns:
        raise ValueError(
            f"the rollout's loss mask has {runs} generated runs but the env played {turns} turns; "
            "episode boundaries need one generated run per turn (generator.use_conversation_multi_turn=true, "
            "no custom chat template)"
        )
    ends = np.asarray(list(episode_end_turns), dtype=np.int64)
    if ends.size and (np.any(np.diff(ends) <= 0) or ends[0] < 1):
        raise ValueError(f"episode_end_turns must be increasing turn numbers >= 1, got {list(episode_end_turns)}")
    turn = np.maximum(np.cumsum(starts), 1)
    return np.searchsorted(ends, turn, side="left").tolist()


def episode_advantages(
    token_level_rewards: Any,
    response_mask: Any,
    index: Sequence[Any],
    episode_ids: Any,
    *,
    gamma: float = 1.0,
    epsilon: float = 1e-6,
    norm_by_std: bool = True,
    num_indices: int | None = None,
) -> tuple[Any, Any]:
    """Per-episode group-normalised returns (see the module docstring for the math).

    Args:
        token_level_rewards: ``[batch, seqlen]`` float tensor of step rewards at turn ends.
        response_mask: ``[batch, seqlen]`` 0/1 tensor of real response tokens.
        index: Group id per sample (samples of one prompt share it).
        episode_ids: ``[batch, seqlen]`` integer tensor: each token's episode index (>= 0).
        gamma: Cross-episode discount in (0, 1].
        epsilon: Added to the standard deviation.
        norm_by_std: Divide by the group standard deviation (GRPO's default) or only centre.
        num_indices: Largest episode index + 1, when the caller knows it (saves a pass over the ids).

    Returns:
        ``(advantages, returns)``, both ``[batch, seqlen]``.
    """
    import numpy as np
    import torch

    shape = token_level_rewards.shape
    if response_mask.shape != shape or episode_ids.shape != shape:
        raise ValueError("token_level_rewards, response_mask and episode_ids must have the same shape")
    if len(index) != shape[0]:
        raise ValueError("index must have one group id per sample")
    if not 0 < gamma <= 1:
        raise ValueError(f"gamma must be in (0, 1], got {gamma}")
    with torch.no_grad():
        device = token_level_rewards.device
        # Tokens off the response weigh 0 everywhere, so their indices need only be in range.
        mask = response_mask.to(device=device, dtype=torch.float32)
        ids = episode_ids.to(device=device, dtype=torch.int64)
        batch = shape[0]
        # Index count: given by the caller (the trainer knows it), else read off the ids. A negative
        # or too-large index makes torch's scatter raise.
        k_max = num_indices if num_indices is not None else (int(ids.max().item()) + 1 if ids.numel() else 1)
        sums = torch.zeros(2, batch, k_max, dtype=torch.float32, device=device)
        sums[0].scatter_add_(1, ids, token_level_rewards.to(torch.float32) * mask)
        sums[1].scatter_add_(1, ids, mask)
        # r_{b,k} and the indices each sample reaches (it has response tokens of index k).
        per_episode = sums[0].to(torch.float64)
        reached = (sums[1] > 0).to(torch.float64)
        k = torch.arange(k_max, device=device)

        # G_{b,k} = sum_{j >= k} gamma^(j-k) r_{b,j}: one [K, K] upper-triangular discount matrix.
        lag = (k[None, :] - k[:, None]).to(torch.float64)
        discount = torch.where(lag >= 0, torch.full_like(lag, float(gamma)) ** lag.clamp(min=0), torch.zeros_like(lag))
        returns_k = per_episode @ discount.T

        # Group statistics per (group, episode index), two-pass for precision, all on [groups, K].
        _, inverse = np.unique(np.asarray([_key(i) for i in index], dtype=object).astype(str), return_inverse=True)
        group = torch.as_tensor(inverse.reshape(-1), dtype=torch.int64, device=device)
        n_groups = int(group.max().item()) + 1 if batch else 0
        count = torch.zeros(n_groups, k_max, dtype=torch.float64, device=device).index_add_(0, group, reached)
        total = torch.zeros_like(count).index_add_(0, group, returns_k * reached)
        mean = total / count.clamp(min=1)
        deviation = (returns_k - mean[group]) * reached
        var = torch.zeros_like(count).index_add_(0, group, deviation**2) / (count - 1).clamp(min=1)
        single = count <= 1
        mean = torch.where(single, torch.zeros_like(mean), mean)
        std = torch.where(single, torch.ones_like(var), var.sqrt())

        # A_{b,k} on [B, K], then one gather per output onto the tokens.
        centred = returns_k - mean[group]
        adv_k = centred / (std[group] + epsilon) if norm_by_std else centred
        dtype = token_level_rewards.dtype
        advantages = adv_k.to(torch.float32).gather(1, ids) * mask
        returns = returns_k.to(torch.float32).gather(1, ids) * mask
        return advantages.to(dtype), returns.to(dtype)


def _key(value: Any) -> Any:
    """Group ids may arrive as numpy scalars or strings; compare them as plain values."""
    return value.item() if hasattr(value, "item") else value


@contextlib.contextmanager
def batch_episode_ids(episode_ids: Any, num_indices: int | None = None) -> Iterator[None]:
    """Make ``episode_ids`` the episode indices of the batch whose advantages are computed next.

    SkyRL calls a registered estimator with a fixed set of arguments; :mod:`.trainer` wraps its
    advantage step in this context so :func:`compute_latentgym_episode_advantage` finds them.
    """
    token = _EPISODE_IDS.set((episode_ids, num_indices))
    try:
        yield
    finally:
        _EPISODE_IDS.reset(token)


def compute_latentgym_episode_advantage(
    token_level_rewards: Any,
    response_mask: Any,
    index: Sequence[Any],
    epsilon: float = 1e-6,
    grpo_norm_by_std: bool = True,
    gamma: float = 1.0,
    **kwargs: Any,
) -> tuple[Any, Any]:
    """SkyRL's estimator signature; the episode indices come from the batch (see :mod:`.trainer`).

    ``kwargs`` takes the other keywords SkyRL passes (``values``, ``lambd``, ``config``, ...).
    """
    episode_ids, num_indices = _EPISODE_IDS.get() or (None, None)
    if episode_ids is None:
        raise RuntimeError(
            "latentgym_episode needs each token's episode index, which the LatentGym trainer records from "
            "the env; train with `python -m latentgym.rl_bridge.train` (not skyrl.train.entrypoints.main_base)"
        )
    return episode_advantages(
        token_level_rewards,
        response_mask,
        index,
        episode_ids,
        gamma=1.0 if gamma is None else float(gamma),
        epsilon=epsilon,
        norm_by_std=grpo_norm_by_std,
        num_indices=num_indices,
    )


def register(name: str = ESTIMATOR_NAME) -> str:
    """Register the estimator with SkyRL (imported lazily; needs ``skyrl``).

    Select it with ``trainer.algorithm.advantage_estimator=latentgym_episode``.
    """
    from .compat import import_skyrl

    import_skyrl()
    from skyrl.backends.skyrl_train.utils.ppo_utils import AdvantageEstimatorRegistry

    if name not in AdvantageEstimatorRegistry.list_available():
        AdvantageEstimatorRegistry.register(name, compute_latentgym_episode_advantage)
    return name
