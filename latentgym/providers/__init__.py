"""Inspect model providers shipped with LatentGym.

``litellm/<model>`` reaches any provider the LiteLLM library supports (OpenRouter, Anthropic,
Gemini, a local vLLM server...). ``litellm`` is imported only when such a model is used, so the
entry point stays cheap.
"""

from inspect_ai.model import ModelAPI, modelapi


@modelapi(name="litellm")
def litellm_api() -> type[ModelAPI]:
    from ._litellm import LiteLLMAPI

    return LiteLLMAPI


__all__ = ["litellm_api"]
