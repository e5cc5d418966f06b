"""Checks of ``-T`` values whose mistakes Inspect's YAML parsing makes hard to read.

``-T latent=alternating:`` reaches the task as the mapping ``{'alternating': None}`` (YAML reads
``key:`` and ``key: value`` as mappings), so a bad cross-episode latent id would otherwise fail as
"latent must be a name, got {...}". These helpers say what was meant and list the valid ids.
"""

from __future__ import annotations

from typing import Any

from ..envs import LatentGymError, list_cross_episode_latents, list_envs, list_latents

MAX_LISTED = 40
"""Latent ids listed in an error at most (wordle has hundreds)."""


def _valid_latents(env: str) -> str:
    if env not in list_envs():
        return "see `latentgym list latents`"
    base = [row.id for row in list_latents(env)]
    cross = [row.id for row in list_cross_episode_latents(env)]
    shown = base[:MAX_LISTED]
    more = f" and {len(base) - len(shown)} more (latentgym list latents --env {env})" if len(base) > len(shown) else ""
    text = f"latents of {env}: {', '.join(shown)}{more}"
    if cross:
        text += f"; cross-episode latents such as {', '.join(cross)}"
    return text


def _example(env: str) -> str:
    cross = [row.id for row in list_cross_episode_latents(env)] if env in list_envs() else []
    return cross[0] if cross else "alternating:<a>+<b>"


def latent_name(env: str, value: Any) -> str:
    """The ``latent`` task argument as a latent id, or an error that explains the id syntax."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((key, rest),) = value.items()
        written = f"{key}:" if rest is None else f"{key}: {rest}"
        raise LatentGymError(
            f"latent must be a latent id, got the mapping {value!r}: YAML reads latent={written} as key: value. "
            f"Write a cross-episode latent as one word, <pattern>:<a>+<b> with no space, e.g. "
            f"-T latent={_example(env)} (patterns: alternating, cyclicC, progressive); {_valid_latents(env)}"
        )
    raise LatentGymError(f"latent must be a latent id (text), got {value!r}; {_valid_latents(env)}")


def check_handoff_marker(handoff_marker: Any, handoff_k: Any) -> None:
    """A hand-off marker without a hand-off point would be silently ignored: refuse it."""
    if handoff_marker is None:
        return
    if not isinstance(handoff_marker, str):
        raise LatentGymError(f"handoff_marker must be text, got {handoff_marker!r}")
    if handoff_k is None:
        raise LatentGymError(
            f"handoff_marker={handoff_marker!r} needs handoff_k (the game after which the exploiter role takes "
            "over, where the marker is shown); give -T handoff_k=K or drop handoff_marker"
        )
