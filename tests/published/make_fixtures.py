"""Write the published-format fixtures under tests/published/fixtures/ (run from the repo root).

The fixtures mimic the layout and field names of the published LatentGym runs, but every config
comes from our own draws and every reply from a small scripted player, so no published file is
copied. A few files are edited on purpose: a recorded reward that disagrees with the replay, a
bandits game that ran past its cap (hard caps), an unsolved ladder that ended on action T+1, and a
run cut short after two of three games.

    python tests/published/make_fixtures.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from latentgym.envs import load_game, resolve

ROOT = Path(__file__).parent / "fixtures" / "data"
LETTERS = "eaiotnslrcudpmhgbfywkvxzjq"


def _player(env: str, config: dict[str, Any], turn: int, history: list[str], model: str) -> str:
    if env == "number_guessing":
        opening = ["[250]", "[750]"] if model.startswith("claude") else ["I will try the middle: [500]"]
        return opening[turn - 1] if turn <= len(opening) else f"[{config['target_number']}]"
    if env == "bandits":
        probs = config["ground_truth"]
        best = max(config["buttons"], key=lambda b: probs[b])
        return f"[{config['buttons'][turn - 1]}]" if turn <= 2 else f"[select {best}]"
    if env == "wordladder":
        path = config["optimal_path"]
        return f"[{path[turn]}]" if turn < len(path) else "[zzz]"
    if env == "hangman":
        return f"[{LETTERS[turn - 1].upper()}]"
    raise ValueError(env)


def _text(env: str, action: str, result: Any, reply: str) -> str:
    """The original-style user text answering one reply (bandit pulls as the original printed them)."""
    if env == "bandits" and isinstance(result, tuple) and result and result[0] == "pull":
        return f"You pressed the {result[1]} button and received a reward of {float(result[2])}."
    return reply


def play(
    variant: str,
    model: str,
    env: str,
    latent: str,
    prompt: str,
    feedback: str,
    n: int,
    seed: int,
    cap: int,
    replies: dict[int, list[str]] | None = None,
) -> dict[str, Any]:
    preset = "default" if variant == "frontier" else "rl_training"
    environment = resolve(env, latent, prompt, feedback, n, preset, max_turns_per_episode=cap)
    configs = [{**c, "max_turns_per_episode": cap} for c in environment.draw(seed).configs]
    conversation = [{"role": "system", "content": f"You will play {n} games of {env}.\n\n--- Episode 1 of {n} ---"}]
    rewards, turns = [], []
    outcome_rng = __import__("random").Random(seed)
    for i, config in enumerate(configs):
        scripted = (replies or {}).get(i)
        outcomes = [1 if outcome_rng.random() < 0.5 else 0 for _ in range(100)]
        options: dict[str, Any] = {"pull_outcomes": outcomes} if env == "bandits" else {}
        game = load_game(env, config, preset=preset, **options)
        turn, history = 0, list[str]()
        while True:
            turn += 1
            action = scripted[turn - 1] if scripted else _player(env, config, turn, history, model)
            history.append(action)
            result = game.step(action)
            conversation.append({"role": "assistant", "content": action})
            text = _text(env, action, result.result, result.reply)
            if result.done:
                text += f"\n\nEpisode {i + 1} finished. Score: {result.reward:.3f}"
                if i + 1 < n:
                    text += f"\n\n--- Game {i + 2} of {n} ---"
            conversation.append({"role": "user", "content": text})
            if result.done:
                break
        rewards.append(result.reward)
        turns.append(turn)
    return {
        "variant": variant,
        "model": model,
        "env": env,
        "latent": latent,
        "prompt": prompt,
        "feedback": feedback,
        "horizon": f"ep{n}",
        "seed": seed,
        "benchmark_id": f"{env}/{latent}/{prompt}/{feedback}/ep{n}",
        "model_name_raw": f"fixture:{model}",
        "reward_type": "cumulative",
        "cumulative_reward": sum(rewards),
        "improvement": rewards[-1] - rewards[0],
        "episode_rewards": rewards,
        "episode_turns": turns,
        "episode_configs": configs,
        "reasoning_trace": [None] * sum(turns),
        "env_params": {"max_turns_per_episode": cap, "latent_id": latent},
        "conversation": conversation,
        "agent_assignments": [f"fixture:{model}"] * n,
    }


def _accepted_neighbour(config: dict[str, Any]) -> str:
    """A word one letter from the start that our dictionary accepts and that is one letter from no path word."""
    start, path = config["start_word"], config["optimal_path"]
    for i in range(len(start)):
        for letter in "zyxwvutsrqponmlkjihgfedcba":
            word = start[:i] + letter + start[i + 1 :]
            near_path = any(sum(a != b for a, b in zip(word, p)) <= 1 for p in path[1:])
            if word == start or near_path:
                continue
            if load_game("wordladder", config, preset="rl_training").step(f"[{word}]").reason is None:
                return word
    raise ValueError(f"no accepted neighbour of {start}")


def write(run: dict[str, Any]) -> None:
    path = (
        ROOT
        / "trajectories"
        / run["variant"]
        / run["env"]
        / run["latent"]
        / f"{run['prompt']}__{run['feedback']}__{run['horizon']}"
        / f"{run['model']}__s{run['seed']}.json"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, separators=(",", ":")) + "\n")


def main() -> None:
    shutil.rmtree(ROOT, ignore_errors=True)
    for model in ("gpt-4o", "claude-sonnet-4-6"):
        for seed in (42, 43, 44):
            run = play("frontier", model, "number_guessing", "set_of_3", "no_info", "standard", 3, seed, cap=30)
            if model == "claude-sonnet-4-6" and seed == 43:
                run["episode_rewards"][1] = 0.5  # a recorded reward our replay does not reproduce
            if model == "gpt-4o" and seed == 44:  # cut short after two of three games
                kept = sum(run["episode_turns"][:2])
                run["episode_rewards"] = run["episode_rewards"][:2]
                run["episode_turns"] = run["episode_turns"][:2]
                run["conversation"] = run["conversation"][: 1 + 2 * kept]
            write(run)
    # bandits, frontier rules: the second game ran past its cap of 3 on invalid replies (hard caps)
    run = play(
        "frontier",
        "gpt-4o",
        "bandits",
        "even_indices_only",
        "no_info",
        "standard",
        2,
        42,
        cap=3,
        replies={1: ["hmm", "[orange]", "no idea", "[select purple]"]},
    )
    run["episode_turns"][1] = 4
    run["episode_rewards"][1] = 0.94
    run["conversation"][-1]["content"] = "You gave no valid action. You have 0 turns left."
    run["conversation"] += [
        {"role": "assistant", "content": "[select purple]"},
        {"role": "user", "content": "You selected 'purple'. Correct!\n\nEpisode 2 finished. Score: 0.940"},
    ]
    write(run)
    # word ladder, RL rules with T=3: the second ladder is unsolved and ended on action T+1
    run = play(
        "qwen-cross-rl",
        "qwen3-8b",
        "wordladder",
        "hub_word_3letter",
        "no_info",
        "standard",
        2,
        42,
        cap=3,
        replies={1: ["[zzz]", "[qqq]", "[xxx]"]},
    )
    run["episode_turns"][1] = 4
    run["conversation"].insert(-1, {"role": "assistant", "content": "[yyy]"})
    run["conversation"].insert(-1, {"role": "user", "content": "That is not a valid word."})
    run["conversation"][-3]["content"] = "That is not a valid word."
    write(run)
    # hangman, RL rules (all_turns, T=4): partial credit at the cap
    write(play("qwen-base", "qwen3-8b", "hangman", "ending_ABLE", "no_info", "standard", 2, 42, cap=4))
    # word ladder, frontier: the folder and horizon say ep4 but the run holds 2 games (as the
    # published frontier ladders hold 5 games under ep10); configs carry hub_word and word_length
    run = play(
        "frontier", "claude-sonnet-4-6", "wordladder", "hub_word_4letter", "full_info", "information", 2, 42, cap=20
    )
    run["horizon"] = "ep4"
    run["benchmark_id"] = run["benchmark_id"].replace("/ep2", "/ep4")
    write(run)
    # word ladder, RL rules, N=1: the original's dictionary rejected a first step ours accepts
    run = play("qwen-single-rl", "qwen3-8b", "wordladder", "hub_word_3letter", "no_info", "standard", 1, 42, cap=10)
    config = run["episode_configs"][0]
    word = _accepted_neighbour(config)
    run["conversation"][1:1] = [
        {"role": "assistant", "content": f"[{config['start_word']}] -> [{word}]"},
        {
            "role": "user",
            "content": f"You attempted an invalid move. Reason: `{word}` is not a recognised English word.",
        },
    ]
    run["episode_turns"][0] += 1
    run["episode_rewards"][0] = 0.88
    write(run)
    # wordle, frontier: the original's dictionary rejected the last guess, which ours scores
    guesses = ["stare", "alarm", "charm", "solar", "borax", "robar"]
    run = play(
        "frontier",
        "gpt-4o",
        "wordle",
        "letter_freq_medium",
        "some_info",
        "standard",
        1,
        42,
        cap=6,
        replies={0: [f"My guess is [{w}]." for w in guesses]},
    )
    run["conversation"][-1]["content"] = (
        "You attempted an invalid move. Reason: 'robar' is not an English word. You have 0 guesses left.\n\n"
        "Episode 1 finished. You didn't guess the word. Score: 0.100"
    )
    run["episode_rewards"][0] = 0.1
    write(run)
    # secretary, frontier: no game finished before the original's 1000-reply cap
    environment = resolve("secretary", "fixed_position_2", "no_info", "standard", 2, "default")
    configs = [dict(c) for c in environment.draw(42).configs]
    conversation = [{"role": "system", "content": "You will play 2 games of secretary.\n\n--- Episode 1 of 2 ---"}]
    for _ in range(1000):
        conversation += [
            {"role": "assistant", "content": "[maybe]"},
            {
                "role": "user",
                "content": "You attempted an invalid move. Reason: Action must be either [accept] or [continue].",
            },
        ]
    write(
        {
            "variant": "frontier",
            "model": "gemini-2.5-flash",
            "env": "secretary",
            "latent": "fixed_position_2",
            "prompt": "no_info",
            "feedback": "standard",
            "horizon": "ep2",
            "seed": 42,
            "benchmark_id": "secretary/fixed_position_2/no_info/standard/ep2",
            "model_name_raw": "fixture:gemini-2.5-flash",
            "reward_type": "cumulative",
            "cumulative_reward": 0.0,
            "improvement": 0.0,
            "episode_rewards": [],
            "episode_turns": [],
            "episode_configs": configs,
            "reasoning_trace": [None] * 1000,
            "env_params": {
                "max_turns_per_episode": configs[0].get("max_turns_per_episode"),
                "latent_id": "fixed_position_2",
            },
            "conversation": conversation,
            "agent_assignments": [],
        }
    )
    index = {
        "counts": {"trajectories": 14},
        "variants": ["frontier", "qwen-base", "qwen-single-rl", "qwen-cross-rl"],
        "models": ["claude-sonnet-4-6", "gemini-2.5-flash", "gpt-4o", "qwen3-8b"],
        "environments": {
            e: {"latents": []} for e in ("number_guessing", "bandits", "wordladder", "hangman", "wordle", "secretary")
        },
        "trajectories": [],
    }
    (ROOT / "index.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
