"""Build a subscription's daily digest from what the store learned since its last one.

A digest is a core result like an answer: every fact and sentence in it is cited `[n]` with the
stored sentence quoted verbatim. Reports of one story from several sources are merged into one item
("also reported by ..."), judged by the parties they name and by how many content words their
headlines and leads share. Items are ranked by importance: more sources, more facts, and facts
that are about trade (agreements, tariffs, sectors, figures) first.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from .answers import Evidence, make_citation
from .facts.tables import STOP_WORDS
from .models import Article, Citation, Digest, DigestItem, Fact, Sentence, Subscription
from .retrieval import stems
from .storage_port import StoragePort as Store
from .subscriptions import sector_forms

__all__ = [
    "MAX_ITEMS",
    "StorySummarizer",
    "build_digest",
    "digest_title",
    "digest_to_dict",
    "group_stories",
    "matches",
    "preview_until",
    "same_story",
    "window_start",
]

log = logging.getLogger(__name__)

MAX_ITEMS = 10
FIRST_WINDOW = timedelta(hours=24)  # what a first digest covers
MAX_WINDOW = timedelta(days=7)  # a digest never reaches further back than this
# Same story: share of stemmed title+lead words (Jaccard) needed when the parties agree; more is
# needed when neither report names a party. Chosen on hand-written pairs (tests/test_digest.py):
# two wire rewrites of one story score 0.35-0.6, different stories about the same pair of
# countries score under 0.2.
SAME_STORY = 0.3
SAME_STORY_NO_PARTIES = 0.45
TRADE_EVENTS = frozenset(
    {"mou", "agreement", "deal", "tariff", "sanctions", "dispute", "talks", "joint_venture", "exhibition",
     "b2b", "delegation"}
)
GENERIC_SECTORS = frozenset({"sector", "sectors", "industry", "industries", "area", "areas", "field", "fields"})
_TRADE_WORDS = re.compile(
    r"\b(trade|tariffs?|exports?|imports?|dut(?:y|ies)|quotas?|sanctions?|wto|free[- ]trade|"
    r"agreements?|deals?|customs|mou|investment)\b",
    re.I,
)
# Stories are told apart by their content words: no stop words, no day words.
_DAY_WORDS = "week today yesterday monday tuesday wednesday thursday friday saturday sunday"
_STOP_STEMS = frozenset(stems(" ".join(STOP_WORDS) + " " + _DAY_WORDS))


class StorySummarizer(Protocol):
    """What `service.llm` offers digests: a verified short summary of one story, or None."""

    async def summarize_story(self, evidence: Sequence[Evidence]) -> tuple[str, tuple[Citation, ...]] | None: ...


# ---- time windows -----------------------------------------------------------------------------
def parse_when(value: str | None) -> datetime | None:
    """An aware datetime from a stored ISO string (naive ones are UTC), or None."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def window_start(sub: Subscription, now: datetime) -> datetime:
    """Where a digest starts: the end of the last one, the last 24 hours for a first one."""
    last = parse_when(sub.last_sent)
    if last is None:
        return now - FIRST_WINDOW
    return max(last, now - MAX_WINDOW)


def preview_until(now: datetime) -> datetime:
    """The end of a preview's window: everything stored so far, this second included (a preview
    records nothing, so it need not leave the current second to the next digest)."""
    return now.replace(microsecond=0) + timedelta(seconds=1)


def digest_title(when: datetime, timezone: str = "UTC") -> str:
    try:
        local = when.astimezone(ZoneInfo(timezone))
    except (KeyError, ValueError):
        local = when
    return f"Trade briefing for {local:%A} {local.day} {local:%B %Y}"


# ---- which articles -------------------------------------------------------------------------
def _mentions(forms: Iterable[str], text: str) -> bool:
    lowered = text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", lowered) for form in forms)


_INFLECTION = r"(?:s|es|d|ed|ing|er|ers)?"  # "tariff" finds "tariffs", "tea" does not find "teach"


def matches(store: Store, article: Article, sub: Subscription) -> bool:
    """Whether an article passes a subscription's filters (any of each kind; kinds combine)."""
    facts = store.facts(article.id)
    if sub.countries:
        parties = {f.value.lower() for f in facts if f.type == "party"}
        if not any(c.lower() in parties for c in sub.countries):
            return False
    if sub.sectors:
        texts = [f"{f.value} {f.attrs.get('phrase', '')}" for f in facts if f.type == "sector"]
        texts.append(article.title)
        if not any(_mentions(sector_forms(s), t) for s in sub.sectors for t in texts):
            return False
    if sub.keywords:
        text = f"{article.title}\n{article.body}"
        if not any(re.search(rf"(?<!\w){re.escape(k)}{_INFLECTION}(?!\w)", text, re.I) for k in sub.keywords):
            return False
    return True


def select_articles(store: Store, sub: Subscription, since: datetime, until: datetime) -> list[Article]:
    """Articles ingested in [since, until) that pass the subscription's filters, newest first.

    Times are compared to the second, as stored: an article stored in the second a digest is built
    goes into the next digest, whose window starts exactly where this one ends.
    """
    since, until = since.replace(microsecond=0), until.replace(microsecond=0)
    chosen = []
    for article in store.articles():
        ingested = parse_when(article.ingested_at)
        if ingested is None or not since <= ingested < until:
            continue
        if matches(store, article, sub):
            chosen.append(article)
    return chosen


# ---- one story, several reports ---------------------------------------------------------------
def lead_sentence(store: Store, article: Article) -> Sentence | None:
    """The first real sentence of an article: not the headline repeated, not a stub."""
    title = " ".join(article.title.lower().split())
    first: Sentence | None = None
    for sentence in store.sentences(article.id):
        text = " ".join(sentence.text.lower().split())
        if first is None:
            first = sentence
        if text == title or len(text.split()) < 6:
            continue
        return sentence
    return first


@dataclass(frozen=True, slots=True)
class _Signature:
    words: frozenset[str]
    parties: frozenset[str]


def _signature(store: Store, article: Article) -> _Signature:
    lead = lead_sentence(store, article)
    words = frozenset(w for w in stems(f"{article.title} {lead.text if lead else ''}") if w not in _STOP_STEMS)
    parties = frozenset(f.value for f in store.facts(article.id) if f.type == "party")
    return _Signature(words, parties)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def same_story(a: _Signature, b: _Signature) -> bool:
    """Two reports tell one story when their parties agree and their headline+lead words overlap."""
    similarity = _jaccard(a.words, b.words)
    if a.parties and b.parties:
        small, large = sorted((a.parties, b.parties), key=len)
        return small <= large and similarity >= SAME_STORY
    if a.parties or b.parties:
        return similarity >= SAME_STORY_NO_PARTIES + 0.05
    return similarity >= SAME_STORY_NO_PARTIES


def group_stories(store: Store, articles: Sequence[Article]) -> list[list[Article]]:
    """Articles grouped into stories (union of same-story pairs), each group earliest first."""
    signatures = [_signature(store, a) for a in articles]
    # Only pairs sharing a word that is not in every other headline are compared.
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        for word in sig.words:
            postings[word].append(i)
    common = max(20, len(articles) // 10)
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compared: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > common:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in compared:
                    continue
                compared.add((i, j))
                if root(i) != root(j) and same_story(signatures[i], signatures[j]):
                    parent[root(j)] = root(i)
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, article in enumerate(articles):
        groups[root(i)].append(article)
    return [sorted(g, key=lambda a: (a.ingested_at, a.published or "", a.id)) for g in groups.values()]


# ---- importance -------------------------------------------------------------------------------
def _useful_facts(facts: Sequence[Fact]) -> list[Fact]:
    return [f for f in facts if not (f.type == "sector" and f.value.lower() in GENERIC_SECTORS)]


def importance(store: Store, story: Sequence[Article]) -> float:
    """More sources, more facts, and trade facts (agreements, tariffs, sectors, figures) rank higher."""
    sources = {a.source.lower() for a in story}
    facts = _useful_facts(store.facts(_primary(store, story).id))
    trade_events = sum(f.type == "event" and f.attrs.get("kind") in TRADE_EVENTS for f in facts)
    sectors = sum(f.type == "sector" for f in facts)
    figures = sum(f.type == "figure" for f in facts)
    score = 3.0 * (len(sources) - 1) + 0.5 * (len(story) - len(sources))
    score += 0.3 * min(len(facts), 15)
    score += 1.5 * min(trade_events, 3) + 0.5 * min(sectors, 5) + 0.5 * min(figures, 4)
    score += 1.5 * bool(_TRADE_WORDS.search(" ".join(a.title for a in story)))
    return score


def _primary(store: Store, story: Sequence[Article]) -> Article:
    """The report the item is built from: a whole article before a paywall teaser, then the one with the
    most facts, the first one on a tie."""
    return max(story, key=lambda a: (not a.teaser, len(_useful_facts(store.facts(a.id))), -story.index(a)))


# ---- one item -------------------------------------------------------------------------------
class _Citations:
    """Numbers sentences in the order they are first cited."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def cite(self, sentence: Sentence, article: Article) -> int:
        n = self.numbers.get(sentence.id)
        if n is None:
            n = len(self.citations) + 1
            self.numbers[sentence.id] = n
            self.citations.append(make_citation(n, sentence, article))
        return n


def _cover(facts: Sequence[Fact], known: Mapping[str, Sentence], limit: int = 2) -> tuple[list[str], list[Fact]]:
    """At most `limit` stored sentences that together hold as many of `facts` as possible."""
    left = list(facts)
    chosen: list[str] = []
    covered: list[Fact] = []
    while left and len(chosen) < limit:
        counts: dict[str, int] = defaultdict(int)
        for fact in left:
            for sid in fact.sentence_ids:
                if sid in known:
                    counts[sid] += 1
        if not counts:
            break
        best = max(counts, key=lambda sid: (counts[sid], -_position(sid)))
        chosen.append(best)
        covered.extend(f for f in left if best in f.sentence_ids)
        left = [f for f in left if best not in f.sentence_ids]
    return chosen, covered


def _position(sentence_id: str) -> int:
    try:
        return int(sentence_id.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 10**6


def _unique_values(facts: Iterable[Fact]) -> list[str]:
    return list(dict.fromkeys(f.value for f in facts))


@dataclass(slots=True)
class _Draft:
    story: list[Article]
    primary: Article
    key_facts: str
    cites: _Citations
    summary_sentences: list[Sentence]
    evidence: list[Evidence] = field(default_factory=list)


def _draft(store: Store, story: list[Article]) -> _Draft:
    primary = _primary(store, story)
    sentences = {s.id: s for s in store.sentences(primary.id)}
    facts = [f for f in _useful_facts(store.facts(primary.id)) if any(s in sentences for s in f.sentence_ids)]
    cites = _Citations()
    groups = (
        ("Parties", [f for f in facts if f.type == "party"][:4]),
        ("Sectors", [f for f in facts if f.type == "sector"][:6]),
        ("Events", [f for f in facts if f.type == "event" and f.attrs.get("kind") in TRADE_EVENTS][:3]),
        ("Figures", [f for f in facts if f.type == "figure"][:4]),
    )
    parts: list[str] = []
    for label, group in groups:
        chosen, covered = _cover(group, sentences)
        if not covered:
            continue
        markers = "".join(f"[{cites.cite(sentences[sid], primary)}]" for sid in chosen)
        parts.append(f"{label}: {', '.join(_unique_values(covered))} {markers}")
    key_facts = "; ".join(parts)

    lead = lead_sentence(store, primary)
    summary: list[Sentence] = [lead] if lead else []
    # A second sentence when another one carries more trade facts than the lead.
    weight: dict[str, float] = defaultdict(float)
    for fact in facts:
        bonus = 1.0 if fact.type in ("sector", "figure") or fact.attrs.get("kind") in TRADE_EVENTS else 0.3
        for sid in fact.sentence_ids:
            weight[sid] += bonus
    ranked = sorted((sid for sid in weight if sid in sentences), key=lambda sid: (-weight[sid], _position(sid)))
    for sid in ranked:
        if lead is None or (sid != lead.id and weight[sid] > weight.get(lead.id, 0.0)):
            summary.append(sentences[sid])
            break
    draft = _Draft(story, primary, key_facts, cites, summary[:2])
    # What an LLM may summarise from: the cited sentences, the fact sentences, other reports' leads.
    pool: list[tuple[Sentence, Article]] = [(sentences[sid], primary) for sid in cites.numbers]
    pool += [(s, primary) for s in summary]
    pool += [(sentences[sid], primary) for sid in ranked[:6]]
    for other in story:
        if other.id != primary.id:
            other_lead = lead_sentence(store, other)
            if other_lead:
                pool.append((other_lead, other))
    seen: set[str] = set()
    for sentence, article in pool:
        if sentence.id in seen:
            continue
        seen.add(sentence.id)
        draft.evidence.append(
            Evidence(len(draft.evidence) + 1, sentence, article,
                     tuple(f for f in store.facts(article.id) if sentence.id in f.sentence_ids))
        )
    return draft


def _llm_summary(draft: _Draft, result: tuple[str, tuple[Citation, ...]] | None) -> str | None:
    """The LLM's summary renumbered into the item's citations, or None if it does not fit them."""
    if not result:
        return None
    text, citations = result
    if not text.strip() or not citations:
        return None
    by_id = {e.sentence.id: e for e in draft.evidence}
    mapping: dict[int, int] = {}
    for citation in citations:
        evidence = by_id.get(citation.sentence_id)
        if evidence is None:
            log.warning("LLM digest summary cited a sentence it was not given; using the extractive one")
            return None
        mapping[citation.n] = draft.cites.cite(evidence.sentence, evidence.article)

    def renumber(match: re.Match[str]) -> str:
        return f"[{mapping[int(match.group(1))]}]"

    if any(int(n) not in mapping for n in re.findall(r"\[(\d+)\]", text)):
        return None
    return re.sub(r"\[(\d+)\]", renumber, text.strip())


def _finish(draft: _Draft, summary: str | None) -> DigestItem:
    if summary is None:
        summary = " ".join(f"{s.text} [{draft.cites.cite(s, draft.primary)}]" for s in draft.summary_sentences)
    others: dict[str, str | None] = {}
    for article in draft.story:
        if article.id != draft.primary.id and article.source != draft.primary.source:
            others.setdefault(article.source, article.url)
    lead = draft.summary_sentences[0].text if draft.summary_sentences else ""
    return DigestItem(
        # a paywalled article is never passed off as the whole story
        headline=(draft.primary.title or lead[:120]) + (" (teaser only)" if draft.primary.teaser else ""),
        article_id=draft.primary.id,
        url=draft.primary.url,
        source=draft.primary.source,
        published=draft.primary.published,
        key_facts=draft.key_facts,
        summary=summary,
        citations=tuple(draft.cites.citations),
        also_reported_by=tuple(others),
        also_urls=tuple(others.values()),
    )


async def _summaries(drafts: Sequence[_Draft], llm: StorySummarizer | None) -> list[str | None]:
    if llm is None or not drafts:
        return [None] * len(drafts)

    async def one(draft: _Draft) -> str | None:
        try:
            return _llm_summary(draft, await llm.summarize_story(draft.evidence))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the LLM is optional: any failure means the extractive summary
            log.warning("LLM digest summary failed, using the extractive one: %s", exc)
            return None

    return list(await asyncio.gather(*(one(d) for d in drafts)))


# ---- the digest -------------------------------------------------------------------------------
async def build_digest(
    store: Store,
    sub: Subscription,
    *,
    since: datetime,
    until: datetime,
    llm: StorySummarizer | None = None,
    limit: int = MAX_ITEMS,
) -> Digest:
    """The digest of what `sub` has not seen: merged, cited, most important first, at most `limit`."""
    title = digest_title(until, sub.timezone)
    articles = select_articles(store, sub, since, until)
    stamp = since.isoformat(timespec="seconds")
    if not articles:
        return Digest(subscription_id=sub.id, title=title, since=stamp, items=(), empty=True)
    stories = group_stories(store, articles)
    # Most important first; among equals the newest, then a stable order.
    stories.sort(key=lambda s: s[0].id)
    stories.sort(key=lambda s: max(a.ingested_at for a in s), reverse=True)
    stories.sort(key=lambda s: importance(store, s), reverse=True)
    shown = stories[:limit]
    drafts = [_draft(store, story) for story in shown]
    summaries = await _summaries(drafts, llm)
    items = tuple(_finish(d, s) for d, s in zip(drafts, summaries, strict=True))
    return Digest(
        subscription_id=sub.id,
        title=title,
        since=stamp,
        items=items,
        more=max(0, len(stories) - limit),
        mode="llm" if any(s is not None for s in summaries) else "extractive",
    )


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """A JSON-ready view of a digest (for `tradebrief digest --json` and logs)."""
    data = asdict(digest)
    for item in data["items"]:
        item["also_reported_by"] = list(item["also_reported_by"])
        item["also_urls"] = list(item["also_urls"])
        item["citations"] = list(item["citations"])
    data["items"] = list(data["items"])
    return data
