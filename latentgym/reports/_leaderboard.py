"""Leaderboards: one row per model (optionally per model and axis value), with 95% intervals.

Every aggregate is the unweighted mean over configurations of the per-configuration mean over
*complete* sequences; incomplete sequences are counted in their own column and never
averaged in. Models are ranked by mean reward per game, the original's primary metric. Gain is
the absolute r_N − r_1, not the site's Gain%.

What is ranked (:func:`leaderboard_scope`): sequences of finished evals only (an eval whose status
is not ``success``, e.g. one killed before a suite's rerun, is left out with a warning), and, when
the models were run on different sets of configurations, only the configurations every model was
run on (with a warning; ``all_configs=True`` ranks each model on all of its own instead). The
coverage table says how many configurations and sequences each model has.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cached_property

import pandas as pd

from ..config_errors import LatentGymWarning
from ..envs import LatentGymError
from ..envs.errors import unknown
from ..stats import CONFIDENCE, N_BOOTSTRAP, Estimate, stratified_mean
from ._adaptation import REFERENCES, REWARD, TURNS, adaptation_by_config, adaptation_estimate
from ._load import TURN_METRICS, UNFINISHED

METRICS = ("mean_reward", "cumulative", "gain", "final")
"""Leaderboard metrics, in column order; the first one ranks the models."""

METRIC_LABELS = {
    "mean_reward": "Mean reward",
    "cumulative": "Cumulative",
    "gain": "Gain r_N−r_1",
    "final": "Final r_N",
    "won_turns": "Turns (won)",
    "turn_gain": "Turn gain",
    "adaptation": "Adaptation",
    "adaptation_basis": "Adaptation basis",
}
GROUP_AXES = ("env", "latent", "latent_complexity", "prompt", "feedback", "num_episodes")
PER_ENV_METRIC = "cumulative"


@dataclass(frozen=True, slots=True)
class Selection:
    """Filters on the task axes; an empty tuple keeps every value."""

    model: tuple[str, ...] = ()
    env: tuple[str, ...] = ()
    latent: tuple[str, ...] = ()
    prompt: tuple[str, ...] = ()
    feedback: tuple[str, ...] = ()
    num_episodes: tuple[int, ...] = ()

    def apply(self, frame: pd.DataFrame, models: bool = True) -> pd.DataFrame:
        """Rows of ``frame`` that pass every filter; a value absent from the logs is an error.

        With ``models=False`` the model filter is skipped: the adaptation score needs the
        reference agents' rows even when the table shows other models only.
        """
        keep = pd.Series(True, index=frame.index)
        for field in fields(self):
            wanted = getattr(self, field.name)
            if not wanted or (field.name == "model" and not models):
                continue
            present = set(frame[field.name].unique())
            missing = [w for w in wanted if w not in present]
            if missing:
                raise unknown(f"{field.name} filter", missing[0], sorted(present, key=str))
            keep &= frame[field.name].isin(wanted)
        return frame[keep]


ALL_CONFIGS_FLAG = "--all-configs"
"""The command-line flag that sets ``all_configs``, named in the notes."""

COVERAGE_COLUMNS = ("model", "configs_run", "sequences_run", "complete_run", "configs", "unfinished")
"""Per model: configurations and sequences of finished evals, configurations ranked, and sequences
left out because their eval did not finish."""


@dataclass(frozen=True)
class Scope:
    """What a leaderboard ranks and what it leaves out.

    Attributes:
        frame: The ranked sequences: selected, from finished evals, on the ranked configurations.
        references: Sequences the adaptation score may use (finished evals; every filter but the
            model filter).
        configs: The ranked configurations (all of them when each model keeps its own).
        coverage: One row per model, :data:`COVERAGE_COLUMNS`.
        common: True when the models were restricted to the configurations they all share.
        unfinished: The evals left out (``log``, ``model``, ``eval_status``).
        notes: One line per thing the reader must know (also raised as warnings).
    """

    frame: pd.DataFrame
    references: pd.DataFrame
    configs: tuple[str, ...]
    coverage: pd.DataFrame
    common: bool
    unfinished: tuple[dict[str, str], ...]
    notes: tuple[str, ...]

    @cached_property
    def adaptation(self) -> pd.DataFrame:
        """:func:`adaptation_by_config` of :attr:`references` for the selected models (and the
        references), built once for the leaderboard and the tables that show it."""
        models = [*self.coverage["model"], *REFERENCES]
        return adaptation_by_config(self.references[self.references["model"].isin(models)])

    @property
    def shown_adaptation(self) -> pd.DataFrame:
        """The rows of :attr:`adaptation` for the selected models."""
        return self.adaptation[self.adaptation["model"].isin(self.coverage["model"])]


def _listed(items: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _unfinished_note(unfinished: list[dict[str, str]], sequences: int) -> str:
    statuses = Counter(e["eval_status"] for e in unfinished)
    kinds = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    names = _listed(sorted(e["log"].rsplit("/", 1)[-1] for e in unfinished))
    return (
        f"left out {len(unfinished)} unfinished eval(s) ({kinds}) holding {sequences} sequence(s): {names}; "
        "rerun the suite (or eval-retry) to finish them"
    )


def _unfinished(frame: pd.DataFrame, chosen: pd.DataFrame, selection: Selection) -> list[dict[str, str]]:
    """The unfinished evals behind ``chosen`` (the selected rows of ``frame``), plus, when only
    models are filtered, those of the selected models that hold no sequence yet."""
    rows = chosen[chosen["eval_status"] != "success"].drop_duplicates("log")
    listed = {
        str(log): {"log": str(log), "model": str(model), "eval_status": str(status)}
        for log, model, status in zip(rows["log"], rows["base_model"], rows["eval_status"])
    }
    task_filtered = any(getattr(selection, f.name) for f in fields(selection) if f.name != "model")
    if not task_filtered:
        with_rows = set(frame["log"])
        for entry in frame.attrs.get(UNFINISHED, []):
            if entry["log"] not in with_rows and (not selection.model or entry["model"] in selection.model):
                listed.setdefault(entry["log"], dict(entry))
    return sorted(listed.values(), key=lambda e: e["log"])


def leaderboard_scope(frame: pd.DataFrame, selection: Selection = Selection(), all_configs: bool = False) -> Scope:
    """Which sequences of ``frame`` a leaderboard ranks; each note is also raised as a
    :class:`~latentgym.config_errors.LatentGymWarning`.

    Args:
        frame: One row per sequence (:func:`load_sequences`).
        selection: Filters applied first.
        all_configs: Rank every model on all the configurations it was run on, even when the
            models were run on different sets (their means then average different tasks).
    """
    references = selection.apply(frame, models=False)
    chosen = selection.apply(frame)
    if chosen.empty:
        raise LatentGymError("no sequences left after filtering")
    models = sorted(chosen["model"].unique())
    finished = chosen["eval_status"] == "success"
    unfinished = _unfinished(frame, chosen, selection)
    notes: list[str] = []
    if unfinished:
        notes.append(_unfinished_note(unfinished, int((~finished).sum())))
    done = chosen[finished]
    if done.empty:
        raise LatentGymError("no sequence of a finished eval left to rank: " + notes[0])
    references = references[references["eval_status"] == "success"]
    run = {m: set(rows["benchmark_id"]) for m, rows in done.groupby("model", sort=True)}
    everything = sorted(set().union(*run.values()))
    shared = sorted(set.intersection(*run.values()))
    differ = len(shared) < len(everything)
    counts = ", ".join(f"{m} {len(c)}" for m, c in run.items())
    if differ and not all_configs:
        if not shared:
            raise LatentGymError(
                f"the models were run on different configurations and share none ({counts} of {len(everything)}); "
                f"choose models with --model, or pass {ALL_CONFIGS_FLAG} to rank each on its own configurations"
            )
        notes.append(
            f"the models were run on different configuration sets ({counts} of {len(everything)}): ranked on the "
            f"{len(shared)} configuration(s) all of them were run on; pass {ALL_CONFIGS_FLAG} to rank each model on "
            "all of its own"
        )
        ranked = done[done["benchmark_id"].isin(shared)]
    else:
        if differ:
            notes.append(
                f"the models were run on different configuration sets ({counts} of {len(everything)}) and each is "
                f"ranked on all of its own ({ALL_CONFIGS_FLAG}): their means average different tasks"
            )
        ranked = done
    excluded = chosen[~finished].groupby("model").size()
    coverage = pd.DataFrame(
        [
            {
                "model": m,
                "configs_run": len(run.get(m, ())),
                "sequences_run": int((done["model"] == m).sum()),
                "complete_run": int((done["complete"] & (done["model"] == m)).sum()),
                "configs": int(ranked.loc[ranked["model"] == m, "benchmark_id"].nunique()),
                "unfinished": int(excluded.get(m, 0)),
            }
            for m in models
        ],
        columns=list(COVERAGE_COLUMNS),
    )
    for note in notes:
        warnings.warn(LatentGymWarning(note), stacklevel=2)
    configs = tuple(sorted(ranked["benchmark_id"].unique()))
    return Scope(ranked, references, configs, coverage, differ and not all_configs, tuple(unfinished), tuple(notes))


def config_mean(frame: pd.DataFrame, metric: str, n_boot: int = N_BOOTSTRAP) -> Estimate:
    """Mean of ``metric`` over complete sequences, as a mean of per-configuration means (NaN
    values, e.g. turns of a sequence that won nothing, are dropped; a missing column is empty)."""
    if metric not in frame:
        return Estimate.empty()
    done = frame[frame["complete"]]
    groups = [g[metric].to_numpy() for _, g in done.groupby("benchmark_id", sort=True)]
    return stratified_mean(groups, n_boot=n_boot)


def basis_summary(per_config: pd.DataFrame) -> str:
    """How a row's configurations are scored: ``reward 3, turns 2, unscored 1`` (see the
    adaptation table for each unscored configuration's reason)."""
    if per_config.empty:
        return "–"
    counts = Counter(per_config["basis"].fillna(""))
    parts = [f"{name} {counts[key]}" for key, name in ((REWARD, "reward"), (TURNS, "turns"), ("", "unscored"))]
    return ", ".join(p for p in parts if not p.endswith(" 0"))


def _put(row: dict[str, object], name: str, est: Estimate) -> None:
    row[name], row[f"{name}_low"], row[f"{name}_high"], row[f"{name}_n"] = est.mean, est.low, est.high, est.n


def leaderboard(
    frame: pd.DataFrame,
    by: Sequence[str] = (),
    selection: Selection = Selection(),
    n_boot: int = N_BOOTSTRAP,
    all_configs: bool = False,
    scope: Scope | None = None,
) -> pd.DataFrame:
    """The leaderboard of the sequences in ``frame`` (from :func:`load_sequences`).

    Args:
        frame: One row per sequence.
        by: Axes to split each model's row by (any of :data:`GROUP_AXES`).
        selection: Filters applied first.
        n_boot: Bootstrap resamples per interval.
        all_configs: See :func:`leaderboard_scope`.
        scope: :func:`leaderboard_scope` of ``frame``, ``selection`` and ``all_configs`` when the
            caller already has it (``selection`` and ``all_configs`` are then not used again).

    Returns:
        Numeric columns: ``model``, the ``by`` axes, ``configs`` (ranked), ``configs_run`` (run
        in finished evals), ``sequences`` (complete), ``incomplete``; for each of :data:`METRICS`,
        :data:`TURN_METRICS` and ``adaptation`` the mean and its ``_low``/``_high``/``_n``;
        ``adaptation_basis`` (how many configurations are scored on reward, on turns, or not at
        all: :func:`basis_summary`); and for each env the per-env cumulative reward, same suffixes.
    """
    for axis in by:
        if axis not in GROUP_AXES:
            raise unknown("leaderboard grouping", axis, GROUP_AXES)
    if scope is None:
        scope = leaderboard_scope(frame, selection, all_configs)
    frame, references = scope.frame, scope.references
    configs_run = dict(zip(scope.coverage["model"], scope.coverage["configs_run"]))
    envs = sorted(frame["env"].unique())
    adaptation = scope.adaptation  # one per-configuration table for every row (each keeps its own model)
    rows = []
    keys = ["model", *by]
    for key, group in frame.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row: dict[str, object] = dict(zip(keys, key))
        row["configs"] = group["benchmark_id"].nunique()
        row["configs_run"] = configs_run[row["model"]]
        row["sequences"] = int(group["complete"].sum())
        row["incomplete"] = int((~group["complete"]).sum())
        for metric in (*METRICS, *TURN_METRICS):
            _put(row, metric, config_mean(group, metric, n_boot))
        configs = sorted(group["benchmark_id"].unique())
        _put(row, "adaptation", adaptation_estimate(references, str(row["model"]), configs, adaptation))
        mine = adaptation[(adaptation["model"] == row["model"]) & adaptation["benchmark_id"].isin(configs)]
        row["adaptation_basis"] = basis_summary(mine)
        for env in envs:
            _put(row, env, config_mean(group[group["env"] == env], PER_ENV_METRIC, n_boot))
        rows.append(row)
    board = pd.DataFrame(rows)
    order = [*by, METRICS[0]] if by else [METRICS[0]]
    ascending = [True] * len(by) + [False]
    return board.sort_values(order, ascending=ascending, kind="stable").reset_index(drop=True)


def env_columns(board: pd.DataFrame) -> list[str]:
    """The per-env columns of a leaderboard, in order."""
    fixed = {"model", *GROUP_AXES, "configs", "configs_run", "sequences", "incomplete", *METRICS, *TURN_METRICS}
    fixed |= {"adaptation", "adaptation_basis"}
    return [c for c in board.columns if c not in fixed and f"{c}_low" in board.columns]


def cell(mean: float, low: float, high: float, digits: int = 2) -> str:
    """``mean [low, high]``, or ``–`` when undefined."""
    if pd.isna(mean):
        return "–"
    if pd.isna(low):
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def display_table(board: pd.DataFrame, by: Iterable[str] = ()) -> pd.DataFrame:
    """The leaderboard as strings with readable headers, for Markdown, terminal and HTML."""
    out = pd.DataFrame(index=board.index)
    out["#"] = range(1, len(board) + 1)
    out["Model"] = board["model"]
    for axis in by:
        out[axis] = board[axis].astype(str)
    out["Configs"] = [str(n) if n == run else f"{n} of {run}" for n, run in zip(board["configs"], board["configs_run"])]
    out["Sequences"] = board["sequences"]
    out["Incomplete"] = board["incomplete"]
    for metric in (*METRICS, *TURN_METRICS, "adaptation"):
        out[METRIC_LABELS[metric]] = [
            cell(m, lo, hi) for m, lo, hi in zip(board[metric], board[f"{metric}_low"], board[f"{metric}_high"])
        ]
    out[METRIC_LABELS["adaptation_basis"]] = board["adaptation_basis"]
    for env in env_columns(board):
        out[f"{env} (Cum)"] = [
            cell(m, lo, hi) + (f" n={n}" if n else "")
            for m, lo, hi, n in zip(board[env], board[f"{env}_low"], board[f"{env}_high"], board[f"{env}_n"])
        ]
    return out


FOOTNOTE = (
    f"Values: mean over configurations of the per-configuration mean over complete sequences, "
    f"with a {int(CONFIDENCE * 100)}% stratified bootstrap interval over sequences in brackets. "
    "Incomplete sequences (stopped before N games) are counted apart and excluded from every mean; "
    "so are unfinished evals. Configs: configurations ranked (of those run, when the models were "
    "restricted to the configurations they share). "
    "Gain is r_N − r_1. Turns (won): mean turns of the tasks won; Turn gain: mean turns of the won tasks in "
    "the first half minus the second half (positive: faster later). Adaptation = (R − R_memoryless) / "
    "(R_oracle − R_memoryless) on the same sequences where the reward gap is meaningful, else "
    "(T_memoryless − T) / (T_memoryless − T_oracle) over won tasks where the turn gap is; averaged over the "
    "configurations scored either way. Adaptation basis: how many configurations use each score, and how many "
    "neither (the adaptation table says why)."
)


def to_markdown(table: pd.DataFrame, footnote: str = FOOTNOTE) -> str:
    """A GitHub-flavoured Markdown table (numeric-looking columns right-aligned)."""
    header = [str(c) for c in table.columns]
    lines = ["| " + " | ".join(header) + " |"]
    align = ["---:" if pd.api.types.is_numeric_dtype(table[c]) else "---" for c in table.columns]
    lines.append("| " + " | ".join(align) + " |")
    for _, row in table.iterrows():
        lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines) + (f"\n\n{footnote}\n" if footnote else "\n")


def to_terminal(table: pd.DataFrame) -> str:
    """A plain aligned text table."""
    return table.to_string(index=False)


COVERAGE_LABELS = {
    "model": "Model",
    "configs_run": "Configs run",
    "sequences_run": "Sequences run",
    "complete_run": "Complete",
    "configs": "Configs ranked",
    "unfinished": "In unfinished evals (left out)",
}


def coverage_table(scope: Scope) -> pd.DataFrame:
    """The scope's coverage with readable headers."""
    return scope.coverage.rename(columns=COVERAGE_LABELS)


def coverage_text(scope: Scope, markdown: bool = False) -> str:
    """The coverage table and the notes, for the terminal or as Markdown."""
    table = coverage_table(scope)
    if markdown:
        lines = ["Coverage per model (finished evals):", "", to_markdown(table, footnote="")]
        lines += [f"- Note: {note}" for note in scope.notes]
    else:
        lines = ["Coverage per model (finished evals):", to_terminal(table)]
        lines += [f"Note: {note}" for note in scope.notes]
    return "\n".join(lines).rstrip("\n") + "\n"
