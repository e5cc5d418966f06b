"""``-T`` values that Inspect's YAML parsing garbles, and how a bad one reaches the user of ``inspect eval``."""

import subprocess
import sys

import pytest

from latentgym.config_errors import TaskConfigError
from latentgym.envs import LatentGymError
from latentgym.tasks import mixed, number_guessing


@pytest.mark.parametrize("value", [{"alternating": None}, {"alternating": "set_of_3+range_100"}])
def test_latent_read_as_a_mapping_explains_the_syntax(value):
    with pytest.raises(TaskConfigError) as raised:
        number_guessing(latent=value, n_sequences=1)
    message = str(raised.value)
    assert message.startswith(f"latent must be a latent id, got the mapping {value!r}")
    assert "with no space, e.g. -T latent=alternating:set_of_2+range_100" in message
    assert "latents of number_guessing: set_of_2, set_of_3, range_100" in message
    assert "cyclic2:set_of_3+two_ranges" in message  # the registered cross-episode latents are listed


def test_latent_of_another_type_lists_the_latents():
    with pytest.raises(LatentGymError, match=r"latent must be a latent id \(text\), got 5; latents of number_guessing"):
        number_guessing(latent=5, n_sequences=1)
    with pytest.raises(LatentGymError, match="see `latentgym list latents`"):
        mixed(latent=["a"], n_sequences=1)


def test_long_latent_lists_are_cut():
    with pytest.raises(LatentGymError, match=r"and \d+ more \(latentgym list latents --env wordle\)"):
        from latentgym.tasks import wordle

        wordle(latent=3, n_sequences=1)


def test_handoff_marker_needs_handoff_k():
    with pytest.raises(TaskConfigError, match="handoff_marker='A new player' needs handoff_k"):
        number_guessing(latent="set_of_3", num_episodes=3, n_sequences=1, handoff_marker="A new player")
    with pytest.raises(TaskConfigError, match="handoff_marker must be text, got 5"):
        number_guessing(latent="set_of_3", num_episodes=3, n_sequences=1, handoff_marker=5, handoff_k=1)
    task = number_guessing(latent="set_of_3", num_episodes=3, n_sequences=1, handoff_marker="A new player", handoff_k=1)
    assert task.dataset[0].metadata["handoff_k"] == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["-T", "latent=alternating:"], "latentgym: latent must be a latent id, got the mapping {'alternating': None}"),
        (["-T", "handoff_marker=hi"], "latentgym: handoff_marker='hi' needs handoff_k"),
    ],
)
def test_inspect_eval_prints_one_line(tmp_path, args, message):
    command = [
        sys.executable,
        "-m",
        "inspect_ai",
        "eval",
        "latentgym/number_guessing",
        *args,
        "--model",
        "latentgym/random",
        "--log-dir",
        str(tmp_path),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode != 0
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(message), done.stdout + done.stderr
