"""The scorer entry and metrics of a log written without Inspect's runtime (imported published
runs, direct scripted runs): what a live eval of the ``sequence_metrics`` scorer records."""

from __future__ import annotations

import math
from collections.abc import Mapping

from inspect_ai.log import EvalMetric, EvalResults, EvalSample, EvalScore, HeadlineMetric
from inspect_ai.log._log import EvalMetricDefinition, EvalScorer
from inspect_ai.scorer import SampleScore, Score, mean, stderr

SCORER = "sequence_metrics"


def scorer_entry() -> EvalScorer:
    """The log header's scorer entry: ``sequence_metrics`` with mean and stderr of every key."""
    metrics = [EvalMetricDefinition(name=f"inspect_ai/{name}", options={}) for name in ("mean", "stderr")]
    return EvalScorer(name=SCORER, options={}, metadata={}, metrics={"*": metrics})


def score_values(sample: EvalSample) -> Mapping[str, str | int | float | bool | None]:
    """The ``sequence_metrics`` score dict of ``sample``."""
    value = (sample.scores or {})[SCORER].value
    if not isinstance(value, Mapping):
        raise TypeError(f"sample {sample.id}: the {SCORER} score is not a dict")
    return value


def eval_results(samples: list[EvalSample]) -> EvalResults:
    """Mean and stderr of every score key over the samples where it is a number, as a live eval has
    (a NaN or missing key counts as unscored), headed by the first key's mean. Computed with Inspect's own metric functions; the
    scores are passed without their sample's metadata, which the metrics do not read."""
    keys: list[str] = []
    for s in samples:
        for k in score_values(s):
            if k not in keys:
                keys.append(k)
    scores = []
    for key in keys:
        sample_scores = []
        for s in samples:
            value = score_values(s).get(key, math.nan)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            sample_scores.append(SampleScore(score=Score(value=value), sample_id=s.id))
        metrics = {}
        for name, metric in (("mean", mean()), ("stderr", stderr())):
            value = float(metric(sample_scores)) if sample_scores else math.nan  # type: ignore[arg-type]
            metrics[name] = EvalMetric(name=name, value=value)
        scores.append(
            EvalScore(
                name=key,
                scorer=SCORER,
                scored_samples=len(sample_scores),
                unscored_samples=len(samples) - len(sample_scores),
                metrics=metrics,
            )
        )
    headline = HeadlineMetric(scorer=SCORER, score=scores[0].name, metric="mean") if scores else None
    return EvalResults(total_samples=len(samples), completed_samples=len(samples), scores=scores, headline=headline)
