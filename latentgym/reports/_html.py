"""The report page: one self-contained HTML file (inline CSS and JavaScript, plots as data URIs, no CDN).

Sections: leaderboard, coverage (configurations and sequences per model, unfinished evals and
configurations left out of the ranking), incomplete sequences, adaptation per configuration,
plots, and a drill-down per configuration (every configuration run, ranked or not) that names the
log files and the ``inspect view`` command that opens their transcripts.

Explorable without a server (it works from a file): every table sorts by a click on a column header,
filters by a text box, and scrolls inside its own box; a model and an env selector at the top filter
every table, the per-env learning curves (small multiples) and the configurations.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from ..stats import N_BOOTSTRAP
from ._adaptation import MIN_GAP_PER_GAME, MIN_TURN_GAP
from ._leaderboard import (
    FOOTNOTE,
    METRICS,
    Scope,
    Selection,
    cell,
    config_mean,
    coverage_table,
    display_table,
    leaderboard,
    leaderboard_scope,
)
from ._load import is_url, position_columns
from ._plots import data_uri, report_figures

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.6rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; white-space: nowrap; }
th { background: #f3f3f3; } tr:nth-child(even) td { background: #fafafa; }
.note { color: #555; font-size: 0.85rem; max-width: 70rem; }
code, pre { background: #f5f5f5; padding: 0.1rem 0.3rem; }
figure { display: inline-block; margin: 0.5rem 1rem 0.5rem 0; } img { max-width: 100%; }
details { margin: 0.3rem 0; } summary { cursor: pointer; font-family: monospace; }
.warn { color: #a33; }
.scroll { overflow: auto; max-width: 100%; max-height: 75vh; border: 1px solid #eee; }
.scroll table { margin: 0; } thead th { position: sticky; top: 0; z-index: 1; }
th.sortable { cursor: pointer; user-select: none; } th.sortable:hover { background: #e6e6e6; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
.explore-box { margin: 0.6rem 0; } .explore-box .tools { font-size: 0.8rem; color: #555; margin-bottom: 0.2rem; }
.explore-box input { font-size: 0.8rem; padding: 0.1rem 0.3rem; }
#filters { position: sticky; top: 0; background: #fff; padding: 0.4rem 0; border-bottom: 1px solid #ddd; z-index: 2; }
#filters select { margin-right: 1rem; } .multiples figure { width: 30rem; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var MISSING = /^\s*(–|-|—|nan)?\s*$/;
  function num(text) {
    var t = text.replace(/\u2212/g, "-").trim();
    if (MISSING.test(t)) return null;
    var m = t.match(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/i);
    return m ? parseFloat(m[0]) : NaN;
  }
  function headers(table) { return table.tHead ? [].slice.call(table.tHead.rows[table.tHead.rows.length - 1].cells) : []; }
  function column(table, names) {
    var hs = headers(table);
    for (var i = 0; i < hs.length; i++) if (names.indexOf(hs[i].textContent.trim().toLowerCase()) >= 0) return i;
    return -1;
  }
  function sortBy(table, col, dir) {
    var body = table.tBodies[0], rows = [].slice.call(body.rows);
    var keys = rows.map(function (r) { return r.cells[col] ? r.cells[col].textContent : ""; });
    var numeric = keys.every(function (k) { var v = num(k); return v === null || !isNaN(v); });
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var x = numeric ? num(keys[a]) : keys[a].trim().toLowerCase(), y = numeric ? num(keys[b]) : keys[b].trim().toLowerCase();
      if (x === null || x === "" || x === "–") return (y === null || y === "" || y === "–") ? a - b : 1;
      if (y === null || y === "" || y === "–") return -1;
      return x < y ? -dir : x > y ? dir : a - b;
    });
    order.forEach(function (i) { body.appendChild(rows[i]); });
    headers(table).forEach(function (th, i) {
      th.setAttribute("aria-sort", i === col ? (dir > 0 ? "ascending" : "descending") : "none");
    });
  }
  var modelSelect = document.getElementById("filter-model"), envSelect = document.getElementById("filter-env");
  function envOf(row, envCol, configCol) {
    if (envCol >= 0 && row.cells[envCol]) return row.cells[envCol].textContent.trim();
    if (configCol >= 0 && row.cells[configCol]) return row.cells[configCol].textContent.trim().split("/")[0];
    return null;
  }
  function apply() {
    var model = modelSelect ? modelSelect.value : "", env = envSelect ? envSelect.value : "";
    document.querySelectorAll(".explore-box").forEach(function (box) {
      var table = box.querySelector("table"), input = box.querySelector("input.table-filter");
      if (!table || !table.tBodies.length) return;
      var text = input ? input.value.trim().toLowerCase() : "";
      var modelCol = column(table, ["model"]), envCol = column(table, ["env"]);
      var configCol = column(table, ["benchmark_id", "configuration"]);
      var rows = [].slice.call(table.tBodies[0].rows), shown = 0;
      rows.forEach(function (row) {
        var ok = !text || row.textContent.toLowerCase().indexOf(text) >= 0;
        if (ok && model && modelCol >= 0) ok = row.cells[modelCol].textContent.trim() === model;
        var rowEnv = envOf(row, envCol, configCol);
        if (ok && env && rowEnv !== null) ok = rowEnv === env;
        row.style.display = ok ? "" : "none";
        if (ok) shown++;
      });
      headers(table).forEach(function (th, i) {
        var m = th.textContent.trim().match(/^(\S+) \(Cum\)$/), hide = !!(m && env && m[1] !== env);
        th.style.display = hide ? "none" : "";
        rows.forEach(function (row) { if (row.cells[i]) row.cells[i].style.display = hide ? "none" : ""; });
      });
      var count = box.querySelector(".count");
      if (count) count.textContent = shown + " of " + rows.length + " rows";
    });
    document.querySelectorAll("[data-env]").forEach(function (el) {
      var models = el.getAttribute("data-models");
      var ok = (!env || el.getAttribute("data-env") === env) && (!model || models === null || models.split("|").indexOf(model) >= 0);
      el.style.display = ok ? "" : "none";
    });
  }
  document.querySelectorAll(".explore-box table").forEach(function (table) {
    headers(table).forEach(function (th, i) {
      th.classList.add("sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      th.title = "sort by this column (click again to reverse)";
      function go() { sortBy(table, i, th.getAttribute("aria-sort") === "ascending" ? -1 : 1); }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
    });
  });
  document.querySelectorAll("input.table-filter").forEach(function (input) { input.addEventListener("input", apply); });
  [modelSelect, envSelect].forEach(function (s) { if (s) s.addEventListener("change", apply); });
  apply();
})();
"""
"""The page's script: sorting, the filters (inlined; plain DOM, no library)."""


def _table(frame: pd.DataFrame, css_id: str | None = None) -> str:
    """An explorable table: sortable headers, a row filter and a count, scrolling inside its own box."""
    table = frame.to_html(index=False, escape=True, na_rep="–", border=0, table_id=css_id)
    tools = (
        '<div class="tools"><input type="search" class="table-filter" placeholder="filter rows" '
        f'aria-label="filter rows"> <span class="count">{len(frame)} rows</span> · click a header to sort</div>'
    )
    return f'<div class="explore-box">{tools}<div class="scroll">{table}</div></div>'


def _figure(fig: Figure, caption: str) -> str:
    alt = html.escape(caption, quote=True)
    return f'<figure><img src="{data_uri(fig)}" alt="{alt}"><figcaption class="note">{alt}</figcaption></figure>'


def _uri(path: str) -> bool:
    """Whether ``path`` is already a URI: remote storage, or a ``file://`` URI kept as given."""
    return is_url(path) or path.startswith("file://")


def _parent(path: str) -> str:
    """The folder of a log file, local or remote (``s3://bucket/logs/x.eval`` -> ``s3://bucket/logs``)."""
    return path.rsplit("/", 1)[0] if _uri(path) else str(Path(path).parent)


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _href(path: str) -> str:
    """A link to a log file: a ``file://`` URI for a local one, the URL itself for a remote one."""
    if _uri(path):
        return path
    return Path(path).resolve().as_uri()


def _filters(frame: pd.DataFrame) -> str:
    """The model and env selectors (applied by :data:`SCRIPT`)."""

    def select(name: str, values: Sequence[str]) -> str:
        options = "".join(f'<option value="{html.escape(v, quote=True)}">{html.escape(v)}</option>' for v in values)
        return (
            f'<label>{name.capitalize()} <select id="filter-{name}"><option value="">all</option>{options}'
            "</select></label>"
        )

    models = sorted(str(m) for m in frame["model"].unique())
    envs = sorted(str(e) for e in frame["env"].unique())
    return (
        f'<div id="filters">{select("model", models)}{select("env", envs)}'
        '<span class="note">filter every table, the per-env plots and the configurations</span></div>'
    )


def _env_multiples(frame: pd.DataFrame, n_boot: int) -> list[str]:
    """One learning curve per env (small multiples), each tagged with its env for the env filter."""
    from ._plots import learning_curves

    parts = ['<div class="multiples">']
    for env, rows in frame.groupby("env", sort=True):
        fig = learning_curves(rows, n_boot=n_boot)
        parts.append(
            f'<div data-env="{html.escape(str(env), quote=True)}" style="display: inline-block">'
            f"{_figure(fig, f'Learning curve: {env}')}</div>"
        )
    parts.append("</div>")
    return parts


def _view_command(logs: Sequence[str]) -> str:
    dirs = sorted({_parent(str(p)) for p in logs})
    return "\n".join(f"inspect view --log-dir {d}" for d in dirs)


def _config_section(config: str, rows: pd.DataFrame, n_boot: int, ranked: bool = True) -> str:
    positions = [p for p in position_columns(rows) if rows[p].notna().any()]
    table = []
    for model, group in rows.groupby("model", sort=True):
        done = group[group["complete"]]
        line: dict[str, object] = {
            "Model": model,
            "Sequences": len(done),
            "Incomplete": int((~group["complete"]).sum()),
        }
        for metric in METRICS:
            est = config_mean(group, metric, n_boot)
            line[metric] = cell(est.mean, est.low, est.high)
        for p in positions:
            line[p] = f"{done[p].mean():.2f}" if len(done) else "–"
        unfinished = group[group["eval_status"] != "success"]
        if len(unfinished):
            line["Unfinished evals"] = f"{len(unfinished)} sequences left out"
        line["Log files"] = ", ".join(sorted({_name(str(p)) for p in group["log"]}))
        table.append(line)
    first = rows.iloc[0]
    left_out = "" if ranked else ", not ranked: not run by every model"
    summary = html.escape(
        f"{config}  ({first['latent_complexity']} latent, {rows['model'].nunique()} models{left_out})"
    )
    command = html.escape(_view_command(rows["log"].unique()))
    links = ", ".join(
        f'<a href="{html.escape(_href(str(p)), quote=True)}">{html.escape(_name(str(p)))}</a>'
        for p in sorted(rows["log"].unique())
    )
    models = html.escape("|".join(sorted(str(m) for m in rows["model"].unique())), quote=True)
    anchor = html.escape("config-" + config.replace("/", "-"), quote=True)
    return (
        f'<details id="{anchor}" data-env="{html.escape(str(first["env"]), quote=True)}" data-models="{models}">'
        f'<summary>{summary} <a href="#{anchor}" title="link to this configuration">#</a></summary>'
        f"{_table(pd.DataFrame(table))}"
        f'<p class="note transcripts">Transcripts: <code>{command}</code>, then open the log file: {links}.</p>'
        "</details>"
    )


def render_report(
    frame: pd.DataFrame,
    sources: Sequence[str],
    title: str = "LatentGym report",
    by: Sequence[str] = (),
    selection: Selection = Selection(),
    handoff: pd.DataFrame | None = None,
    n_boot: int = N_BOOTSTRAP,
    all_configs: bool = False,
) -> str:
    """The HTML page for the sequences in ``frame`` (read from ``sources``), after ``selection``."""
    scope = leaderboard_scope(frame, selection, all_configs)
    board = leaderboard(frame, by=by, n_boot=n_boot, scope=scope)
    adaptation = scope.shown_adaptation
    figures = report_figures(scope.frame, handoff, n_boot)
    return render_page(
        selection.apply(frame), sources, board, adaptation, figures, title=title, by=by, n_boot=n_boot, scope=scope
    )


def _coverage_section(scope: Scope) -> list[str]:
    parts = ["<h2 id='coverage'>Coverage</h2>", _table(coverage_table(scope), "coverage-table")]
    parts.append(
        '<p class="note">Configurations and sequences per model in finished evals; sequences of unfinished '
        "evals are left out of every number on this page.</p>"
    )
    for note in scope.notes:
        parts.append(f'<p class="note warn">{html.escape(note)}</p>')
    if scope.unfinished:
        listed = pd.DataFrame(list(scope.unfinished))[["model", "eval_status", "log"]]
        parts.append(_table(listed.assign(log=listed["log"].map(lambda p: _name(str(p))))))
    return parts


def render_page(
    frame: pd.DataFrame,
    sources: Sequence[str],
    board: pd.DataFrame,
    adaptation: pd.DataFrame,
    figures: dict[str, Figure],
    title: str = "LatentGym report",
    by: Sequence[str] = (),
    n_boot: int = N_BOOTSTRAP,
    scope: Scope | None = None,
) -> str:
    """The HTML page from parts already computed: ``frame`` holds every selected sequence, ``scope``
    (:func:`leaderboard_scope`) what the leaderboard ranks, with the leaderboard, the adaptation
    table and :func:`report_figures` (``write_report`` saves the same figures as files)."""
    scope = scope or leaderboard_scope(frame)
    shown = display_table(board, by)
    ranked = set(scope.configs)
    incomplete = frame[~frame["complete"]]
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        _filters(frame),
        f'<p class="note">Generated {datetime.now(UTC):%Y-%m-%d %H:%M UTC} from '
        f"{html.escape(', '.join(sources))}: {frame['model'].nunique()} models, "
        f"{frame['benchmark_id'].nunique()} configurations ({len(ranked)} ranked), "
        f"{int(frame['complete'].sum())} complete and {len(incomplete)} incomplete sequences. Transcripts: "
        f"<code>{html.escape(_view_command(frame['log'].unique()))}</code></p>",
        "<h2 id='leaderboard'>Leaderboard</h2>",
        _table(shown, "leaderboard-table"),
        f'<p class="note">{html.escape(FOOTNOTE)}</p>',
        *_coverage_section(scope),
    ]
    parts.append("<h2 id='incomplete'>Incomplete sequences</h2>")
    if incomplete.empty:
        parts.append('<p class="note">None: every sequence finished all its games.</p>')
    else:
        columns = ["model", "benchmark_id", "seed", "episodes_completed", "num_episodes", "stop", "eval_status", "log"]
        listed = incomplete[columns].copy()
        listed["log"] = listed["log"].map(lambda p: _name(str(p)))
        parts.append('<p class="note warn">Excluded from every mean above; listed so they are never silently lost.</p>')
        parts.append(_table(listed))
    parts.append("<h2 id='adaptation'>Adaptation score per configuration</h2>")
    # --- adaptation scores: both bases explained; the basis column says which one applies ---
    parts.append(
        '<p class="note">basis reward: score = (R − R_memoryless) / (R_oracle − R_memoryless), R = mean cumulative '
        "reward on the sequences the model and both scripted references completed, used when the reference gap is "
        f"at least {MIN_GAP_PER_GAME} per game. basis turns: score = (T_memoryless − T) / (T_memoryless − T_oracle), "
        "T = mean turns of the won tasks on the sequences where all three won a task, used when the reward gap is "
        f"too small but the oracle wins at least {MIN_TURN_GAP} turns faster. No basis: neither gap is meaningful, "
        "and the note says why. See docs/adaptation.md.</p>"
    )
    # --- end adaptation scores ---
    parts.append(_table(adaptation.round(3)))
    parts.append("<h2 id='plots'>Plots</h2>")
    parts.append('<p class="note">Ranked sequences only (as the leaderboard).</p>')
    parts.append(
        _figure(figures["learning_curve"], "Learning curve: mean reward per task position, all configurations")
    )
    for axis in ("prompt", "feedback"):
        if scope.frame[axis].nunique() > 1:
            parts.append(_figure(figures[f"learning_curve_by_{axis}"], f"Learning curve per {axis}"))
    # --- turns learning curve ---
    if "turns_curve" in figures:
        parts.append(_figure(figures["turns_curve"], "Turns per won task at each task position (lower: faster)"))
    # --- end turns learning curve ---
    parts.append(_figure(figures["env_bars"], "Cumulative reward per env"))
    if scope.frame["env"].nunique() > 1:  # --- per-env small multiples ---
        parts.append('<p class="note">Learning curve per env (the env filter above shows one).</p>')
        parts.extend(_env_multiples(scope.frame, n_boot))
    if "handoff_efficiency" in figures:
        parts.append(_figure(figures["handoff_efficiency"], "Hand-off efficiency against K"))
    parts.append("<h2 id='configurations'>Configurations</h2>")
    for config, rows in frame.groupby("benchmark_id", sort=True):
        parts.append(_config_section(str(config), rows, n_boot, ranked=str(config) in ranked))
    parts.append(f"<script>{SCRIPT}</script>")
    parts.append("</body></html>")
    return "\n".join(parts)
