"""Briefs in chats: Telegram HTML and Slack blocks escaped, within the limits, and cut at section
borders; the console's text. Checked with the fake servers' own validators (tests/fakes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adapters.slack.brief import brief_messages
from adapters.telegram.brief import chart_caption, render_brief
from adapters.telegram.split import TELEGRAM_LIMIT, utf16_len
from bot.brief import Brief, BriefLine, BriefSection, build_brief
from bot.facts import extract_facts
from bot.ingest import Ingestor
from bot.models import Citation
from bot.store import Store
from tests.fakes.slack_api import MAX_BLOCKS, TEXT_LIMIT, block_problems, text_objects
from tests.fakes.telegram_api import parse_telegram_html
from tests.stores import Stores

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "briefs"
ITEMS = ("cement", "leather goods", "dairy", "pharmaceuticals", "furniture", "glass", "fertiliser", "rubber",
         "paper", "ceramics", "bicycle", "footwear", "textile machinery", "solar panel", "fishing gear")


async def _store(stores: Stores, tmp_path: Path, texts: dict[str, str], *fixtures: str) -> Store:
    store = stores.open(tmp_path / "chat.json")
    paths = [str(FIXTURES / f"{name}.txt") for name in fixtures]
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    report = await Ingestor(store, extractors=[extract_facts]).ingest(paths)
    assert len(report.stored) == len(paths), report
    return store


def _many_reports() -> dict[str, str]:
    """Fifteen short own-words reports, each from its own desk, with markup-like text to escape."""
    texts = {}
    for i, item in enumerate(ITEMS):
        texts[f"desk{i}"] = (
            f"Pakistan and Belarus look at {item} ties\nSource: Desk <{i}> & Partners\n"
            f"date 2025-0{1 + i % 9}-1{i % 9}\nurl https://desk{i}.example.test/story?id={i}&x=<y>\n\n"
            f"Officials from Pakistan and Belarus agreed on cooperation in {item} production, "
            f"a step traders called <important> & overdue, according to a note of {40 + i} pages.\n"
            f"Commerce Minister Jam Kamal Khan said talks on {item} will continue in Minsk.\n"
        )
    return texts


@pytest.fixture
async def long_brief(tmp_path: Path, stores: Stores) -> tuple[Store, Brief]:
    store = await _store(stores, tmp_path, _many_reports(), "pk-by-commission", "pk-by-followup", "pk-by-trade-figures")
    brief = build_brief(store, "Pakistan Belarus")
    yield store, brief
    store.close()


def _visible(html_text: str) -> str:
    return parse_telegram_html(html_text)


# ---- Telegram -------------------------------------------------------------------------------------
async def test_telegram_parts_are_valid_escaped_and_cut_between_sections(long_brief) -> None:  # type: ignore[no-untyped-def]
    _store_, brief = long_brief
    parts = render_brief(brief)
    assert len(parts) >= 2, "the fixture brief should need more than one message"
    texts = []
    for part in parts:
        assert utf16_len(part) <= TELEGRAM_LIMIT
        texts.append(_visible(part))  # raises if Telegram would refuse the HTML
    whole = "\n\n".join(texts)
    assert "<important> & overdue" in whole and "Desk <3> & Partners" in whole  # shown literally
    assert "<important>" not in "".join(parts)  # ... because it was escaped in the markup
    for section in brief.sections:  # every section heading starts a block; no section is cut in two
        owners = [i for i, text in enumerate(texts) if f"{section.title}\n" in text]
        assert len(owners) == 1, section.title
        body = "\n".join(f"• {line.text}" for line in section.lines)
        joined = texts[owners[0]]
        assert all(f"• {line.text}" in joined for line in section.lines), (section.title, body[:200])
    for citation in brief.sources:  # each source with its quote in one message
        assert any(f"[{citation.n}] {citation.title}" in t and citation.quote in t for t in texts)
    assert "Chart: Bilateral trade (USD) (sent as a picture)." in whole
    assert re.search(r"\(also reported by [^()]+, [^()]+, [^()]+ and \d+ more\)", whole)  # long lists counted
    caption = chart_caption(brief)
    assert utf16_len(caption) <= 1024 and "2024: $73m" in _visible(caption)


async def test_telegram_a_section_longer_than_a_message_is_cut_between_lines() -> None:
    lines = tuple(BriefLine(f"<line {i}> " + "tea & coffee " * 30, (1,)) for i in range(40))
    source = Citation(1, "a:1", "a", "A quote with <b>tags</b>.", "Title & <more>", "Desk", None, "2025-01-01")
    brief = Brief(topic="t", title="Brief: t", sections=(BriefSection("sectors", "Sectors and products", lines),),
                  sources=(source,), articles=1, matched=1, outlets=("Desk",))
    parts = render_brief(brief)
    assert len(parts) >= 4
    seen = []
    for part in parts:
        assert utf16_len(part) <= TELEGRAM_LIMIT
        text = _visible(part)
        seen += re.findall(r"<line (\d+)>", text)
    assert seen == [str(i) for i in range(40)]  # every line once, in order, none split


async def test_telegram_empty_brief_is_one_message_with_closest_topics(tmp_path: Path, stores: Stores) -> None:
    store = await _store(stores, tmp_path, {}, "pk-by-commission")
    parts = render_brief(build_brief(store, "Kenya"))
    store.close()
    assert len(parts) == 1
    text = _visible(parts[0])
    assert "Nothing is stored about “Kenya”." in text and "Closest topics in the store:" in text


# ---- Slack ----------------------------------------------------------------------------------------
async def test_slack_blocks_are_valid_escaped_and_within_limits(long_brief) -> None:  # type: ignore[no-untyped-def]
    _store_, brief = long_brief
    messages = brief_messages(brief)
    every = []
    for message in messages:
        assert not block_problems(message["blocks"]), block_problems(message["blocks"])
        assert len(message["blocks"]) <= MAX_BLOCKS and message["text"]
        for obj in text_objects(message["blocks"]):
            assert len(obj["text"]) <= TEXT_LIMIT
            every.append(obj["text"])
    whole = "\n".join(every)
    assert "&lt;important&gt; &amp; overdue" in whole and "<important>" not in whole
    assert "Desk &lt;3&gt; &amp; Partners" in whole
    for section in brief.sections:
        owners = [t for t in every if t.startswith(f"*{section.title}*")]
        assert len(owners) == 1, section.title
    for citation in brief.sources:
        assert any(f"*[{citation.n}]*" in t for t in every)


async def test_slack_a_long_brief_becomes_several_messages_at_section_borders() -> None:
    sources = tuple(Citation(n, f"a:{n}", "a", f"Quote {n} " + "x" * 2500, f"Title {n}", "Desk", None, "2025-01-01")
                    for n in range(1, 61))
    sections = (
        BriefSection("summary", "Summary", (BriefLine("Latest: something", (1,)),)),
        BriefSection("sectors", "Sectors and products",
                     tuple(BriefLine(f"item {n} " + "y" * 400, (n,)) for n in range(1, 61))),
    )
    brief = Brief(topic="t", title="Brief: t", sections=sections, sources=sources, articles=60, matched=60,
                  outlets=("Desk",))
    messages = brief_messages(brief)
    assert len(messages) >= 2
    for message in messages:
        assert not block_problems(message["blocks"]) and len(message["blocks"]) <= MAX_BLOCKS
    texts = [obj["text"] for m in messages for obj in text_objects(m["blocks"])]
    items = [int(n) for t in texts for n in re.findall(r"• item (\d+) ", t)]
    assert items == list(range(1, 61))
    quoted = [int(n) for t in texts for n in re.findall(r"\*\[(\d+)\]\*", t)]
    assert quoted == list(range(1, 61))
    assert messages[1]["text"] == "Brief: t (continued)"


# ---- the chart as a picture, sent to the fake servers ----------------------------------------------
async def test_telegram_sends_the_brief_then_the_chart_as_a_photo(tmp_path: Path, stores: Stores) -> None:
    from telegram import Bot

    from adapters.telegram.brief import send_brief
    from adapters.telegram.sending import RetryPolicy, Sender
    from tests.fakes.telegram_api import TOKEN, FakeTelegram

    store = await _store(stores, tmp_path, {}, "pk-by-commission", "pk-by-trade-figures")
    with_chart = build_brief(store, "Pakistan Belarus")
    without = build_brief(store, "Pakistan Belarus", since="2025-04-01")
    store.close()
    assert with_chart.chart is not None and without.chart is None
    async with FakeTelegram() as tg:
        bot = Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url)
        async with bot:
            sender = Sender(bot, RetryPolicy(attempts=2, backoff=0.01))
            await send_brief(sender, 42, with_chart)
            await send_brief(sender, 43, without)
        assert not [c for c in tg.rejected], [(c.method, c.status) for c in tg.rejected]
        texts = [parse_telegram_html(c.text) for c in tg.sent(42, "sendMessage")]
        assert texts[0].startswith("Brief: Pakistan–Belarus") and any("(sent as a picture)" in t for t in texts)
        [(chat, png, caption)] = tg.photos
        assert chat == 42 and png.startswith(b"\x89PNG\r\n\x1a\n")
        assert caption.startswith("Bilateral trade (USD)") and "2022: $41m" in caption
        photo_call = tg.of("sendPhoto")[0]
        assert all(photo_call.at >= c.at for c in tg.sent(42, "sendMessage"))  # after the text
        assert tg.sent(43, "sendMessage") and not [p for p in tg.photos if p[0] == 43]


async def test_slack_uploads_the_chart_or_writes_its_values_when_it_cannot(tmp_path: Path, stores: Stores) -> None:
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack.brief import upload_chart
    from tests.fakes.slack_api import BOT_TOKEN, FakeSlack

    store = await _store(stores, tmp_path, {}, "pk-by-commission", "pk-by-trade-figures")
    brief = build_brief(store, "Pakistan Belarus")
    store.close()
    slack = await FakeSlack().start()
    try:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
        assert await upload_chart(client, "C0BRIEF", brief)
        slack.fail_channel("C0SECRET", "not_in_channel")
        assert not await upload_chart(client, "C0SECRET", brief)
    finally:
        await slack.close()
    [uploaded] = slack.files
    assert uploaded["channel"] == "C0BRIEF" and uploaded["data"].startswith(b"\x89PNG\r\n\x1a\n")
    assert uploaded["title"] == "Bilateral trade (USD)" and "2024: $73m" in uploaded["initial_comment"]
    shown = "\n".join(o["text"] for m in brief_messages(brief) for o in text_objects(m["blocks"]))
    written = "\n".join(o["text"] for m in brief_messages(brief, chart_uploaded=False) for o in text_objects(m["blocks"]))
    assert "(uploaded as a picture)" in shown and "2023: $58m" not in shown.split("*Sources*")[0]
    assert "(uploaded as a picture)" not in written and "2023: $58m [" in written
