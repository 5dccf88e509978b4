"""The console adapter: a terminal chat with the core, and the first manual test tool.

Like every adapter it is two translators (a typed line to a core call, a core result to text) and a
thin runner; it owns no business logic.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import stat
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from adapters.terminal import safe
from bot.brief import Brief
from bot.brief_render import closest_line, line_text
from bot.commands import Commands, Reply
from bot.commands import render as render_reply
from bot.feedpoll import Feed
from bot.models import (
    CONSOLE_ASKER, Answer, Article, Asker, Digest, Fact, IngestReport, Overview, Sentence, Subscription,
)
from bot.service import Tradebrief
from bot.subscriptions import describe
from bot.wording import counted

__all__ = [
    "ConsoleAdapter", "format_answer", "format_article", "format_articles", "format_brief", "format_digest",
    "format_facts",
    "format_feeds", "format_ingest", "format_overview", "render",
]

QUIT = ("/quit", "/exit")


@contextlib.contextmanager
def quiet_terminal_logs() -> Iterator[None]:
    """While the chat runs, the log lines printed to the terminal are warnings and errors only, so
    INFO lines ("subscribed", "feed polled") do not land between a question and its answer."""
    raised = [h for h in logging.getLogger().handlers
              if type(h) is logging.StreamHandler and h.level < logging.WARNING]  # noqa: E721
    levels = [h.level for h in raised]
    for handler in raised:
        handler.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for handler, level in zip(raised, levels, strict=True):
            handler.setLevel(level)


def _wrap(text: str, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(line, width=100, initial_indent=indent, subsequent_indent=indent) if line else ""
        for line in text.splitlines()
    )


def format_answer(answer: Answer) -> str:
    """Answer text, then the numbered sources with their verbatim quotes."""
    out = [_wrap(answer.text)]
    if answer.note:
        out.append(f"({answer.note})")
    if answer.citations:
        out.append("")
        out.append("Sources:")
        for c in answer.citations:
            meta = ", ".join(p for p in (c.source, c.published or "undated") if p)
            out.append(_wrap(f"[{c.n}] {c.quote}", "    ").replace("    [", "[", 1))
            out.append(f"    — {c.title} ({meta})" + (f" {c.url}" if c.url else ""))
    return "\n".join(out)


def format_articles(articles: list[Article]) -> str:
    if not articles:
        return "The store is empty."
    return "\n".join(
        f"{a.id}  {a.published or '----------'}  {a.source[:24]:<24}  {a.title}" for a in articles
    )


def format_article(article: Article, sentences: list[Sentence]) -> str:
    head = f"{article.title}\n{article.source}, {article.published or 'undated'}  [{article.id}]"
    if article.url:
        head += f"\n{article.url}"
    if article.teaser:
        head += f"\nTeaser only: {article.teaser}."
    body = "\n".join(f"{s.position:>3}. {s.text}" for s in sentences)
    return f"{head}\n\n{body}"


def format_digest(digest: Digest) -> str:
    """A digest as plain text: numbered stories with key facts, summary and quoted sources."""
    since = digest.since[:16].replace("T", " ") + (" UTC" if digest.since.endswith("+00:00") else "")
    if digest.empty:
        return f"{digest.title}: no new trade news since {since}."
    out = [f"{digest.title} (news since {since})"]
    for i, item in enumerate(digest.items, start=1):
        meta = ", ".join(p for p in (item.source, item.published or "undated") if p)
        out += ["", _wrap(f"{i}. {item.headline}"), f"   {meta}" + (f"  {item.url}" if item.url else "")]
        if item.also_reported_by:
            urls = item.also_urls or (None,) * len(item.also_reported_by)
            others = [f"{s} {u}" if u else s for s, u in zip(item.also_reported_by, urls, strict=True)]
            out.append(_wrap("Also reported by " + "; ".join(others), "   "))
        for part in (item.key_facts, item.summary):
            if part:
                out.append(_wrap(part, "   "))
        for c in item.citations:
            out.append(_wrap(f"[{c.n}] “{c.quote}”", "      "))
            out.append(f"      — {c.title} ({c.source}, {c.published or 'undated'})" + (f" {c.url}" if c.url else ""))
    if digest.more:
        out += ["", f"…and {digest.more} more {'story' if digest.more == 1 else 'stories'}."]
    return "\n".join(out)


def format_overview(overview: Overview) -> str:
    return overview.summary()


def format_facts(facts: list[Fact] | tuple[Fact, ...], *, with_article: bool = False) -> str:
    """One line per fact: type, value, attributes and the sentences it rests on."""
    if not facts:
        return "No facts stored."
    lines = []
    for fact in facts:
        attrs = ", ".join(f"{k}={v}" for k, v in fact.attrs.items()
                          if k not in ("mentions", "phrase") and v is not None)
        cites = ",".join(s.split(":")[-1] for s in fact.sentence_ids)
        prefix = f"{fact.article_id}  " if with_article else ""
        lines.append(f"{prefix}{fact.type:<7} {fact.value}" + (f"  ({attrs})" if attrs else "") + f"  [s{cites}]")
    return "\n".join(lines)


def format_ingest(report: IngestReport) -> str:
    lines = []
    for item in report.items:
        if item.status == "stored":
            lines.append(f"Stored {item.title or item.target} as {item.article_id} "
                         f"({counted(item.sentences, 'sentence')}, {counted(item.facts, 'fact')})."
                         + (f" Note: {item.note}." if item.note else ""))
        elif item.status == "duplicate":
            lines.append(f"Already stored: {item.title or item.target} ({item.article_id}).")
        else:
            lines.append(f"Could not add {item.target}: {item.error or 'unknown error'}")
    return "\n".join(lines) or "Nothing was found to add at that address."


def format_feeds(feeds: list[Feed] | tuple[Feed, ...]) -> str:
    if not feeds:
        return "No feeds are polled yet."
    lines = []
    for f in feeds:
        state = f"error: {f.last_error}" if f.last_error else (
            f"ok {f.last_ok[:16].replace('T', ' ')}" if f.last_ok else "not polled yet")
        lines.append(f"{f.url}  {f.title or '-'}  {f.stored} stored  {state}")
    return "\n".join(lines)


def format_brief(brief: Brief) -> str:
    """A brief as terminal text: sections of cited lines, the chart's values, the quoted sources."""
    if brief.empty:
        return "\n".join(p for p in (brief.message, closest_line(brief)) if p)
    out = [brief.title, brief.coverage]
    for section in brief.sections:
        out += ["", section.title]
        out += [_wrap(f"- {line_text(line)}", "  ").replace("  - ", "- ", 1) for line in section.lines]
    if brief.chart is not None:
        points = "; ".join(f"{p.when}: {p.label} [{p.cite}]" for p in brief.chart.points)
        out += ["", _wrap(f"Chart ({brief.chart.title}; `tradebrief brief --format html` draws it): {points}")]
    out += ["", "Sources"]
    for c in brief.sources:
        meta = ", ".join(p for p in (c.source, c.published or "undated") if p)
        out.append(_wrap(f"[{c.n}] {c.quote}", "    ").replace("    [", "[", 1))
        out.append(f"    — {c.title} ({meta})" + (f" {c.url}" if c.url else ""))
    if brief.note:
        out += ["", f"({brief.note})"]
    return "\n".join(out)


class ConsoleText:
    """Each kind of reply as terminal text (the `Renderer` of `bot.commands`)."""

    def notice(self, text: str) -> str:
        return text

    def answer(self, answer: Answer) -> str:
        return format_answer(answer)

    def help(self, overview: Overview, text: str) -> str:
        return f"{format_overview(overview)}\n\n{text}\n/quit: leave the chat"

    def sources(self, articles: Sequence[Article], total: int) -> str:
        return format_articles(list(articles))

    def article(self, article: Article, sentences: Sequence[Sentence]) -> str:
        return format_article(article, list(sentences))

    def facts(self, article: Article | None, facts: Sequence[Fact]) -> str:
        return format_facts(tuple(facts))

    def ingest(self, report: IngestReport) -> str:
        return format_ingest(report)

    def subscription(self, subscription: Subscription) -> str:
        return f"Subscribed: {describe(subscription)}."

    def digest(self, digest: Digest) -> str:
        return format_digest(digest)

    def feeds(self, feeds: Sequence[Feed], note: str) -> str:
        return "\n".join(p for p in (note, format_feeds(tuple(feeds))) if p)

    def brief(self, brief: Brief) -> str:
        return format_brief(brief)


def render(reply: Reply) -> str:
    """A command's reply as terminal text."""
    return render_reply(reply, ConsoleText())


class ConsoleAdapter:
    """Reads questions from a terminal and prints cited answers."""

    name = "console"

    def __init__(
        self,
        service: Tradebrief,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        asker: Asker = CONSOLE_ASKER,
        on_quit: Callable[[], None] | None = None,
    ) -> None:
        self.service = service
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.asker = asker
        self.on_quit = on_quit
        self.commands = Commands(service)

    # ---- translator: line -> core call -> text ----------------------------------------------
    async def handle(self, line: str) -> str | None:
        """The reply to one typed line; None means the user wants to leave."""
        text = line.strip()
        if not text:
            return ""
        if text.split(maxsplit=1)[0].lower() in QUIT:
            return None
        return render(await self.commands.handle(text, self.asker))

    # ---- runner -----------------------------------------------------------------------------
    async def run(self) -> None:
        """Chat until /quit or end of input. Cancelling it (Ctrl-C) stops it at once, even at the
        prompt: a terminal or pipe is watched by the event loop, no thread waits in readline."""
        with quiet_terminal_logs():
            await self._chat()
        if self.on_quit:
            self.on_quit()

    async def _chat(self) -> None:
        self._write(f"Tradebrief — {format_overview(self.service.overview(self.asker))}\nType a question, /help or /quit.\n")
        lines = _Lines(self.stdin)
        while True:
            self._write("> ", end="")
            line = await lines.next()
            if not line:
                break
            reply = await self.handle(line)
            if reply is None:
                break
            if reply:
                self._write(reply + "\n")

    async def deliver(self, place: str, digest: Digest) -> None:
        """Print a scheduled digest: the console's way of delivering one."""
        self._write("\n" + format_digest(digest))

    def _write(self, text: str, end: str = "\n") -> None:
        self.stdout.write(safe(text + end))  # article and user text cannot drive the terminal
        self.stdout.flush()


class _Lines:
    """Lines from `stream`. A terminal, pipe or socket is read when the event loop says it is
    readable (one `os.read` then never blocks), so waiting for a line holds no thread and a
    cancellation ends the wait at once. Anything else (a file, a StringIO) never blocks: readline."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._buffer = b""
        self._eof = False
        try:
            fd = stream.fileno()
            mode = os.fstat(fd).st_mode
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            self.fd = None
        else:
            self.fd = fd if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) else None

    async def next(self) -> str:
        if self.fd is None:
            return self.stream.readline()
        loop = asyncio.get_running_loop()
        while b"\n" not in self._buffer and not self._eof:
            ready: asyncio.Future[None] = loop.create_future()
            loop.add_reader(self.fd, lambda: ready.done() or ready.set_result(None))
            try:
                await ready
            finally:
                loop.remove_reader(self.fd)
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                continue
            except OSError:
                chunk = b""
            self._buffer += chunk
            self._eof = not chunk
        line, sep, self._buffer = self._buffer.partition(b"\n")
        return (line + sep).decode("utf-8", errors="replace")
