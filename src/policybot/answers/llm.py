"""The only module that imports langchain: chat models behind prompts.Chat.

Two backends, both langchain chat models so that one adapter serves them:
- openai-compatible: langchain-openai's ChatOpenAI against any OpenAI-style endpoint (vLLM,
  Ollama, llama.cpp's server, a hosted API). This is how a province runs a large model.
- llama-cpp: a GGUF file run in-process by llama-cpp-python, wrapped as a langchain chat
  model here (langchain-community's wrapper is not installed and that package is sunset).

Imported only when an LLM backend is configured: langchain takes a second or two to import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr, SecretStr

from policybot.config import LlmSettings
from policybot.errors import PolicybotError

Message = tuple[str, str]  # (role, content), role in system | user | assistant
NO_KEY = "not-needed"  # local servers ignore the key, the OpenAI client insists on one


class LlmError(PolicybotError):
    """The configured model cannot be used; the message says how to fix it."""


class LangchainChat:
    """Plain text in and out of a langchain chat model: `complete` and `stream`."""

    def __init__(self, model: BaseChatModel, name: str) -> None:
        self.model = model
        self.name = name

    def complete(self, messages: Sequence[Message]) -> str:
        return _text(self.model.invoke(_to_langchain(messages)).content)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        for chunk in self.model.stream(_to_langchain(messages)):
            piece = _text(chunk.content)
            if piece:
                yield piece

    def __repr__(self) -> str:
        return f"LangchainChat({self.name!r})"


def _to_langchain(messages: Sequence[Message]) -> list[BaseMessage]:
    kinds: dict[str, type[BaseMessage]] = {
        "system": SystemMessage,
        "user": HumanMessage,
        "assistant": AIMessage,
    }
    return [kinds[role](content=content) for role, content in messages]


def _text(content: Any) -> str:
    """Message content is a string, or a list of parts from some providers."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return str(content or "")


def openai_compatible(settings: LlmSettings) -> LangchainChat:
    """ChatOpenAI against `base_url`. The key stays a SecretStr: reprs and logs show stars."""
    from langchain_openai import ChatOpenAI

    if not settings.base_url:
        raise LlmError("the openai-compatible backend needs POLICYBOT_LLM__BASE_URL")
    key = settings.api_key or SecretStr(NO_KEY)
    model = ChatOpenAI(
        base_url=settings.base_url,
        model=settings.model or "default",
        api_key=key,
        temperature=settings.temperature,
        max_completion_tokens=settings.max_tokens,
        timeout=settings.timeout,
        max_retries=1,
    )
    return LangchainChat(model, settings.model or settings.base_url)


def llama_cpp(settings: LlmSettings) -> LangchainChat:
    """A local GGUF, loaded on first use. Checked here so a wrong path fails at start-up."""
    path = Path(settings.model_path)
    if not path.is_file():
        raise LlmError(
            f"the model file {path} is missing: run `make model` "
            "(or set POLICYBOT_LLM__MODEL_PATH to a GGUF file)"
        )
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        raise LlmError(
            "llama-cpp-python is not installed: run `make model` "
            "(or pip install -r requirements/llm.txt)"
        ) from None
    model = LlamaCppChatModel(
        model_path=str(path),
        n_ctx=settings.n_ctx,
        n_threads=settings.n_threads or os.cpu_count() or 1,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
    )
    return LangchainChat(model, path.stem)


class LlamaCppChatModel(BaseChatModel):
    """llama-cpp-python's chat completion as a langchain chat model.

    One Llama instance per process, loaded lazily and used under a lock: a llama.cpp context
    is not safe to share between threads, and the server answers requests on several.
    """

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 1
    temperature: float = 0.0
    max_tokens: int = 512
    _llama: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _client(self) -> Any:
        if self._llama is None:
            from llama_cpp import Llama

            self._llama = Llama(
                model_path=self.model_path,
                n_ctx=self.n_ctx,
                n_threads=self.n_threads,
                verbose=False,
            )
        return self._llama

    def _request(self, messages: list[BaseMessage], stop: list[str] | None) -> dict[str, Any]:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        return {
            "messages": [{"role": roles.get(m.type, "user"), "content": m.text} for m in messages],
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "stop": stop,
        }

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            out = self._client().create_chat_completion(**self._request(messages, stop))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._lock:
            request = self._request(messages, stop)
            for part in self._client().create_chat_completion(**request, stream=True):
                delta = part["choices"][0]["delta"].get("content")
                if not delta:
                    continue
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk
