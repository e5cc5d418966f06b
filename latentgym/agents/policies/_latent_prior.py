"""Shared by the word-game adaptive agents: a posterior over an env's filter latents.

A latent whose filtered pool S holds every target revealed so far (k of them) gets weight
|S|^-k (the likelihood of uniform draws); a word's weight is the posterior mass that the next
target is that word. Only the transcript's revealed targets are used, never hidden configs.
"""

from __future__ import annotations

from functools import cache

from ...envs import get_env
from ...envs.latent import FilterLatent

TOP_LATENTS = 12
MAX_WORDS = 12_000
"""Bounds the work per newly revealed target: only the most probable latents are kept."""


@cache
def latent_pool(env: str, latent_id: str) -> frozenset[str] | None:
    """The filtered pool of a filter latent as a set (``None`` for any other latent), built once."""
    lat = get_env(env).latent(latent_id)
    return frozenset(lat.candidates()) if isinstance(lat, FilterLatent) else None


@cache
def latent_sets(env: str) -> tuple[tuple[str, frozenset], ...]:
    out = []
    for lat_id in get_env(env).latent_catalogue:
        pool = latent_pool(env, lat_id)
        if pool:
            out.append((lat_id, pool))
    return tuple(out)


@cache
def word_weights(env: str, revealed: tuple[str, ...]) -> dict[str, float]:
    """Posterior predictive weight of each word, from the most probable consistent latents."""
    if not revealed:
        return {}
    k = len(revealed)
    scored = [(len(pool) ** -k, pool) for _, pool in latent_sets(env) if all(t in pool for t in revealed)]
    scored.sort(key=lambda x: -x[0])
    kept: list[tuple[float, frozenset[str]]] = []
    size = 0
    for w, pool in scored[:TOP_LATENTS]:
        if kept and size + len(pool) > MAX_WORDS:
            break
        kept.append((w, pool))
        size += len(pool)
    scored = kept
    total = sum(w for w, _ in scored) or 1.0
    weights: dict[str, float] = {}
    for w, pool in scored:
        share = w / total / len(pool)
        for word in pool:
            weights[word] = weights.get(word, 0.0) + share
    return weights
