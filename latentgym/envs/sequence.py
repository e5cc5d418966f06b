"""The N-episode sequence protocol: one conversation, N games, per-episode rewards.

Layout of the conversation (the original packed items 1-3 into one system message, which some
providers reject):

- **system message**: the env's rules text, that N games are played in sequence, and the prompt
  variant's hint;
- **first user message**: the header of game 1 and its initial observation;
- **after each agent turn**: exactly one user message. Mid-episode it is the step reply. At a
  non-final episode end it is the step reply, the end feedback, the transition (game k complete,
  the variant's reminder, the header of game k+1) and game k+1's initial observation. At the final
  end it is the step reply and the end feedback, and ``done`` becomes true.

Headers and end lines use fixed markers (:data:`HEADER_RE`, :data:`END_RE`) so a transcript can be
split back into games by anyone who reads it, the scripted agents included.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .base import SUCCESS_THRESHOLD, Game, RuleSet, StepResult
from .definition import EnvDefinition, Feedback, Prompt, RewardType
from .errors import LatentGymError
from .latent import Latent

DEFAULT_MAX_TOTAL_TURNS = 1000
"""Sequence-wide turn cap; hitting it ends the run as incomplete."""

HEADER_RE = re.compile(r"^## Game (\d+) of (\d+): (.+)$", re.MULTILINE)
END_RE = re.compile(r"^Game (\d+) over\. Score: ([0-9.]+)\.", re.MULTILINE)


def header(k: int, n: int, title: str) -> str:
    return f"## Game {k} of {n}: {title}"


@dataclass(frozen=True, slots=True)
class Opening:
    """The first input: a system message and the first user message."""

    system: str
    user: str


class SequenceStep(NamedTuple):
    """The outcome of one agent turn at the sequence level.

    A NamedTuple holding plain counters because one is built per step; the metadata dict of
    the spec is built only when read (:attr:`metadata`).

    Attributes:
        observation: The single user message to append.
        reward: Step reward under the sequence's reward type.
        done: True iff N episodes have finished (never true on truncation).
        truncated: True when the sequence-wide turn cap stopped the run early.
        episode_done: Whether this turn ended an episode.
        step: The game's own :class:`StepResult` for this turn.
        turn: Turns played in the whole sequence.
        episode: Index of the current episode (already advanced after a non-final end).
        episode_turn: Turns played in the current episode (0 right after a transition).
        episode_rewards: Rewards of the finished episodes.
        turns_per_episode: Turns of the finished episodes.
        sequence: The sequence env (for its constant metadata).
    """

    observation: str
    reward: float
    done: bool
    truncated: bool
    episode_done: bool
    step: StepResult
    turn: int
    episode: int
    episode_turn: int
    episode_rewards: tuple[float, ...]
    turns_per_episode: tuple[int, ...]
    sequence: SequenceEnv

    @property
    def metadata(self) -> dict[str, Any]:
        """The step metadata of the spec (turn counters, rewards so far...)."""
        seq = self.sequence
        game = seq.game
        return {
            "turn": self.turn,
            "episode": self.episode,
            "episode_turn": self.episode_turn,
            "total_episodes": seq.num_episodes,
            "episode_rewards": list(self.episode_rewards),
            "turns_per_episode": list(self.turns_per_episode),
            "cumulative_reward": sum(self.episode_rewards),
            "latent_id": seq.latent.id,
            "reward_type": seq.reward_type,
            "max_turns_per_episode": game.max_turns if game else seq.rules.max_turns_per_episode,
        }


@dataclass(frozen=True, slots=True)
class EpisodeKind:
    """What one game of a mixed-environment sequence is: its env, its latent and its rules."""

    definition: EnvDefinition
    latent: Latent
    rules: RuleSet


@dataclass
class SequenceEnv:
    """Plays N episodes of one env in one conversation.

    Build it with :meth:`latentgym.envs.catalogue.Environment.make` (seeded generation) or
    ``Environment.make(seed, draw=...)`` (fixed configs, e.g. from trajectory files).
    """

    definition: EnvDefinition
    latent: Latent
    configs: Sequence[dict[str, Any]]
    rules: RuleSet
    prompt: Prompt = "no_info"
    feedback: Feedback = "standard"
    reward_type: RewardType = "cumulative"
    max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS
    play_rng: random.Random = field(default_factory=lambda: random.Random(0))
    game_options: dict[str, Any] = field(default_factory=dict)
    kinds: Sequence[EpisodeKind] | None = None
    """Per-game env, latent and rules for a mixed-environment sequence (``None``: one env)."""
    system_text: str | None = None
    """Replaces the single env's rules text (a mixed sequence states each game's rules in turn)."""

    episode_index: int = field(default=0, init=False)
    total_turns: int = field(default=0, init=False)
    episode_rewards: tuple[float, ...] = field(default=(), init=False)
    """Rewards of the finished episodes (a tuple: each step's snapshot shares it)."""
    turns_per_episode: tuple[int, ...] = field(default=(), init=False)
    done: bool = field(default=False, init=False)
    truncated: bool = field(default=False, init=False)
    game: Game | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if not self.configs:
            raise LatentGymError("a sequence needs at least one episode config")
        # Constants of a single-env sequence, looked up once rather than at every boundary.
        self._n = len(self.configs)
        self._reminder = "" if self.kinds is not None else self.definition.reminder(self.prompt, self.latent)
        self._information = self.feedback == "information"
        self._live = False  # started and neither done nor truncated

    @property
    def num_episodes(self) -> int:
        return self._n

    def kind(self, index: int) -> EpisodeKind | SequenceEnv:
        """What game ``index`` (0-based) is: its ``definition``, ``latent`` and ``rules``.

        A single-env sequence answers for itself: it has the same three attributes.
        """
        return self if self.kinds is None else self.kinds[index]

    def _new_game(self, index: int) -> Game:
        kind = self.kind(index)
        if not self.game_options:
            return kind.definition.game(self.configs[index], kind.rules, self.play_rng)
        options = {k: v[index] for k, v in self.game_options.items()}
        return kind.definition.game(self.configs[index], kind.rules, self.play_rng, **options)

    def _rules_when_new(self, index: int) -> str:
        """A mixed sequence states a game's rules when its kind of game first appears."""
        if self.kinds is None:
            return ""
        kind = self.kinds[index]
        if any(k.definition.name == kind.definition.name for k in self.kinds[:index]):
            return ""
        count = sum(k.definition.name == kind.definition.name for k in self.kinds)
        return kind.definition.intro(kind.rules, self.configs[index], count)

    def start(self) -> Opening:
        """Reset the sequence and return the opening messages."""
        self.episode_index = 0
        self.total_turns = 0
        self.episode_rewards = ()
        self.turns_per_episode = ()
        self.done = False
        self.truncated = False
        self.game = self._new_game(0)
        if self.system_text is not None:
            system = self.system_text
        else:
            intro = self.definition.intro(self.rules, self.configs[0], self._n)
            hint = self.definition.hint(self.prompt, self.latent)
            system = f"{intro}\n\n{hint}" if hint else intro
        first = (header(1, self._n, self.kind(0).definition.title), self._rules_when_new(0), self.game.reset())
        self._live = True
        return Opening(system, "\n".join(filter(None, first)))

    def step(self, text: str) -> SequenceStep:
        """Apply one agent reply and return the next user message."""
        if not self._live:
            raise RuntimeError("the sequence is over or not started; call start()")
        game = self.game
        result = game.step(text)  # type: ignore[union-attr]
        self.total_turns = turns = self.total_turns + 1
        if result.done:
            return self._end_episode(game, result, turns)  # type: ignore[arg-type]
        if turns >= self.max_total_turns:
            return self._stop(result.reply, 0.0, result)
        # The common case, kept to one tuple: a mid-episode turn.
        return _new(SequenceStep, (
            result.reply, 0.0, False, False, False, result, turns,
            self.episode_index, game.turn, self.episode_rewards,  # type: ignore[union-attr]
            self.turns_per_episode, self,
        ))

    def _end_episode(self, game: Game, result: StepResult, turns: int) -> SequenceStep:
        """Record the finished episode; the observation adds the feedback and the next opening."""
        k = self.episode_index + 1
        reward = result.reward
        self.episode_rewards += (reward,)
        self.turns_per_episode += (game.turn,)
        detail = game.end_feedback(self._information)
        score = f"Game {k} over. Score: {reward:.2f}. {detail}" if detail else f"Game {k} over. Score: {reward:.2f}."
        # Plain concatenation with a check per optional part: a filter-and-join costs a quarter
        # of a game step, and boundaries are a large share of short episodes.
        observation = f"{result.reply}\n\n{score}" if result.reply else score
        if k == self._n:
            self.done = True
            self._live = False
        else:
            self.episode_index = k
            self.game = nxt = self._new_game(k)
            opening = nxt.reset()
            transition = self._transition(game, k)
            observation = f"{observation}\n\n{transition}"
            if opening:
                observation = f"{observation}\n\n{opening}"
        step_reward = self._step_reward(self.done, reward)
        if not self.done and turns >= self.max_total_turns:
            return self._stop(observation, step_reward, result)
        return _new(SequenceStep, (
            observation, step_reward, self.done, False, True, result, turns,
            self.episode_index, self.game.turn, self.episode_rewards,  # type: ignore[union-attr]
            self.turns_per_episode, self,
        ))

    def _stop(self, observation: str, reward: float, result: StepResult) -> SequenceStep:
        """End the run early: the sequence-wide turn cap was reached."""
        self.truncated = True
        self._live = False
        observation += (
            f"\n\nThe run stopped: the limit of {self.max_total_turns} turns for the whole "
            "sequence was reached."
        )
        return SequenceStep(
            observation, reward, False, True, result.done, result, self.total_turns,
            self.episode_index, self.game.turn, self.episode_rewards,  # type: ignore[union-attr]
            self.turns_per_episode, self,
        )

    def _transition(self, game: Game, k: int) -> str:
        """The lines between two games: the finished game's note, the reminder, the next header."""
        note = game.transition_note()
        if self.kinds is None:
            lines = f"{note}\n{self._reminder}" if note and self._reminder else note or self._reminder
            head = header(k + 1, self._n, self.definition.title)
            return f"{lines}\n{head}" if lines else head
        nxt = self.kinds[k]
        reminder = nxt.definition.reminder(self.prompt, nxt.latent)
        parts = (note, reminder, header(k + 1, self._n, nxt.definition.title), self._rules_when_new(k))
        return "\n".join(filter(None, parts))

    def _step_reward(self, final: bool, episode_reward: float) -> float:
        rewards = self.episode_rewards
        if self.reward_type == "per_episode":
            return episode_reward
        if not final:
            return 0.0
        if self.reward_type == "cumulative":
            return sum(rewards)
        if self.reward_type == "terminal":
            return rewards[-1]
        return rewards[-1] - rewards[0] if len(rewards) > 1 else rewards[0]


_new = tuple.__new__
"""``_new(SequenceStep, (...))`` skips the NamedTuple's Python-level ``__new__`` (see ``new_step``)."""


@dataclass(frozen=True, slots=True)
class SequenceSummary:
    """The standard per-sequence metrics over the completed episodes r_1..r_M (M <= N)."""

    rewards: tuple[float, ...]
    num_episodes: int

    @property
    def complete(self) -> bool:
        return len(self.rewards) == self.num_episodes

    @property
    def cumulative(self) -> float:
        return sum(self.rewards)

    @property
    def initial(self) -> float | None:
        return self.rewards[0] if self.rewards else None

    @property
    def final(self) -> float | None:
        """r_N: defined only for a complete sequence."""
        return self.rewards[-1] if self.complete else None

    @property
    def gain(self) -> float | None:
        """r_N - r_1 for a complete sequence (0 when N = 1)."""
        if not self.complete:
            return None
        return self.rewards[-1] - self.rewards[0] if len(self.rewards) > 1 else 0.0

    @property
    def mean(self) -> float | None:
        return self.cumulative / len(self.rewards) if self.rewards else None

    @property
    def success_rate(self) -> float | None:
        if not self.rewards:
            return None
        return sum(r >= SUCCESS_THRESHOLD for r in self.rewards) / len(self.rewards)

    def tail(self, k: int) -> float | None:
        """T = r_{K+1} + ... + r_N for a hand-off at K (complete sequences only)."""
        return sum(self.rewards[k:]) if self.complete else None

    def head(self, k: int) -> float | None:
        """r_1 + ... + r_K (defined once K episodes are completed)."""
        return sum(self.rewards[:k]) if len(self.rewards) >= k else None
