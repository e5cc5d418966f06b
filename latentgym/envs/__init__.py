"""LatentGym core: pure-Python game engines, latents, texts and the N-episode sequence.

Imports nothing from Inspect or SkyRL; both consumers build on this package.

>>> from latentgym.envs import resolve
>>> env = resolve("number_guessing", "set_of_3", "full_info", "standard", 10)
>>> seq = env.make(seed=42)
>>> opening = seq.start()
"""

from .base import SUCCESS_THRESHOLD, Game, RuleSet, StepResult
from .catalogue import (
    ENV_MODULES,
    Environment,
    LatentInfo,
    from_name,
    list_cross_episode_latents,
    get_env,
    list_envs,
    list_feedbacks,
    list_latents,
    list_prompts,
    parse_name,
    resolve,
    rule_parameters,
    sequence_rng,
)
from .definition import FEEDBACKS, PROMPTS, REWARD_TYPES, EnvDefinition, Feedback, Prompt, RewardType
from .errors import LatentGymError
from .latent import FilterLatent, GeneratorLatent, Latent, SequenceDraw
from .replay import TrajectorySet, load_game, load_trajectories, write_trajectories
from .sequence import Opening, SequenceEnv, SequenceStep, SequenceSummary

__all__ = [
    "ENV_MODULES", "FEEDBACKS", "PROMPTS", "REWARD_TYPES", "SUCCESS_THRESHOLD",
    "EnvDefinition", "Environment", "Feedback", "FilterLatent", "Game", "GeneratorLatent",
    "Latent", "LatentGymError", "LatentInfo", "Opening", "Prompt", "RewardType", "RuleSet",
    "SequenceDraw", "SequenceEnv", "SequenceStep", "SequenceSummary", "StepResult",
    "TrajectorySet", "from_name", "list_cross_episode_latents", "get_env", "list_envs", "list_feedbacks", "list_latents",
    "list_prompts", "load_game", "load_trajectories", "parse_name", "resolve",
    "rule_parameters", "sequence_rng", "write_trajectories",
]
