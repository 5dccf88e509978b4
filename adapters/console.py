"""The console adapter: a terminal chat with the core, and the first manual test tool.

Like every adapter it is two translators (a typed line to a core call, a core result to text) and a
thin runner; it owns no business logic.
"""

from __future__ import annotations

import asyncio
import sys
import textwrap
from collections.abc import Callable
from typing import TextIO

from bot.errors import UserError
from bot.models import CONSOLE_ASKER, Answer, Article, Asker, Digest, Overview, Sentence
from bot.service import Tradebrief
from bot.subscriptions import describe

__all__ = [
    "ConsoleAdapter", "format_answer", "format_article", "format_articles", "format_digest", "format_overview",
]

HELP = """Ask about the stored trade news in plain words, for example:
  which sectors were agreed?
  how much did Time Warner's profits rise?
Commands: /help  /sources (latest articles)  /article ID  /digest  /subscribe [HH:MM] [Area/City] [filters]  /unsubscribe  /quit"""


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

    # ---- translator: line -> core call -> text ----------------------------------------------
    async def handle(self, line: str) -> str | None:
        """The reply to one typed line; None means the user wants to leave."""
        text = line.strip()
        if not text:
            return ""
        command, _, rest = text.partition(" ")
        try:
            if command in ("/quit", "/exit"):
                return None
            if command in ("/help", "/start"):
                return f"{format_overview(self.service.overview(self.asker))}\n{HELP}"
            if command == "/sources":
                return format_articles(self.service.latest(self.asker, 10))
            if command == "/article":
                return format_article(*self.service.article(rest, self.asker))
            if command == "/digest":
                return format_digest(await self.service.digest_now(self.asker))
            if command == "/subscribe":
                return f"Subscribed: {describe(await self.service.subscribe(self.asker, rest))}."
            if command == "/unsubscribe":
                return "Unsubscribed." if await self.service.unsubscribe(self.asker) else "There was no subscription here."
            if command.startswith("/"):
                return f"Unknown command {command}. {HELP.splitlines()[-1]}"
            return format_answer(await self.service.ask(text, self.asker))
        except UserError as exc:
            return str(exc)

    # ---- runner -----------------------------------------------------------------------------
    async def run(self) -> None:
        """Chat until /quit or end of input."""
        self._write(f"Tradebrief — {format_overview(self.service.overview(self.asker))}\nType a question, /help or /quit.\n")
        loop = asyncio.get_running_loop()
        while True:
            self._write("> ", end="")
            line = await loop.run_in_executor(None, self.stdin.readline)
            if not line:
                break
            reply = await self.handle(line)
            if reply is None:
                break
            if reply:
                self._write(reply + "\n")
        if self.on_quit:
            self.on_quit()

    async def deliver(self, place: str, digest: Digest) -> None:
        """Print a scheduled digest: the console's way of delivering one."""
        self._write("\n" + format_digest(digest))

    def _write(self, text: str, end: str = "\n") -> None:
        self.stdout.write(text + end)
        self.stdout.flush()
