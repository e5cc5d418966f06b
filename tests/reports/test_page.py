"""The report page explores, checked in headless Chromium: a click on a column header sorts, the model and env
filters and a table's filter box hide rows, env columns and plots; each configuration links to its logs."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from matplotlib.image import imread

from latentgym.reports import write_report
from latentgym.tasks import hangman, number_guessing

MODELS = ["latentgym/memoryless", "latentgym/oracle", "latentgym/adaptive"]

# Appended after the page's own script: clicks and selects through DOM events, as a person would, then
# writes what the page shows into <pre id="probe"> for --dump-dom to read.
PROBE = """<script>
(function () {
  var steps = %s;
  function cells(table, i) {
    return [].slice.call(table.tBodies[0].rows).filter(function (r) { return r.style.display !== "none"; })
      .map(function (r) { return r.cells[i].textContent.trim(); });
  }
  var board = document.getElementById("leaderboard-table");
  var heads = [].slice.call(board.tHead.rows[0].cells);
  function col(name) { return heads.findIndex(function (h) { return h.textContent.trim() === name; }); }
  var out = {};
  steps.forEach(function (step) {
    if (step[0] === "click") { heads[col(step[1])].click(); }
    if (step[0] === "select") {
      var s = document.getElementById(step[1]); s.value = step[2]; s.dispatchEvent(new Event("change"));
    }
    if (step[0] === "type") {
      var box = document.querySelectorAll(".explore-box input.table-filter")[step[1]];
      box.value = step[2]; box.dispatchEvent(new Event("input"));
    }
  });
  out.models = cells(board, col("Model"));
  out.reward = cells(board, col("Mean reward"));
  out.sort = heads.map(function (h) { return h.getAttribute("aria-sort"); });
  out.envColumns = heads.filter(function (h) { return /\\(Cum\\)$/.test(h.textContent.trim()) && h.style.display !== "none"; })
    .map(function (h) { return h.textContent.trim(); });
  out.configs = [].slice.call(document.querySelectorAll("details")).filter(function (d) { return d.style.display !== "none"; })
    .map(function (d) { return d.id; });
  out.plots = [].slice.call(document.querySelectorAll(".multiples [data-env]"))
    .filter(function (d) { return d.style.display !== "none"; }).map(function (d) { return d.getAttribute("data-env"); });
  out.counts = [].slice.call(document.querySelectorAll(".explore-box .count")).map(function (c) { return c.textContent; });
  var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script></body>"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The report of three scripted agents on two envs (N=2, 2 sequences per configuration)."""
    root = tmp_path_factory.mktemp("page")
    tasks = [
        number_guessing(latent="set_of_3", num_episodes=2, n_sequences=2),
        number_guessing(latent="range_100", prompt="full_info", num_episodes=2, n_sequences=2),
        hangman(latent="length_5", num_episodes=2, n_sequences=2),
    ]
    logs = inspect_eval(tasks, model=MODELS, log_dir=str(root / "logs"), display="none", max_tasks=9)
    assert all(log.status == "success" for log in logs)
    return write_report(root / "logs", root / "report", n_boot=100)["report.html"]


def _flags(tmp_path: Path) -> list[str]:
    return ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]


def _probe(page: Path, tmp_path: Path, steps: list[list[object]], name: str) -> tuple[dict, Path]:
    probed = page.with_name(f"{name}.html")
    probed.write_text(page.read_text().replace("</body>", PROBE % json.dumps(steps)))
    dom = subprocess.run(
        [chromium(), *_flags(tmp_path), "--dump-dom", probed.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    match = re.search(r'<pre id="probe">(.*?)</pre>', dom)
    assert match, "the probe did not run: " + dom[-2000:]
    return json.loads(match[1].replace("&quot;", '"').replace("&amp;", "&")), probed


def _screenshot(url: str, tmp_path: Path, target: Path) -> None:
    subprocess.run(
        [chromium(), *_flags(tmp_path), f"--screenshot={target}", "--window-size=1400,1000", url],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert imread(target).std() > 0.05  # not a blank page


def test_page_is_self_contained_and_links_transcripts(page):
    text = page.read_text()
    assert "<script>" in text and "<script src" not in text and "http://" not in text.split("<script>")[1]
    assert 'id="filter-model"' in text and 'id="filter-env"' in text
    assert text.count('class="table-filter"') >= 4
    assert re.search(r'<details id="config-hangman-length_5-no_info-standard-ep2" data-env="hangman"', text)
    assert re.search(r'<a href="file://[^"]+\.eval">[^<]+\.eval</a>', text)  # a link per configuration
    assert "inspect view --log-dir" in text


def test_sort_and_filters_in_headless_chromium(page, tmp_path):
    first, _ = _probe(page, tmp_path, [], "plain")
    assert set(first["models"]) == set(MODELS) and first["plots"] == ["hangman", "number_guessing"]
    assert first["envColumns"] == ["hangman (Cum)", "number_guessing (Cum)"] and len(first["configs"]) == 3

    ascending, _ = _probe(page, tmp_path, [["click", "Mean reward"]], "sorted")
    values = [float(v.split()[0]) for v in ascending["reward"]]
    assert values == sorted(values) and "ascending" in ascending["sort"]
    descending, _ = _probe(page, tmp_path, [["click", "Model"], ["click", "Model"]], "reversed")
    assert descending["models"] == sorted(MODELS, reverse=True) and "descending" in descending["sort"]

    filtered, _ = _probe(
        page,
        tmp_path,
        [["click", "Model"], ["select", "filter-env", "hangman"], ["select", "filter-model", MODELS[1]]],
        "filtered",
    )
    assert filtered["models"] == [MODELS[1]]
    assert filtered["envColumns"] == ["hangman (Cum)"] and filtered["plots"] == ["hangman"]
    assert filtered["configs"] == ["config-hangman-length_5-no_info-standard-ep2"]
    assert filtered["counts"][0] == "1 of 3 rows"

    typed, _ = _probe(page, tmp_path, [["type", 0, "oracle"]], "typed")
    assert typed["models"] == [MODELS[1]] and typed["counts"][0] == "1 of 3 rows"


def test_screenshots_before_and_after_sort_and_filter(page, tmp_path):
    """Screenshots of the page as loaded, sorted by mean reward, and filtered to one env and model (kept in
    $LATENTGYM_SCREENSHOTS when set, for the record)."""
    folder = Path(os.environ.get("LATENTGYM_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    steps = {
        "before": [],
        "after-sort": [["click", "Mean reward"], ["click", "Mean reward"]],
        "after-filter": [
            ["click", "Mean reward"],
            ["select", "filter-env", "hangman"],
            ["select", "filter-model", MODELS[1]],
        ],
    }
    for name, actions in steps.items():
        _, probed = _probe(page, tmp_path, actions, f"shot-{name}")
        _screenshot(probed.as_uri(), tmp_path, folder / f"latentgym-page-{name}.png")
    shots = [imread(folder / f"latentgym-page-{n}.png") for n in steps]
    assert not (shots[0].shape == shots[2].shape and (shots[0] == shots[2]).all())  # the filter changed the page
