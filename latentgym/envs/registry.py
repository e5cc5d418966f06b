"""The registry of core envs: env id -> the module that defines its ``DEFINITION``.

Adding an env is one folder under ``latentgym/envs/`` plus one line in :data:`ENV_MODULES`.
Env modules are imported on first use, so importing the registry stays cheap.
"""

from __future__ import annotations

import importlib

from .definition import EnvDefinition
from .errors import unknown

ENV_MODULES: dict[str, str] = {
    "number_guessing": "latentgym.envs.number_guessing",
    "wordle": "latentgym.envs.wordle",
    "hangman": "latentgym.envs.hangman",
    "wordladder": "latentgym.envs.wordladder",
    "mastermind": "latentgym.envs.mastermind",
    "bandits": "latentgym.envs.bandits",
    "secretary": "latentgym.envs.secretary",
}
"""Env id -> module defining ``DEFINITION``: the one line to add for a new env."""

_LOADED: dict[str, EnvDefinition] = {}


def list_envs() -> list[str]:
    """Ids of every registered env."""
    return list(ENV_MODULES)


def get_env(name: str) -> EnvDefinition:
    """The definition of one env, importing its module on first use."""
    definition = _LOADED.get(name)
    if definition is None:
        if name not in ENV_MODULES:
            raise unknown("env", name, ENV_MODULES)
        loaded = importlib.import_module(ENV_MODULES[name]).DEFINITION
        if not isinstance(loaded, EnvDefinition):
            raise TypeError(f"{ENV_MODULES[name]}.DEFINITION is not an EnvDefinition")
        definition = _LOADED[name] = loaded
    return definition
