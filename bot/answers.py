"""From ranked evidence to an answer: judge whether the store answers, then say it with citations.

The offline (extractive) answer is built from facts and sentences only, so every word it claims
comes with a `[n]` pointing at a sentence quoted verbatim from the store. An LLM, when configured,
rewrites the answer from the same evidence and is verified by `bot.llm`; any failure falls back here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from .conversation import Memory, Turn
from .models import Answer, Article, Citation, Fact, Filters, Sentence
from .question import Query, analyse
from .retrieval import Hit, Retriever

__all__ = [
    "Answerer",
    "Evidence",
    "LLMAnswerer",
    "LLMUnavailable",
    "Judgement",
    "judge",
    "make_citation",
    "NO_ANSWER",
]

log = logging.getLogger(__name__)

NO_ANSWER = "I found nothing in the stored articles that answers this."
MAX_CITATIONS = 5
EVIDENCE_SIZE = 12


@dataclass(frozen=True, slots=True)
class Evidence:
    """A numbered sentence handed to an answer writer, with its article and facts."""

    n: int
    sentence: Sentence
    article: Article
    facts: tuple[Fact, ...] = ()


class LLMUnavailable(Exception):
    """The LLM could not produce a usable answer; the message is the reason for the log."""

    note = "The language model was unavailable, so this is the offline answer."  # shown to the user


class LLMAnswerer(Protocol):
    async def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer: ...


def make_citation(n: int, sentence: Sentence, article: Article) -> Citation:
    return Citation(
        n=n,
        sentence_id=sentence.id,
        article_id=article.id,
        quote=sentence.text,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published,
    )


@dataclass(frozen=True, slots=True)
class Judgement:
    answerable: bool
    reason: str
    closest: Article | None = None


# Thresholds tuned on eval/questions.jsonl (see eval/run.py).
MIN_COVERAGE = 0.4
MIN_COVERAGE_UNTYPED = 0.6


def judge(query: Query, hits: Sequence[Hit]) -> Judgement:
    """Decide whether the evidence answers the question at all.

    Among the best few hits, one must be about every party the question names and cover enough
    of its content words (IDF-weighted); a typed question (how much, who, when, which sectors)
    may cover less when the sentence holds a fact of the wanted type.
    """
    if not hits:
        return Judgement(False, "no matching sentence")
    closest = hits[0].article if hits[0].coverage > 0 else None
    typed = query.kind in ("sector", "figure", "person", "date", "party")
    reasons = []
    for hit in hits[:3]:
        if query.parties and hit.party_match < 1.0:
            reasons.append("the parties asked about are not in the evidence")
            continue
        needed = MIN_COVERAGE if (not typed or hit.type_match) else MIN_COVERAGE_UNTYPED
        if hit.coverage >= needed:
            return Judgement(True, "ok", hit.article)
        reasons.append(f"evidence covers {hit.coverage:.0%} of the question")
    return Judgement(False, reasons[0], closest)


def select(query: Query, hits: Sequence[Hit], limit: int = MAX_CITATIONS) -> list[Hit]:
    """The hits worth citing: close to the best one, about the same parties, not repetitive."""
    if not hits:
        return []
    top = hits[0]
    chosen: list[Hit] = []
    seen_text: set[str] = set()
    for hit in hits:
        if len(chosen) >= limit:
            break
        if hit.score < 0.7 * top.score or hit.party_match < top.party_match:
            continue
        if hit.article.id != top.article.id and hit.score < 0.85 * top.score:
            continue  # another story only when it answers about as well
        if hit.coverage < 0.6 * top.coverage and not (query.wants_list and hit.type_match):
            continue
        key = re.sub(r"\W+", " ", hit.sentence.text.lower()).strip()
        if key in seen_text:
            continue
        seen_text.add(key)
        chosen.append(hit)
    return chosen or [top]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sector_phrase(facts: Sequence[Fact]) -> str:
    plain = [f.value for f in facts if not f.attrs.get("interest")]
    interest = [f for f in facts if f.attrs.get("interest")]
    parts = []
    if plain:
        parts.append(_join(list(dict.fromkeys(plain))))
    for fact in interest:
        by = fact.attrs.get("by")
        parts.append(f"{fact.value} (an interest of {by})" if by else f"{fact.value} (an interest)")
    return "; ".join(parts)


def _direct(query: Query, hit: Hit) -> str | None:
    """The typed answer a sentence gives: sectors, figures, a person or a date."""
    if query.kind == "sector":
        sectors = [f for f in hit.facts if f.type == "sector"]
        return _sector_phrase(sectors) if sectors else None
    if query.kind == "figure":
        figures = [f.value for f in hit.facts if f.type == "figure"]
        counted = [f"{f.attrs['count']} {f.value}" for f in hit.facts if f.type == "event" and f.attrs.get("count")]
        found = list(dict.fromkeys(figures + counted))[:4]
        return _join(found) if found else None
    if query.kind == "person":
        people = []
        for fact in hit.facts:
            if fact.type == "person" and not fact.attrs.get("role_only"):
                role = fact.attrs.get("role")
                people.append(f"{fact.value} ({role})" if role else fact.value)
        return _join(people[:3]) if people else None
    if query.kind == "date":
        dates = [f.value for f in hit.facts if f.type == "date"]
        return _join(dates[:2]) if dates else None
    if query.kind == "party":
        parties = [f.value for f in hit.facts if f.type == "party"]
        return _join(list(dict.fromkeys(parties))) if parties else None
    return None


def compose_extractive(query: Query, hits: Sequence[Hit]) -> Answer:
    """A short answer from facts and sentences: the direct answer first, each part cited."""
    chosen = select(query, hits)
    citations = [make_citation(n, h.sentence, h.article) for n, h in enumerate(chosen, start=1)]
    lines: list[str] = []
    if query.kind == "sector" or (query.wants_list and query.kind != "general"):
        parts = [(n, _direct(query, h)) for n, h in enumerate(chosen, start=1)]
        parts = [(n, p) for n, p in parts if p]
        if parts:
            label = {"sector": "Sectors named", "party": "Parties named"}.get(query.kind, "Named")
            lines.append(f"{label}: " + "; ".join(f"{p} [{n}]" for n, p in parts) + ".")
    elif query.kind in ("figure", "person", "date"):
        direct = _direct(query, chosen[0])
        if direct:
            lines.append(f"{direct} [1].")
    if not lines:
        lines.append(f"{chosen[0].sentence.text} [1]")
    # The other cited sentences, briefly, so every citation is used in the text.
    used = {int(n) for n in re.findall(r"\[(\d+)\]", " ".join(lines))}
    for n, hit in enumerate(chosen, start=1):
        if n not in used:
            lines.append(f"{hit.sentence.text} [{n}]")
    return Answer(
        question=query.text,
        text="\n".join(lines),
        citations=tuple(citations),
        mode="extractive",
        abstained=False,
    )


def abstain(query: Query, judgement: Judgement, note: str = "") -> Answer:
    text = NO_ANSWER
    if judgement.closest is not None:
        a = judgement.closest
        when = f", {a.published}" if a.published else ""
        text += f" The closest stored topic is “{a.title}” ({a.source}{when})."
    return Answer(question=query.text, text=text, citations=(), mode="extractive", abstained=True, note=note)


class Answerer:
    """Retrieval, judgement and composition; an optional LLM writes the prose."""

    def __init__(self, retriever: Retriever, llm: LLMAnswerer | None = None, *,
                 memory: Memory | None = None) -> None:
        self.retriever = retriever
        self.llm = llm
        self.memory = memory or Memory()

    def evidence(self, query: Query, filters: Filters | None = None) -> tuple[list[Hit], Judgement]:
        hits = self.retriever.search(query, filters, k=EVIDENCE_SIZE)
        hits = self._with_list_items(query, hits, filters)
        return hits, judge(query, hits)

    def _with_list_items(self, query: Query, hits: list[Hit], filters: Filters | None) -> list[Hit]:
        """For list questions, bring in the top article's other sentences holding the wanted facts."""
        if not hits or not query.wants_list:
            return hits
        wanted = {"sector": "sector", "party": "party"}.get(query.kind)
        if wanted is None:
            return hits
        top = hits[0]
        present = {h.sentence.id: h for h in hits}
        extra = []
        store = self.retriever.store
        facts = store.facts(top.article.id)
        for fact in facts:
            if fact.type != wanted:
                continue
            for sid in fact.sentence_ids:
                if sid in present:  # already retrieved: keep it close enough to the top to be cited
                    hit = present[sid]
                    if hit.article.id == top.article.id:
                        hit.score = max(hit.score, top.score * 0.75)
                        hit.type_match = True
                    continue
                sentence = store.sentence(sid)
                if sentence is None:
                    continue
                hit = Hit(sentence, top.article, 0.0, top.score * 0.75, top.coverage * 0.6,
                          top.party_match, True, [f for f in facts if sid in f.sentence_ids])
                present[sid] = hit
                extra.append(hit)
        merged = hits + extra
        merged.sort(key=lambda h: (h.article.id != top.article.id, -h.score))
        return merged[:EVIDENCE_SIZE]

    async def answer(self, question: str, filters: Filters | None = None, *,
                     conversation: str | None = None) -> Answer:
        """Answer `question`; `conversation` keys the follow-up memory (None: one-shot)."""
        query = analyse(question)
        hits, judgement = self.evidence(query, filters)
        if not judgement.answerable:
            return abstain(query, judgement)
        offline = compose_extractive(query, hits)
        self.memory.put(conversation, Turn(question=query.text, kind=query.kind,
                                           article_id=hits[0].article.id, sentence_id=hits[0].sentence.id))
        if self.llm is None:
            return offline
        evidence = [
            Evidence(n, h.sentence, h.article, tuple(h.facts)) for n, h in enumerate(hits, start=1)
        ]
        try:
            return await self.llm.answer(query.text, evidence)
        except LLMUnavailable as exc:
            log.warning("LLM answer failed, answering offline: %s", exc)
            return replace(offline, note=exc.note)
