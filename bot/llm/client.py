"""The LLM client: one JSON chat completion per call through the official `openai` package.

Any OpenAI-compatible server will do (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp): only chat
completions with JSON output are used. Anything that goes wrong (timeout, HTTP error, rate limit,
malformed JSON, refusal, daily limit) raises `LLMUnavailable`, which the callers turn into the
offline answer. Retries happen here, with bounded backoff, inside one deadline for the whole call.
Untrusted text (titles, sentences, questions) enters prompts only through `quoted`, so it cannot
close a prompt block.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type

from ..answers import Evidence, LLMUnavailable
from ..config import Settings
from ..models import Sentence

__all__ = [
    "DailyLimitReached", "LLMClient", "TokenUsage", "format_evidence", "format_sentences", "iso_date", "quoted",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
BACKOFF_BASE = 0.5  # seconds; doubled after each failed attempt
BACKOFF_CAP = 4.0
MIN_ATTEMPT_SECONDS = 0.2  # no point starting an attempt with less time than this left


class _Transient(Exception):
    """A failed attempt worth retrying; `wait` is what the server asked for (None: our backoff)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class DailyLimitReached(LLMUnavailable):
    """The configured number of LLM calls for this UTC day has been made."""

    note = "The daily limit of language-model calls was reached, so this is the offline answer."


# ---- untrusted text in prompts ------------------------------------------------------------------

_ANGLES = re.compile(r"<{2,}|>{2,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def quoted(text: str) -> str:
    """`text` as a one-line JSON string with no run of angle brackets, so it cannot close a block."""
    flat = " ".join(text.split())
    flat = _ANGLES.sub(lambda m: ("‹" if m.group()[0] == "<" else "›") * len(m.group()), flat)
    return json.dumps(flat, ensure_ascii=False)


def iso_date(value: str | None) -> str:
    return value if value and _ISO_DATE.fullmatch(value) else "unknown"


def format_evidence(evidence: Sequence[Evidence]) -> str:
    """One numbered line per quotation: `[n] (title: "...", source: "...", date: ...) "sentence"`."""
    return "\n".join(
        f"[{e.n}] (title: {quoted(e.article.title)}, source: {quoted(e.article.source)}, "
        f"date: {iso_date(e.article.published)}) {quoted(e.sentence.text)}"
        for e in evidence
    )


def format_sentences(sentences: Sequence[Sentence]) -> str:
    """An article's sentences numbered from 1, each a JSON string."""
    return "\n".join(f"[{k}] {quoted(s.text)}" for k, s in enumerate(sentences, start=1))


# ---- the client ---------------------------------------------------------------------------------


@dataclass(slots=True)
class TokenUsage:
    """Tokens the server reported, for cost tracking and the token benchmark."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    last_prompt_tokens: int = 0
    last_completion_tokens: int = 0

    def add(self, prompt: int, completion: int) -> None:
        self.calls += 1
        self.prompt_tokens += prompt
        self.completion_tokens += completion
        self.last_prompt_tokens = prompt
        self.last_completion_tokens = completion


def _retry_after(response: httpx.Response | Any, now: datetime) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `retry-after`), if it said."""
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _json_object(content: str) -> dict[str, Any]:
    text = content.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", text, re.S | re.I)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LLMUnavailable(f"the reply is not JSON ({exc.msg} at char {exc.pos})") from None
    if not isinstance(data, dict):
        raise LLMUnavailable(f"the reply is JSON but not an object ({type(data).__name__})")
    return data


class DailyCount:
    """Calls made today, kept in a small JSON file beside the store so a restart does not reset
    the daily cap (and processes sharing the store share the count). Without a path, or when the
    file cannot be written, the count lives in memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._day: date | None = None
        self._calls = 0
        self._warned = False

    def _load(self, today: date) -> None:
        if self.path is None:
            return
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            day, calls = date.fromisoformat(saved["day"]), int(saved["calls"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            return  # unreadable: counted from what this process knows
        if day == today and (self._day != today or calls > self._calls):
            self._day, self._calls = day, calls

    def _save(self) -> None:
        if self.path is None or self._day is None:
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"day": self._day.isoformat(), "calls": self._calls}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("cannot record LLM calls in %s (%s); the daily cap counts this run only",
                            self.path, exc.strerror or exc)

    def today(self, today: date) -> int:
        self._load(today)
        return self._calls if self._day == today else 0

    def take(self, today: date, cap: int) -> None:
        """Count one call, or raise DailyLimitReached when `cap` calls were made today."""
        calls = self.today(today)
        if calls >= cap:
            raise DailyLimitReached(f"daily limit of {cap} LLM calls reached")
        self._day, self._calls = today, calls + 1
        self._save()


class SharedDailyCount:
    """Calls made today as a counter in the store ("llm_calls|<UTC date>"): workers sharing a
    database share the cap. A call is counted by one atomic bump, and given back when it went over."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def today(self, today: date) -> int:
        return int(self.store.counter(f"llm_calls|{today.isoformat()}"))

    def take(self, today: date, cap: int) -> None:
        name = f"llm_calls|{today.isoformat()}"
        if self.store.bump_counter(name) > cap:
            self.store.bump_counter(name, -1)
            raise DailyLimitReached(f"daily limit of {cap} LLM calls reached")


class LLMClient:
    """One JSON chat completion per call, retried with backoff inside the configured deadline."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] | None = None,
        usage_path: Path | None = None,
        shared_count: Any = None,
    ) -> None:
        """`clock` dates the daily cap and Retry-After; `sleep` waits between attempts and
        `monotonic` (the event loop's clock by default) measures the deadline they must fit in."""
        self.model = settings.llm_model
        self.timeout = settings.llm_timeout
        self.daily_cap = settings.llm_daily_cap
        self.clock = clock
        self._sleep = sleep
        self._monotonic = monotonic
        self.usage = TokenUsage()
        self.json_mode = True  # switched off once if the server rejects response_format
        # `usage_path`: where the day's count survives restarts; `shared_count`: a store whose
        # counters hold it instead (PostgreSQL: every worker shares the cap)
        self._count: DailyCount | SharedDailyCount = (
            SharedDailyCount(shared_count) if shared_count is not None else DailyCount(usage_path))
        self._owns_http = http_client is None
        self._client = openai.AsyncOpenAI(
            # Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
            api_key=settings.openai_api_key or "no-key",
            base_url=settings.openai_base_url or None,
            http_client=http_client,
            max_retries=0,
            timeout=settings.llm_timeout,
        )

    @property
    def calls_today(self) -> int:
        return self._count.today(self.clock().astimezone(UTC).date())

    def _take_budget(self) -> None:
        self._count.take(self.clock().astimezone(UTC).date(), self.daily_cap)

    async def complete_json(self, system: str, user: str, *, purpose: str) -> dict[str, Any]:
        """The model's reply as a JSON object, or `LLMUnavailable` saying why there is none."""
        self._take_budget()
        deadline = self._now() + self.timeout
        log.debug("LLM %s call: %d prompt chars", purpose, len(system) + len(user))
        try:
            async with asyncio.timeout(self.timeout):
                return await self._attempts(system, user, deadline)
        except TimeoutError:
            raise LLMUnavailable(f"no reply within {self.timeout:g} s") from None

    def _now(self) -> float:
        return self._monotonic() if self._monotonic is not None else asyncio.get_running_loop().time()

    async def _attempts(self, system: str, user: str, deadline: float) -> dict[str, Any]:
        """Attempts under tenacity: transient failures (429, 5xx, dropped connections) are retried
        with exponential backoff or the server's Retry-After, while the next attempt still fits in
        the deadline; anything else ends the call at once."""
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        dropped_format = False

        async def attempt() -> dict[str, Any]:
            nonlocal dropped_format
            extra: dict[str, Any] = {"response_format": {"type": "json_object"}} if self.json_mode else {}
            try:
                response = await self._client.chat.completions.create(
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    timeout=max(deadline - self._now(), MIN_ATTEMPT_SECONDS),
                    **extra,
                )
            except openai.BadRequestError as exc:
                if self.json_mode and not dropped_format:
                    log.info("LLM server rejected response_format (HTTP 400); retrying without it")
                    self.json_mode, dropped_format = False, True
                    raise _Transient("the server rejected response_format", 0.0) from None
                raise LLMUnavailable(f"HTTP {exc.status_code} from the LLM server") from None
            except openai.RateLimitError as exc:
                asked = _retry_after(exc.response, self.clock())
                reason = "rate limited (HTTP 429)"
                if asked is not None and asked > deadline - self._now() - MIN_ATTEMPT_SECONDS:
                    raise LLMUnavailable(f"{reason}; the server asks to wait {asked:g} s") from None
                raise _Transient(reason, asked) from None
            except openai.APIStatusError as exc:
                if exc.status_code < 500:
                    raise LLMUnavailable(f"HTTP {exc.status_code} from the LLM server") from None
                raise _Transient(f"HTTP {exc.status_code} from the LLM server") from None
            except openai.APITimeoutError:
                raise LLMUnavailable(f"no reply within {self.timeout:g} s") from None
            except openai.APIConnectionError as exc:
                raise _Transient(f"cannot reach the LLM server ({type(exc.__cause__ or exc).__name__})") from None
            except openai.OpenAIError as exc:
                raise LLMUnavailable(f"LLM client error: {type(exc).__name__}") from None
            return self._reply(response)

        def wait(state: RetryCallState) -> float:
            failure = state.outcome.exception() if state.outcome else None
            asked = failure.wait if isinstance(failure, _Transient) else None
            return asked if asked is not None else self._backoff(state.attempt_number)

        def give_up(state: RetryCallState) -> bool:
            return (state.attempt_number >= MAX_ATTEMPTS
                    or deadline - self._now() < wait(state) + MIN_ATTEMPT_SECONDS)

        def gave_up(state: RetryCallState) -> dict[str, Any]:
            failure = state.outcome.exception() if state.outcome else None
            raise LLMUnavailable(f"{failure}; gave up after {state.attempt_number} attempt(s)")

        def before_sleep(state: RetryCallState) -> None:
            failure = state.outcome.exception() if state.outcome else None
            log.debug("LLM attempt %d failed (%s); retrying in %.2f s", state.attempt_number, failure,
                      state.upcoming_sleep)

        retrying = AsyncRetrying(
            sleep=self._sleep, stop=give_up, wait=wait, retry=retry_if_exception_type(_Transient),
            before_sleep=before_sleep, retry_error_callback=gave_up,
        )
        return await retrying(attempt)

    @staticmethod
    def _backoff(attempt: int) -> float:
        return min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))

    def _reply(self, response: Any) -> dict[str, Any]:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.usage.add(int(usage.prompt_tokens or 0), int(usage.completion_tokens or 0))
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise LLMUnavailable("the reply has no choices")
        choice = choices[0]
        message = choice.message
        if getattr(message, "refusal", None):
            raise LLMUnavailable("the model refused to answer")
        if choice.finish_reason == "content_filter":
            raise LLMUnavailable("the reply was withheld by a content filter")
        content = message.content or ""
        if not content.strip():
            raise LLMUnavailable("the reply is empty")
        return _json_object(content)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._client.close()
