"""LatentGym core: pure-Python game engines, latents, texts and the N-episode sequence.

Imports nothing from Inspect or SkyRL; both consumers build on this package.

>>> from latentgym.envs import resolve
>>> env = resolve("number_guessing", "set_of_3", "full_info", "standard", 10)
>>> seq = env.make(seed=42)
>>> opening = seq.start()
"""

from .base import SUCCESS_THRESHOLD, EpisodeConfig, Game, RuleSet, StepResult, Turn
from .catalogue import (
    LatentInfo,
    from_name,
    list_cross_episode_latents,
    list_feedbacks,
    list_latents,
    list_prompts,
    parse_name,
    resolve,
    rule_parameters,
)
from .definition import FEEDBACKS, PROMPTS, REWARD_TYPES, EnvDefinition, Feedback, Prompt, RewardType
from .environment import Environment, sequence_rng
from .errors import LatentGymError
from .latent import FilterLatent, GeneratorLatent, Latent, SequenceDraw
from .registry import ENV_MODULES, get_env, list_envs
from .replay import TrajectorySet, load_game, load_trajectories, write_trajectories
from .sequence import EpisodeKind, Opening, SequenceEnv, SequenceStep, SequenceSummary
from .task import TaskDefinition

__all__ = [
    "ENV_MODULES",
    "FEEDBACKS",
    "PROMPTS",
    "REWARD_TYPES",
    "SUCCESS_THRESHOLD",
    "EnvDefinition",
    "Environment",
    "EpisodeConfig",
    "EpisodeKind",
    "Feedback",
    "FilterLatent",
    "Game",
    "GeneratorLatent",
    "Latent",
    "LatentGymError",
    "LatentInfo",
    "Opening",
    "Prompt",
    "RewardType",
    "RuleSet",
    "SequenceDraw",
    "SequenceEnv",
    "SequenceStep",
    "SequenceSummary",
    "StepResult",
    "TaskDefinition",
    "TrajectorySet",
    "Turn",
    "from_name",
    "get_env",
    "list_cross_episode_latents",
    "list_envs",
    "list_feedbacks",
    "list_latents",
    "list_prompts",
    "load_game",
    "load_trajectories",
    "parse_name",
    "resolve",
    "rule_parameters",
    "sequence_rng",
    "write_trajectories",
]
