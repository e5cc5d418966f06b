"""Do the scripted references span a real range? One row per (env, latent, prompt), one table per env.

Not a test: nothing asserts. For a broad sample of latents per env (evenly spread over the
catalogue) and both prompts (no_info, full_info) at default rules, it plays the same seeds with
the memoryless, adaptive and oracle agents (``play`` without Inspect) and reports:

- the oracle − memoryless gap in cumulative reward, and in mean turns of won tasks
  (memoryless − oracle: positive when the oracle wins faster), each with the project's paired
  95% bootstrap interval over seeds; a latent has a *clear gap* when either interval excludes 0
  on the oracle's side;
- the adaptive agent's two adaptation scores, on reward and on turns
  (:mod:`latentgym.reports._adaptation`), and which of them the reports would use.

Usage: ``python benchmarks/references.py [--envs ...] [--latents 10] [--seeds 30] [--prompts no_info full_info]``
Add ``--rows`` for the per-latent rows, ``--markdown`` for Markdown tables.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass

import numpy as np

from latentgym.agents.rollout import play_seed
from latentgym.envs import get_env, list_envs, resolve
from latentgym.reports._adaptation import choose_score
from latentgym.scorers.sequence_metrics import turn_values
from latentgym.stats import CONFIDENCE, N_BOOTSTRAP, paired_indices, percentile_interval, rng

AGENTS = ("memoryless", "adaptive", "oracle")


@dataclass
class Played:
    """Per seed: cumulative reward and mean turns of won tasks (NaN when none was won)."""

    reward: np.ndarray
    won_turns: np.ndarray


def play_agent(env: str, latent: str, prompt: str, seeds: range, agent: str) -> Played:
    environment = resolve(env, latent, prompt)
    rewards, turns = [], []
    for seed in seeds:
        out = play_seed(environment, seed, agent)
        rewards.append(sum(out.rewards))
        turns.append(turn_values(list(out.rewards), list(out.turns), environment.num_episodes)["won_turns"])
    return Played(np.array(rewards), np.array(turns))


def paired_gap(hi: np.ndarray, lo: np.ndarray) -> tuple[float, float, float]:
    """Mean of hi − lo over the seeds where both are defined, with its paired bootstrap interval."""
    keep = ~(np.isnan(hi) | np.isnan(lo))
    diff = hi[keep] - lo[keep]
    if not diff.size:
        return math.nan, math.nan, math.nan
    draws = diff[paired_indices(rng(), diff.size, N_BOOTSTRAP)].mean(axis=1)
    low, high = percentile_interval(draws, CONFIDENCE)
    return float(diff.mean()), low, high


def sample_latents(env: str, k: int) -> list[str]:
    """``k`` latents spread evenly over the env's catalogue (all of them when it has ``k`` or fewer)."""
    ids = [i for i in get_env(env).latent_catalogue if get_env(env).latent(i).unplayable() is None]
    if len(ids) <= k:
        return ids
    return [ids[round(j * (len(ids) - 1) / (k - 1))] for j in range(k)]


def measure(env: str, latent: str, prompt: str, seeds: range) -> dict[str, object]:
    runs = {a: play_agent(env, latent, prompt, seeds, a) for a in AGENTS}
    low, mid, high = runs["memoryless"], runs["adaptive"], runs["oracle"]
    n_games = resolve(env, latent, prompt).num_episodes
    r_gap = paired_gap(high.reward, low.reward)
    t_gap = paired_gap(low.won_turns, high.won_turns)
    keep = ~(np.isnan(low.won_turns) | np.isnan(mid.won_turns) | np.isnan(high.won_turns))
    t_mid, t_low, t_high = (
        float(x[keep].mean()) if keep.any() else math.nan for x in (mid.won_turns, low.won_turns, high.won_turns)
    )
    kind, score, note = choose_score(
        n_games,
        (float(mid.reward.mean()), float(low.reward.mean()), float(high.reward.mean())),
        (t_mid, t_low, t_high),
    )
    return {
        "env": env,
        "latent": latent,
        "prompt": prompt,
        "R_mem": low.reward.mean(),
        "R_ada": mid.reward.mean(),
        "R_ora": high.reward.mean(),
        "T_mem": np.nanmean(low.won_turns) if (~np.isnan(low.won_turns)).any() else math.nan,
        "T_ada": np.nanmean(mid.won_turns) if (~np.isnan(mid.won_turns)).any() else math.nan,
        "T_ora": np.nanmean(high.won_turns) if (~np.isnan(high.won_turns)).any() else math.nan,
        "reward_gap": r_gap,
        "turn_gap": t_gap,
        "clear_reward": r_gap[1] > 0,
        "clear_turns": t_gap[1] > 0,
        "kind": kind,
        "score": score,
        "note": note,
    }


def _ci(est: tuple[float, float, float]) -> str:
    mean, low, high = est
    return "–" if math.isnan(mean) else f"{mean:+.2f} [{low:+.2f}, {high:+.2f}]"


def _fmt(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


ROW_HEAD = (
    "env",
    "latent",
    "prompt",
    "R mem/ada/ora",
    "T won mem/ada/ora",
    "R gap (ora−mem)",
    "T gap (mem−ora)",
    "score",
)


def print_rows(rows: list[dict[str, object]]) -> None:
    for r in rows:
        print(
            " | ".join(
                [
                    str(r["env"]),
                    str(r["latent"]),
                    str(r["prompt"]),
                    "/".join(_fmt(r[k]) for k in ("R_mem", "R_ada", "R_ora")),  # type: ignore[arg-type]
                    "/".join(_fmt(r[k]) for k in ("T_mem", "T_ada", "T_ora")),  # type: ignore[arg-type]
                    _ci(r["reward_gap"]),  # type: ignore[arg-type]
                    _ci(r["turn_gap"]),  # type: ignore[arg-type]
                    f"{r['kind']} {_fmt(r['score'])}" if r["kind"] else f"none ({r['note']})",  # type: ignore[arg-type]
                ]
            )
        )


def summary(rows: list[dict[str, object]], markdown: bool) -> str:
    lines = []
    head = [
        "env",
        "configs (latents × prompts)",
        "clear gap (reward or turns)",
        "reward",
        "turns only",
        "adaptive in [0, 1]",
        "adaptive median score",
        "no clear gap",
    ]
    lines.append("| " + " | ".join(head) + " |" if markdown else "\t".join(head))
    if markdown:
        lines.append("|" + "---|" * len(head))
    for env in dict.fromkeys(str(r["env"]) for r in rows):
        mine = [r for r in rows if r["env"] == env]
        clear = [r for r in mine if r["clear_reward"] or r["clear_turns"]]
        reward = sum(bool(r["clear_reward"]) for r in mine)
        turns_only = sum(bool(r["clear_turns"]) and not r["clear_reward"] for r in mine)
        scores = [float(r["score"]) for r in mine if r["score"] is not None and not math.isnan(float(r["score"]))]  # type: ignore[arg-type]
        between = sum(-0.05 <= s <= 1.05 for s in scores)
        latents = len({r["latent"] for r in mine})
        missing = sorted({f"{r['latent']}/{r['prompt']}" for r in mine if r not in clear})
        cells = [
            env,
            f"{len(mine)} ({latents} × {len(mine) // max(latents, 1)})",
            f"{len(clear)}/{len(mine)} ({100 * len(clear) / len(mine):.0f}%)",
            str(reward),
            str(turns_only),
            f"{between}/{len(scores)} scored",
            _fmt(float(np.median(scores))) if scores else "–",
            ", ".join(missing) or "–",
        ]
        lines.append("| " + " | ".join(cells) + " |" if markdown else "\t".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", nargs="*", default=list_envs())
    parser.add_argument("--latents", type=int, default=10)
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--prompts", nargs="*", default=["no_info", "full_info"])
    parser.add_argument("--only", nargs="*", default=None, help="latent ids to measure (instead of a sample)")
    parser.add_argument("--rows", action="store_true", help="print one row per (latent, prompt)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    if args.rows:
        print(" | ".join(ROW_HEAD))
    for env in args.envs:
        started = time.perf_counter()
        latents = args.only or sample_latents(env, args.latents)
        for latent in latents:
            for prompt in args.prompts:
                rows.append(measure(env, latent, prompt, range(args.seeds)))
                if args.rows:
                    print_rows(rows[-1:])
                    sys.stdout.flush()
        print(f"# {env}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
    print(summary(rows, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
