"""Efficiency formulas, pairing and the paired bootstrap on synthetic tail tables."""

import math

import numpy as np
import pandas as pd
import pytest

from latentgym.handoff import Agents, compare, efficiencies
from latentgym.handoff._metrics import NO_PAIRS, TOO_FEW, UNDEFINED_REFERENCE, bootstrap_means, paired_tails

AGENTS = Agents(a="A", b="B", c="C")


def table(rows):
    return pd.DataFrame(rows, columns=["definition", "k", "explorer", "exploiter", "seed", "tail"])


def test_arms_follow_the_definitions():
    assert AGENTS.arms("exploration") == (("A", "C"), ("B", "C"))
    assert AGENTS.arms("exploitation") == (("C", "A"), ("C", "B"))
    assert AGENTS.runs() == [("A", "C"), ("B", "C"), ("C", "A"), ("C", "B")]
    # B == C: B→C and C→B are the same arm, run once
    assert Agents("A", "C", "C").runs() == [("A", "C"), ("C", "C"), ("C", "A")]


def test_hand_computed_ratio_of_means():
    est = compare(np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 5.0]))
    assert (est.n_pairs, est.reference_tail, est.compared_tail) == (3, 2.0, 3.0)
    assert est.difference == pytest.approx(1.0)
    assert est.efficiency == pytest.approx(0.5)  # (3 - 2) / 2; the mean of per-sequence ratios would be 0.5556
    assert est.note == ""
    assert est.difference_ci.low <= 1.0 <= est.difference_ci.high


def test_efficiencies_pair_by_seed_and_drop_incomplete():
    rows = [
        # exploration arms at K=2: A→C and B→C; seeds listed in different orders
        ("d", 2, "A", "C", 1, 1.0),
        ("d", 2, "A", "C", 2, 3.0),
        ("d", 2, "A", "C", 3, 5.0),
        ("d", 2, "B", "C", 3, 9.0),
        ("d", 2, "B", "C", 1, 2.0),
        ("d", 2, "B", "C", 2, math.nan),
        ("d", 2, "B", "C", 4, 7.0),  # seed 4 has no A→C partner
        # exploitation arms: C→A and C→B
        ("d", 2, "C", "A", 1, 2.0),
        ("d", 2, "C", "A", 2, 2.0),
        ("d", 2, "C", "B", 1, 3.0),
        ("d", 2, "C", "B", 2, 4.0),
        # another K and another definition are separate comparisons
        ("d", 4, "A", "C", 1, 1.0),
        ("d", 4, "B", "C", 1, 1.0),
        ("e", 2, "A", "C", 1, 100.0),
        ("e", 2, "B", "C", 1, 0.0),
    ]
    t1, t2 = paired_tails(table(rows), "d", 2, ("A", "C"), ("B", "C"))
    assert t1.tolist() == [1.0, 5.0] and t2.tolist() == [2.0, 9.0]  # seeds 1 and 3 only
    out = {(c.definition, c.k, c.metric): c.estimate for c in efficiencies(table(rows), AGENTS)}
    explore = out[("d", 2, "exploration")]
    assert explore.n_pairs == 2 and explore.efficiency == pytest.approx((5.5 - 3.0) / 3.0)
    exploit = out[("d", 2, "exploitation")]
    assert exploit.efficiency == pytest.approx((3.5 - 2.0) / 2.0)
    assert out[("e", 2, "exploration")].efficiency == pytest.approx(-1.0)
    assert out[("d", 4, "exploitation")].note == NO_PAIRS and math.isnan(out[("d", 4, "exploitation")].efficiency)
    assert TOO_FEW in out[("d", 4, "exploration")].note  # one pair: point estimate, no CI


def test_duplicate_seed_in_an_arm_is_an_error():
    rows = [("d", 2, "A", "C", 1, 1.0), ("d", 2, "A", "C", 1, 2.0), ("d", 2, "B", "C", 1, 1.0)]
    with pytest.raises(ValueError, match="seed 1 appears twice"):
        efficiencies(table(rows), AGENTS)


def test_zero_reference_is_undefined_not_infinite():
    est = compare(np.zeros(6), np.array([0.0, 1.0, 0.0, 1.0, 1.0, 0.0]))
    assert math.isnan(est.efficiency) and math.isnan(est.efficiency_ci.low)
    assert est.note.startswith(UNDEFINED_REFERENCE)
    assert est.difference == pytest.approx(0.5)  # the absolute difference stays defined
    assert est.difference_ci.low < 0.5 < est.difference_ci.high


def test_tiny_reference_uses_the_threshold():
    est = compare(np.full(4, 1e-9), np.ones(4))
    assert math.isnan(est.efficiency)
    est = compare(np.full(4, 1e-9), np.ones(4), min_reference=1e-12)
    assert est.efficiency == pytest.approx(1e9 - 1)


def test_ci_undefined_when_resamples_hit_a_zero_reference():
    t1 = np.array([0.0] * 9 + [1.0])
    est = compare(t1, np.ones(10))
    assert est.efficiency == pytest.approx(9.0)
    assert math.isnan(est.efficiency_ci.low) and "bootstrap resamples" in est.note
    assert not math.isnan(est.difference_ci.low)


def test_bootstrap_resamples_both_arms_jointly():
    rng = np.random.default_rng(0)
    t1 = rng.uniform(0, 5, 30)
    # a constant per-sequence shift: every paired resample gives exactly the same difference
    est = compare(t1, t1 + 1.0)
    assert est.difference_ci.low == pytest.approx(1.0) and est.difference_ci.high == pytest.approx(1.0)
    b1, b2 = bootstrap_means(t1, t1 + 1.0, 50, seed=3)
    assert np.allclose(b2 - b1, 1.0)
    assert compare(t1, t1 * 1.1, seed=5) == compare(t1, t1 * 1.1, seed=5)  # fixed seed: reproducible


def population(rng, n):
    t1 = rng.uniform(0.0, 4.0, n)  # mean 2
    t2 = t1 + rng.normal(0.5, 1.0, n)  # mean 2.5: true efficiency 0.25, true difference 0.5
    return t1, t2


def test_ci_covers_the_true_value():
    t1, t2 = population(np.random.default_rng(11), 400)
    est = compare(t1, t2)
    assert est.efficiency_ci.low < 0.25 < est.efficiency_ci.high
    assert est.difference_ci.low < 0.5 < est.difference_ci.high
    assert est.efficiency_ci.high - est.efficiency_ci.low < 0.15


def test_ci_coverage_is_near_nominal():
    rng = np.random.default_rng(7)
    hits = 0
    trials = 200
    for i in range(trials):
        est = compare(*population(rng, 60), resamples=500, seed=i)
        hits += est.efficiency_ci.low <= 0.25 <= est.efficiency_ci.high
    assert 0.88 <= hits / trials <= 0.99
