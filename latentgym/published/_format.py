"""The published LatentGym runs on disk: finding, filtering and reading their JSON files.

The data folder of the LatentGym website repository holds ``index.json`` (a catalogue) and
``trajectories/<variant>/<env>/<latent>/<prompt>__<feedback>__ep<N>/<model>__s<seed>.json``, one
file per recorded sequence. Files are read one at a time, so memory stays bounded whatever the
size of the data.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..envs import LatentGymError, get_env
from ..envs.errors import unknown

VARIANTS = ("frontier", "qwen-base", "qwen-single-rl", "qwen-cross-rl")
"""The four recorded variants: frontier models, and Qwen3-8B before and after each RL recipe."""

VARIANT_PRESETS = {
    "frontier": "default",
    "qwen-base": "rl_training",
    "qwen-single-rl": "rl_training",
    "qwen-cross-rl": "rl_training",
}
"""The rule preset each variant was recorded under: frontier evaluation rules, or the RL rule set."""

CONFIG_DIR = re.compile(r"^(?P<prompt>[a-z_]+)__(?P<feedback>[a-z_]+)__ep(?P<n>\d+)$")
RUN_FILE = re.compile(r"^(?P<model>.+)__s(?P<seed>\d+)\.json$")


def model_label(variant: str, model: str) -> str:
    """The Inspect model name of a published run: ``published/<model>``, with the variant for Qwen."""
    if variant == "frontier":
        return f"published/{model}"
    return f"published/{model}-{variant.removeprefix('qwen-')}"


def preset_for(variant: str) -> str:
    if variant not in VARIANT_PRESETS:
        raise unknown("published variant", variant, VARIANTS)
    return VARIANT_PRESETS[variant]


def data_root(path: str | os.PathLike[str]) -> Path:
    """The ``data`` folder of ``path`` (the repository root or its ``data/``), else a clear error."""
    root = Path(path)
    if not root.exists():
        raise LatentGymError(f"no such data folder: {root}")
    for candidate in (root, root / "data"):
        if (candidate / "trajectories").is_dir():
            return candidate
    raise LatentGymError(f"{root} holds no trajectories/ folder (give the LatentGym website repository or its data/)")


@dataclass(frozen=True)
class ConfigGroup:
    """The files of one (variant, model, env, latent, prompt, feedback, N): one log."""

    variant: str
    model: str
    env: str
    latent: str
    prompt: str
    feedback: str
    num_episodes: int
    files: tuple[Path, ...] = field(default=(), compare=False)
    folder_episodes: int = 0
    """The N of the folder name (``ep<N>``), when the runs' own N differs (see :func:`read_run`)."""

    @property
    def folder_n(self) -> int:
        return self.folder_episodes or self.num_episodes

    @property
    def folder(self) -> str:
        """The configuration folder, relative to ``trajectories/``."""
        return f"{self.variant}/{self.env}/{self.latent}/{self.prompt}__{self.feedback}__ep{self.folder_n}"

    @property
    def label(self) -> str:
        return model_label(self.variant, self.model)

    @property
    def benchmark_id(self) -> str:
        return f"{self.env}/{self.latent}/{self.prompt}/{self.feedback}/ep{self.num_episodes}"

    @property
    def log_name(self) -> str:
        """A stable file name for this group's log (re-runs find and skip it)."""
        return (
            f"{self.variant}_{self.model}_{self.env}_{self.latent}_{self.prompt}_{self.feedback}_ep{self.folder_n}.eval"
        )


def _sorted_dirs(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_dir())


def _check_filter(name: str, wanted: tuple[str, ...], known: list[str]) -> None:
    for value in wanted:
        if value not in known:
            raise unknown(f"published {name}", value, known)


def catalogue(root: Path) -> dict[str, list[str]]:
    """Variants, models and envs present: from ``index.json`` when there, else from the folders."""
    index = root / "index.json"
    if index.is_file():
        try:
            with index.open() as f:
                data = json.load(f)
            return {
                "variant": [str(v) for v in data.get("variants") or VARIANTS],
                "model": [str(m) for m in data.get("models") or []],
                "env": [str(e) for e in (data.get("environments") or {})],
            }
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # a broken catalogue: the folders say the same
    trajectories = root / "trajectories"
    variants = [p.name for p in _sorted_dirs(trajectories)]
    envs = sorted({e.name for v in _sorted_dirs(trajectories) for e in _sorted_dirs(v)})
    models = sorted(
        {
            m["model"]
            for v in _sorted_dirs(trajectories)
            for e in _sorted_dirs(v)
            for lat in _sorted_dirs(e)
            for c in _sorted_dirs(lat)
            for f in os.listdir(c)
            if (m := RUN_FILE.match(f))
        }
    )
    return {"variant": variants, "model": models, "env": envs}


def run_files(folder: Path, on_skip: Callable[[Path, str], None] | None = None) -> list[tuple[str, int, Path]]:
    """(model, seed, path) of every run file of a configuration folder, in name order.

    A file whose name does not follow the layout is left out, and reported to
    ``on_skip(path, reason)`` when given (hidden files are ignored).
    """
    out = []
    for name in sorted(os.listdir(folder)):
        f = RUN_FILE.match(name)
        if not f:
            if on_skip and not name.startswith("."):
                on_skip(folder / name, "not a <model>__s<seed>.json file")
            continue
        out.append((f["model"], int(f["seed"]), folder / name))
    return out


def config_groups(
    root: Path,
    env: tuple[str, ...] = (),
    variant: tuple[str, ...] = (),
    model: tuple[str, ...] = (),
    on_skip: Callable[[Path, str], None] | None = None,
) -> Iterator[ConfigGroup]:
    """Every configuration group under ``root``, in a fixed order, after the filters.

    A filter value that names no env, variant or model of the data is an error. A configuration
    folder or run file whose name does not follow the layout is left out, and reported to
    ``on_skip(path, reason)`` when given (hidden files are ignored).
    """
    known = catalogue(root)
    _check_filter("env", env, known["env"])
    _check_filter("variant", variant, known["variant"])
    if known["model"]:
        _check_filter("model", model, known["model"])
    trajectories = root / "trajectories"
    for variant_dir in _sorted_dirs(trajectories):
        if variant and variant_dir.name not in variant:
            continue
        for env_dir in _sorted_dirs(variant_dir):
            if env and env_dir.name not in env:
                continue
            for latent_dir in _sorted_dirs(env_dir):
                for config_dir in _sorted_dirs(latent_dir):
                    m = CONFIG_DIR.match(config_dir.name)
                    if not m:
                        if on_skip and not config_dir.name.startswith("."):
                            on_skip(config_dir, "not a <prompt>__<feedback>__ep<N> folder")
                        continue
                    by_model: dict[str, list[tuple[int, Path]]] = {}
                    for model_name, seed, path in run_files(config_dir, on_skip):
                        if not model or model_name in model:
                            by_model.setdefault(model_name, []).append((seed, path))
                    for model_name in sorted(by_model):
                        files = tuple(p for _, p in sorted(by_model[model_name]))
                        yield ConfigGroup(
                            variant_dir.name,
                            model_name,
                            env_dir.name,
                            latent_dir.name,
                            m["prompt"],
                            m["feedback"],
                            int(m["n"]),
                            files,
                        )


@dataclass(frozen=True)
class PublishedRun:
    """One recorded sequence (one JSON file), with the fields the import uses."""

    path: Path
    variant: str
    model: str
    model_raw: str
    env: str
    latent: str
    prompt: str
    feedback: str
    num_episodes: int
    seed: int
    episode_rewards: tuple[float, ...]
    episode_turns: tuple[int, ...]
    episode_configs: tuple[dict[str, Any], ...]
    conversation: tuple[dict[str, Any], ...]
    horizon_episodes: int = 0
    """The N of the ``horizon`` field (``ep<N>``); ``num_episodes`` is smaller where the run holds
    fewer episode configs than that (the frontier word-ladder runs: 5 games under ``ep10``)."""

    @property
    def complete(self) -> bool:
        return len(self.episode_rewards) >= self.num_episodes

    @property
    def rule_overrides(self) -> dict[str, Any]:
        """The rules the run overrides: its recorded turn cap, where its first config has one."""
        cap = self.episode_configs[0].get("max_turns_per_episode")
        return {} if cap is None else {"max_turns_per_episode": int(cap)}

    def actions(self) -> list[str]:
        """The assistant replies, in order (one per recorded turn)."""
        return [str(m.get("content") or "") for m in self.conversation if m.get("role") == "assistant"]

    def replies(self) -> list[str | None]:
        """For each assistant reply, the text of the user message that answered it (``None`` at the end)."""
        out: list[str | None] = []
        for i, m in enumerate(self.conversation):
            if m.get("role") == "assistant":
                nxt = self.conversation[i + 1] if i + 1 < len(self.conversation) else None
                out.append(str(nxt.get("content") or "") if nxt and nxt.get("role") == "user" else None)
        return out


def _need(data: dict[str, Any], key: str, path: Path) -> Any:
    if key not in data:
        raise LatentGymError(f"{path}: not a published LatentGym run (no {key!r} field)")
    return data[key]


def read_run(path: str | Path) -> PublishedRun:
    """Read and check one run file; anything malformed is a :class:`LatentGymError` naming it.

    The published N is the ``horizon`` field's, except where the run holds fewer episode configs
    than that: the frontier word-ladder runs say ``ep10`` but were played as 5 games (their
    system message says so and they hold 5 configs and 5 rewards); there N is the data's own
    episode count and ``horizon_episodes`` keeps the ``ep10``.
    """
    path = Path(path)
    try:
        with path.open() as f:
            data = json.load(f)
    except json.JSONDecodeError as exc:
        raise LatentGymError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LatentGymError(f"{path}: unreadable ({exc})") from None
    if not isinstance(data, dict):
        raise LatentGymError(f"{path}: not a published LatentGym run (not a JSON object)")
    try:
        return _check_run(path, data)
    except LatentGymError as exc:
        message = str(exc)
        raise LatentGymError(message if message.startswith(str(path)) else f"{path}: {message}") from None
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise LatentGymError(f"{path}: malformed published run ({type(exc).__name__}: {exc})") from None


def _check_run(path: Path, data: dict[str, Any]) -> PublishedRun:
    env = str(_need(data, "env", path))
    get_env(env)
    horizon = str(_need(data, "horizon", path))
    if not re.fullmatch(r"ep\d+", horizon):
        raise LatentGymError(f"{path}: horizon must look like ep10, got {horizon!r}")
    rewards = tuple(float(r) for r in _need(data, "episode_rewards", path))
    turns = tuple(int(t) for t in _need(data, "episode_turns", path))
    configs = tuple(dict(c) for c in _need(data, "episode_configs", path))
    conversation = tuple(dict(m) for m in _need(data, "conversation", path))
    horizon_n = int(horizon[2:])
    if not configs:
        raise LatentGymError(f"{path}: no episode configs")
    if len(rewards) > len(configs):
        raise LatentGymError(f"{path}: {len(rewards)} episode rewards but only {len(configs)} episode configs")
    run = PublishedRun(
        path=path,
        variant=str(_need(data, "variant", path)),
        model=str(_need(data, "model", path)),
        model_raw=str(data.get("model_name_raw") or data["model"]),
        env=env,
        latent=str(_need(data, "latent", path)),
        prompt=str(_need(data, "prompt", path)),
        feedback=str(_need(data, "feedback", path)),
        num_episodes=min(horizon_n, len(configs)),
        seed=int(_need(data, "seed", path)),
        episode_rewards=rewards,
        episode_turns=turns,
        episode_configs=configs,
        conversation=conversation,
        horizon_episodes=horizon_n,
    )
    preset_for(run.variant)
    if len(turns) < len(rewards):
        raise LatentGymError(f"{path}: {len(rewards)} episode rewards but only {len(turns)} episode turn counts")
    if any(t < 1 for t in turns[: len(rewards)]):
        raise LatentGymError(f"{path}: an episode turn count below 1 ({list(turns)})")
    played = sum(turns[: len(rewards)])
    if played > len(run.actions()):
        raise LatentGymError(
            f"{path}: the episode turn counts add up to {played} but the conversation has {len(run.actions())} replies"
        )
    return run
