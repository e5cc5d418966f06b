"""A fully defined environment, and the seeded generation of its sequences.

An :class:`Environment` is one choice on the five axes: core env (or a mix of envs) x latent x
prompt x feedback x N, plus the rules. It draws the hidden episode configs of a seed and builds
the :class:`~latentgym.envs.sequence.SequenceEnv` that plays them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .base import RuleSet
from .definition import REWARD_TYPES, EnvDefinition, Feedback, Prompt, RewardType
from .errors import LatentGymError, unknown
from .latent import Latent, SequenceDraw
from .sequence import DEFAULT_MAX_TOTAL_TURNS, EpisodeKind, SequenceEnv


def sequence_rng(env: str, latent: str, seed: int, salt: str = "configs") -> random.Random:
    """A private RNG for one sequence, stable across processes and Python hash seeds.

    String seeds are hashed with SHA-512 by :mod:`random`, so the stream does not depend on
    ``PYTHONHASHSEED`` or on which other sequences were drawn before.
    """
    return random.Random(f"latentgym|{env}|{latent}|{seed}|{salt}")


@dataclass(frozen=True)
class Environment:
    """Core env x latent x prompt x feedback x N, with the rules of each env taking part.

    Attributes:
        env: The env id (``number_guessing``), or a mixed id (``mixed:wordle+hangman:alternating``).
        latent: The latent shared by every game.
        prompt / feedback / num_episodes: The other three axes.
        parts: The kinds of game taking part: one, or one per env of a mixed environment.
        schedule: Which part plays each of the N games.
    """

    env: str
    latent: Latent
    prompt: Prompt
    feedback: Feedback
    num_episodes: int
    parts: tuple[EpisodeKind, ...]
    schedule: tuple[int, ...]

    @classmethod
    def single(cls, kind: EpisodeKind, prompt: Prompt, feedback: Feedback, num_episodes: int) -> Environment:
        """The environment of one core env: N games of the same kind."""
        return cls(kind.definition.name, kind.latent, prompt, feedback, num_episodes, (kind,), (0,) * num_episodes)

    @property
    def definition(self) -> EnvDefinition:
        """The definition of the first env (the only one unless mixed)."""
        return self.parts[0].definition

    @property
    def rules(self) -> RuleSet:
        """The rules of the first env (the only one unless mixed)."""
        return self.parts[0].rules

    @property
    def mixed(self) -> bool:
        return len(self.parts) > 1

    @property
    def name(self) -> str:
        """Benchmark id, e.g. ``number_guessing/set_of_3/no_info/standard/ep10``."""
        return f"{self.env}/{self.latent.id}/{self.prompt}/{self.feedback}/ep{self.num_episodes}"

    def axes(self) -> dict[str, Any]:
        """The configuration's axes as log metadata (one schema for live evals and imported runs)."""
        return {
            "benchmark_id": self.name,
            "env": self.env,
            "latent": self.latent.id,
            "latent_complexity": self.latent.complexity,
            "prompt": self.prompt,
            "feedback": self.feedback,
            "num_episodes": self.num_episodes,
        }

    def kinds(self) -> tuple[EpisodeKind, ...]:
        """What each of the N games is."""
        return tuple(self.parts[i] for i in self.schedule)

    def draw(self, seed: int) -> SequenceDraw:
        """The hidden episode configs and latent context of the sequence with this seed."""
        if not self.mixed:
            kind = self.parts[0]
            rng = sequence_rng(self.env, self.latent.id, seed)
            return kind.latent.sample(rng, self.num_episodes, kind.rules)
        # Each env draws its own games, from an RNG of its own, then they are dealt by schedule.
        draws = []
        for i, part in enumerate(self.parts):
            rng = sequence_rng(self.env, f"{self.latent.id}|{part.definition.name}", seed)
            draws.append(part.latent.sample(rng, max(1, self.schedule.count(i)), part.rules))
        used = [0] * len(self.parts)
        configs = []
        for i in self.schedule:
            configs.append(draws[i].configs[used[i]])
            used[i] += 1
        context = {
            "envs": [p.definition.name for p in self.parts],
            "env_schedule": list(self.schedule),
            "env_latents": [p.latent.id for p in self.parts],
            "env_contexts": [d.context for d in draws],
        }
        return SequenceDraw(tuple(configs), context)

    def system_text(self, first_config: Mapping[str, Any]) -> str:
        """The system message: the rules (of each kind, for a mix) and the prompt variant's hint."""
        if not self.mixed:
            kind = self.parts[0]
            intro = kind.definition.intro(kind.rules, kind.definition.parse_config(first_config), self.num_episodes)
            hint = kind.definition.hint(self.prompt, kind.latent)
            return f"{intro}\n\n{hint}" if hint else intro
        titles = [p.definition.title for p in self.parts]
        parts = [
            f"You will play {self.num_episodes} games in sequence, of {len(titles)} kinds: "
            f"{', '.join(titles)}. The rules of each kind are given when it first appears, and "
            "every game states its own kind in its header."
        ]
        if self.prompt == "some_info":
            parts.append("Hint: the games, of whatever kind, may share a hidden pattern.")
        elif self.prompt == "full_info":
            parts.append(f"Hint: every game, of whatever kind, shares this hidden property: {self.latent.description}")
        return "\n\n".join(parts)

    def introductions(self, configs: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
        """Per game, the rules stated in its header: a mix states a kind's rules where it first
        appears; a single env states them once, in the system message."""
        if not self.mixed:
            return ("",) * len(configs)
        out = []
        for index, part in enumerate(self.schedule):
            if part in self.schedule[:index]:
                out.append("")
                continue
            kind = self.parts[part]
            config = kind.definition.parse_config(configs[index])
            out.append(kind.definition.intro(kind.rules, config, self.schedule.count(part)))
        return tuple(out)

    def make(
        self,
        seed: int,
        reward_type: RewardType = "cumulative",
        max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS,
        draw: SequenceDraw | None = None,
        game_options: Mapping[str, Sequence[Any]] | None = None,
    ) -> SequenceEnv:
        """A fresh sequence env for ``seed`` (or for an explicit ``draw``).

        ``game_options`` maps a replay option of the env's games to one value per episode, e.g.
        ``{"pull_outcomes": [[1, 0, ...], ...]}`` to replay a recorded bandits run exactly.
        """
        if reward_type not in REWARD_TYPES:
            raise unknown("reward type", reward_type, REWARD_TYPES)
        if max_total_turns < self.num_episodes:
            raise LatentGymError(
                f"max_total_turns={max_total_turns} is below num_episodes={self.num_episodes}: every game "
                "takes at least one turn, so the sequence could never complete"
            )
        options = dict(game_options or {})
        allowed = {o for p in self.parts for o in p.definition.game_options}
        for name, values in options.items():
            if name not in allowed:
                raise unknown(f"game option for {self.env}", name, allowed)
            if len(values) != self.num_episodes:
                raise LatentGymError(f"game option {name!r} needs one value per episode ({self.num_episodes})")
        draw = draw or self.draw(seed)
        return SequenceEnv(
            kinds=self.kinds(),
            configs=tuple(draw.configs),
            latent=self.latent,
            system=self.system_text(draw.configs[0]),
            introductions=self.introductions(draw.configs),
            prompt=self.prompt,
            feedback=self.feedback,
            reward_type=reward_type,
            max_total_turns=max_total_turns,
            play_rng=sequence_rng(self.env, self.latent.id, seed, salt="play"),
            game_options={k: tuple(v) for k, v in options.items()},
        )
