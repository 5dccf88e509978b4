"""A brief as Block Kit messages: one section block per brief section (several when a section passes
3,000 characters, cut between its lines), the sources as context blocks, and a new message at a
section border whenever one would pass 50 blocks. Every string from an article or a user is
escaped with `render.escape`, so an article cannot mention a channel or forge a link."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from bot.brief import Brief, BriefLine
from bot.brief_render import also_text, closest_line

from .render import (
    MAX_BLOCKS,
    TEXT_LIMIT,
    Block,
    Message,
    _context,
    _cut,
    _header,
    _message,
    _section,
    citation_text,
    escape,
)

__all__ = ["brief_messages", "chart_comment", "upload_chart"]

log = logging.getLogger(__name__)


def _line(line: BriefLine) -> str:
    markers = "".join(f"[{n}]" for n in line.cites)
    also = f" _({escape(also_text(line))})_" if line.also_reported_by else ""
    return f"• {escape(line.text)} {markers}{also}"


def _packed(head: str, lines: list[str], limit: int = TEXT_LIMIT) -> list[str]:
    """`head` and `lines` (escaped) joined into texts of at most `limit` characters, cut between lines."""
    texts: list[str] = []
    current = head
    for line in lines:
        pieces = []
        while len(line) > limit:  # only a pathological line: cut it without breaking an entity
            head, line = _cut(line, limit)
            pieces.append(head)
        pieces.append(line)
        for piece in pieces:
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                texts.append(current)
                current = piece
    if current:
        texts.append(current)
    return texts


def brief_messages(brief: Brief, *, chart_uploaded: bool = True) -> list[Message]:
    """The brief as one or more messages, each within Slack's limits (50 blocks, 3,000 per text).
    Without `chart_uploaded` the chart's values are written out instead of pointing to the picture."""
    if brief.empty:
        text = escape(brief.message) + (f"\n{escape(closest_line(brief))}" if brief.closest else "")
        return [_message(f"{brief.title}: {brief.message}", [_header(brief.title), *map(_section, _packed("", [text]))])]
    groups: list[list[Block]] = [[_header(brief.title), _context(escape(brief.coverage))]]
    for section in brief.sections:
        texts = _packed(f"*{escape(section.title)}*", [_line(line) for line in section.lines])
        groups.append([_section(t) for t in texts])
    if brief.chart is not None:
        note = "(uploaded as a picture)." if chart_uploaded else escape(chart_comment(brief).partition(": ")[2])
        groups.append([_context(f"_Chart: {escape(brief.chart.title)} {note}_")])
    if brief.sources:
        sources = [citation_text(c) for c in brief.sources]
        groups.append([_section("*Sources*"), *(_context(t) for t in _packed("", sources))])
    messages: list[list[Block]] = [[]]
    for group in groups:  # a section starts a new message rather than being cut, unless it alone is too long
        if messages[-1] and len(messages[-1]) + len(group) > MAX_BLOCKS:
            messages.append([])
        while len(group) > MAX_BLOCKS - len(messages[-1]):
            room = MAX_BLOCKS - len(messages[-1])
            messages[-1].extend(group[:room])
            group = group[room:]
            messages.append([])
        messages[-1].extend(group)
    summary = brief.section("summary")
    fallback = brief.title + (f": {summary.lines[0].text}" if summary and summary.lines else "")
    return [_message(fallback if i == 0 else f"{brief.title} (continued)", blocks)
            for i, blocks in enumerate(messages) if blocks]


def chart_comment(brief: Brief) -> str:
    """The text posted with the uploaded chart (plain: Slack shows it as the file's comment)."""
    assert brief.chart is not None
    points = "; ".join(f"{p.when}: {p.label} [{p.cite}]" for p in brief.chart.points)
    return f"{brief.chart.title}: {points}"


async def upload_chart(client: AsyncWebClient, channel: str, brief: Brief, *, thread_ts: str | None = None) -> bool:
    """Upload the brief's chart as a PNG to `channel`; False (and a log line) when it cannot be drawn
    or Slack refuses it (e.g. the bot is not in the channel): the messages then carry its values."""
    if brief.chart is None:
        return False
    from bot.brief_chart import chart_png

    try:
        png = await asyncio.to_thread(chart_png, brief.chart)
        await client.files_upload_v2(
            channel=channel, content=png, filename="brief-chart.png", title=brief.chart.title,
            initial_comment=chart_comment(brief), thread_ts=thread_ts,
        )
    except (SlackApiError, SlackRequestError) as exc:
        log.warning("slack: the brief's chart was not uploaded to %s: %s", channel, exc)
        return False
    except Exception as exc:  # drawing failed: the values are in the text either way
        log.warning("slack: could not draw the brief's chart: %s", exc)
        return False
    return True
