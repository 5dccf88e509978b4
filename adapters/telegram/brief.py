"""A brief as Telegram HTML messages, cut at section borders, and its chart's caption.

Each section (and each source) is one block; blocks are packed into messages of at most 4,096
characters, so a message never ends in the middle of a section unless that one section is longer
than a message, and then it is cut between its lines by `split_html`.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Message
from telegram.constants import ParseMode

from bot.brief import Brief, BriefLine
from bot.brief_render import also_text, closest_line
from bot.models import Citation

from .render import esc, link
from .sending import Sender
from .split import TELEGRAM_LIMIT, split_html, utf16_len

__all__ = ["CAPTION_LIMIT", "chart_caption", "render_brief", "send_brief"]

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024  # a photo's caption


def _line(line: BriefLine) -> str:
    markers = "".join(f"[{n}]" for n in line.cites)
    also = f" <i>({esc(also_text(line))})</i>" if line.also_reported_by else ""
    return f"• {esc(line.text)} {markers}{also}"


def _source(c: Citation) -> str:
    meta = esc(", ".join(p for p in (c.source, c.published or "undated") if p))
    return f"<b>[{c.n}]</b> {link(c.url, c.title or 'Untitled')} — <i>{meta}</i>\n<blockquote>{esc(c.quote)}</blockquote>"


def _chart_note(brief: Brief, shown: bool) -> str:
    assert brief.chart is not None
    if shown:
        return f"<i>Chart: {esc(brief.chart.title)} (sent as a picture).</i>"
    points = "; ".join(f"{p.when}: {p.label} [{p.cite}]" for p in brief.chart.points)
    return f"<i>Chart: {esc(brief.chart.title)}: {esc(points)}</i>"


def _blocks(brief: Brief, chart_shown: bool = True) -> list[str]:
    head = f"<b>{esc(brief.title)}</b>"
    if brief.empty:
        tail = f"\n{esc(closest_line(brief))}" if brief.closest else ""
        return [f"{head}\n{esc(brief.message)}{tail}"]
    blocks = [f"{head}\n<i>{esc(brief.coverage)}</i>"]
    for section in brief.sections:
        blocks.append(f"<b>{esc(section.title)}</b>\n" + "\n".join(_line(line) for line in section.lines))
    if brief.chart is not None:
        blocks.append(_chart_note(brief, chart_shown))
    for i, citation in enumerate(brief.sources):
        blocks.append(("<b>Sources</b>\n" if i == 0 else "") + _source(citation))
    if brief.note:
        blocks.append(f"<i>{esc(brief.note)}</i>")
    return blocks


def render_brief(brief: Brief, limit: int = TELEGRAM_LIMIT, *, chart_shown: bool = True) -> list[str]:
    """The brief as messages of at most `limit` UTF-16 units, each valid HTML, cut between blocks.
    `chart_shown`: the chart goes as a picture (else its values are written out)."""
    parts: list[str] = []
    current = ""
    for block in _blocks(brief, chart_shown):
        candidate = f"{current}\n\n{block}" if current else block
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        if utf16_len(block) <= limit:
            current = block
        else:  # one section longer than a message: cut between its lines
            pieces = split_html(block, limit)
            parts.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
    if current:
        parts.append(current)
    return parts


def chart_caption(brief: Brief) -> str:
    """The photo's caption: the chart's title and its points with their [n]."""
    assert brief.chart is not None
    points = "; ".join(f"{p.when}: {p.label} [{p.cite}]" for p in brief.chart.points)
    caption = f"<b>{esc(brief.chart.title)}</b>\n{esc(points)}"
    return caption if utf16_len(caption) <= CAPTION_LIMIT else f"<b>{esc(brief.chart.title)}</b>"


async def send_brief(sender: Sender, chat_id: int | str, brief: Brief, *, reply_to: int | None = None) -> None:
    """The brief's messages, then its chart as a photo (drawn in a worker thread: matplotlib is
    imported on the first chart). A chart that cannot be drawn is written out as text instead."""
    png: bytes | None = None
    if brief.chart is not None:
        from bot.brief_chart import chart_png

        try:
            png = await asyncio.to_thread(chart_png, brief.chart)
        except Exception as exc:  # the picture is a bonus: its values are in the text either way
            log.warning("telegram: could not draw the brief's chart: %s", exc)
    await sender.send_parts(chat_id, render_brief(brief, chart_shown=png is not None), reply_to=reply_to)
    if png is None:
        return
    caption = chart_caption(brief)

    async def photo() -> Message:
        return await sender.bot.send_photo(chat_id, photo=png, caption=caption, parse_mode=ParseMode.HTML,
                                           filename="brief-chart.png")

    await sender.call(photo, "sendPhoto")
