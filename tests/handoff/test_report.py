"""The Markdown/CSV/plot report, including undefined efficiencies."""

import math

import numpy as np
import pandas as pd

from latentgym.handoff import Agents, efficiencies, markdown, write_report

AGENTS = Agents(a="A", b="B", c="C")


def tails():
    rows = []
    for k in (2, 4):
        for seed in range(8):
            rows += [
                ("d", k, "A", "C", seed, float(seed % 3) + 1.0),
                ("d", k, "B", "C", seed, float(seed % 3) + 2.0),
                ("d", k, "C", "A", seed, 0.0),  # reference tail 0: exploitation undefined
                ("d", k, "C", "B", seed, 1.0),
            ]
    return pd.DataFrame(rows, columns=["definition", "k", "explorer", "exploiter", "seed", "tail"])


def test_report_files_and_undefined_cells(tmp_path):
    comparisons = efficiencies(tails(), AGENTS)
    files = write_report(comparisons, AGENTS, tmp_path)
    assert sorted(p.suffix for p in files) == [".csv", ".md", ".png", ".svg"]
    assert all(p.stat().st_size > 0 for p in files)

    md = (tmp_path / "handoff.md").read_text()
    assert "undefined (reference tail ~ 0)" in md
    assert "inf" not in md.lower()
    assert "ExplorationEff(B vs A) = (T[B→C] − T[A→C]) / T[A→C]" in md

    csv = pd.read_csv(tmp_path / "handoff.csv")
    exploit = csv[csv["metric"] == "exploitation"]
    assert exploit["efficiency"].isna().all() and exploit["note"].str.contains("reference tail ~ 0").all()
    assert np.allclose(exploit["difference"], 1.0)
    explore = csv[csv["metric"] == "exploration"]
    assert np.allclose(explore["efficiency"], 1.0 / explore["reference_tail"])
    assert not np.isinf(csv.select_dtypes("number").to_numpy()).any()


def test_markdown_shows_ci_and_percent():
    text = markdown(efficiencies(tails(), AGENTS, metrics=["exploration"]), AGENTS)
    row = next(line for line in text.splitlines() if line.startswith("| d | 2 | exploration"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3] == "8"
    efficiency = cells[-1]
    assert efficiency.startswith("+") and "%" in efficiency and "[" in efficiency
    assert not math.isnan(float(cells[4]))
