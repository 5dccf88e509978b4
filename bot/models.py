"""Plain dataclasses that cross the core's boundary.

Adapters and the CLI only ever see these: no TinyDB documents, no SDK objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

FactType = Literal["party", "sector", "event", "person", "figure", "date"]
AnswerMode = Literal["extractive", "llm"]


@dataclass(frozen=True, slots=True)
class Article:
    """One stored article. `published` is an ISO date (YYYY-MM-DD) or None when unknown."""

    id: str
    title: str
    source: str
    url: str | None
    published: str | None
    ingested_at: str
    content_hash: str
    language: str
    body: str
    teaser: str = ""  # why the body is not the whole article (paywall...); "" when it is

    def to_dict(self) -> dict[str, Any]:
        # written out: dataclasses.asdict deep-copies and was a third of ingest time
        doc = {
            "id": self.id, "title": self.title, "source": self.source, "url": self.url,
            "published": self.published, "ingested_at": self.ingested_at,
            "content_hash": self.content_hash, "language": self.language, "body": self.body,
        }
        if self.teaser:
            doc["teaser"] = self.teaser
        return doc


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article body; `start`/`end` are character offsets into `Article.body`."""

    id: str  # "<article id>:<position>"
    article_id: str
    position: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "position": self.position,
            "text": self.text, "start": self.start, "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed trade fact with the sentences it rests on.

    `value` is the normalised surface form ("Belarus", "bus production", "$1.13bn");
    `attrs` holds type-specific details (role, stage, unit, currency, measure, interest...).
    """

    id: str
    article_id: str
    type: FactType
    value: str
    sentence_ids: tuple[str, ...]
    attrs: dict[str, Any] = field(default_factory=dict)
    extractor: str = "offline"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "type": self.type, "value": self.value,
            "sentence_ids": list(self.sentence_ids), "attrs": self.attrs, "extractor": self.extractor,
        }


@dataclass(frozen=True, slots=True)
class Asker:
    """Who is asking, as the adapter saw it. `place` is the chat or channel id."""

    platform: str  # "console", "cli", "telegram", "slack"
    user_id: str
    place: str = ""  # chat id (Telegram), channel id (Slack), "console"
    is_private: bool = True  # a one-to-one conversation (private chat, DM, console)
    team: str = ""  # Slack workspace id
    thread: str = ""  # Slack thread timestamp, when the question was asked in a thread
    one_shot: bool = False  # no follow-ups (Slack slash commands, `tradebrief ask`)

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.user_id}"

    @property
    def conversation(self) -> str | None:
        """The key of this asker's conversation memory (follow-ups), or None for one-shot questions."""
        if self.one_shot:
            return None
        return f"{self.platform}:{self.team}:{self.place}:{self.thread}:{self.user_id}"


CONSOLE_ASKER = Asker(platform="console", user_id="local", place="console")


def is_iso_date(value: str) -> bool:
    """Whether `value` is a YYYY-MM-DD date, as filters and briefs take them."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Filters:
    """Optional narrowing of retrieval. Dates are ISO strings, inclusive."""

    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    include_undated: bool = False  # with since/until: keep articles that have no publication date


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    sentence_id: str
    article_id: str
    quote: str
    title: str
    source: str
    url: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer whose every `[n]` marker is the `n` of one of its citations."""

    question: str
    text: str
    citations: tuple[Citation, ...]
    mode: AnswerMode
    abstained: bool
    note: str = ""  # e.g. "LLM unavailable: offline answer"
    read_as: str = ""  # the question as read (typos corrected, follow-up resolved); "" = as asked
    lead: str = ""  # the answer's first statement, without its [n] markers
    lead_kind: Literal["synthesised", "quote", "none"] = "none"  # a claim we wrote, a stored sentence, none
    near_miss: bool = False  # the focus entity is stored but the asked fact is not (abstained too)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "mode": self.mode,
            "note": self.note,
            "read_as": self.read_as,
            "lead": self.lead,
            "lead_kind": self.lead_kind,
            "near_miss": self.near_miss,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class IngestItem:
    """What happened to one input of an ingest run."""

    target: str
    status: Literal["stored", "duplicate", "skipped", "failed"]
    article_id: str | None = None
    title: str = ""
    error: str = ""
    sentences: int = 0
    facts: int = 0
    note: str = ""  # said with a stored item, e.g. that only a teaser was readable


@dataclass(frozen=True, slots=True)
class IngestReport:
    items: tuple[IngestItem, ...]

    @property
    def stored(self) -> list[IngestItem]:
        return [i for i in self.items if i.status == "stored"]

    @property
    def failed(self) -> list[IngestItem]:
        return [i for i in self.items if i.status == "failed"]

    @property
    def skipped(self) -> list[IngestItem]:
        """Files of a folder that are not articles (a PDF, a picture, a broken link): reported, not failures."""
        return [i for i in self.items if i.status == "skipped"]


@dataclass(frozen=True, slots=True)
class Overview:
    """What the store knows, for /help and /start."""

    articles: int
    first_date: str | None
    last_date: str | None
    sources: tuple[str, ...]

    def summary(self, max_sources: int = 6) -> str:
        """One plain sentence every adapter shows on /start and /help (escaped by the adapter)."""
        if not self.articles:
            return "I know no articles yet."
        span = f"{self.first_date} to {self.last_date}" if self.first_date else "undated"
        shown = ", ".join(self.sources[:max_sources]) or "unnamed sources"
        if len(self.sources) > max_sources:
            shown += " and others"
        noun = "article" if self.articles == 1 else "articles"
        return f"I know {self.articles} {noun} ({span}) from {shown}."


@dataclass(frozen=True, slots=True)
class Subscription:
    """A destination's daily digest: when (local time + IANA zone), what (filters), whether empty."""

    id: str  # "<platform>:<place>"
    platform: str
    place: str  # Telegram chat id, Slack channel/user id, "console"
    user_id: str  # who subscribed
    time: str = "08:00"  # HH:MM local
    timezone: str = "UTC"
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    send_empty: bool = True
    active: bool = True
    created_at: str = ""
    last_sent: str | None = None  # ISO datetime (UTC) of the last digest sent
    team: str = ""  # Slack workspace id, so access rules can be checked again at delivery

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("countries", "sectors", "keywords"):
            d[key] = list(d[key])
        return d


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One story: its headline, key facts and cited sentences; merged reports listed as sources."""

    headline: str
    article_id: str
    url: str | None
    source: str
    published: str | None
    key_facts: str  # "Parties: ...; Sectors: ...; Figures: ..." with [n] markers
    summary: str  # one or two sentences (or an LLM summary), with [n] markers
    citations: tuple[Citation, ...]
    also_reported_by: tuple[str, ...] = ()
    also_urls: tuple[str | None, ...] = ()  # the link of each `also_reported_by` report, same order


@dataclass(frozen=True, slots=True)
class Digest:
    """What a subscription receives. `empty` digests are sent only when the subscription says so."""

    subscription_id: str
    title: str  # e.g. "Trade briefing for Friday 28 November 2026"
    since: str  # ISO datetime the digest covers from
    items: tuple[DigestItem, ...]
    more: int = 0  # stories left out after the first ten
    empty: bool = False
    mode: AnswerMode = "extractive"
