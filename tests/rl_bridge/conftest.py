"""Shared fixtures: the reference task and a SkyRL-style scripted rollout loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from latentgym.agents.policies import act
from latentgym.agents.transcript import parse_transcript

NG_TASK = "number_guessing/set_of_3/full_info/standard/ep10"


@pytest.fixture
def ng_task() -> str:
    return NG_TASK


def _play_env(env: Any, agent: str = "adaptive", prompt: Any = None) -> tuple[Any, Any, list, dict]:
    """SkyRL's generator loop with a scripted policy: init -> step until done -> metrics."""
    messages, meta = env.init(prompt or [])
    chat = [(m["role"], m["content"]) for m in messages]
    steps = []
    while True:
        reply = act(parse_transcript(chat), agent)
        out = env.step(reply)
        steps.append((reply, out))
        chat += [("assistant", reply), ("user", out["observations"][0]["content"])]
        if out["done"]:
            return messages, meta, steps, env.get_metrics()


@pytest.fixture
def play_env() -> Callable[..., tuple[Any, Any, list, dict]]:
    return _play_env
