"""StepResult: info is built on demand from a snapshot of its turn."""

from latentgym.envs import load_game
from latentgym.envs.base import StepResult, new_step


def test_info_is_a_snapshot_of_its_turn():
    game = load_game("hangman", {"target_word": "hello", "max_turns_per_episode": 6})
    game.reset()
    first = game.step("[L]")
    second = game.step("[Z]")
    assert first.info["guessed_letters"] == ["L"] and first.info["tries_left"] == 6
    assert second.info["guessed_letters"] == ["L", "Z"] and second.info["tries_left"] == 5
    assert first.info["current_board"] == "__LL_"


def test_info_is_a_new_dict_on_every_read():
    game = load_game("wordle", {"target_word": "crane", "max_turns_per_episode": 6})
    game.reset()
    step = game.step("[slate]")
    step.info["guess_history"].clear()
    assert step.info["guess_history"] == [["slate", list("XXGXG")]]


def test_details_may_be_a_ready_dict_or_empty():
    ready = new_step(("reply", True, None, None, False, 0.0, {"turn": 1}))
    assert isinstance(ready, StepResult) and ready.info == {"turn": 1}
    assert StepResult("reply", True, None, None, False, 0.0).info == {}
