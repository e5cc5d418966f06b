"""The ``litellm/<model>`` provider against fake OpenAI- and Anthropic-compatible servers on 127.0.0.1.

The servers play number guessing with the scripted memoryless policy and report token usage. The
OpenAI-compatible one fails the first request with HTTP 500 so LiteLLM's retry path runs; the
Anthropic one (the Messages API LiteLLM calls for ``anthropic/...``) reports prompt-cache usage, and
checks the cache marks. Fully offline.
"""

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # before litellm is imported

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.model import get_model

from latentgym.agents.policies import act
from latentgym.agents.transcript import parse_transcript
from latentgym.tasks import number_guessing

PROMPT_TOKENS_PER_MESSAGE = 7
COMPLETION_TOKENS = 3


class FakeServer:
    """Records every request body; answers chat completions with the memoryless policy."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.failures = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    fail = not server.requests and server.failures == 0
                    if fail:
                        server.failures += 1
                    else:
                        server.requests.append(body)
                if fail:
                    self._send(500, {"error": {"message": "scripted failure", "type": "server_error"}})
                    return
                turns = [(m["role"], m["content"]) for m in body["messages"]]
                reply = act(parse_transcript(turns), "memoryless", None)
                prompt_tokens = PROMPT_TOKENS_PER_MESSAGE * len(turns)
                self._send(
                    200,
                    {
                        "id": f"chatcmpl-{len(server.requests)}",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body["model"],
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}
                        ],
                        "usage": {
                            "prompt_tokens": prompt_tokens,
                            "completion_tokens": COMPLETION_TOKENS,
                            "total_tokens": prompt_tokens + COMPLETION_TOKENS,
                        },
                    },
                )

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1"


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    server = FakeServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_litellm_provider_plays_a_sequence_with_retry_and_usage(fake_server, tmp_path):
    model = get_model(
        "litellm/openai/fake-guesser",
        base_url=fake_server.url,
        api_key="test-key",
        num_retries=2,
    )
    [log] = inspect_eval(
        number_guessing(latent="set_of_2", prompt="full_info", num_episodes=2, n_sequences=1),
        model=model,
        log_dir=str(tmp_path),
        display="none",
        temperature=0.3,
        max_tokens=64,
        top_p=0.9,
        seed=7,
        stop_seqs=["\n\n"],
    )
    assert log.status == "success"
    [sample] = log.samples
    score = sample.scores["sequence_metrics"]
    assert score.value["complete"] == 1.0 and score.value["cumulative"] > 1.0

    # the 500 was retried inside one generate call: the server answered every model call
    assert fake_server.failures == 1
    model_calls = [e for e in sample.events if e.event == "model"]
    assert len(fake_server.requests) == len(model_calls) > 2

    first = fake_server.requests[0]
    assert first["model"] == "fake-guesser"
    assert [m["role"] for m in first["messages"]] == ["system", "user"]
    # an OpenAI-compatible provider caches by itself: plain text messages, no cache marks
    assert all(isinstance(m["content"], str) for r in fake_server.requests for m in r["messages"])
    assert (first["temperature"], first["max_tokens"], first["top_p"], first["seed"], first["stop"]) == (
        0.3,
        64,
        0.9,
        7,
        ["\n\n"],
    )

    usage = log.stats.model_usage["litellm/openai/fake-guesser"]
    expected_input = sum(PROMPT_TOKENS_PER_MESSAGE * len(r["messages"]) for r in fake_server.requests)
    assert usage.input_tokens == expected_input
    assert usage.output_tokens == COMPLETION_TOKENS * len(fake_server.requests)


def test_litellm_is_our_provider_not_inspects_proxy():
    model = get_model("litellm/openai/anything", base_url="http://127.0.0.1:9/v1", api_key="x")
    assert type(model.api).__name__ == "LiteLLMAPI"


CACHE_WRITE, CACHE_READ_PER_MESSAGE, UNCACHED = 11, 5, 2


class FakeAnthropicServer:
    """An Anthropic Messages endpoint (``POST /v1/messages``): records every request body and
    answers with the memoryless policy, reporting cache writes and reads as Anthropic does."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                server.paths.append(self.path)
                turns = [("system", "\n".join(b["text"] for b in body.get("system", [])))]
                for m in body["messages"]:
                    blocks = m["content"] if isinstance(m["content"], list) else [{"text": m["content"]}]
                    turns.append((m["role"], "\n".join(b["text"] for b in blocks)))
                reply = act(parse_transcript(turns), "memoryless", None)
                data = json.dumps(
                    {
                        "id": f"msg_{len(server.requests)}",
                        "type": "message",
                        "role": "assistant",
                        "model": body["model"],
                        "content": [{"type": "text", "text": reply}],
                        "stop_reason": "end_turn",
                        "stop_sequence": None,
                        "usage": {
                            "input_tokens": UNCACHED,
                            "output_tokens": COMPLETION_TOKENS,
                            "cache_creation_input_tokens": CACHE_WRITE,
                            "cache_read_input_tokens": CACHE_READ_PER_MESSAGE * len(body["messages"]),
                        },
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"


@pytest.fixture
def anthropic_server() -> Iterator[FakeAnthropicServer]:
    server = FakeAnthropicServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def _marked(block: dict) -> bool:
    return block.get("cache_control") == {"type": "ephemeral"}


def _play(server, tmp_path, **generate_config):
    [log] = inspect_eval(
        number_guessing(latent="set_of_2", prompt="full_info", num_episodes=2, n_sequences=1),
        model=get_model("litellm/anthropic/claude-sonnet-4-5", base_url=server.url, api_key="test-key"),
        log_dir=str(tmp_path),
        display="none",
        max_tokens=64,
        **generate_config,
    )
    assert log.status == "success"
    return log


def test_anthropic_through_litellm_marks_the_stable_prefix_and_reads_cache_usage(anthropic_server, tmp_path):
    log = _play(anthropic_server, tmp_path)
    requests = anthropic_server.requests
    assert len(requests) > 4 and set(anthropic_server.paths) == {"/v1/messages"}
    for body in requests:
        # the rules: one system block, marked
        [system] = body["system"]
        assert _marked(system) and system["text"].startswith("You will play 2 games")
        users = [m for m in body["messages"] if m["role"] == "user"]
        # the last user message (this turn's prefix) and the one before (the previous turn's)
        assert all(_marked(m["content"][-1]) for m in users[-2:])
        assert not any(_marked(b) for m in users[:-2] for b in m["content"])
        assert not any(_marked(b) for m in body["messages"] if m["role"] == "assistant" for b in m["content"])
        marks = sum(_marked(b) for m in body["messages"] for b in m["content"]) + 1
        assert marks <= 4  # Anthropic's limit of cache breakpoints per request

    usage = log.stats.model_usage["litellm/anthropic/claude-sonnet-4-5"]
    assert usage.input_tokens == UNCACHED * len(requests)
    assert usage.input_tokens_cache_write == CACHE_WRITE * len(requests)
    assert usage.input_tokens_cache_read == sum(CACHE_READ_PER_MESSAGE * len(r["messages"]) for r in requests)
    assert usage.output_tokens == COMPLETION_TOKENS * len(requests)
    # per turn too: the sequence's turn events count cached input as input (context overflow checks)
    [sample] = log.samples
    calls = [e for e in sample.events if e.event == "model"]
    assert calls[-1].output.usage.input_tokens_cache_read == CACHE_READ_PER_MESSAGE * len(requests[-1]["messages"])


def test_cache_prompt_false_sends_no_cache_marks(anthropic_server, tmp_path):
    _play(anthropic_server, tmp_path, cache_prompt=False)
    body = anthropic_server.requests[-1]
    assert not any("cache_control" in b for b in body.get("system", []))
    assert not any("cache_control" in b for m in body["messages"] for b in m["content"])


def test_cache_marks_only_where_the_provider_needs_them():
    from latentgym.providers._litellm import needs_cache_marks

    assert needs_cache_marks("anthropic/claude-sonnet-4-5")
    assert needs_cache_marks("openrouter/anthropic/claude-sonnet-4.5")
    assert needs_cache_marks("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0")
    assert not needs_cache_marks("openrouter/openai/gpt-4o")
    assert not needs_cache_marks("openai/gpt-4o")
    assert not needs_cache_marks("hosted_vllm/Qwen/Qwen3-8B")
