"""Every chat command, defined once: a message becomes an intent, runs against the service and
comes back as a platform-neutral `Reply`.

Adapters only receive, render and send: the console, Telegram and Slack all route what a person
typed through `Commands`, so the platforms cannot drift apart. The help text is generated from
the one command table, and there is one error policy: a `UserError` becomes its one line, anything
else one apology (and a log line with the traceback).

Two ways of reading a message:
- prefixed (console, Telegram): `/article 5c3e` is a command, anything else a question;
- bare (Slack's `/trade ...`, direct messages, mentions): the first word is a command only when the
  rest fits it (`facts 5c3e` is a command, `facts about steel?` a question).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar

from .brief import Brief
from .errors import AccessDenied, BadRequest, UnknownArticle, UserError
from .feedpoll import Feed, FeedList
from .models import Answer, Article, Asker, Digest, Fact, IngestReport, Overview, Sentence, Subscription
from .service import Tradebrief

__all__ = [
    "APOLOGY",
    "COMMANDS",
    "Command",
    "Commands",
    "Intent",
    "Reply",
    "UNSUBSCRIBED",
    "NOT_SUBSCRIBED",
    "help_text",
    "parse",
]

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side while handling that. Please try again in a moment."
UNSUBSCRIBED = "Unsubscribed: no more daily digests here."
NOT_SUBSCRIBED = "There was no digest subscription here."
INTRO = "Tradebrief answers questions about stored trade news; every claim cites the sentence it rests on."
EXAMPLES = ("which sectors were agreed?", "who met in February?", "which countries signed a trade agreement?")

ArgKind = Literal["none", "text", "id", "url", "spec", "feeds"]

_ID = re.compile(r"(?=[a-f]*\d)[0-9a-f]{2,64}", re.IGNORECASE)  # an id prefix, with a digit
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Intent:
    """What a message asks for: a command name from the table (or "unknown") and its argument."""

    name: str
    arg: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """A platform-neutral reply. `intent` says which fields are set; `error` is "user" for a
    one-line refusal or hint in `text`, "bug" for the apology in `text`."""

    intent: str
    text: str = ""
    error: Literal["", "user", "bug"] = ""
    answer: Answer | None = None
    overview: Overview | None = None
    articles: tuple[Article, ...] = ()
    article: Article | None = None
    sentences: tuple[Sentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    report: IngestReport | None = None
    subscription: Subscription | None = None
    digest: Digest | None = None
    feeds: tuple[Feed, ...] = ()
    brief: Brief | None = None

    @property
    def failed(self) -> bool:
        return bool(self.error)


Handler = Callable[["Commands", Asker, str], Awaitable[Reply]]


T = TypeVar("T")


class Renderer(Protocol, Generic[T]):
    """What an adapter writes for each kind of reply (terminal text, Telegram HTML, Block Kit).
    `render` picks the method, so the dispatch on a reply's kind exists once, here."""

    def notice(self, text: str) -> T: ...
    def answer(self, answer: Answer) -> T: ...
    def help(self, overview: Overview, text: str) -> T: ...
    def sources(self, articles: Sequence[Article], total: int) -> T: ...
    def article(self, article: Article, sentences: Sequence[Sentence]) -> T: ...
    def facts(self, article: Article | None, facts: Sequence[Fact]) -> T: ...
    def ingest(self, report: IngestReport) -> T: ...
    def subscription(self, subscription: Subscription) -> T: ...
    def digest(self, digest: Digest) -> T: ...
    def feeds(self, feeds: Sequence[Feed], note: str) -> T: ...
    def brief(self, brief: Brief) -> T: ...


def render(reply: Reply, to: Renderer[T]) -> T:
    """A reply through an adapter's renderer: refusals and plain text as notices, the rest by kind."""
    if reply.failed:
        return to.notice(reply.text)
    if reply.answer is not None:
        return to.answer(reply.answer)
    if reply.intent == "help" and reply.overview is not None:
        return to.help(reply.overview, reply.text)
    if reply.intent == "sources":
        return to.sources(reply.articles, reply.overview.articles if reply.overview else len(reply.articles))
    if reply.intent == "article" and reply.article is not None:
        return to.article(reply.article, reply.sentences)
    if reply.intent == "facts":
        return to.facts(reply.article, reply.facts)
    if reply.report is not None:
        return to.ingest(reply.report)
    if reply.subscription is not None:
        return to.subscription(reply.subscription)
    if reply.digest is not None:
        return to.digest(reply.digest)
    if reply.intent == "feeds":
        return to.feeds(reply.feeds, reply.text)
    if reply.brief is not None:
        return to.brief(reply.brief)
    return to.notice(reply.text)




@dataclass(frozen=True, slots=True)
class Command:
    """One row of the table: how it is typed, what it does, who may use it, and its handler."""

    name: str
    args: str  # the argument as shown in help ("ID", "URL", "[HH:MM] ...")
    summary: str
    kind: ArgKind
    handler: Handler
    admin: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""  # an argument for the example line in help

    def usage(self, prefix: str) -> str:
        return f"{prefix}{self.name}" + (f" {self.args}" if self.args else "")

    def fits(self, rest: str) -> bool:
        """Whether `rest` is this command's argument when the command word is typed bare."""
        if self.kind == "none":
            return not rest
        if self.kind == "id":
            return bool(_ID.fullmatch(rest))
        if self.kind == "url":
            return bool(_URL.fullmatch(rest))
        if self.kind == "feeds":
            word = rest.split(maxsplit=1)[0].lower() if rest else ""
            return not rest or (word in ("add", "remove") and bool(_URL.fullmatch(rest.split(maxsplit=1)[-1])))
        return True  # text and spec take anything


# ---- handlers ------------------------------------------------------------------------------------
async def _ask(c: Commands, asker: Asker, arg: str) -> Reply:
    return Reply("ask", answer=await c.service.ask(arg, asker))


async def _help(c: Commands, asker: Asker, arg: str) -> Reply:
    return Reply("help", text=help_text(c.prefix, admin=c.service.is_admin(asker)), overview=c.service.overview(asker))


async def _sources(c: Commands, asker: Asker, arg: str) -> Reply:
    articles = tuple(c.service.latest(asker, 10))
    return Reply("sources", articles=articles, overview=c.service.overview(asker))


def _find(c: Commands, asker: Asker, command: str, ref: str) -> tuple[Article, list[Sentence]]:
    if not ref:
        raise BadRequest(f"Give an article id, e.g. {c.prefix}{command} 1a2b3c ({c.prefix}sources lists them).")
    try:
        return c.service.article(ref, asker)
    except UnknownArticle as exc:
        raise UnknownArticle(f"{exc} {c.prefix}sources lists the latest.") from None


async def _article(c: Commands, asker: Asker, arg: str) -> Reply:
    article, sentences = _find(c, asker, "article", arg)
    return Reply("article", article=article, sentences=tuple(sentences))


async def _facts(c: Commands, asker: Asker, arg: str) -> Reply:
    article, _ = _find(c, asker, "facts", arg)
    return Reply("facts", article=article, facts=tuple(c.service.facts(article.id, asker)))


async def _add(c: Commands, asker: Asker, arg: str) -> Reply:
    return Reply("add", report=await c.service.add(arg, asker))


async def _feeds(c: Commands, asker: Asker, arg: str) -> Reply:
    word, _, url = arg.strip().partition(" ")
    word = word.lower()
    if word in ("add", "remove"):
        if word == "add":
            feed, new = await c.service.watch_feed(url, asker)
            line = f"{'Added' if new else 'Already polled'}: {feed.url}"
        else:
            line = f"Removed: {url.strip()}" if await c.service.unwatch_feed(url, asker) else (
                f"No feed {url.strip()[:200]!r} is polled; {c.prefix}feeds lists them.")
        return Reply("feeds", text=line, feeds=tuple(c.service.feeds(asker)))
    if word:
        raise BadRequest(f"Use {c.prefix}feeds, or {c.prefix}feeds add URL / {c.prefix}feeds remove URL.")
    return Reply("feeds", feeds=tuple(c.service.feeds(asker)))


async def _subscribe(c: Commands, asker: Asker, arg: str) -> Reply:
    return Reply("subscribe", subscription=await c.service.subscribe(asker, arg))


async def _unsubscribe(c: Commands, asker: Asker, arg: str) -> Reply:
    stopped = await c.service.unsubscribe(asker)
    return Reply("unsubscribe", text=UNSUBSCRIBED if stopped else NOT_SUBSCRIBED)


async def _digest(c: Commands, asker: Asker, arg: str) -> Reply:
    return Reply("digest", digest=await c.service.digest_now(asker))


async def _brief(c: Commands, asker: Asker, arg: str) -> Reply:
    return Reply("brief", brief=await c.service.brief(arg, asker))


COMMANDS: tuple[Command, ...] = (
    Command("ask", "QUESTION", "ask about the stored trade news", "text", _ask, example=EXAMPLES[0]),
    Command("help", "", "what I know and how to ask", "none", _help, aliases=("start",)),
    Command("sources", "", "the latest articles", "none", _sources),
    Command("article", "ID", "an article, sentence by sentence", "id", _article),
    Command("facts", "ID", "the trade facts found in an article", "id", _facts),
    Command("subscribe", "[HH:MM] [Area/City] [filters]", "a daily digest here", "spec", _subscribe,
            example="07:30 Europe/Berlin"),
    Command("unsubscribe", "", "stop the daily digest here", "none", _unsubscribe),
    Command("digest", "", "the digest now", "none", _digest),
    Command("brief", "TOPIC", "a cited one-page brief on a country, a pair, a sector or a few words", "text",
            _brief, example="Pakistan Belarus"),
    Command("feeds", "", "the news feeds polled for new articles", "feeds", _feeds),
    Command("add", "URL", "add a page or feed", "url", _add, admin=True),
)
_BY_NAME = {name: cmd for cmd in COMMANDS for name in (cmd.name, *cmd.aliases)}


def help_text(prefix: str = "/", *, admin: bool = False) -> str:
    """The help, generated from `COMMANDS`; `prefix` is how a command is typed ("/" or "/trade ")."""
    lines = [
        INTRO,
        "",
        "How to ask",
        f"Write a question in plain words, or {prefix}ask QUESTION, e.g. {prefix}ask {EXAMPLES[0]}",
        "",
        "Commands",
    ]
    for cmd in COMMANDS:
        if cmd.name == "ask":
            continue
        line = f"{cmd.usage(prefix)}: {cmd.summary}"
        if cmd.name == "feeds" and admin:
            line += f" ({prefix}feeds add URL, {prefix}feeds remove URL)"
        if cmd.admin:
            line += " (administrators)"
        if cmd.example:
            line += f", e.g. {prefix}{cmd.name} {cmd.example}"
        lines.append(line)
    return "\n".join(lines)


def parse(text: str, *, bare: bool = False) -> Intent:
    """The intent of `text`. Prefixed: `/name arg` (and `/name@Bot arg`). Bare: `name arg` when the
    argument fits the command. Anything else is a question."""
    text = text.strip()
    word, _, rest = text.partition(" ")
    rest = rest.strip()
    if word.startswith("/") and not bare:
        name = word[1:].split("@", 1)[0].lower()
        cmd = _BY_NAME.get(name)
        return Intent(cmd.name, rest) if cmd else Intent("unknown", word[:40])
    if bare:
        cmd = _BY_NAME.get(word.lower())
        if cmd is not None and cmd.name != "ask" and cmd.fits(rest):
            return Intent(cmd.name, rest)
        if cmd is not None and cmd.name == "ask":
            return Intent("ask", rest)
    return Intent("ask", text)


@dataclass(slots=True)
class Commands:
    """Runs intents against the service with the one error policy."""

    service: Tradebrief
    prefix: str = "/"
    table: dict[str, Command] = field(default_factory=lambda: dict(_BY_NAME))

    def parse(self, text: str, *, bare: bool = False) -> Intent:
        return parse(text, bare=bare)

    def command(self, name: str) -> Command | None:
        return self.table.get(name)

    def refusal(self, asker: Asker) -> Reply | None:
        """The polite refusal when `asker`'s place may not use the bot, else None (adapters check
        this before acknowledging slow work, so a refused place gets the line and nothing else)."""
        try:
            self.service.check_access(asker)
        except AccessDenied as exc:
            return Reply("refused", text=str(exc), error="user")
        return None

    async def handle(self, text: str, asker: Asker, *, bare: bool = False) -> Reply:
        """Parse a typed message and run it."""
        return await self.run(parse(text, bare=bare), asker)

    async def run(self, intent: Intent, asker: Asker) -> Reply:
        """Run one intent; never raises: user errors and bugs come back as `Reply(error=...)`."""
        try:
            self.service.check_access(asker)
            if intent.name == "unknown":
                return Reply("unknown", text=f"I don't know {intent.arg}. {self.prefix}help lists what I can do.",
                             error="user")
            cmd = self.table.get(intent.name)
            if cmd is None:
                raise BadRequest(f"I don't know {intent.name[:40]}. {self.prefix}help lists what I can do.")
            return await cmd.handler(self, asker, intent.arg)
        except UserError as exc:
            return Reply(intent.name, text=str(exc), error="user")
        except Exception as exc:
            log.exception("%s command from %s user %s in %s failed: %s", intent.name, asker.platform,
                          asker.user_id, asker.place or "-", type(exc).__name__)
            return Reply(intent.name, text=APOLOGY, error="bug")
