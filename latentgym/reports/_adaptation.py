"""Normalised adaptation score: where a model lands between two scripted references.

For one configuration, on the sequences that the model and both references completed (the same
seeds, hence the very same hidden episodes):

    score = (R − R_memoryless) / (R_oracle − R_memoryless)

with R the mean cumulative reward. 0 means no better than a strong agent that forgets
everything between games; 1 means as good as an agent that is told the latent. A model can
score below 0 or above 1. When the oracle barely beats the memoryless agent the ratio is noise,
so a configuration whose gap is under :data:`MIN_GAP_PER_GAME` per game gets no score and a
note instead (never an infinite value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..stats import Estimate, paired_ratio

if TYPE_CHECKING:
    from ._leaderboard import Selection

LOW_REFERENCE = "latentgym/memoryless"
HIGH_REFERENCE = "latentgym/oracle"
REFERENCES = (LOW_REFERENCE, HIGH_REFERENCE)
MIN_GAP_PER_GAME = 0.05
"""Smallest oracle − memoryless gap in mean reward per game for a meaningful score."""

METRIC = "cumulative"


def _complete_values(frame: pd.DataFrame, model: str, config: str) -> pd.Series:
    rows = frame[(frame["model"] == model) & (frame["benchmark_id"] == config) & frame["complete"]]
    return rows.set_index("seed")[METRIC]


def _matched(frame: pd.DataFrame, model: str, config: str) -> tuple[pd.Series, pd.Series, pd.Series, pd.Index]:
    """The model's and both references' complete values on ``config``, and the seeds all three completed."""
    own, low, high = (_complete_values(frame, m, config) for m in (model, LOW_REFERENCE, HIGH_REFERENCE))
    return own, low, high, own.index.intersection(low.index).intersection(high.index)


def adaptation_by_config(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, configuration): R, the references' means, the score and a note.

    Columns: ``model``, ``benchmark_id``, ``env``, ``n`` (matched sequences), ``reward``,
    ``memoryless``, ``oracle``, ``gap``, ``score`` (NaN when not meaningful) and ``note``.
    """
    rows = []
    configs = frame.drop_duplicates("benchmark_id").set_index("benchmark_id")
    for (model, config), _ in frame.groupby(["model", "benchmark_id"], sort=True):
        own, low, high, seeds = _matched(frame, model, config)
        n_games = int(configs.loc[config, "num_episodes"])
        row = {"model": model, "benchmark_id": config, "env": configs.loc[config, "env"], "n": len(seeds)}
        if low.empty or high.empty:
            rows.append({**row, "note": "no memoryless/oracle reference runs for this configuration"})
            continue
        if seeds.empty:
            rows.append({**row, "note": "no completed sequence shared with both references"})
            continue
        reward, r_low, r_high = own[seeds].mean(), low[seeds].mean(), high[seeds].mean()
        gap = r_high - r_low
        row |= {"reward": reward, "memoryless": r_low, "oracle": r_high, "gap": gap}
        if gap < MIN_GAP_PER_GAME * n_games:
            note = f"oracle − memoryless gap {gap:.3f} < {MIN_GAP_PER_GAME * n_games:.2f}: too small to normalise"
            rows.append({**row, "note": note})
            continue
        rows.append({**row, "score": (reward - r_low) / gap, "note": ""})
    columns = ["model", "benchmark_id", "env", "n", "reward", "memoryless", "oracle", "gap", "score", "note"]
    return pd.DataFrame(rows, columns=columns)


def shown_adaptation(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """:func:`adaptation_by_config` for the models ``selection`` keeps, from finished evals only.

    The references are scored from every run the other filters keep, even when the model filter
    would drop them.
    """
    references = selection.apply(frame, models=False)
    if "eval_status" in references:
        references = references[references["eval_status"] == "success"]
    table = adaptation_by_config(references)
    return table[table["model"].isin(selection.apply(frame)["model"].unique())]


def adaptation_estimate(
    frame: pd.DataFrame, model: str, configs: list[str] | None = None, per_config: pd.DataFrame | None = None
) -> Estimate:
    """Mean score over the model's meaningful configurations, with a paired bootstrap interval.

    ``per_config`` is :func:`adaptation_by_config` of ``frame`` (or of any part of it holding the
    model and both references), for callers that estimate several models from one table.
    """
    if per_config is None:
        per_config = adaptation_by_config(frame[frame["model"].isin([model, *REFERENCES])])
    per_config = per_config[(per_config["model"] == model) & per_config["score"].notna()]
    if configs is not None:
        per_config = per_config[per_config["benchmark_id"].isin(configs)]
    groups = []
    for config in per_config["benchmark_id"]:
        own, low, high, seeds = _matched(frame, model, config)
        groups.append((own[seeds].to_numpy(), low[seeds].to_numpy(), high[seeds].to_numpy()))
    return paired_ratio(groups)
