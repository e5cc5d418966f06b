"""``latentgym/number_guessing``: find a hidden integer; the targets share a latent."""

from __future__ import annotations

from inspect_ai import Task, task

from .sequence_task import DEFAULT_N_SEQUENCES, DEFAULT_SEED, sequence_task


@task
def number_guessing(
    latent: str = "set_of_3",
    prompt: str = "no_info",
    feedback: str = "standard",
    num_episodes: int | None = None,
    n_sequences: int = DEFAULT_N_SEQUENCES,
    seed: int = DEFAULT_SEED,
    preset: str = "default",
    max_turns: int | None = None,
    safety_max_turns: int | None = None,
    reward_type: str = "cumulative",
    handoff_k: int | None = None,
    trajectories: str | None = None,
    max_context_tokens: int | None = None,
) -> Task:
    """Number guessing sequences.

    Args:
        latent: Latent id (set_of_2, set_of_3, range_100, range_1000, dynamic_range,
            dynamic_full_range, two_ranges).
        prompt: no_info, some_info or full_info.
        feedback: standard or information.
        num_episodes: Games per sequence N (default 10).
        n_sequences: Sequences (samples) in the task.
        seed: Seed of the first sequence; sequence i uses seed + i.
        preset: Rule preset: default (frontier eval, 30 guesses) or rl_training (10 guesses).
        max_turns: Guesses per game (overrides the preset).
        safety_max_turns: Hard per-game bound.
        reward_type: Step reward for RL-style logs (cumulative, terminal, improvement, per_episode).
        handoff_k: Hand the conversation from the explorer role to the exploiter role after game K.
        trajectories: Directory of the original's trajectory JSON files to play instead of
            generated sequences.
        max_context_tokens: Emulated context window in tokens: a sequence whose conversation
            outgrows it ends as incomplete with stop_reason context_overflow.
    """
    return sequence_task(
        "number_guessing", latent, prompt, feedback, num_episodes, n_sequences, seed, preset,
        reward_type=reward_type, handoff_k=handoff_k, trajectories=trajectories,
        max_context_tokens=max_context_tokens,
        max_turns_per_episode=max_turns, safety_max_turns=safety_max_turns,
    )
