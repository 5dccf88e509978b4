"""Core results as Block Kit messages, and Slack's message text back into plain words.

Slack's mrkdwn gives `&`, `<` and `>` meaning (`<!channel>`, `<@U123>`, `<url|label>`), so every
string that comes from an article or a user is escaped here; the only markup in a message is the
markup these functions add. Text objects are marked `verbatim` so Slack does not turn a plain
"@here" or "#channel" in an article into a mention or a link. Slack rejects a text object over
3,000 characters and a message over 50 blocks: long texts are split between words, and quotes are
shortened with an ellipsis only when one would not fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from slack_sdk.models.blocks import (
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.brief import Brief
from bot.commands import Reply, render
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
from bot.subscriptions import describe
from bot.wording import counted

__all__ = [
    "TEXT_LIMIT",
    "MAX_BLOCKS",
    "escape",
    "split_escaped",
    "shorten_escaped",
    "link",
    "plain_from_slack",
    "answer_message",
    "notice_message",
    "help_message",
    "sources_message",
    "digest_message",
    "subscription_message",
    "article_message",
    "facts_message",
    "ingest_message",
    "feeds_message",
    "reply_message",
]

Block = dict[str, Any]
Message = dict[str, Any]

TEXT_LIMIT = 3000  # characters in one text object
MAX_BLOCKS = 50  # blocks in one message
HEADER_LIMIT = 150  # plain text in a header block
DIGEST_QUOTE_LIMIT = 300  # a digest's compact source lines
MAX_URL = 1000  # longer addresses are shown without a link

_PIECES = re.compile(r"\S+\s*|\s+")
_ENTITY_LEN = {"&amp;": 5, "&lt;": 4, "&gt;": 4}


def escape(text: str) -> str:
    """Slack's three control characters as entities (its escaping rules name only these)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(escaped: str, limit: int) -> tuple[str, str]:
    """Split escaped text at `limit` characters, moving the cut back so no entity is broken."""
    cut = limit
    amp = escaped.rfind("&", max(0, limit - 4), limit)
    if amp != -1:
        for entity, size in _ENTITY_LEN.items():
            if escaped.startswith(entity, amp) and amp + size > limit:
                cut = amp
                break
    return escaped[:cut], escaped[cut:]


def split_escaped(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Escape `text` and cut it into chunks of at most `limit` characters, between words when possible."""
    limit = max(limit, 8)  # room for any entity, so a cut always makes progress
    chunks: list[str] = []
    current = ""
    for piece in _PIECES.findall(text):
        escaped = escape(piece)
        if len(current) + len(escaped) <= limit:
            current += escaped
            continue
        if current.strip():
            chunks.append(current.strip())
        current = ""
        while len(escaped) > limit:
            head, escaped = _cut(escaped, limit)
            chunks.append(head)
        current = escaped
    if current.strip():
        chunks.append(current.strip())
    return chunks


def shorten_escaped(text: str, limit: int) -> str:
    """Escaped `text`, or its first words and an ellipsis when the escaped form exceeds `limit` (>= 10)."""
    escaped = escape(text.strip())
    if len(escaped) <= limit:
        return escaped
    head = split_escaped(text.strip(), max(1, limit - 1))
    return (head[0] if head else "") + "…"


def _safe_url(url: str | None) -> str | None:
    """An http(s) address made safe inside `<...|...>`, or None when it cannot be linked."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"https?://[^\s/?#]+", url, re.IGNORECASE):
        return None
    # Characters that would end or split Slack's link markup are percent-encoded; `&` becomes an entity.
    url = quote(url, safe="/:?#[]@!$&'()*+,;=%~-._").replace("&", "&amp;")
    return url if len(url) <= MAX_URL else None


def link(url: str | None, label: str, limit: int = 200) -> str:
    """`<url|label>` for a web address, otherwise just the escaped label."""
    text = shorten_escaped(" ".join(label.split()), limit) or "link"
    safe = _safe_url(url)
    return f"<{safe}|{text}>" if safe else text


# ---- incoming text ----------------------------------------------------------------------------
_USER_REF = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
_CHANNEL_REF = re.compile(r"<#[A-Z0-9]+(?:\|([^<>]*))?>")
_SPECIAL_REF = re.compile(r"<!([^<>|]+)(?:\|([^<>]*))?>")
_LINK_REF = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def plain_from_slack(text: str, *, bot_user_id: str | None = None) -> str:
    """What a person typed, without Slack's markup: mentions of the bot dropped, links as their labels."""

    def user(match: re.Match[str]) -> str:
        return "" if match.group(1) == bot_user_id else f"@{match.group(1)}"

    text = _USER_REF.sub(user, text)
    text = _CHANNEL_REF.sub(lambda m: f"#{m.group(1) or 'channel'}", text)
    text = _SPECIAL_REF.sub(lambda m: m.group(2) or "", text)
    text = _LINK_REF.sub(lambda m: m.group(2) or m.group(1).removeprefix("mailto:"), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


# ---- blocks (slack_sdk's Block Kit models, which check Slack's limits as they serialise) ---------
def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text, verbatim=True)


def _section(text: str) -> Block:
    return SectionBlock(text=_mrkdwn(text)).to_dict()


def _context(text: str) -> Block:
    return ContextBlock(elements=[_mrkdwn(text)]).to_dict()


def _header(text: str) -> Block:
    plain = " ".join(text.split())
    if len(plain) > HEADER_LIMIT:
        plain = plain[: HEADER_LIMIT - 1].rstrip() + "…"
    return HeaderBlock(text=PlainTextObject(text=plain or "Tradebrief", emoji=False)).to_dict()


_DIVIDER: Block = DividerBlock().to_dict()


def _message(fallback: str, blocks: list[Block]) -> Message:
    """A message: blocks plus the plain fallback Slack shows in notifications."""
    return {"text": shorten_escaped(fallback, TEXT_LIMIT) or "Tradebrief", "blocks": blocks[:MAX_BLOCKS]}


def _sections(text: str, room: int) -> list[Block]:
    """`text` as at most `room` sections; what does not fit ends in an ellipsis."""
    chunks = split_escaped(text) or [escape("(no text)")]
    if len(chunks) > room:
        chunks = chunks[: max(1, room)]
        last = chunks[-1]
        if len(last) >= TEXT_LIMIT:
            last = _cut(last, TEXT_LIMIT - 1)[0]
        chunks[-1] = last + "…"
    return [_section(chunk) for chunk in chunks]


def _meta(source: str, published: str | None) -> str:
    parts = [shorten_escaped(source, 100) if source.strip() else "", escape(published or "undated")]
    return ", ".join(p for p in parts if p)


def citation_text(c: Citation) -> str:
    """`[n] “quote”` and a line with the linked title, source and date, within one text object."""
    head = f"*[{c.n}]* “"
    tail = f"”\n{link(c.url, c.title or c.source or 'untitled')} · {_meta(c.source, c.published)}"
    return head + shorten_escaped(c.quote, TEXT_LIMIT - len(head) - len(tail)) + tail


def answer_message(answer: Answer, *, asked_by: str | None = None) -> Message:
    """The answer as sections, then one context block per citation (quote, title, source, date, link)."""
    blocks: list[Block] = []
    question = answer.question.strip()
    if question:
        who = f" — asked by <@{asked_by}>" if asked_by and re.fullmatch(r"[UW][A-Z0-9]+", asked_by) else ""
        blocks.append(_context(f"*Q:* {shorten_escaped(question, TEXT_LIMIT - 60)}{who}"))
    tail: list[Block] = []
    if answer.note:
        tail.append(_context(f"_{shorten_escaped(answer.note, TEXT_LIMIT - 2)}_"))
    citations = list(answer.citations)[: MAX_BLOCKS - len(blocks) - len(tail) - 2]
    if citations:
        tail.append(_DIVIDER)
        tail.extend(_context(citation_text(c)) for c in citations)
    blocks.extend(_sections(answer.text, MAX_BLOCKS - len(blocks) - len(tail)))
    blocks.extend(tail)
    return _message(answer.text, blocks)


def notice_message(line: str) -> Message:
    """A one-line message (a hint, a refusal, an apology)."""
    return _message(line, [_section(shorten_escaped(line, TEXT_LIMIT))])


def help_message(command: str, overview: Overview, help_text: str, *, share_by_default: bool = False) -> Message:
    """What the bot knows, the core's help text, and Slack's own ways in (share, mentions, DMs)."""
    if share_by_default:
        ask = f"`{command} QUESTION` posts the answer here; `{command} private QUESTION` shows it to you only."
    else:
        ask = f"`{command} QUESTION` shows the answer to you only; `{command} share QUESTION` posts it here."
    headings = {"How to ask", "Commands"}
    lines = [f"*{escape(line)}*" if line in headings else escape(line) for line in help_text.splitlines()]
    slack = [ask, "Mention me in a channel (`@Tradebrief QUESTION`) and I answer in the thread; "
                  "direct messages work too."]
    blocks = [_section(escape(overview.summary())), *_sections("\n".join(lines), 3), _context("\n".join(slack))]
    return _message(f"Tradebrief help: {command} QUESTION", blocks)


def sources_message(articles: Sequence[Article], total: int) -> Message:
    """The latest articles, one line each: linked title, source, date and id."""
    if not articles:
        return notice_message("The store is empty.")
    lines = [
        f"• {link(a.url, a.title or a.source or a.id)} — {_meta(a.source, a.published)} (`{escape(a.id)}`)"
        for a in articles
    ]
    blocks = [_section(f"*Latest articles* ({len(articles)} of {total})")]
    chunk = ""
    for line in lines:  # each line is short: a title of at most 200 characters, a bounded link
        if chunk and len(chunk) + 1 + len(line) > TEXT_LIMIT:
            blocks.append(_section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        blocks.append(_section(chunk))
    return _message(f"Latest articles ({len(articles)} of {total})", blocks)


def _fit_lines(lines: Sequence[str], limit: int = TEXT_LIMIT) -> str:
    """Join lines until the next would pass `limit` (each line is already escaped and short)."""
    out = ""
    for line in lines:
        candidate = f"{out}\n{line}" if out else line
        if len(candidate) > limit:
            break
        out = candidate
    return out


def _digest_item_blocks(item: DigestItem) -> list[Block]:
    lines = [f"*{link(item.url, item.headline, 300)}*"]
    if item.key_facts.strip():
        lines.append(shorten_escaped(item.key_facts, 1200))
    if item.summary.strip():
        lines.append(shorten_escaped(item.summary, 1200))
    if item.also_reported_by:
        lines.append(f"_Also reported by {shorten_escaped(', '.join(item.also_reported_by), 200)}_")
    sources = [
        f"[{c.n}] “{shorten_escaped(c.quote, DIGEST_QUOTE_LIMIT)}” — "
        f"{link(c.url, c.source or c.title, 100)}, {escape(c.published or 'undated')}"
        for c in item.citations
    ]
    blocks = [_section(_fit_lines(lines))]
    if sources:
        blocks.append(_context(_fit_lines(sources)))
    return blocks


def digest_message(digest: Digest) -> Message:
    """Title; per story a linked headline, key facts, summary with [n] and compact sources; 'and K more'."""
    blocks: list[Block] = [_header(digest.title)]
    if digest.empty or not digest.items:
        since = escape(digest.since[:10]) if digest.since else "the last digest"
        blocks.append(_section(f"No new trade news since {since}."))
        return _message(f"{digest.title}: no new trade news", blocks)
    for i, item in enumerate(digest.items):
        item_blocks = _digest_item_blocks(item)
        if len(blocks) + len(item_blocks) + (1 if i else 0) + 1 > MAX_BLOCKS:
            break
        if i:
            blocks.append(_DIVIDER)
        blocks.extend(item_blocks)
    if digest.more:
        blocks.append(_context(f"…and {digest.more} more {'story' if digest.more == 1 else 'stories'}."))
    headlines = "; ".join(item.headline for item in digest.items[:5])
    return _message(f"{digest.title}: {headlines}", blocks)


def subscription_message(sub: Subscription) -> Message:
    """A confirmation of what this place will receive, and when (the core's own wording)."""
    return notice_message(f"Subscribed to the trade digest here: {describe(sub)}.")


def article_message(article: Article, sentences: Sequence[Sentence]) -> Message:
    """An article: linked title, source and date, then its numbered sentences."""
    head = f"*{link(article.url, article.title or article.id, 300)}*\n{_meta(article.source, article.published)} (`{escape(article.id)}`)"
    if article.teaser:
        head += f"\n_Teaser only: {escape(article.teaser)}._"
    body = escape("\n".join(f"{s.position}. {s.text}" for s in sentences)) or escape("(no sentences)")
    blocks = [_section(head), *_sections(body, MAX_BLOCKS - 1)]
    return _message(article.title or article.id, blocks)


def facts_message(article: Article | None, facts: Sequence[Fact]) -> Message:
    """The trade facts of an article, one line each, with the sentences they rest on."""
    title = article.title if article else "the article"
    if not facts:
        return notice_message(f"No trade facts were found in {title}.")
    lines = []
    for fact in facts:
        cites = ", ".join(s.split(":")[-1] for s in fact.sentence_ids)
        lines.append(f"• *{escape(fact.type)}*: {shorten_escaped(fact.value, 300)} (sentence {escape(cites)})")
    blocks = [_section(f"*Facts in {shorten_escaped(title, 200)}*"), *_sections("\n".join(lines), MAX_BLOCKS - 1)]
    return _message(f"Facts in {title}", blocks)


def ingest_message(report: IngestReport) -> Message:
    """What `add` stored, found already stored, or could not add."""
    lines = []
    for item in report.items:
        name = shorten_escaped(item.title or item.target, 300)
        if item.status == "stored":
            lines.append(f"Stored *{name}* as `{escape(item.article_id or '?')}` "
                         f"({counted(item.sentences, 'sentence')}, {counted(item.facts, 'fact')})."
                         + (f" _{escape(item.note)}._" if item.note else ""))
        elif item.status == "duplicate":
            lines.append(f"Already stored: *{name}* (`{escape(item.article_id or '?')}`).")
        else:
            lines.append(f"Could not add {shorten_escaped(item.target, 300)}: {escape(item.error or 'unknown error')}")
    if not lines:
        return notice_message("Nothing was found to add at that address.")
    return _message("Added", _sections("\n".join(lines), 5))


def feeds_message(feeds: Sequence[Feed], note: str = "") -> Message:
    """The polled feeds: linked title, articles stored and how the last poll went."""
    lines = [escape(note)] if note else []
    for f in feeds:
        state = f"error: {f.last_error}" if f.last_error else ("ok" if f.last_ok else "not polled yet")
        lines.append(f"• {link(f.url, f.title or f.url)}: {f.stored} stored, {escape(state)}")
    if not lines:
        return notice_message("No feeds are polled yet.")
    return _message(note or "Feeds", _sections("\n".join(lines), 10))


@dataclass(frozen=True, slots=True)
class BlockKit:
    """Each kind of reply as a Block Kit message (the `Renderer` of `bot.commands`)."""

    command: str
    share_by_default: bool = False
    asked_by: str | None = None

    def notice(self, text: str) -> Message:
        return notice_message(text)

    def answer(self, answer: Answer) -> Message:
        return answer_message(answer, asked_by=self.asked_by)

    def help(self, overview: Overview, text: str) -> Message:
        return help_message(self.command, overview, text, share_by_default=self.share_by_default)

    def sources(self, articles: Sequence[Article], total: int) -> Message:
        return sources_message(articles, total)

    def article(self, article: Article, sentences: Sequence[Sentence]) -> Message:
        return article_message(article, sentences)

    def facts(self, article: Article | None, facts: Sequence[Fact]) -> Message:
        return facts_message(article, facts)

    def ingest(self, report: IngestReport) -> Message:
        return ingest_message(report)

    def subscription(self, subscription: Subscription) -> Message:
        return subscription_message(subscription)

    def digest(self, digest: Digest) -> Message:
        return digest_message(digest)

    def feeds(self, feeds: Sequence[Feed], note: str) -> Message:
        return feeds_message(feeds, note)

    def brief(self, brief: Brief) -> Message:
        """The first message of a brief; the adapter sends them all."""
        from .brief import brief_messages

        return brief_messages(brief, chart_uploaded=False)[0]


def reply_message(reply: Reply, *, command: str, share_by_default: bool = False,
                  asked_by: str | None = None) -> Message:
    """Any reply of the core's commands as a Block Kit message."""
    return render(reply, BlockKit(command, share_by_default, asked_by))
