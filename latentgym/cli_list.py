"""``latentgym list`` and ``latentgym show``: browse the catalogue from the shell."""

from __future__ import annotations

import argparse

from .envs import (
    from_name,
    get_env,
    list_cross_episode_latents,
    list_envs,
    list_feedbacks,
    list_latents,
    list_prompts,
    rule_parameters,
)


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    if command == "list":
        parser.add_argument("what", choices=["envs", "latents", "prompts", "feedbacks", "rules"])
        parser.add_argument("--env", help="restrict latents/rules to one env")
        parser.add_argument("--cross-episode", action="store_true", help="list the registered cross-episode latents")
    else:
        parser.add_argument("name", help="benchmark id, e.g. number_guessing/set_of_3/full_info/standard/ep10")
        parser.add_argument("--seed", type=int, default=42)


def run(args: argparse.Namespace, command: str) -> int:
    if command == "show":
        opening = from_name(args.name).make(args.seed).start()
        print(f"[system]\n{opening.system}\n\n[user]\n{opening.user}")
        return 0
    if args.what == "envs":
        for name in list_envs():
            definition = get_env(name)
            print(f"{name:18} {len(definition.latent_catalogue):4} latents  N={definition.default_num_episodes}")
    elif args.what == "latents":
        rows = list_cross_episode_latents(args.env) if args.cross_episode else list_latents(args.env)
        for row in rows:
            note = f" [cannot generate episodes: {row.unplayable}]" if row.unplayable else ""
            print(f"{row.env:16} {row.id:32} {row.complexity:9} {row.mode:9} {row.description}{note}")
    elif args.what == "prompts":
        for name, text in list_prompts().items():
            print(f"{name:10} {text}")
    elif args.what == "feedbacks":
        for name, text in list_feedbacks().items():
            print(f"{name:12} {text}")
    else:
        for env in [args.env] if args.env else list_envs():
            definition = get_env(env)
            presets = {"default": {}, **definition.presets}
            for param, default in rule_parameters(env).items():
                values = "  ".join(f"{p}={over.get(param, default)}" for p, over in presets.items())
                print(f"{env:16} {param:24} {values}")
    return 0
