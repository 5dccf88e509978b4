"""Answers and digest summaries written by the LLM, every claim verified before it is shown.

The model never has the last word: its claims are checked by `bot.verify` against the quotations it
was shown; unverifiable claims are dropped, and an `LLMUnavailable` from the client makes the
`Answerer` fall back to the offline answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prompts import PromptError, render

from ..answers import NO_ANSWER, ClaimsRejected, Evidence, LLMUnavailable
from ..models import Answer, Article, Citation, Fact, Sentence
from ..verify import ShapeError, parse_claims, verify_claims
from .client import LLMClient, TokenUsage, format_evidence, quoted
from .facts import LLMFactExtractor

__all__ = ["ClaimStats", "OpenAIAnswerer"]

log = logging.getLogger(__name__)


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
        answerable, verified = await self._claims("answer", evidence, question=quoted(question))
        if not answerable:
            return _abstain(question)
        if verified.empty:
            # the model meant to answer but nothing it said survived: the offline answer goes instead
            reasons = "; ".join(reason for _, reason in verified.dropped) or "no claims"
            raise ClaimsRejected(f"every claim failed verification ({reasons})")
        return Answer(question=question, text=verified.text, citations=verified.citations, mode="llm", abstained=False)

    async def in_english(self, question: str) -> str:
        """`question` translated into English for retrieval (the answer is then verified as always)."""
        try:
            system = render("english_system", self.prompts_dir)
            user = render("english_user", self.prompts_dir, question=quoted(question))
        except PromptError as exc:
            raise LLMUnavailable(str(exc)) from None
        data = await self.client.complete_json(system, user, purpose="english")
        english = " ".join(str(data.get("english") or "").split()) if isinstance(data, dict) else ""
        if not english or len(english) > 500:
            raise LLMUnavailable("the translation has the wrong shape")
        return english

    async def summarize_story(self, evidence: Sequence[Evidence]) -> tuple[str, tuple[Citation, ...]] | None:
        """A short verified summary of one story with `[n]` markers, or None (use the offline one)."""
        if not evidence:
            return None
        try:
            answerable, verified = await self._claims(
                "digest", evidence, headline=quoted(evidence[0].article.title)
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
