"""The ``litellm/<model>`` provider against a fake OpenAI-compatible server on 127.0.0.1.

The server plays number guessing with the scripted memoryless policy, reports token usage, and
fails the first request with HTTP 500 so LiteLLM's retry path runs. Fully offline.
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
                self._send(200, {
                    "id": f"chatcmpl-{len(server.requests)}",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body["model"],
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": COMPLETION_TOKENS,
                              "total_tokens": prompt_tokens + COMPLETION_TOKENS},
                })

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
    assert (first["temperature"], first["max_tokens"], first["top_p"], first["seed"], first["stop"]) == (
        0.3, 64, 0.9, 7, ["\n\n"],
    )

    usage = log.stats.model_usage["litellm/openai/fake-guesser"]
    expected_input = sum(PROMPT_TOKENS_PER_MESSAGE * len(r["messages"]) for r in fake_server.requests)
    assert usage.input_tokens == expected_input
    assert usage.output_tokens == COMPLETION_TOKENS * len(fake_server.requests)


def test_litellm_is_our_provider_not_inspects_proxy():
    model = get_model("litellm/openai/anything", base_url="http://127.0.0.1:9/v1", api_key="x")
    assert type(model.api).__name__ == "LiteLLMAPI"
