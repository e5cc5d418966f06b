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

from ..base import Field, Game, RuleSet, StepResult, new_step

GUESS_RE = re.compile(r"\[([a-zA-Z]+)\]")


class HangmanRules(RuleSet):
    """Rules of hangman; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=6, ge=1, description="Lives per game.")
    hangman_cap_mode: Literal["lives", "all_turns"] = Field(
        default="lives",
        description="lives: only wrong guesses cost (safety cap bounds the rest); "
        "all_turns: the game also ends after max_turns_per_episode turns of any kind.",
    )


def board_text(board: str) -> str:
    """Positions labelled 0..L-1 with the revealed letter or ``_``."""
    return " ".join(f"{i}:{c}" for i, c in enumerate(board))


class HangmanGame(Game):
    env_name = "hangman"

    def __init__(self, config: dict[str, Any], rules: HangmanRules, rng: Any = None) -> None:
        super().__init__(config, rules, rng)
        self.word = str(self.config["target_word"]).upper()
        self.mode = getattr(rules, "hangman_cap_mode", "lives")
        self.safety = rules.safety_max_turns
        self.cap = min(self.safety, self.max_turns) if self.mode == "all_turns" else self.safety
        self.solved = False  # the board, lives and guesses are set by reset(), which comes first

    def reset(self) -> str:
        self.turn, self.done, self.solved, self.reward = 0, False, False, 0.0
        self.lives = self.max_turns
        # Guessed letters and the board are kept as strings (and the board's text is redrawn only
        # when a letter is revealed) so a step's snapshot for ``info`` is a few references.
        self.guessed = ""
        self.board = "_" * len(self.word)
        self.shown = board_text(self.board)
        return f"Word: {self.shown}\nLives: {self.lives}. Guessed: none."

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn += 1
        m = GUESS_RE.search(text)
        if m is None:
            return self._after("Invalid: reply with one letter or the whole word in brackets, e.g. [E].", False, "format", None)
        guess = m[1].upper()
        if len(guess) == 1:
            if guess in self.guessed:
                return self._after(f"Invalid: {guess} was already guessed.", False, "repeat", guess)
            self.guessed += guess
            if guess in self.word:
                self.board = board = "".join([c if c == guess else b for c, b in zip(self.word, self.board)])
                if "_" not in board:
                    return self._win(guess)
                self.shown = board_text(board)
            else:
                self.lives -= 1
            return self._after(self.shown, True, None, guess)
        if guess == self.word:
            self.board = self.word
            return self._win(guess)
        self.lives -= 1
        return self._after(self.shown, True, None, guess)

    def _win(self, guess: str) -> StepResult:
        self.solved = self.done = True
        self.reward = 1.0
        self.shown = board_text(self.board)
        result = "word_correct" if len(guess) > 1 else self.shown
        return self._result(f"Solved: the word is {self.word}.", True, None, result, guess)

    def _after(self, reply: str, valid: bool, reason: Any, guess: str | None) -> StepResult:
        if self.lives <= 0 or self.turn >= self.cap:
            self.done = True
            self.reward = (len(self.board) - self.board.count("_")) / len(self.board)
        # A valid non-winning reply is the board itself, which is also the turn's result.
        return self._result(reply, valid, reason, reply if valid else None, guess)

    def _result(self, reply: str, valid: bool, reason: Any, result: str | None, guess: str | None) -> StepResult:
        reward = self.reward if self.done else 0.0
        details = (self._info, reward, self.board, self.guessed, self.lives, self.turn, guess)
        return new_step((reply, valid, reason, result, self.done, reward, details))

    def _info(self, reward: float, board: str, guessed: str, lives: int, turn: int, guess: str | None) -> dict[str, Any]:
        return {
            "reward": reward,
            "target_word": self.word.lower(),
            "current_board": board,
            "guessed_letters": sorted(guessed),
            "tries_left": lives,
            "turn": turn,
            "action": guess,
        }

    def end_feedback(self, information: bool) -> str:
        if not information:
            return "Guessed." if self.reward >= 1.0 else ""
        letters = ", ".join(sorted(self.guessed)) or "none"
        return (
            f"{'Guessed' if self.solved else 'Not guessed'}. Board: {board_text(self.board)}. "
            f"Letters: {letters}. The word was {self.word}."
        )

    def transition_note(self) -> str:
        return f"Reward for that word: {self.reward:.2f}. A new word has been chosen."
