"""Reports from Inspect logs: leaderboards, adaptation scores, plots and an HTML page.

Inspect side only (reads logs with ``inspect_ai.analysis``); the core ``latentgym.envs`` never
imports it.

>>> from latentgym.reports import load_sequences, leaderboard, display_table, to_markdown
>>> frame = load_sequences("logs/suite-quick")
>>> print(to_markdown(display_table(leaderboard(frame))))
"""

from ..stats import CONFIDENCE, N_BOOTSTRAP, Estimate, paired_ratio, stratified_mean
from ._adaptation import (
    HIGH_REFERENCE,
    LOW_REFERENCE,
    MIN_GAP_PER_GAME,
    REFERENCES,
    adaptation_by_config,
    adaptation_estimate,
)
from ._html import render_report
from ._leaderboard import (
    COVERAGE_COLUMNS,
    FOOTNOTE,
    GROUP_AXES,
    METRICS,
    Scope,
    Selection,
    coverage_table,
    coverage_text,
    display_table,
    env_columns,
    leaderboard,
    leaderboard_scope,
    to_markdown,
    to_terminal,
)
from ._load import CONFIG_COLUMNS, SEQUENCE_METRICS, load_sequences, log_files, position_columns, readable_logs
from ._plots import HANDOFF_COLUMNS, data_uri, env_bars, handoff_efficiency, learning_curves, save_figure
from ._report import write_report
from ._suites import SUITES, Suite, SuiteTask, get_suite, plan_suite, run_suite, suite_tasks

__all__ = [
    "CONFIDENCE",
    "CONFIG_COLUMNS",
    "COVERAGE_COLUMNS",
    "FOOTNOTE",
    "GROUP_AXES",
    "HANDOFF_COLUMNS",
    "HIGH_REFERENCE",
    "LOW_REFERENCE",
    "METRICS",
    "MIN_GAP_PER_GAME",
    "N_BOOTSTRAP",
    "REFERENCES",
    "SEQUENCE_METRICS",
    "SUITES",
    "Estimate",
    "Scope",
    "Selection",
    "Suite",
    "SuiteTask",
    "adaptation_by_config",
    "adaptation_estimate",
    "coverage_table",
    "coverage_text",
    "data_uri",
    "display_table",
    "env_bars",
    "env_columns",
    "get_suite",
    "handoff_efficiency",
    "leaderboard",
    "leaderboard_scope",
    "learning_curves",
    "load_sequences",
    "log_files",
    "paired_ratio",
    "plan_suite",
    "position_columns",
    "readable_logs",
    "render_report",
    "run_suite",
    "save_figure",
    "stratified_mean",
    "suite_tasks",
    "to_markdown",
    "to_terminal",
    "write_report",
]
