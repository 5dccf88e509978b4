"""A fake OpenAI-compatible chat-completions API, served through `httpx.MockTransport`.

Hand `FakeOpenAI().client()` to the `openai` package (`http_client=`) and it talks HTTP to this
object exactly as it would to a real server: `POST <base>/chat/completions` with a JSON body, and
the replies are the JSON documents a real server sends (completion objects with `usage`, error
envelopes with status codes and `Retry-After`). Every request is recorded, so a test can read the
prompts the core sent. Replies are scripted per test as a queue of steps (`json_reply`,
`text_reply`, `refusal`, `status`, `slow`, `rejects_response_format`), or computed from the request
by a `default` responder, e.g. one that writes claims from the evidence it was shown.

Token counts in `usage` are an estimate (characters / 4), as no tokenizer is involved.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = [
    "FakeOpenAI",
    "Received",
    "Step",
    "estimate_tokens",
    "evidence_in",
    "json_reply",
    "refusal",
    "rejects_response_format",
    "sentences_in",
    "slow",
    "status",
    "text_reply",
]

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Received:
    """One request the fake received."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])

    def _role(self, role: str) -> str:
        return "\n".join(str(m.get("content", "")) for m in self.messages if m.get("role") == role)

    @property
    def system(self) -> str:
        return self._role("system")

    @property
    def user(self) -> str:
        return self._role("user")

    @property
    def response_format(self) -> Any:
        return self.body.get("response_format")


Step = Callable[[Received], "httpx.Response | Awaitable[httpx.Response]"]


def estimate_tokens(text: str) -> int:
    """About four characters a token: an estimate, clearly not a tokenizer."""
    return max(1, round(len(text) / 4))


def _completion(received: Received, content: str | None, *, refusal_text: str | None = None,
                finish_reason: str = "stop") -> httpx.Response:
    prompt = sum(estimate_tokens(str(m.get("content", ""))) for m in received.messages)
    completion = estimate_tokens(content or refusal_text or "")
    return httpx.Response(
        200,
        json={
            "id": f"chatcmpl-fake{next(_ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": received.body.get("model", "fake-model"),
            "system_fingerprint": "fp_fake",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": refusal_text},
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        },
    )


def _error(code: int, message: str, kind: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        code,
        headers=headers,
        json={"error": {"message": message, "type": kind, "param": None, "code": None}},
    )


# ---- steps a test can script -----------------------------------------------------------------


def json_reply(payload: object) -> Step:
    """A completion whose content is `payload` as JSON."""
    return lambda received: _completion(received, json.dumps(payload))


def text_reply(content: str) -> Step:
    """A completion with raw `content` (e.g. malformed JSON or prose)."""
    return lambda received: _completion(received, content)


def refusal(text: str = "I'm sorry, I can't help with that.") -> Step:
    """A completion refused by the model (`content: null`, `refusal: ...`)."""
    return lambda received: _completion(received, None, refusal_text=text)


def status(code: int, message: str = "", *, headers: dict[str, str] | None = None) -> Step:
    """An error response: 429 rate limit, 500 server error, 401, ..."""
    kinds = {400: "invalid_request_error", 401: "invalid_request_error", 429: "rate_limit_exceeded"}
    text = message or {429: "Rate limit reached", 500: "The server had an error"}.get(code, "error")
    return lambda received: _error(code, text, kinds.get(code, "server_error"), headers)


def slow(seconds: float, then: Step | None = None) -> Step:
    """Wait `seconds` before answering (with `then`, or an empty JSON object)."""

    async def step(received: Received) -> httpx.Response:
        await asyncio.sleep(seconds)
        result = (then or json_reply({}))(received)
        return await result if asyncio.iscoroutine(result) else result  # type: ignore[return-value]

    return step


def rejects_response_format(then: Step) -> Step:
    """Like a server that knows no `response_format`: 400 when it is sent, else `then`."""

    def step(received: Received) -> httpx.Response | Awaitable[httpx.Response]:
        if received.response_format is not None:
            return _error(400, "Unrecognized request argument supplied: response_format", "invalid_request_error")
        return then(received)

    return step


# ---- reading the evidence the core sent --------------------------------------------------------

_JSON_STRING = r'"(?:[^"\\]|\\.)*"'
_EVIDENCE_LINE = re.compile(
    rf"^\[(\d+)\] \(title: ({_JSON_STRING}), source: ({_JSON_STRING}), date: (\S+)\) ({_JSON_STRING})$",
    re.M,
)


def evidence_in(received: Received) -> dict[int, dict[str, str]]:
    """The numbered quotations of an answer or digest prompt: n -> {title, source, date, text}."""
    block = re.search(r"^<<<EVIDENCE$(.*?)^EVIDENCE>>>$", received.user, re.S | re.M)
    if not block:
        return {}
    return {
        int(m.group(1)): {
            "title": json.loads(m.group(2)),
            "source": json.loads(m.group(3)),
            "date": m.group(4),
            "text": json.loads(m.group(5)),
        }
        for m in _EVIDENCE_LINE.finditer(block.group(1))
    }


def sentences_in(received: Received) -> dict[int, str]:
    """The numbered sentences of a fact-extraction prompt."""
    block = re.search(r"^<<<ARTICLE$(.*?)^ARTICLE>>>$", received.user, re.S | re.M)
    if not block:
        return {}
    return {
        int(m.group(1)): json.loads(m.group(2))
        for m in re.finditer(rf"^\[(\d+)\] ({_JSON_STRING})$", block.group(1), re.M)
    }


class FakeOpenAI:
    """Records requests and answers them from a script, then from `default` (if any)."""

    def __init__(self, default: Step | None = None, *, api_prefix: str = "/v1") -> None:
        self.requests: list[Received] = []
        self.script: deque[Step] = deque()
        self.default = default
        self.api_prefix = api_prefix
        self.unscripted = 0

    @property
    def base_url(self) -> str:
        return f"http://fake-openai.test{self.api_prefix}"

    def then(self, *steps: Step) -> FakeOpenAI:
        """Queue replies for the next requests, in order."""
        self.script.extend(steps)
        return self

    @property
    def chat_requests(self) -> list[Received]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    async def handler(self, request: httpx.Request) -> httpx.Response:
        try:
            body = json.loads(request.content or b"{}")
        except json.JSONDecodeError:
            return _error(400, "We could not parse the JSON body of your request.", "invalid_request_error")
        received = Received(request.method, request.url.path, dict(request.headers), body)
        self.requests.append(received)
        if request.method != "POST" or request.url.path != f"{self.api_prefix}/chat/completions":
            return _error(404, f"Invalid URL ({request.method} {request.url.path})", "invalid_request_error")
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return _error(401, "You didn't provide an API key.", "invalid_request_error")
        if not isinstance(body.get("messages"), list) or not body.get("model"):
            return _error(400, "'messages' and 'model' are required", "invalid_request_error")
        step = self.script.popleft() if self.script else self.default
        if step is None:
            self.unscripted += 1
            return _error(500, "the fake has no reply scripted for this request", "server_error")
        result = step(received)
        if asyncio.iscoroutine(result) or isinstance(result, Awaitable):
            result = await result
        return result

    def client(self) -> httpx.AsyncClient:
        """An httpx client whose every request goes to this fake (no network)."""
        return httpx.AsyncClient(transport=httpx.MockTransport(self.handler))
