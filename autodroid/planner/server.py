"""A model behind an OpenAI-compatible local server (llama-server, Ollama), spoken to with urllib only.

llama-server extras are used when the server has them and skipped when it does not: ``grammar`` (GBNF)
and ``cache_prompt`` fields on /v1/completions, /tokenize for exact token counts, /apply-template for
the model's chat template, and ``timings`` in the answer. Other servers get a plain prompt, an
estimated token count (about 4 characters a token) and no grammar when ``grammar=False``.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request

from autodroid.errors import ModelError
from autodroid.planner.model import Completion, PrefixState

_START_HINT = "start the server (e.g. `llama-server -m model.gguf --port 8080`) or check the URL"


class ServerModel:
    def __init__(
        self,
        base_url: str,
        model: str = "default",
        *,
        timeout_s: float = 120.0,
        grammar: bool = True,
        name: str | None = None,
        chat_template: str = "plain",
    ):
        self.base_url = base_url.rstrip("/")
        if self.base_url.endswith("/v1"):
            self.base_url = self.base_url[: -len("/v1")]
        self.model = model
        self.timeout_s = timeout_s
        self.grammar = grammar
        self.name = name or model
        self._chat_template = chat_template
        self._has: dict[str, bool] = {}  # optional endpoint -> the server has it
        self.approximate_tokens = False

    # ------------------------------------------------------------ HTTP

    def _post(self, path: str, payload: dict, *, timeout_s: float | None = None) -> dict:
        url = self.base_url + path
        timeout = self.timeout_s if timeout_s is None else timeout_s
        request = urllib.request.Request(
            url, data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "application/json"}, method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read(500).decode("utf-8", errors="replace").split())
            raise _HttpStatus(error.code, f"{url} answered HTTP {error.code}: {detail or error.reason}") from error
        except (socket.timeout, TimeoutError) as error:
            raise ModelError(f"no answer from {url} within {timeout:g}s", fix=_START_HINT) from error
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise ModelError(f"no answer from {url} within {timeout:g}s", fix=_START_HINT) from error
            raise ModelError(f"no answer from {url} within {timeout:g}s ({reason})", fix=_START_HINT) from error
        except (ConnectionError, OSError) as error:
            raise ModelError(f"no answer from {url} within {timeout:g}s ({error})", fix=_START_HINT) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise ModelError(f"{url} did not answer with JSON: {body[:120]!r}",
                             fix="point the URL at an OpenAI-compatible server") from error

    def _optional(self, path: str, payload: dict) -> dict | None:
        """POST to an endpoint only some servers have; None (remembered) when this one lacks it."""
        if self._has.get(path) is False:
            return None
        try:
            answer = self._post(path, payload)
        except _HttpStatus as error:
            if error.status in (404, 405, 501):
                self._has[path] = False
                return None
            raise ModelError(str(error), fix=_START_HINT) from error
        self._has[path] = True
        return answer

    # ------------------------------------------------------------ Model protocol

    def count_tokens(self, text: str) -> int:
        answer = self._optional("/tokenize", {"content": text, "add_special": True, "parse_special": True})
        if answer is not None and isinstance(answer.get("tokens"), list):
            return len(answer["tokens"])
        self.approximate_tokens = True
        return max(1, (len(text) + 3) // 4)

    def chat_prompt(self, system: str, user: str) -> str:
        if self._chat_template != "plain":
            messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
            answer = self._optional("/apply-template", {"messages": messages})
            if answer is not None and isinstance(answer.get("prompt"), str):
                return answer["prompt"]
        return f"{system}\n\n{user}\n"

    def ensure_prefix(self, prefix_text: str, key: str) -> PrefixState:
        # llama-server keeps the last prompt's KV per slot (cache_prompt); there is nothing to persist here.
        return PrefixState(key=key, tokens=0, source="unsupported", seconds=0.0)

    def complete(
        self,
        prompt: str,
        *,
        grammar: str | None = None,
        max_tokens: int = 256,
        stop: list[str] | None = None,
        prefix_cache_key: str | None = None,
    ) -> Completion:
        payload: dict = {
            "model": self.model,
            "prompt": prompt,
            "max_tokens": max_tokens,
            "temperature": 0,
            "seed": 0,
            "cache_prompt": True,
        }
        if stop:
            payload["stop"] = list(stop)
        if grammar and self.grammar:
            payload["grammar"] = grammar
        started = time.perf_counter()
        try:
            answer = self._post("/v1/completions", payload)
        except _HttpStatus as error:
            fix = ("the server may not accept GBNF grammars: set `grammar: false` for this server in the registry"
                   if grammar and "grammar" in str(error).lower() else "check the server's log and model id")
            raise ModelError(str(error), fix=fix) from error
        elapsed = time.perf_counter() - started
        try:
            choice = answer["choices"][0]
            text = choice["text"]
        except (KeyError, IndexError, TypeError) as error:
            raise ModelError(f"{self.base_url}/v1/completions answered without choices[0].text",
                             fix="point the URL at an OpenAI-compatible server") from error
        usage = answer.get("usage") or {}
        timings = answer.get("timings") or {}
        prefill = timings.get("prompt_ms")
        decode = timings.get("predicted_ms")
        if prefill is None or decode is None:
            prefill_s, decode_s = 0.0, elapsed
        else:
            prefill_s, decode_s = prefill / 1000.0, decode / 1000.0
        return Completion(
            text=text,
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            generated_tokens=int(usage.get("completion_tokens") or 0),
            prefill_seconds=prefill_s,
            decode_seconds=decode_s,
            cached_prefix_tokens=int(timings.get("cache_n") or 0),
            finish_reason="length" if choice.get("finish_reason") == "length" else "stop",
        )

    def close(self) -> None:
        pass


class _HttpStatus(ModelError):
    def __init__(self, status: int, message: str):
        super().__init__(message, fix=_START_HINT)
        self.status = status
