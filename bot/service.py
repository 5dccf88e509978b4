"""The core's one entry point: adapters and the CLI call `Tradebrief` and nothing else.

Every request carries an `Asker`; access rules, rate limits and input checks live here so they hold
the same on every platform and every path. Failures a person should see are `UserError`s with a
one-line message; anything else is a bug the adapter turns into an apology.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from .answers import Answerer, LLMAnswerer
from .brief import Brief, build_brief, summarize_with_llm
from .feedpoll import Feed, FeedList, check_feed_url
from .config import Settings
from .errors import AccessDenied, BadRequest, IngestError, RateLimited, UnknownArticle
from .ingest import Ingestor
from .ingest.pipeline import FactExtractor
from .models import Answer, Article, Asker, Fact, Filters, IngestReport, Overview, Sentence, is_iso_date
from .retrieval import open_retriever
from .digest import StorySummarizer, build_digest, preview_until, window_start
from .models import Digest, Subscription
from .subscriptions import SubscriptionBook, describe, parse_spec, subscription_id
from .storage_port import StoragePort as Store
from .wording import counted

if TYPE_CHECKING:
    from .ingest.fetch import Fetcher

__all__ = ["Tradebrief", "AccessPolicy", "RateLimiter", "SharedRateLimiter", "DENIED_MESSAGE", "LanguageModel", "offline_facts"]

log = logging.getLogger(__name__)

LOCAL_PLATFORMS = frozenset({"console", "cli"})
DENIED_MESSAGE = "Sorry, this bot is not available here. Ask its administrator for access."


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """Who may use the bot where, and who may change what it knows. Empty allowlists allow all."""

    telegram_chats: frozenset[str] = frozenset()
    telegram_admins: frozenset[str] = frozenset()
    slack_channels: frozenset[str] = frozenset()
    slack_teams: frozenset[str] = frozenset()
    slack_admins: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        return cls(
            telegram_chats=frozenset(settings.telegram_allowed_chats),
            telegram_admins=frozenset(settings.telegram_admin_ids),
            slack_channels=frozenset(settings.slack_allowed_channels),
            slack_teams=frozenset(settings.slack_allowed_teams),
            slack_admins=frozenset(settings.slack_admin_ids),
        )

    def allowed(self, asker: Asker) -> bool:
        if asker.platform == "telegram":
            return not self.telegram_chats or asker.place in self.telegram_chats
        if asker.platform == "slack":
            if self.slack_teams and asker.team not in self.slack_teams:
                return False
            if not self.slack_channels:
                return True
            # Direct messages are allowed for users of an allowed workspace only when no
            # channel list is set; with a list, a DM channel must be listed too.
            return asker.place in self.slack_channels
        return asker.platform in LOCAL_PLATFORMS

    def is_admin(self, asker: Asker) -> bool:
        if asker.platform == "telegram":
            return asker.user_id in self.telegram_admins
        if asker.platform == "slack":
            return asker.user_id in self.slack_admins
        return asker.platform in LOCAL_PLATFORMS


class RateLimiter:
    """A sliding one-minute window per asker."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> None:
        now = self.clock()
        if len(self._hits) > 10_000:  # forget people who have not asked for a minute
            for stale in [k for k, h in self._hits.items() if not h or now - h[-1] >= 60]:
                del self._hits[stale]
        hits = self._hits[key]
        while hits and now - hits[0] >= 60:
            hits.popleft()
        if len(hits) >= self.per_minute:
            raise too_fast(self.per_minute, int(60 - (now - hits[0])) + 1)
        hits.append(now)


def too_fast(per_minute: int, wait: int) -> RateLimited:
    """The one polite line for an asker over the limit, whichever limiter counted."""
    return RateLimited(f"You're asking faster than {counted(per_minute, 'question')} a minute; please wait {wait} s.")


class SharedRateLimiter:
    """The same limit counted in the store, so workers sharing a database share it: at most
    `per_minute` questions per asker in each clock minute (a fixed window), one atomic counter
    bump per question (`rate|<asker>|<minute>`)."""

    def __init__(self, store: Store, per_minute: int, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.per_minute = per_minute
        self.clock = clock

    def check(self, key: str) -> None:
        now = self.clock()
        if self.store.bump_counter(f"rate|{key}|{int(now // 60)}") > self.per_minute:
            raise too_fast(self.per_minute, int(60 - now % 60) + 1)


def offline_facts(article: Article, sentences: list[Sentence]) -> list[Fact]:
    """The offline extractor, imported on first use: answering never needs its patterns."""
    from .facts import extract_facts

    return extract_facts(article, sentences)


class LanguageModel(LLMAnswerer, StorySummarizer, Protocol):
    """The optional LLM as the core uses it: answers, digest summaries, and closing its client."""

    async def aclose(self) -> None: ...


class Tradebrief:
    """The service adapters hold by composition: ask, browse, add; digests join in `bot.digest`."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        llm: LanguageModel | None = None,
        extractors: Sequence[FactExtractor] = (offline_facts,),
        answerer: Answerer | None = None,
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Everything the service uses comes in here (built by the composition root):
        `llm` writes answers and digest summaries, `extractors` run at ingestion in order."""
        self.settings = settings
        self.store = store
        self.clock = clock
        self.access = AccessPolicy.from_settings(settings)
        # several workers on one database share the limit through its counters; a read-only
        # handle (a one-shot command such as `tradebrief brief`) writes nothing and counts locally
        self.rate: RateLimiter | SharedRateLimiter = (
            SharedRateLimiter(store, settings.rate_limit_per_minute) if settings.database_url and not store.readonly
            else RateLimiter(settings.rate_limit_per_minute))
        self.retriever = open_retriever(store)
        self.llm = llm
        self.answerer = answerer or Answerer(self.retriever, llm)
        self.extractors: tuple[FactExtractor, ...] = tuple(extractors)
        self._fetcher = fetcher

    @property
    def fetcher(self) -> Fetcher:
        """The SSRF-safe HTTP fetcher, created on first use (answering never needs it)."""
        if self._fetcher is None:
            from .ingest.fetch import Fetcher

            self._fetcher = Fetcher(
                user_agent=self.settings.user_agent,
                timeout=self.settings.fetch_timeout,
                max_bytes=self.settings.fetch_max_bytes,
                allow_private=self.settings.allow_private_urls,
            )
        return self._fetcher

    # ---- guards -------------------------------------------------------------------------------
    def check_access(self, asker: Asker) -> None:
        """Raise AccessDenied (with the polite line) for a place that is not allowed."""
        if not self.access.allowed(asker):
            log.warning("refused %s user %s in %s", asker.platform, asker.user_id, asker.place or "-")
            raise AccessDenied(DENIED_MESSAGE)

    def allowed(self, asker: Asker) -> bool:
        """Whether `asker`'s place may use the bot (and receive digests) now."""
        return self.access.allowed(asker)

    def is_admin(self, asker: Asker) -> bool:
        return self.access.allowed(asker) and self.access.is_admin(asker)

    def _throttle(self, asker: Asker) -> None:
        """The per-person rate limit, for public chats only: the console and the command line
        are the operator at their own machine."""
        if asker.platform not in LOCAL_PLATFORMS:
            self.rate.check(asker.key)

    def _question(self, question: str) -> str:
        text = " ".join(question.split())
        if not text:
            raise BadRequest("Please type a question, e.g. “which sectors were agreed?”")
        if len(text) > self.settings.max_question_chars:
            raise BadRequest(
                f"That question is {len(text)} characters long; please keep it under "
                f"{self.settings.max_question_chars}."
            )
        return text

    # ---- questions ----------------------------------------------------------------------------
    async def ask(self, question: str, asker: Asker, filters: Filters | None = None) -> Answer:
        """Answer `question` from the store, every claim cited, or abstain."""
        self.check_access(asker)
        text = self._question(question)
        self._throttle(asker)
        return await self.answerer.answer(text, filters or Filters(), conversation=asker.conversation)

    # ---- browsing -----------------------------------------------------------------------------
    def overview(self, asker: Asker) -> Overview:
        self.check_access(asker)
        return self.store.overview()

    def latest(self, asker: Asker, limit: int = 10) -> list[Article]:
        self.check_access(asker)
        return self.store.articles()[:limit]

    def article(self, ref: str, asker: Asker) -> tuple[Article, list[Sentence]]:
        """An article and its numbered sentences, by id or unambiguous id prefix."""
        self.check_access(asker)
        article = self._resolve(ref)
        return article, self.store.sentences(article.id)

    def facts(self, ref: str | None, asker: Asker) -> list[Fact]:
        self.check_access(asker)
        if ref is None:
            return self.store.facts()
        return self.store.facts(self._resolve(ref).id)

    def _resolve(self, ref: str) -> Article:
        ref = ref.strip()
        if not ref:
            raise UnknownArticle("Give an article id.")
        article_id = self.store.resolve_article_id(ref)
        article = self.store.article(article_id) if article_id else None
        if article is not None:
            return article
        matches = [a for a in self.store.articles() if a.id.startswith(ref.lower())]
        if len(matches) == 1:  # a short prefix that fits one article only
            return matches[0]
        if matches:
            shown = "; ".join(f"{a.id[:12]} {a.title[:50]}" for a in matches[:5])
            more = f"; and {len(matches) - 5} more" if len(matches) > 5 else ""
            raise UnknownArticle(
                f"{ref[:40]!r} fits {counted(len(matches), 'article')}: {shown}{more}. Type more of the id."
            )
        raise UnknownArticle(f"No article with id {ref[:40]!r}.")

    # ---- changing what the bot knows -----------------------------------------------------------
    def ingestor(self, **kwargs: object) -> Ingestor:
        return Ingestor(
            self.store,
            fetcher=self.fetcher,
            extractors=self.extractors,
            max_file_bytes=self.settings.fetch_max_bytes,
            clock=self.clock,
            **kwargs,  # type: ignore[arg-type]
        )

    async def refresh_index(self) -> None:
        """Rebuild the search index after ingestion (in a worker thread)."""
        await self.retriever.refresh_async()

    async def add(self, target: str, asker: Asker) -> IngestReport:
        """Ingest a URL (page or feed) for an admin; the report says what was stored."""
        self.check_access(asker)
        if not self.access.is_admin(asker):
            log.warning("non-admin %s user %s tried to add %s", asker.platform, asker.user_id, target[:200])
            raise AccessDenied("Only administrators can add articles.")
        target = target.strip()
        if not target.lower().startswith(("http://", "https://")):
            raise BadRequest("Give a web address starting with http:// or https://")
        report = await self.ingestor().ingest([target])
        await self.retriever.refresh_async()
        return report

    # ---- feeds polled by the runner (bot.feedpoll) ----------------------------------------------
    def feeds(self, asker: Asker) -> list[Feed]:
        self.check_access(asker)
        return FeedList(self.store).all()

    def _admin(self, asker: Asker, what: str) -> None:
        self.check_access(asker)
        if not self.access.is_admin(asker):
            log.warning("non-admin %s user %s tried to %s", asker.platform, asker.user_id, what[:200])
            raise AccessDenied("Only administrators can change the feeds.")

    async def watch_feed(self, url: str, asker: Asker) -> tuple[Feed, bool]:
        """Poll this feed from now on (administrators); returns the feed and whether it is new."""
        self._admin(asker, f"add feed {url}")
        try:  # refused when added, as by `tradebrief feeds add` (every poll checks again)
            url, _note = await check_feed_url(self.fetcher, url)
        except IngestError as exc:
            raise BadRequest(str(exc)) from None
        return FeedList(self.store).add(url, self.clock())

    async def unwatch_feed(self, url: str, asker: Asker) -> bool:
        """Stop polling this feed (administrators); False when it was not polled."""
        self._admin(asker, f"remove feed {url}")
        return FeedList(self.store).remove(url)

    # ---- digests (built in bot.digest, kept in bot.subscriptions, sent by bot.scheduler) -------
    async def subscribe(self, asker: Asker, spec: str = "") -> Subscription:
        """Subscribe the asker's chat or channel to a daily digest, or change its subscription.

        Saved to disk before it returns, the write and fsync off the event loop."""
        self.check_access(asker)
        if not asker.place:
            raise BadRequest("A digest needs a chat or channel to go to; subscribe from one.")
        parsed = parse_spec(spec)
        sub = SubscriptionBook(self.store).subscribe(
            asker, parsed, now=self.clock(),
            default_time=self.settings.digest_time, default_zone=self.settings.timezone, commit=False,
        )
        await self.store.commit_async()
        log.info("%s subscribed by %s: %s", sub.id, asker.user_id, describe(sub))
        return sub

    async def unsubscribe(self, asker: Asker) -> bool:
        """Stop the daily digest of the asker's chat or channel; False when there was none."""
        self.check_access(asker)
        sub_id = subscription_id(asker.platform, asker.place)
        stopped = SubscriptionBook(self.store).deactivate(sub_id, commit=False)
        if stopped:
            await self.store.commit_async()
            log.info("%s unsubscribed by %s", sub_id, asker.user_id)
        return stopped

    async def digest_now(self, asker: Asker) -> Digest:
        """The digest this chat would get now (its filters, since its last one); nothing is recorded."""
        self.check_access(asker)
        self._throttle(asker)
        now = self.clock()
        sub = SubscriptionBook(self.store).get(subscription_id(asker.platform, asker.place))
        if sub is None or not sub.active:
            sub = Subscription(
                id=subscription_id(asker.platform, asker.place), platform=asker.platform,
                place=asker.place, user_id=asker.user_id, timezone=self.settings.timezone,
            )
        return await build_digest(
            self.store, sub, since=window_start(sub, now), until=preview_until(now), llm=self.llm
        )

    # ---- briefs (built in bot.brief) --------------------------------------------------------------
    async def brief(
        self, topic: str, asker: Asker, *, since: str | None = None, until: str | None = None
    ) -> Brief:
        """The one-page brief on `topic` (a party, a pair, a sector or free words), every line cited.

        Built in a worker thread: on a large store it takes a tenth of a second or more."""
        self.check_access(asker)
        for name, value in (("since", since), ("until", until)):
            if value and not is_iso_date(value):
                raise BadRequest(f"--{name} expects a date as YYYY-MM-DD, got {value[:40]!r}")
        text = " ".join(topic.split())
        self.rate.check(asker.key)
        brief = await asyncio.to_thread(build_brief, self.store, text, since=since, until=until)
        return await summarize_with_llm(brief, self.store, self.llm)

    def subscriptions(self, asker: Asker | None = None) -> list[Subscription]:
        """Every subscription (for the CLI and admins); other askers see their own place's only."""
        every = SubscriptionBook(self.store).all()
        if asker is None:
            return every
        self.check_access(asker)
        if self.is_admin(asker):
            return every
        own = subscription_id(asker.platform, asker.place)
        return [s for s in every if s.id == own]

    async def aclose(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()
        if self.llm is not None:
            await self.llm.aclose()

