"""Fact extraction by the LLM at ingestion, beside the offline extractor.

The model's facts are kept only when they cite a real sentence of the article and that sentence
states the value (checked with `bot.verify.check_claim`); on any failure nothing is added.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prompts import PromptError, render

from ..answers import Evidence, LLMUnavailable
from ..models import Article, Fact, Sentence
from ..verify import ShapeError, check_claim
from .client import LLMClient, format_sentences, iso_date, quoted

__all__ = ["LLMFactExtractor", "parse_facts"]

log = logging.getLogger(__name__)

FACT_SENTENCES = 80  # sentences of one article sent for fact extraction
FACT_CHARS = 12_000
MAX_FACTS = 40

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
                title=quoted(article.title),
                source=quoted(article.source),
                date=iso_date(article.published),
                sentences=format_sentences(chosen),
            )
            data = await self.client.complete_json(system, user, purpose="facts")
            facts = parse_facts(data, article, chosen)
        except (LLMUnavailable, ShapeError, PromptError) as exc:
            log.warning("LLM fact extraction skipped for article %s: %s", article.id, exc)
            return []
        log.debug("LLM facts for %s: %d kept", article.id, len(facts))
        return facts
