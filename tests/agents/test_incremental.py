"""Scripted agents read a conversation incrementally and reply exactly as a full re-read would.

The reference is the pre-incremental algorithm: every turn, the whole transcript parsed anew and
the RNG seeded from a hash of the whole view (``stream=None``). ``play`` (rollouts, benchmarks,
RL checks) and the Inspect provider (``--model latentgym/<agent>``) must give the same replies.
"""

import asyncio
import dataclasses

import pytest
from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    GenerateConfig,
)

from latentgym.agents import provider as provider_module
from latentgym.agents.policies import Secret, act
from latentgym.agents.provider import ScriptedAgentAPI, count_tokens
from latentgym.agents.rollout import play
from latentgym.agents.transcript import Transcript, parse_transcript
from latentgym.envs import list_envs, list_latents, resolve
from latentgym.envs.mixed import MIXED_SUITES

AGENTS = ("random", "memoryless", "adaptive", "oracle")


def reparsed_reply(messages, agent, secret):
    """The reply as computed before: a full parse and a hash of the whole view, every turn."""
    view = dataclasses.replace(parse_transcript(messages), stream=None)
    return act(view, agent, secret)


def reference_play(seq, agent, secret):
    opening = seq.start()
    messages = [("system", opening.system), ("user", opening.user)]
    while True:
        reply = reparsed_reply(messages, agent, secret)
        out = seq.step(reply)
        messages += [("assistant", reply), ("user", out.observation)]
        if out.done or out.truncated:
            return tuple(messages)


def configurations():
    for env in list_envs():
        yield env, list_latents(env)[-1].id
    mixed, latent, _ = next(iter(MIXED_SUITES.values()))
    yield mixed, latent


@pytest.mark.parametrize(("env", "latent"), list(configurations()))
def test_play_matches_a_full_reread_every_turn(env, latent):
    environment = resolve(env, latent, "full_info", "standard", 3)
    for agent in AGENTS:
        for seed in range(2):
            draw = environment.draw(seed)
            secret = Secret(environment.env, environment.latent.id, draw.context) if agent == "oracle" else None
            expected = reference_play(environment.make(seed, draw=draw), agent, secret)
            rollout = play(environment.make(seed, draw=draw), agent, secret)
            assert rollout.messages == expected, (env, latent, agent, seed)


def test_transcript_view_is_updated_in_place_and_counts_messages():
    seq = resolve("wordle", "vowel_start", num_episodes=2).make(1)
    opening = seq.start()
    transcript = Transcript()
    view = transcript.extend([("system", opening.system), ("user", opening.user)])
    assert transcript.count == 2 and len(view.episodes) == 1
    transcript.extend([("assistant", "[crane]"), ("user", seq.step("[crane]").observation)])
    assert transcript.view is view and view.current.turns[0][0] == "[crane]"


def _generate(api, messages):
    output = asyncio.run(api.generate(messages, [], "none", GenerateConfig()))
    return output.completion, output.usage.input_tokens


@pytest.mark.parametrize("agent", ["memoryless", "adaptive", "random"])
def test_provider_reads_new_messages_only_and_replies_as_before(agent, monkeypatch):
    api = ScriptedAgentAPI(agent)
    fed = []
    original_feed = Transcript.feed

    def counting_feed(self, role, text):
        fed.append(role)
        original_feed(self, role, text)

    monkeypatch.setattr(Transcript, "feed", counting_feed)
    seq = resolve("number_guessing", "set_of_3", "full_info", "standard", 3).make(5)
    opening = seq.start()
    messages: list[ChatMessage] = [ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)]
    read_by_provider = 0
    while True:
        before = len(fed)
        reply, input_tokens = _generate(api, messages)
        read_by_provider += len(fed) - before
        assert reply == reparsed_reply([(m.role, m.text) for m in messages], agent, None)
        assert input_tokens == sum(count_tokens(m.text) for m in messages)
        out = seq.step(reply)
        messages += [ChatMessageAssistant(content=reply), ChatMessageUser(content=out.observation)]
        if out.done:
            break
    assert read_by_provider == len(messages) - 2  # every message read once (the last two were never sent)


def test_provider_reads_anew_a_conversation_that_does_not_extend_the_kept_one(monkeypatch):
    api = ScriptedAgentAPI("memoryless")
    seq = resolve("number_guessing", "set_of_3", num_episodes=2).make(0)
    opening = seq.start()
    system, first = ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)
    reply, _ = _generate(api, [system, first])
    observation = seq.step(reply).observation
    _generate(api, [system, first, ChatMessageAssistant(content=reply), ChatMessageUser(content=observation)])
    # the same conversation with its last turn replaced (a new message id): read from scratch
    edited = [system, first, ChatMessageAssistant(content="[1]"), ChatMessageUser(content="Too low.")]
    expected = reparsed_reply([(m.role, m.text) for m in edited], "memoryless", None)
    assert _generate(api, edited)[0] == expected
    # a cache of one conversation: a second conversation evicts the first, which is then read anew
    monkeypatch.setattr(provider_module, "CONVERSATIONS_KEPT", 1)
    other = [ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)]
    _generate(api, other)
    assert list(api._conversations) == [other[0].id]
    assert _generate(api, edited)[0] == expected
