"""Secretary scripted agents: the adaptive agent's record rule, its reading of earlier games, and
that it does not fall below the 1/e rule where the maximum sits late or follows a low value."""

from __future__ import annotations

import pytest

from latentgym.agents.policies.secretary import UNIFORM, Seen, _over, _point, accept_plan, value_cue
from latentgym.agents.rollout import play_seed
from latentgym.agents.transcript import Transcript
from latentgym.envs import resolve


@pytest.mark.parametrize(
    "prior,first",
    [(UNIFORM, 3), (_over(range(5, 10)), 5), (_point(4), 4), (_point(0), 0), (_over((8, 9)), 8)],
)
def test_accept_plan_takes_records_from_the_right_position(prior, first):
    plan = accept_plan(prior)
    assert plan.index(True) == first and plan[-1]


def test_seen_finds_a_passed_maximum_from_a_small_score():
    # The maximum (0.9000) was passed at value 2; the last value was taken: score 0.5 * 0.11 / 0.9 = 0.06.
    values = ["2:0.9000", "3:0.2000", "4:0.3000", "5:0.1500", "6:0.2500", "7:0.3500", "8:0.4000", "9:0.1200"]
    end = "10:0.1100 (last)"
    transcript = Transcript()
    transcript.extend([("system", "rules"), ("user", "## Game 1 of 2: Secretary\n1:0.1000")])
    for m in [*values, end]:
        transcript.extend([("assistant", "[continue]"), ("user", m)])
    transcript.extend(
        [
            ("assistant", "[accept]"),
            (
                "user",
                "Accepted 10:0.1100.\n\nGame 1 over. Score: 0.06. Max missed.\n\n## Game 2 of 2: Secretary\n\n1:0.5",
            ),
        ]
    )
    (episode,) = transcript.view.previous_same_env
    seen = Seen(episode)
    assert (seen.position, seen.max_value) == (1, 0.9)
    assert 0.9 not in seen.others and seen.gap


def test_value_cue_needs_two_known_maxima_after_it():
    class Game:
        def __init__(self, values, position):
            self.values, self.position = values, position

    low = Game([0.5, 0.1, 0.9, 0.3], 2)
    assert value_cue([low]) is None
    assert value_cue([low, Game([0.2, 0.7, 0.15, 0.8], 3)]) is not None
    assert value_cue([low, Game([0.2, 0.7, 0.5, 0.8], 3)]) is None


def _mean(latent_id, agent, seeds=range(8)):
    environment = resolve("secretary", latent_id, "full_info", "standard", 10)
    return sum(sum(play_seed(environment, s, agent).rewards) for s in seeds) / len(seeds)


@pytest.mark.parametrize("latent_id", ["second_half_bias", "relative_jump", "max_after_min", "early_decoy"])
def test_adaptive_is_not_below_the_1_over_e_rule(latent_id):
    assert _mean(latent_id, "adaptive") >= _mean(latent_id, "memoryless") + 0.2
