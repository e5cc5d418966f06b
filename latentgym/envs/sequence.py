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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True, slots=True)
class EpisodeKind:
    """What one game of a sequence is: its env, its latent and its rules."""

    definition: EnvDefinition
    latent: Latent
    rules: RuleSet


@dataclass(slots=True, kw_only=True)
class SequenceStep:
    """The outcome of one agent turn at the sequence level: a record handed to the caller.

    Not frozen, unlike :class:`StepResult`: one is built per turn, a frozen dataclass pays for
    every field it sets, and nothing in the project modifies one.

    Attributes:
        observation: The single user message to append.
        reward: Step reward under the sequence's reward type.
        done: True iff N episodes have finished (never true on truncation).
        truncated: True when the sequence-wide turn cap stopped the run early.
        step: The game's own :class:`StepResult` for this turn.
        turn: Turns played in the whole sequence.
        episode: Index of the current episode (already advanced after a non-final end).
        episode_turn: Turns played in the current episode (0 right after a transition).
        episode_rewards: Rewards of the finished episodes.
        turns_per_episode: Turns of the finished episodes.
        max_turns_per_episode: T of the current game.
        sequence: The sequence, for its constants (N, latent, reward type).
    """

    observation: str
    reward: float
    done: bool
    truncated: bool
    step: StepResult
    turn: int
    episode: int
    episode_turn: int
    episode_rewards: tuple[float, ...]
    turns_per_episode: tuple[int, ...]
    max_turns_per_episode: int
    sequence: SequenceEnv

    @property
    def episode_done(self) -> bool:
        """Whether this turn ended an episode."""
        return self.step.done

    @property
    def metadata(self) -> dict[str, Any]:
        """The step metadata: turn counters, rewards so far, the latent and the reward type."""
        return {
            "turn": self.turn,
            "episode": self.episode,
            "episode_turn": self.episode_turn,
            "total_episodes": self.sequence.num_episodes,
            "episode_rewards": list(self.episode_rewards),
            "turns_per_episode": list(self.turns_per_episode),
            "cumulative_reward": sum(self.episode_rewards),
            "latent_id": self.sequence.latent.id,
            "reward_type": self.sequence.reward_type,
            "max_turns_per_episode": self.max_turns_per_episode,
        }


@dataclass
class SequenceEnv:
    """Plays N games in one conversation; each game may be of its own kind (a mixed sequence).

    Build it with :meth:`latentgym.envs.Environment.make` (seeded generation, or fixed configs
    from trajectory files).

    Attributes:
        kinds: What each of the N games is.
        configs: The hidden episode configs, one per game (the original's dict form).
        latent: The latent shared by the games.
        system: The system message.
        introductions: Per game, rules text stated in its header (empty unless a mix shows a
            kind for the first time).
        prompt / feedback: The prompt and feedback variants.
        reward_type: How step rewards are paid (see :meth:`_step_reward`).
        max_total_turns: Sequence-wide turn cap.
        play_rng: Randomness during play (bandit pulls), seeded per sequence.
        game_options: Replay options of the games, one value per game.
    """

    kinds: tuple[EpisodeKind, ...]
    configs: tuple[Mapping[str, Any], ...]
    latent: Latent
    system: str
    introductions: tuple[str, ...]
    prompt: Prompt = "no_info"
    feedback: Feedback = "standard"
    reward_type: RewardType = "cumulative"
    max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS
    play_rng: random.Random = field(default_factory=lambda: random.Random(0))
    game_options: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    episode_index: int = field(default=0, init=False)
    total_turns: int = field(default=0, init=False)
    episode_rewards: tuple[float, ...] = field(default=(), init=False)
    """Rewards of the finished episodes."""
    turns_per_episode: tuple[int, ...] = field(default=(), init=False)
    done: bool = field(default=False, init=False)
    truncated: bool = field(default=False, init=False)
    _game: Game[Any, Any] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.configs:
            raise LatentGymError("a sequence needs at least one episode config")
        if not len(self.kinds) == len(self.configs) == len(self.introductions):
            raise LatentGymError(
                f"a sequence needs one kind, config and introduction per game; got {len(self.kinds)}, "
                f"{len(self.configs)} and {len(self.introductions)}"
            )

    @property
    def num_episodes(self) -> int:
        return len(self.configs)

    @property
    def game(self) -> Game[Any, Any]:
        """The game being played (the last one once the sequence is done)."""
        if self._game is None:
            raise RuntimeError("the sequence has not started; call start()")
        return self._game

    def _new_game(self, index: int) -> Game[Any, Any]:
        kind = self.kinds[index]
        options = {k: v[index] for k, v in self.game_options.items()}
        return kind.definition.game(self.configs[index], kind.rules, self.play_rng, **options)

    def start(self) -> Opening:
        """Reset the sequence and return the opening messages."""
        self.episode_index = 0
        self.total_turns = 0
        self.episode_rewards = ()
        self.turns_per_episode = ()
        self.done = False
        self.truncated = False
        self._game = self._new_game(0)
        first = (
            header(1, self.num_episodes, self.kinds[0].definition.title),
            self.introductions[0],
            self._game.opening,
        )
        return Opening(self.system, "\n".join(filter(None, first)))

    def step(self, text: str) -> SequenceStep:
        """Apply one agent reply and return the next user message."""
        game = self._game
        if game is None or self.done or self.truncated:
            raise RuntimeError("the sequence is over or not started; call start()")
        result = game.step(text)
        self.total_turns += 1
        observation, reward = result.reply, 0.0
        if result.done:
            observation, reward = self._end_episode(game, result)
        if not self.done and self.total_turns >= self.max_total_turns:
            self.truncated = True
            observation += (
                f"\n\nThe run stopped: the limit of {self.max_total_turns} turns for the whole sequence was reached."
            )
        current = self.game  # the next game once an episode ended
        return SequenceStep(
            observation=observation,
            reward=reward,
            done=self.done,
            truncated=self.truncated,
            step=result,
            turn=self.total_turns,
            episode=self.episode_index,
            episode_turn=current.turn,
            episode_rewards=self.episode_rewards,
            turns_per_episode=self.turns_per_episode,
            max_turns_per_episode=current.max_turns,
            sequence=self,
        )

    def _end_episode(self, game: Game[Any, Any], result: StepResult) -> tuple[str, float]:
        """Record the finished episode: (observation with feedback and next opening, step reward)."""
        k = self.episode_index + 1
        self.episode_rewards += (result.reward,)
        self.turns_per_episode += (game.turn,)
        detail = game.end_feedback(self.feedback == "information")
        score = f"Game {k} over. Score: {result.reward:.2f}." + (f" {detail}" if detail else "")
        parts = [result.reply, score]
        if k == self.num_episodes:
            self.done = True
        else:
            self.episode_index = k
            self._game = self._new_game(k)
            parts += [self._transition(game, k), self._game.opening]
        return "\n\n".join(filter(None, parts)), self._step_reward(result.reward)

    def _transition(self, game: Game[Any, Any], k: int) -> str:
        """The lines between games k and k+1: the finished game's note, the reminder, the header."""
        nxt = self.kinds[k]
        reminder = nxt.definition.reminder(self.prompt, nxt.latent)
        head = header(k + 1, self.num_episodes, nxt.definition.title)
        return "\n".join(filter(None, (game.transition_note(), reminder, head, self.introductions[k])))

    def _step_reward(self, episode_reward: float) -> float:
        """The reward paid on an episode's last turn under the sequence's reward type."""
        rewards = self.episode_rewards
        if self.reward_type == "per_episode":
            return episode_reward
        if not self.done:
            return 0.0
        if self.reward_type == "cumulative":
            return sum(rewards)
        if self.reward_type == "terminal":
            return rewards[-1]
        return rewards[-1] - rewards[0] if len(rewards) > 1 else rewards[0]


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
