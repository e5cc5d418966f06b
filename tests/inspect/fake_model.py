"""A model provider for tests that replays a script of replies, failures and stop reasons.

``get_model("lgscript/any", script=[...], memoize=False)``; each call takes the next entry:

- a string: the reply;
- ``{"raise": "message"}``: the call raises ``RuntimeError(message)``;
- ``{"text": ..., "stop_reason": ..., "error": ...}``: a reply with that stop reason / error;
- ``{"sleep": seconds}`` (with or without ``text``): wait that long first (a hung provider; with
  ``GenerateConfig(attempt_timeout=...)`` Inspect cancels the attempt and retries, which takes
  the next entry).

Retries are immediate (no backoff), so failure tests stay fast.

Past the end of the script every call answers ``[1]``. Usage counts whitespace tokens.
"""

from __future__ import annotations

from typing import Any

import anyio
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolInfo
from tenacity import wait_none

PROVIDER = "lgscript"
AFTER_SCRIPT = "[1]"


class ScriptedRepliesAPI(ModelAPI):
    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        script: list[Any] | None = None,
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        self.script = list(script or [])
        self.calls = 0

    def retry_wait(self):  # noqa: ANN201 - tenacity's wait type
        return wait_none()

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        entry = self.script[self.calls] if self.calls < len(self.script) else AFTER_SCRIPT
        self.calls += 1
        if isinstance(entry, str):
            entry = {"text": entry}
        if "sleep" in entry:
            await anyio.sleep(entry["sleep"])
            entry = {"text": AFTER_SCRIPT, **entry}
        if "raise" in entry:
            raise RuntimeError(entry["raise"])
        output = ModelOutput.from_content(
            model=self.model_name,
            content=entry["text"],
            stop_reason=entry.get("stop_reason", "stop"),
            error=entry.get("error"),
        )
        prompt = sum(len(m.text.split()) for m in input)
        reply = len(entry["text"].split())
        output.usage = ModelUsage(input_tokens=prompt, output_tokens=reply, total_tokens=prompt + reply)
        return output


@modelapi(name=PROVIDER)
def scripted_replies() -> type[ModelAPI]:
    return ScriptedRepliesAPI
