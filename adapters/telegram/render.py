"""Core results as Telegram HTML.

Every piece of article or user text goes through `esc` (or `link`, which escapes both the address
and the label), and only tags Telegram understands are written: b, i, a, code, blockquote.
Paragraphs are separated by blank lines so `split_html` can cut long results where a reader would.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.brief import Brief
from bot.feedpoll import Feed
from bot.models import (
    Answer,
    Article,
    Citation,
    Digest,
    DigestItem,
    Fact,
    IngestReport,
    Overview,
    Sentence,
    Subscription,
)
from bot.wording import counted

__all__ = [
    "RenderedAnswer",
    "esc",
    "link",
    "render_answer",
    "render_article",
    "render_articles",
    "render_digest",
    "render_facts",
    "render_help",
    "render_ingest",
    "render_overview",
    "render_subscription",
    "render_feeds",
    "SHOW_SOURCES_AFTER_CITATIONS",
    "SHOW_SOURCES_AFTER_CHARS",
]

# Beyond these, the numbered sources sit behind a "Show sources" button.
SHOW_SOURCES_AFTER_CITATIONS = 2
SHOW_SOURCES_AFTER_CHARS = 1500
ARTICLE_MAX_CHARS = 12_000  # /article shows at most about three messages

_SAFE_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]{1,2000}", re.IGNORECASE)


def esc(text: str) -> str:
    """Text as Telegram HTML shows it literally."""
    return html.escape(text, quote=False)


def link(url: str | None, label: str) -> str:
    """A link when `url` is a plain http(s) address, else just the escaped label."""
    if url and _SAFE_URL.fullmatch(url):
        return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'
    return esc(label)


def _when(published: str | None) -> str:
    return published or "undated"


# ---- answers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RenderedAnswer:
    """An answer in two halves, so the sources can be shown at once or behind a button."""

    body: str  # the answer text with [n] markers (and any note)
    sources: str  # the numbered sources, or "" when there are none
    collapsed: bool  # True: send `body` with a "Show sources" button
    count: int = 0  # how many sources

    @property
    def full(self) -> str:
        return f"{self.body}\n\n{self.sources}" if self.sources else self.body

    @property
    def teaser(self) -> str:
        """What is sent while the sources are hidden."""
        if not self.collapsed:
            return self.full
        return f"{self.body}\n\n<i>{counted(self.count, 'source')}: tap “Show sources”.</i>"


def _citation(c: Citation) -> str:
    meta = esc(f"{c.source}, {_when(c.published)}" if c.source else _when(c.published))
    title = link(c.url, c.title or "Untitled")
    return f"<b>[{c.n}]</b> {title} — <i>{meta}</i>\n<blockquote>{esc(c.quote)}</blockquote>"


def render_sources(citations: Sequence[Citation]) -> str:
    if not citations:
        return ""
    return "<b>Sources</b>\n\n" + "\n\n".join(_citation(c) for c in citations)


def render_answer(answer: Answer) -> RenderedAnswer:
    """The answer text, then its numbered sources (collapsed when there are many or they are long)."""
    paragraphs = [esc(p) for p in answer.text.split("\n") if p.strip()] or [esc(answer.text)]
    body = "\n\n".join(paragraphs)
    if answer.note:
        body += f"\n\n<i>{esc(answer.note)}</i>"
    sources = render_sources(answer.citations)
    collapsed = bool(sources) and (
        len(answer.citations) > SHOW_SOURCES_AFTER_CITATIONS
        or len(body) + len(sources) > SHOW_SOURCES_AFTER_CHARS
    )
    return RenderedAnswer(body=body, sources=sources, collapsed=collapsed, count=len(answer.citations))


# ---- what the bot knows -----------------------------------------------------------------------


def render_overview(overview: Overview) -> str:
    return esc(overview.summary(max_sources=8))


def render_help(overview: Overview, help_text: str) -> str:
    """/start and /help: what the bot knows, then the core's help text with its headings in bold."""
    headings = {"How to ask", "Commands"}
    lines = [f"<b>{esc(line)}</b>" if line in headings else esc(line) for line in help_text.splitlines()]
    where = "In a group, use /ask, mention me, or reply to one of my messages."
    return f"{render_overview(overview)}\n\n" + "\n".join(lines) + f"\n\n{where}"


def render_articles(articles: Sequence[Article]) -> str:
    if not articles:
        return "The store is empty."
    rows = [
        f"<code>{esc(a.id)}</code> {esc(_when(a.published))} · {esc(a.source)}\n"
        + link(a.url, a.title or "Untitled")
        for a in articles
    ]
    return "<b>Latest articles</b>\n\n" + "\n\n".join(rows) + "\n\n<i>/article ID shows one.</i>"


def render_article(
    article: Article, sentences: Sequence[Sentence], max_chars: int = ARTICLE_MAX_CHARS
) -> str:
    """The article with numbered sentences, cut after about `max_chars` with a note."""
    head = (
        f"<b>{link(article.url, article.title or 'Untitled')}</b>\n"
        f"<i>{esc(article.source)}, {esc(_when(article.published))}</i> · <code>{esc(article.id)}</code>"
    )
    if article.teaser:
        head += f"\n<i>Teaser only: {esc(article.teaser)}.</i>"
    out = [head]
    used = len(head)
    for i, sentence in enumerate(sentences):
        line = f"{sentence.position}. {esc(sentence.text)}"
        if used + len(line) > max_chars:
            out.append(f"<i>… {len(sentences) - i} more sentences not shown.</i>")
            break
        out.append(line)
        used += len(line) + 2
    return "\n\n".join(out)


_FACT_LABELS = {
    "party": "Parties", "sector": "Sectors", "event": "Events", "person": "People",
    "figure": "Figures", "date": "Dates",
}


def render_facts(facts: Sequence[Fact]) -> str:
    if not facts:
        return "No trade facts were found in that article."
    groups: dict[str, list[str]] = {}
    for fact in facts:
        where = ", ".join(sid.rsplit(":", 1)[-1] for sid in fact.sentence_ids[:4])
        groups.setdefault(fact.type, []).append(
            esc(fact.value) + (f" <i>(sentence {esc(where)})</i>" if where else "")
        )
    blocks = [
        f"<b>{_FACT_LABELS.get(kind, esc(kind.title()))}</b>\n" + "\n".join(values)
        for kind, values in groups.items()
    ]
    return "\n\n".join(blocks)


def render_ingest(report: IngestReport) -> str:
    """What /add stored, found already stored, or could not add."""
    lines = []
    for item in report.items:
        name = esc(item.title or item.target)
        if item.status == "stored":
            lines.append(
                f"Stored <b>{name}</b> as <code>{esc(item.article_id or '?')}</code> "
                f"({counted(item.sentences, 'sentence')}, {counted(item.facts, 'fact')})."
                + (f" <i>{esc(item.note)}.</i>" if item.note else "")
            )
        elif item.status == "duplicate":
            lines.append(f"Already stored: <b>{name}</b> (<code>{esc(item.article_id or '?')}</code>).")
        else:
            lines.append(f"Could not add {esc(item.target)}: {esc(item.error or 'unknown error')}")
    return "\n".join(lines) or "Nothing was found to add at that address."


# ---- digests -----------------------------------------------------------------------------------


def render_subscription(sub: Subscription) -> str:
    chosen = (("countries", sub.countries), ("sectors", sub.sectors), ("keywords", sub.keywords))
    filters = [f"{label}: {', '.join(values)}" for label, values in chosen if values]
    what = "; ".join(filters) if filters else "all trade news"
    empty = " (also on days with no news)" if sub.send_empty else ""
    return esc(f"Subscribed: a digest every day at {sub.time} {sub.timezone}{empty}, covering {what}.") + (
        "\n/unsubscribe stops it; /digest shows it now."
    )


def render_feeds(feeds: Sequence[Feed], note: str = "") -> str:
    """The polled feeds: address, title, articles stored and how the last poll went."""
    lines = [esc(note)] if note else []
    for f in feeds:
        state = f"error: {f.last_error}" if f.last_error else ("ok" if f.last_ok else "not polled yet")
        lines.append(f"{link(f.url, f.title or f.url)}: {f.stored} stored, {esc(state)}")
    return "\n".join(lines) or "No feeds are polled yet."


def _digest_item(number: int, item: DigestItem) -> str:
    head = f"<b>{number}. {link(item.url, item.headline or 'Untitled')}</b>"
    meta = f"{item.source}, {_when(item.published)}"
    if item.also_reported_by:
        meta += "; also reported by " + ", ".join(item.also_reported_by)
    lines = [head, f"<i>{esc(meta)}</i>"]
    if item.key_facts:
        lines.append(esc(item.key_facts))
    if item.summary:
        lines.append(esc(item.summary))
    if item.citations:
        cites = "\n".join(
            f"[{c.n}] <i>{esc(c.quote)}</i> — {link(c.url, c.source or c.title or 'source')}"
            for c in item.citations
        )
        lines.append(cites)
    return "\n".join(lines)


def render_digest(digest: Digest) -> str:
    """The digest: title, the stories with their facts and cited sentences, then 'and K more'."""
    title = f"<b>{esc(digest.title)}</b>"
    if digest.empty or not digest.items:
        return f"{title}\n\nNo new trade news since {esc(digest.since[:16].replace('T', ' '))}."
    parts = [title] + [_digest_item(n, item) for n, item in enumerate(digest.items, start=1)]
    if digest.more:
        parts.append(f"<i>… and {digest.more} more {'story' if digest.more == 1 else 'stories'}.</i>")
    return "\n\n".join(parts)


class TelegramHTML:
    """Each kind of reply as Telegram HTML (the `Renderer` of `bot.commands`). Answers and briefs
    are sent by the handlers in parts (a sources button, sections and a chart); as one text they
    read as below."""

    def notice(self, text: str) -> str:
        return esc(text)

    def answer(self, answer: Answer) -> str:
        rendered = render_answer(answer)
        return "\n\n".join(p for p in (rendered.body, rendered.sources) if p)

    def help(self, overview: Overview, text: str) -> str:
        return render_help(overview, text)

    def sources(self, articles: Sequence[Article], total: int) -> str:
        return render_articles(articles)

    def article(self, article: Article, sentences: Sequence[Sentence]) -> str:
        return render_article(article, list(sentences))

    def facts(self, article: Article | None, facts: Sequence[Fact]) -> str:
        return render_facts(facts)

    def ingest(self, report: IngestReport) -> str:
        return render_ingest(report)

    def subscription(self, subscription: Subscription) -> str:
        return render_subscription(subscription)

    def digest(self, digest: Digest) -> str:
        return render_digest(digest)

    def feeds(self, feeds: Sequence[Feed], note: str) -> str:
        return render_feeds(feeds, note)

    def brief(self, brief: Brief) -> str:
        from .brief import render_brief

        return render_brief(brief)[0]
