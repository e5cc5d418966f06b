"""Normalised adaptation score: where a model lands between two scripted references.

For one configuration, on the sequences that the model and both references completed (the same
seeds, hence the very same hidden episodes):

    score = (R − R_memoryless) / (R_oracle − R_memoryless)

with R the mean cumulative reward. 0 means no better than a strong agent that forgets
everything between games; 1 means as good as an agent that is told the latent. A model can
score below 0 or above 1. When the oracle barely beats the memoryless agent the ratio is noise:
a configuration whose reward gap is under :data:`MIN_GAP_PER_GAME` per game is scored on turns
instead (wordle and mastermind pay 1 for any win, so an agent that learned shows it by winning in
fewer guesses):

    score = (T_memoryless − T) / (T_memoryless − T_oracle)

with T the mean over sequences of the mean turns of the tasks won (``won_turns``), on the
sequences where the model and both references each won a task. When that gap is also under
:data:`MIN_TURN_GAP` turns, the configuration gets no score and a note saying why (never an
infinite value). The ``basis`` column says which score a configuration uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..stats import Estimate, paired_ratio

if TYPE_CHECKING:
    pass

LOW_REFERENCE = "latentgym/memoryless"
HIGH_REFERENCE = "latentgym/oracle"
REFERENCES = (LOW_REFERENCE, HIGH_REFERENCE)
MIN_GAP_PER_GAME = 0.05
"""Smallest oracle − memoryless gap in mean reward per game for a meaningful score."""

MIN_TURN_GAP = 0.25
"""Smallest memoryless − oracle gap in mean turns per won task for a meaningful turn score."""

METRIC = "cumulative"
TURN_METRIC = "won_turns"
"""Per sequence: mean turns over the tasks it won (NaN when it won none)."""

REWARD, TURNS = "reward", "turns"
"""The two kinds of adaptation score (the ``basis`` column)."""


def reward_gap_ok(gap: float, n_games: int) -> bool:
    return bool(gap >= MIN_GAP_PER_GAME * n_games)


def turn_gap_ok(gap: float) -> bool:
    return bool(gap >= MIN_TURN_GAP)


def choose_score(
    n_games: int,
    rewards: tuple[float, float, float],
    turns: tuple[float, float, float],
    turns_recorded: bool = True,
) -> tuple[str | None, float, str]:
    """Which adaptation score a configuration gets, its value and, when none, why.

    ``rewards`` and ``turns`` are (model, memoryless, oracle) means on the same sequences. The
    reward score is used when the oracle − memoryless reward gap is meaningful; otherwise the turn
    score, (T_memoryless − T) / (T_memoryless − T_oracle) over won tasks, when the oracle wins in
    at least :data:`MIN_TURN_GAP` fewer turns; otherwise none, with a note naming both gaps.
    ``turns_recorded`` False: the logs hold no turns at all (written before turns were scored).
    """
    (r, r_low, r_high), (t, t_low, t_high) = rewards, turns
    gap = r_high - r_low
    if reward_gap_ok(gap, n_games):
        return REWARD, (r - r_low) / gap, ""
    why = f"oracle − memoryless gap {gap:.3f} < {MIN_GAP_PER_GAME * n_games:.2f}: too small to normalise"
    t_gap = t_low - t_high
    if t_gap != t_gap:  # NaN: no sequence where all three won a task, or no turns in the logs
        if not turns_recorded:
            return None, float("nan"), f"{why}, and these logs hold no turns of won tasks ({TURN_METRIC})"
        return None, float("nan"), f"{why}, and no sequence won by the model and both references to compare turns"
    if turn_gap_ok(t_gap) and t == t:
        return TURNS, (t_low - t) / t_gap, ""
    if t != t:
        return None, float("nan"), f"{why}, and the model won no task to compare turns"
    return None, float("nan"), f"{why}, and the turn gap {t_gap:.2f} < {MIN_TURN_GAP:.2f} turns per won task"


def _complete_values(frame: pd.DataFrame, model: str, config: str, metric: str = METRIC) -> pd.Series:
    rows = frame[(frame["model"] == model) & (frame["benchmark_id"] == config) & frame["complete"]]
    if metric not in rows:
        return pd.Series(dtype=float)
    return rows.set_index("seed")[metric].dropna()


def _matched(
    frame: pd.DataFrame, model: str, config: str, metric: str = METRIC
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Index]:
    """The model's and both references' complete values of ``metric`` on ``config``, and the seeds
    where all three have one (for turns: the sequences where each of the three won a task)."""
    own, low, high = (_complete_values(frame, m, config, metric) for m in (model, LOW_REFERENCE, HIGH_REFERENCE))
    return own, low, high, own.index.intersection(low.index).intersection(high.index)


COLUMNS = [
    "model", "benchmark_id", "env", "n", "reward", "memoryless", "oracle", "gap",
    "n_turns", "turns", "turns_memoryless", "turns_oracle", "turn_gap", "basis", "score", "note",
]  # fmt: skip


def adaptation_by_config(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, configuration): both references' means, the score, its basis and a note.

    Columns: ``model``, ``benchmark_id``, ``env``, ``n`` (matched sequences), ``reward``,
    ``memoryless``, ``oracle``, ``gap`` (mean cumulative rewards), ``n_turns`` (matched sequences
    where all three won a task), ``turns``, ``turns_memoryless``, ``turns_oracle``, ``turn_gap``
    (memoryless − oracle mean turns over won tasks), ``basis`` (``reward``, ``turns`` or ``""``:
    :func:`choose_score`), ``score`` (NaN when neither gap is meaningful) and ``note`` (why not,
    never empty when ``score`` is NaN).
    """
    rows = []
    configs = frame.drop_duplicates("benchmark_id").set_index("benchmark_id")
    for (model, config), _ in frame.groupby(["model", "benchmark_id"], sort=True):
        own, low, high, seeds = _matched(frame, model, config)
        n_games = int(configs.loc[config, "num_episodes"])
        row = {"model": model, "benchmark_id": config, "env": configs.loc[config, "env"], "n": len(seeds), "basis": ""}
        if low.empty or high.empty:
            rows.append({**row, "note": "no memoryless/oracle reference runs for this configuration"})
            continue
        if seeds.empty:
            rows.append({**row, "note": "no completed sequence shared with both references"})
            continue
        reward, r_low, r_high = own[seeds].mean(), low[seeds].mean(), high[seeds].mean()
        row |= {"reward": reward, "memoryless": r_low, "oracle": r_high, "gap": r_high - r_low}
        t_own, t_low, t_high, t_seeds = _matched(frame, model, config, TURN_METRIC)
        turns = (float("nan"),) * 3
        if not t_seeds.empty:
            turns = (t_own[t_seeds].mean(), t_low[t_seeds].mean(), t_high[t_seeds].mean())
            row |= {"n_turns": len(t_seeds), "turns": turns[0], "turns_memoryless": turns[1]}
            row |= {"turns_oracle": turns[2], "turn_gap": turns[1] - turns[2]}
        basis, score, note = choose_score(n_games, (reward, r_low, r_high), turns, TURN_METRIC in frame)
        rows.append({**row, "basis": basis or "", "score": score, "note": note})
    return pd.DataFrame(rows, columns=COLUMNS)


def adaptation_estimate(
    frame: pd.DataFrame, model: str, configs: list[str] | None = None, per_config: pd.DataFrame | None = None
) -> Estimate:
    """Mean score over the model's scored configurations (each on its own basis, reward or turns),
    with a paired bootstrap interval.

    ``per_config`` is :func:`adaptation_by_config` of ``frame`` (or of any part of it holding the
    model and both references), for callers that estimate several models from one table.
    """
    if per_config is None:
        per_config = adaptation_by_config(frame[frame["model"].isin([model, *REFERENCES])])
    per_config = per_config[(per_config["model"] == model) & per_config["score"].notna()]
    if configs is not None:
        per_config = per_config[per_config["benchmark_id"].isin(configs)]
    groups = []
    for config, basis in zip(per_config["benchmark_id"], per_config["basis"]):
        turns = basis == TURNS
        own, low, high, seeds = _matched(frame, model, config, TURN_METRIC if turns else METRIC)
        sign = -1.0 if turns else 1.0  # (T_low − T) / (T_low − T_high) is the reward ratio of −T
        groups.append(tuple(sign * v[seeds].to_numpy() for v in (own, low, high)))
    return paired_ratio(groups)
