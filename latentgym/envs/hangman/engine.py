"""Hangman: reveal a hidden word letter by letter before the lives run out.

Description:
    The agent guesses one letter or the whole word per turn.
Actions:
    The first ``[letters]`` in the reply (``[a-zA-Z]+``, uppercased): one letter is a letter
    guess, two or more a word guess. No match is ``format``; an already guessed letter is
    ``repeat`` (a turn, no life). Word guesses are never invalid.
Observations:
    After a letter or a wrong word: only the board (positions 0..L-1, revealed letters, ``_`` for
    hidden ones). A correct word, or a board completed by a letter, gets a win reply.
Rewards:
    Solved: 1.0. Otherwise revealed positions / word length.
Episode end:
    Solved; lives at 0 (a new wrong letter or any wrong word costs one); ``safety_max_turns``
    turns; and in ``all_turns`` mode also t = ``max_turns_per_episode``.
Arguments:
    Config keys ``target_word`` (lowercase) and ``max_turns_per_episode`` (= lives); rules
    ``hangman_cap_mode`` (``lives`` | ``all_turns``) and ``safety_max_turns``.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ..base import EpisodeConfig, Field, Game, InvalidReason, RuleSet, Turn

GUESS_RE = re.compile(r"\[([a-zA-Z]+)\]")


class HangmanRules(RuleSet):
    """Rules of hangman; defaults are the frontier-evaluation set."""

    counts_turns = False

    max_turns_per_episode: int = Field(default=6, ge=1, description="Lives per game.")
    hangman_cap_mode: Literal["lives", "all_turns"] = Field(
        default="lives",
        description="lives: only wrong guesses cost (safety cap bounds the rest); "
        "all_turns: the game also ends after max_turns_per_episode turns of any kind.",
    )


class HangmanConfig(EpisodeConfig):
    """One game: the secret word (any case)."""

    target_word: str


def board_text(board: str) -> str:
    """Positions labelled 0..L-1 with the revealed letter or ``_``."""
    return " ".join(f"{i}:{c}" for i, c in enumerate(board))


class HangmanGame(Game[HangmanRules, HangmanConfig]):
    env_name = "hangman"
    config_type = HangmanConfig

    @property
    def turn_cap(self) -> int:
        """T in ``all_turns`` mode; in ``lives`` mode T counts lives, not turns, and only
        ``safety_max_turns`` bounds the game."""
        return self.max_turns if self.rules.hangman_cap_mode == "all_turns" else self.rules.safety_max_turns

    def start(self) -> str:
        self.word = self.config.target_word.upper()
        self.solved = False
        self.lives = self.max_turns
        self.guessed = ""
        self.board = "_" * len(self.word)
        return f"Word: {board_text(self.board)}\nLives: {self.lives}. Guessed: none."

    def play(self, text: str) -> Turn:
        m = GUESS_RE.search(text)
        if m is None:
            return self._board_turn(
                "Invalid: reply with one letter or the whole word in brackets, e.g. [E].", "format", None
            )
        guess = m[1].upper()
        if len(guess) == 1:
            if guess in self.guessed:
                return self._board_turn(f"Invalid: {guess} was already guessed.", "repeat", guess)
            self.guessed += guess
            if guess in self.word:
                self.board = "".join([c if c == guess else b for c, b in zip(self.word, self.board)])
                if "_" not in self.board:
                    return self._win(guess, board_text(self.board))
            else:
                self.lives -= 1
            return self._board_turn(board_text(self.board), None, guess)
        if guess == self.word:
            self.board = self.word
            return self._win(guess, "word_correct")
        self.lives -= 1
        return self._board_turn(board_text(self.board), None, guess)

    def _win(self, guess: str, result: str) -> Turn:
        self.solved = True
        return Turn(reply=f"Solved: the word is {self.word}.", result=result, action=guess, reward=1.0)

    def _board_turn(self, reply: str, reason: InvalidReason | None, guess: str | None) -> Turn:
        """A turn that does not win; a valid one replies with the board, which is also its result."""
        valid = reason is None
        reward = self.revealed_share() if self.lives <= 0 else None
        return Turn(
            reply=reply, valid=valid, reason=reason, result=reply if valid else None, action=guess, reward=reward
        )

    def revealed_share(self) -> float:
        return (len(self.board) - self.board.count("_")) / len(self.board)

    def reward_at_cap(self) -> float:
        return self.revealed_share()

    def info(self, turn: Turn) -> dict[str, Any]:
        return {
            "reward": self.reward if self.done else 0.0,
            "target_word": self.word.lower(),
            "current_board": self.board,
            "guessed_letters": sorted(self.guessed),
            "tries_left": self.lives,
            "turn": self.turn,
            "action": turn.action,
        }

    def end_feedback(self, information: bool) -> str:
        if not information:
            return ""  # the ending turn's reply and the score say how it went
        letters = ", ".join(sorted(self.guessed)) or "none"
        return (
            f"{'Guessed' if self.solved else 'Not guessed'}. Board: {board_text(self.board)}. "
            f"Letters: {letters}. The word was {self.word}."
        )

    def transition_note(self) -> str:
        """Hangman's transition says a new word was chosen; its reward is on the score line above."""
        return "A new word has been chosen."
