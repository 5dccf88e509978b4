"""Answers, digest summaries and facts written by an LLM through the official `openai` package.

Any OpenAI-compatible server will do (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp): only chat
completions with JSON output are used. The model never has the last word: its claims are checked
by `bot.verify` against the quotations it was shown, and anything that goes wrong (timeout, HTTP
error, rate limit, malformed JSON, refusal, daily limit) raises `LLMUnavailable`, which the
`Answerer` turns into the offline answer. Retries happen here, with bounded backoff, inside one
deadline for the whole question.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import httpx
import openai
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prompts import PromptError, render

from .answers import NO_ANSWER, Evidence, LLMUnavailable
from .config import Settings
from .models import Answer, Article, Citation, Fact, Sentence
from .verify import ShapeError, check_claim, parse_claims, verify_claims

if TYPE_CHECKING:
    from .service import Tradebrief

__all__ = [
    "DailyLimitReached",
    "LLMClient",
    "LLMFactExtractor",
    "OpenAIAnswerer",
    "TokenUsage",
    "attach_llm",
    "format_evidence",
    "format_sentences",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
BACKOFF_BASE = 0.5  # seconds; doubled after each failed attempt
BACKOFF_CAP = 4.0
MIN_ATTEMPT_SECONDS = 0.2  # no point starting an attempt with less time than this left
FACT_SENTENCES = 80  # sentences of one article sent for fact extraction
FACT_CHARS = 12_000
MAX_FACTS = 40


class DailyLimitReached(LLMUnavailable):
    """The configured number of LLM calls for this UTC day has been made."""

    note = "The daily limit of language-model calls was reached, so this is the offline answer."


# ---- untrusted text in prompts ------------------------------------------------------------------

_ANGLES = re.compile(r"<{2,}|>{2,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _quoted(text: str) -> str:
    """`text` as a one-line JSON string with no run of angle brackets, so it cannot close a block."""
    flat = " ".join(text.split())
    flat = _ANGLES.sub(lambda m: ("‹" if m.group()[0] == "<" else "›") * len(m.group()), flat)
    return json.dumps(flat, ensure_ascii=False)


def _date(value: str | None) -> str:
    return value if value and _ISO_DATE.fullmatch(value) else "unknown"


def format_evidence(evidence: Sequence[Evidence]) -> str:
    """One numbered line per quotation: `[n] (title: "...", source: "...", date: ...) "sentence"`."""
    return "\n".join(
        f"[{e.n}] (title: {_quoted(e.article.title)}, source: {_quoted(e.article.source)}, "
        f"date: {_date(e.article.published)}) {_quoted(e.sentence.text)}"
        for e in evidence
    )


def format_sentences(sentences: Sequence[Sentence]) -> str:
    """An article's sentences numbered from 1, each a JSON string."""
    return "\n".join(f"[{k}] {_quoted(s.text)}" for k, s in enumerate(sentences, start=1))


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


class LLMClient:
    """One JSON chat completion per call, retried with backoff inside the configured deadline."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.model = settings.llm_model
        self.timeout = settings.llm_timeout
        self.daily_cap = settings.llm_daily_cap
        self.clock = clock
        self.usage = TokenUsage()
        self.json_mode = True  # switched off once if the server rejects response_format
        self._day: date | None = None
        self._calls_today = 0
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
        return self._calls_today if self._day == self.clock().astimezone(UTC).date() else 0

    def _take_budget(self) -> None:
        today = self.clock().astimezone(UTC).date()
        if self._day != today:
            self._day, self._calls_today = today, 0
        if self._calls_today >= self.daily_cap:
            raise DailyLimitReached(f"daily limit of {self.daily_cap} LLM calls reached")
        self._calls_today += 1

    async def complete_json(self, system: str, user: str, *, purpose: str) -> dict[str, Any]:
        """The model's reply as a JSON object, or `LLMUnavailable` saying why there is none."""
        self._take_budget()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        log.debug("LLM %s call: %d prompt chars", purpose, len(system) + len(user))
        try:
            async with asyncio.timeout(self.timeout):
                return await self._attempts(system, user, deadline)
        except TimeoutError:
            raise LLMUnavailable(f"no reply within {self.timeout:g} s") from None

    async def _attempts(self, system: str, user: str, deadline: float) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        attempt = 0
        dropped_format = False
        while True:
            attempt += 1
            remaining = deadline - loop.time()
            extra: dict[str, Any] = {"response_format": {"type": "json_object"}} if self.json_mode else {}
            try:
                response = await self._client.chat.completions.create(
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    timeout=max(remaining, MIN_ATTEMPT_SECONDS),
                    **extra,
                )
            except openai.BadRequestError as exc:
                if self.json_mode and not dropped_format:
                    log.info("LLM server rejected response_format (HTTP 400); retrying without it")
                    self.json_mode, dropped_format = False, True
                    continue
                raise LLMUnavailable(f"HTTP {exc.status_code} from the LLM server") from None
            except openai.RateLimitError as exc:
                asked = _retry_after(exc.response, self.clock())
                wait = asked if asked is not None else self._backoff(attempt)
                reason = "rate limited (HTTP 429)"
                if asked is not None and asked > deadline - loop.time() - MIN_ATTEMPT_SECONDS:
                    raise LLMUnavailable(f"{reason}; the server asks to wait {asked:g} s") from None
            except openai.APIStatusError as exc:
                if exc.status_code < 500:
                    raise LLMUnavailable(f"HTTP {exc.status_code} from the LLM server") from None
                wait, reason = self._backoff(attempt), f"HTTP {exc.status_code} from the LLM server"
            except openai.APITimeoutError:
                raise LLMUnavailable(f"no reply within {self.timeout:g} s") from None
            except openai.APIConnectionError as exc:
                wait, reason = self._backoff(attempt), f"cannot reach the LLM server ({type(exc.__cause__ or exc).__name__})"
            except openai.OpenAIError as exc:
                raise LLMUnavailable(f"LLM client error: {type(exc).__name__}") from None
            else:
                return self._reply(response)
            left = deadline - loop.time()
            if attempt >= MAX_ATTEMPTS or left < wait + MIN_ATTEMPT_SECONDS:
                raise LLMUnavailable(f"{reason}; gave up after {attempt} attempt(s)")
            log.debug("LLM attempt %d failed (%s); retrying in %.2f s", attempt, reason, wait)
            await asyncio.sleep(wait)

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


# ---- facts --------------------------------------------------------------------------------------

_Scalar = str | int | float | bool | None


class _FactModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["party", "sector", "event", "person", "figure", "date"]
    value: str = Field(min_length=1, max_length=200)
    sentence: int = Field(ge=1)
    attrs: dict[str, _Scalar] = Field(default_factory=dict)


class _FactsModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    facts: list[Any]


def parse_facts(payload: object, article: Article, sentences: Sequence[Sentence]) -> list[Fact]:
    """Facts from the model's JSON that cite a real sentence and whose value that sentence states."""
    try:
        items = _FactsModel.model_validate(payload).facts
    except ValidationError:
        raise ShapeError("expected {facts: [...]}") from None
    facts: list[Fact] = []
    seen: set[tuple[str, str, int]] = set()
    for item in items[:MAX_FACTS]:
        try:
            model = _FactModel.model_validate(item)
        except ValidationError:
            continue
        if model.sentence > len(sentences):
            continue
        value = " ".join(model.value.split())
        sentence = sentences[model.sentence - 1]
        if check_claim(value, [Evidence(1, sentence, article)], min_share=0.5) is not None:
            continue
        key = (model.type, value.lower(), model.sentence)
        if key in seen:
            continue
        seen.add(key)
        attrs = {
            str(k)[:40]: (v[:200] if isinstance(v, str) else v)
            for k, v in list(model.attrs.items())[:8]
        }
        facts.append(
            Fact(
                id=f"{article.id}:L{len(facts) + 1}",
                article_id=article.id,
                type=model.type,
                value=value,
                sentence_ids=(sentence.id,),
                attrs=attrs,
                extractor="llm",
            )
        )
    return facts


class LLMFactExtractor:
    """An ingestion fact extractor beside the offline one; on any failure it adds nothing."""

    __name__ = "llm_facts"

    def __init__(self, client: LLMClient, prompts_dir: Path | None = None) -> None:
        self.client = client
        self.prompts_dir = prompts_dir

    async def __call__(self, article: Article, sentences: list[Sentence]) -> list[Fact]:
        chosen: list[Sentence] = []
        size = 0
        for sentence in sentences[:FACT_SENTENCES]:
            size += len(sentence.text)
            if chosen and size > FACT_CHARS:
                break
            chosen.append(sentence)
        if not chosen:
            return []
        try:
            system = render("facts_system", self.prompts_dir)
            user = render(
                "facts_user",
                self.prompts_dir,
                title=_quoted(article.title),
                source=_quoted(article.source),
                date=_date(article.published),
                sentences=format_sentences(chosen),
            )
            data = await self.client.complete_json(system, user, purpose="facts")
            facts = parse_facts(data, article, chosen)
        except (LLMUnavailable, ShapeError, PromptError) as exc:
            log.warning("LLM fact extraction skipped for article %s: %s", article.id, exc)
            return []
        log.debug("LLM facts for %s: %d kept", article.id, len(facts))
        return facts


# ---- answers and summaries ----------------------------------------------------------------------


@dataclass(slots=True)
class ClaimStats:
    """How many claims the model made and how many the verifier dropped (for the benchmark)."""

    claims: int = 0
    dropped: int = 0
    reasons: list[str] = field(default_factory=list)


class OpenAIAnswerer:
    """The LLM side of the core: `answer`, `summarize_story` and `extract_facts`."""

    def __init__(self, client: LLMClient, *, prompts_dir: Path | None = None) -> None:
        self.client = client
        self.prompts_dir = prompts_dir
        self.fact_extractor = LLMFactExtractor(client, prompts_dir)
        self.stats = ClaimStats()

    @property
    def usage(self) -> TokenUsage:
        return self.client.usage

    async def _claims(
        self, kind: str, evidence: Sequence[Evidence], **values: str
    ) -> tuple[bool, Any]:
        try:
            system = render(f"{kind}_system", self.prompts_dir)
            user = render(f"{kind}_user", self.prompts_dir, evidence=format_evidence(evidence), **values)
        except PromptError as exc:
            raise LLMUnavailable(str(exc)) from None
        data = await self.client.complete_json(system, user, purpose=kind)
        try:
            answerable, claims, malformed = parse_claims(data)
        except ShapeError as exc:
            raise LLMUnavailable(f"the reply has the wrong shape: {exc}") from None
        if not answerable:
            return False, None
        verified = verify_claims(claims, evidence)
        self.stats.claims += len(claims) + malformed
        self.stats.dropped += len(verified.dropped) + malformed
        self.stats.reasons.extend(reason for _, reason in verified.dropped)
        for text, reason in verified.dropped:
            log.debug("dropped claim %r: %s", text[:120], reason)
        if verified.dropped or malformed:
            log.info(
                "LLM %s: kept %d of %d claims (%s)",
                kind, verified.kept, len(claims) + malformed,
                "; ".join(reason for _, reason in verified.dropped) or "malformed claims",
            )
        return True, verified

    async def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer:
        """A verified LLM answer, an abstention, or `LLMUnavailable`."""
        if not evidence:
            return _abstain(question)
        answerable, verified = await self._claims("answer", evidence, question=_quoted(question))
        if not answerable or verified.empty:
            return _abstain(question)
        return Answer(question=question, text=verified.text, citations=verified.citations, mode="llm", abstained=False)

    async def summarize_story(self, evidence: Sequence[Evidence]) -> tuple[str, tuple[Citation, ...]] | None:
        """A short verified summary of one story with `[n]` markers, or None (use the offline one)."""
        if not evidence:
            return None
        try:
            answerable, verified = await self._claims(
                "digest", evidence, headline=_quoted(evidence[0].article.title)
            )
        except LLMUnavailable as exc:
            log.warning("LLM digest summary failed, using the offline one: %s", exc)
            return None
        if not answerable or verified.empty:
            return None
        return verified.text, verified.citations

    async def extract_facts(self, article: Article, sentences: list[Sentence]) -> list[Fact]:
        return await self.fact_extractor(article, sentences)

    async def aclose(self) -> None:
        await self.client.aclose()


def _abstain(question: str) -> Answer:
    return Answer(question=question, text=NO_ANSWER, citations=(), mode="llm", abstained=True)


def attach_llm(service: Tradebrief, *, http_client: httpx.AsyncClient | None = None) -> None:
    """Give `service` an LLM: answers, fact extraction at ingestion, and digest summaries."""
    client = LLMClient(service.settings, http_client=http_client, clock=service.clock)
    llm = OpenAIAnswerer(client)
    service.llm = llm
    service.answerer.llm = llm
    service.extractors.append(llm.fact_extractor)
    log.info(
        "LLM answers on: model %s at %s", service.settings.llm_model,
        service.settings.openai_base_url or "the OpenAI API",
    )
