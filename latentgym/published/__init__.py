"""The published LatentGym runs (the website's data folder) as Inspect logs, verified by replay.

>>> from latentgym.published import import_runs
>>> summary = import_runs("LatentGym-Experiential-Learning", "logs/published")  # doctest: +SKIP
>>> print(summary.table())  # doctest: +SKIP

See docs/published.md.
"""

from ._format import (
    VARIANTS,
    ConfigGroup,
    PublishedRun,
    config_groups,
    data_root,
    model_label,
    preset_for,
    read_run,
)
from ._import import EnvAgreement, ImportSummary, build_log, build_sample, count_groups, import_runs
from ._replay import EpisodeCheck, RunReplay, replay_run

__all__ = [
    "VARIANTS",
    "ConfigGroup",
    "EnvAgreement",
    "EpisodeCheck",
    "ImportSummary",
    "PublishedRun",
    "RunReplay",
    "build_log",
    "build_sample",
    "config_groups",
    "count_groups",
    "data_root",
    "import_runs",
    "model_label",
    "preset_for",
    "read_run",
    "replay_run",
]
