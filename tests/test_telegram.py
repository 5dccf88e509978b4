"""The Telegram adapter end to end: python-telegram-bot talking HTTP to a local fake Bot API server.

Each test starts the real adapter (polling or webhook) with `TELEGRAM_API_BASE_URL` pointing at the
fake, sends updates as a Telegram client would, and reads what the bot sent from the fake's
records. Answers come from the real core over a store holding the seed article.
"""

from __future__ import annotations

import asyncio
import re

import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, web

from adapters.telegram import TelegramAdapter
from adapters.telegram.handlers import APOLOGY, EXPIRED, STALE_BUTTON
from adapters.telegram.sending import RetryPolicy
from adapters.telegram.shelf import SourcesShelf
from bot.errors import DeliveryFailed
from bot.models import Citation, Digest, DigestItem
from bot.storage_port import open_store
from bot.service import DENIED_MESSAGE, Tradebrief
from bot.store import Store
from tests.conftest import SEED_SECTORS_QUOTE, SEED_SOURCE
from tests.fakes.telegram_api import (
    BOT_ID,
    BOT_USERNAME,
    TOKEN,
    Call,
    FakeTelegram,
    make_callback_update,
    make_message_update,
    parse_telegram_html,
    utf16_len,
)
from tests.stores import Stores

ADMIN = 4242
USER = 5001


@dataclass
class Bot:
    """A running adapter with its core, and the fake it talks to."""

    adapter: TelegramAdapter
    service: Tradebrief
    tg: FakeTelegram

    async def say(self, text: str | None, **kwargs: Any) -> int:
        return await self.tg.push_update(make_message_update(text, **kwargs))


StartBot = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def start_bot(tmp_path: Path, tg: FakeTelegram, seeded_store: Path, stores: Stores) -> AsyncIterator[StartBot]:
    """Start an adapter over a fresh copy of the seeded store (plus `articles`); stopped at the end."""
    running: list[tuple[TelegramAdapter, Tradebrief, Store]] = []

    async def start(
        *, articles: tuple[Path, ...] = (), answerer: Any = None, shelf: SourcesShelf | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None, **overrides: Any,
    ) -> Bot:
        values: dict[str, Any] = {
            "db": tmp_path / f"store{len(running)}.json",
            "telegram_token": TOKEN,
            "telegram_base_url": tg.base_url,
            "load_samples": False,
            "rate_limit_per_minute": 100,
        }
        values.update(overrides)
        settings = stores.settings(values.pop("db"), **values)
        stores.seed(settings.db, seeded_store)
        store = open_store(settings.store_location)
        service = Tradebrief(settings, store, answerer=answerer)
        if articles:
            report = await service.ingestor().ingest([str(a) for a in articles])
            assert not report.failed, report
        service.retriever.refresh()
        adapter = TelegramAdapter(
            service, settings, poll_timeout=1, request_timeout=5,
            retry=RetryPolicy(attempts=3, max_wait=5, backoff=0.05), shelf=shelf,
            **({"sleep": sleep} if sleep is not None else {}),
        )
        running.append((adapter, service, store))
        await adapter.start()
        return Bot(adapter, service, tg)

    yield start
    for adapter, service, store in reversed(running):
        await adapter.stop()
        await service.aclose()
        store.close()


def shown(call: Call) -> str:
    """What the user sees: the message text as the fake's strict parser read it."""
    return parse_telegram_html(call.text)


def accepted_everything(tg: FakeTelegram) -> None:
    bad = [(c.method, c.status) for c in tg.rejected if c.method != "getUpdates"]
    assert not bad, f"the fake rejected: {bad}"


# ---- asking ------------------------------------------------------------------------------------


async def test_ask_names_the_sectors_and_quotes_the_seed_sentence(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.say("/ask which sectors were agreed?")
    [reply] = await bot.tg.wait_sent(USER)
    text = shown(reply)
    for sector in ("bus", "truck", "tractor production", "manned dumpers"):
        assert sector in text
    assert "[1]" in text and SEED_SECTORS_QUOTE in text
    assert SEED_SOURCE in text and "2025-04-10" in text
    assert reply.params["parse_mode"] == "HTML"
    # The typing indicator came before the answer.
    actions = bot.tg.of("sendChatAction")
    assert actions and actions[0].params["action"] == "typing" and actions[0].at <= reply.at
    accepted_everything(bot.tg)


async def test_commands_are_registered_at_start(start_bot: StartBot) -> None:
    bot = await start_bot()
    names = {c["command"] for c in bot.tg.commands}
    assert {"ask", "help", "sources", "article", "facts", "add", "subscribe", "unsubscribe", "digest"} <= names
    assert bot.tg.of("getMe") and bot.tg.of("deleteWebhook")


async def test_plain_text_in_a_private_chat_is_a_question(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.say("which sectors were agreed?")
    [reply] = await bot.tg.wait_sent(USER)
    assert "tractor production" in shown(reply) and SEED_SECTORS_QUOTE in shown(reply)


async def test_bad_questions_get_one_line(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.say("/ask")
    await bot.say("/ask " + "why " * 200)
    replies = await bot.tg.wait_sent(USER, count=2)
    texts = sorted(shown(r) for r in replies)
    assert any("Please type a question" in t for t in texts)
    assert any("characters long" in t for t in texts)
    assert all("\n" not in t for t in texts)


async def test_rate_limit_is_a_polite_line(start_bot: StartBot) -> None:
    bot = await start_bot(rate_limit_per_minute=1)
    await bot.say("which sectors were agreed?")
    await bot.tg.wait_sent(USER)
    await bot.say("which sectors were agreed?")
    replies = await bot.tg.wait_sent(USER, count=2)
    assert "faster than 1 question a minute" in shown(replies[1])


# ---- the Show sources button -------------------------------------------------------------------


async def test_show_sources_button_expands_the_answer_in_place(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.say("what did the minister say?")
    [reply] = await bot.tg.wait_sent(USER)
    markup = reply.params["reply_markup"]
    [[button]] = markup["inline_keyboard"]
    assert button["text"] == "Show sources"
    assert len(button["callback_data"].encode()) <= 64
    teaser = shown(reply)
    assert "Show sources" in teaser and "[1]" in teaser and "Sources" not in teaser.replace("Show sources", "")

    message_id = reply.result["message_id"]
    await bot.tg.push_update(make_callback_update(button["callback_data"], reply.result))
    [edit] = await bot.tg.wait_for(lambda c: c.method == "editMessageText")
    assert int(edit.params["message_id"]) == message_id
    expanded = bot.tg.message(USER, message_id)
    assert "Sources" in expanded["text"] and "[3]" in expanded["text"]
    assert "the minister said" in expanded["text"]
    assert "reply_markup" not in expanded  # the button is gone
    assert bot.tg.of("answerCallbackQuery")
    accepted_everything(bot.tg)

    # The same button pressed again (a second client, say): the answer is no longer kept.
    await bot.tg.push_update(make_callback_update(button["callback_data"], reply.result))
    answers = await bot.tg.wait_for(lambda c: c.method == "answerCallbackQuery", count=2)
    assert answers[1].params.get("text") == EXPIRED


async def test_expired_and_unknown_buttons_are_answered_and_ignored(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    now = [1000.0]
    bot = await start_bot(shelf=SourcesShelf(ttl=60, clock=lambda: now[0]))
    await bot.say("what did the minister say?")
    [reply] = await bot.tg.wait_sent(USER)
    data = reply.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    now[0] += 61
    with caplog.at_level(logging.WARNING):
        await bot.tg.push_update(make_callback_update(data, reply.result))
        await bot.tg.push_update(make_callback_update("rm -rf /", reply.result))
        await bot.tg.push_update(make_callback_update(None, reply.result))
        answers = await bot.tg.wait_for(lambda c: c.method == "answerCallbackQuery", count=3)
    assert sorted(a.params.get("text") for a in answers) == sorted([EXPIRED, STALE_BUTTON, STALE_BUTTON])
    assert not bot.tg.of("editMessageText")
    assert "unknown callback data 'rm -rf /'" in caplog.text


# ---- groups -------------------------------------------------------------------------------------


async def test_group_answers_ask_mentions_and_replies_only(start_bot: StartBot) -> None:
    bot = await start_bot()
    group = dict(chat_id=-100200, chat_type="supergroup")
    await bot.say("which sectors were agreed?", **group)  # chatter: not for the bot
    await bot.say("/ask@SomeOtherBot which sectors were agreed?", **group)  # another bot's command
    await bot.say("/ask which sectors were agreed?", message_id=71, **group)
    [first] = await bot.tg.wait_sent(-100200)
    assert "tractor production" in shown(first)
    assert first.params["reply_parameters"]["message_id"] == 71

    await bot.say(f"@{BOT_USERNAME} which sectors were agreed?", **group)
    replies = await bot.tg.wait_sent(-100200, count=2)
    assert "tractor production" in shown(replies[1])

    bots_message = replies[1].result
    await bot.say("which sectors were agreed?", reply_to=bots_message, **group)
    replies = await bot.tg.wait_sent(-100200, count=3)
    assert "tractor production" in shown(replies[2])

    await bot.say("/help", message_id=99, **group)
    await bot.tg.wait_for(lambda c: c.status == 200 and (c.params.get("reply_parameters") or {}).get("message_id") == 99)
    # The chatter and the other bot's command got nothing: four messages in, four replies out.
    assert len(bot.tg.sent(-100200)) == 4


# ---- access ---------------------------------------------------------------------------------------


async def test_a_chat_not_allowed_gets_exactly_one_polite_line(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await start_bot(telegram_allowed_chats="777")
    with caplog.at_level(logging.WARNING):
        await bot.say("/ask which sectors were agreed?", chat_id=6001, user_id=6001)
        [reply] = await bot.tg.wait_sent(6001)
    assert shown(reply) == DENIED_MESSAGE
    assert not bot.tg.of("sendChatAction")
    assert "refused telegram user 6001 in 6001" in caplog.text

    # Buttons are checked too: a press from that chat changes nothing.
    await bot.tg.push_update(make_callback_update("src:AAAAAAAA", reply.result, user_id=6001))
    [answer] = await bot.tg.wait_for(lambda c: c.method == "answerCallbackQuery")
    assert answer.params.get("text") == DENIED_MESSAGE
    assert len(bot.tg.sent(6001)) == 1

    # Chatter in a group that is not allowed is not addressed to the bot: no reply at all.
    await bot.say("which sectors were agreed?", chat_id=-555, chat_type="group")
    # The allowed chat works.
    await bot.say("which sectors were agreed?", chat_id=777, user_id=6001)
    [ok] = await bot.tg.wait_sent(777)
    assert SEED_SECTORS_QUOTE in shown(ok)
    assert not bot.tg.sent(-555)


# ---- /add ------------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Kenya and Uganda agree a dairy trade protocol</title>
<meta property="article:published_time" content="2025-06-03"></head><body><article>
<h1>Kenya and Uganda agree a dairy trade protocol</h1>
<p>Kenya and Uganda signed a dairy trade protocol in Nairobi on Tuesday, ending a two-year dispute over milk imports.</p>
<p>Under the protocol, Ugandan milk powder will enter Kenya duty free from July, while Kenya gains access for its processed cheese.</p>
<p>Trade ministers from both countries said the protocol would be reviewed after twelve months of operation.</p>
</article></body></html>"""


@pytest.fixture
async def web_page() -> AsyncIterator[str]:
    """A local web server with one news page; its URL."""

    async def page(_request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    app = web.Application()
    app.router.add_get("/news/dairy.html", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/news/dairy.html"
    await runner.cleanup()


async def test_add_is_for_admins_only(start_bot: StartBot, web_page: str) -> None:
    bot = await start_bot(telegram_admin_ids=str(ADMIN), allow_private_urls=True)
    before = len(bot.service.store)
    await bot.say(f"/add {web_page}", user_id=USER)
    [refusal] = await bot.tg.wait_sent(USER)
    assert shown(refusal) == "Only administrators can add articles."
    assert len(bot.service.store) == before

    await bot.say(f"/add {web_page}", chat_id=ADMIN, user_id=ADMIN)
    [stored] = await bot.tg.wait_sent(ADMIN, timeout=15)
    assert "Stored" in shown(stored) and "dairy trade protocol" in shown(stored)
    assert len(bot.service.store) == before + 1

    await bot.say("what will enter Kenya duty free?", chat_id=ADMIN, user_id=ADMIN)
    replies = await bot.tg.wait_sent(ADMIN, count=2)
    assert "milk powder" in shown(replies[1])


# ---- escaping and length -----------------------------------------------------------------------

TRICKY = """date: 2025-05-02
source: Wire <Tariffs> & Co

Steel tariffs <b>rise</b> & aluminium > 25% <script>alert(1)</script>

The finance ministry said import tariffs on <b>steel</b> & aluminium will rise above 25% > last year's 10% <pending review> &amp; take effect in June.

Exporters warned that the <i>higher</i> tariffs & quotas could cut shipments of steel coils by a third.
"""


async def test_article_text_with_markup_characters_is_escaped(start_bot: StartBot, tmp_path: Path) -> None:
    article = tmp_path / "tricky.txt"
    article.write_text(TRICKY, encoding="utf-8")
    bot = await start_bot(articles=(article,))
    await bot.say("what did the finance ministry say about import tariffs on steel?")
    [reply] = await bot.tg.wait_sent(USER)
    text = shown(reply)
    assert "<b>steel</b> & aluminium will rise above 25% > last year" in text
    assert "<pending review> &amp; take effect" in text
    assert "&lt;b&gt;" in reply.text  # escaped on the wire, shown literally

    [stored] = [a for a in bot.service.store.articles() if "Steel" in a.title]
    await bot.say(f"/article {stored.id}")
    await bot.say("/sources")
    await bot.say(f"/facts {stored.id}")
    replies = await bot.tg.wait_sent(USER, count=4)
    joined = "\n".join(shown(r) for r in replies)
    assert "<script>alert(1)</script>" in joined
    assert "Wire <Tariffs> & Co" in joined
    accepted_everything(bot.tg)


def _long_article(sentences: int = 9) -> str:
    goods = ", ".join(f"grade {n} industrial fasteners" for n in range(1, 80))
    body = "\n\n".join(
        f"The trade minister said quota round {n} covers {goods}, and shipments under round {n} must clear customs "
        f"before the end of the season."
        for n in range(1, sentences + 1)
    )
    return f"date: 2025-07-01\nsource: Long Wire\n\nFastener quotas explained at length\n\n{body}\n"


async def test_long_answers_and_articles_are_split_under_the_limit(start_bot: StartBot, tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text(_long_article(), encoding="utf-8")
    bot = await start_bot(articles=(article,))
    await bot.say("which fasteners does the quota round cover according to the trade minister?")
    await bot.tg.wait_for(lambda c: c.method == "sendMessage" and "reply_markup" in c.params)
    answer = bot.tg.sent(USER)
    assert len(answer) >= 2 and all(utf16_len(r.text) <= 4096 for r in answer)
    last = max(int(n) for r in answer for n in re.findall(r"\[(\d+)\]", shown(r)))
    assert "[1]" in shown(answer[0]) and last >= 2  # several long sentences bear on it: split in parts
    [[button]] = answer[-1].params["reply_markup"]["inline_keyboard"]  # on the last part only
    assert all("reply_markup" not in r.params for r in answer[:-1])

    # Expanding the long sources: the last part is edited in place and the rest follows it.
    await bot.tg.push_update(make_callback_update(button["callback_data"], answer[-1].result))
    [edit] = await bot.tg.wait_for(lambda c: c.method == "editMessageText")
    assert int(edit.params["message_id"]) == answer[-1].result["message_id"]
    await bot.tg.wait_for(lambda c: c.method == "sendMessage" and f"<b>[{last}]</b>" in c.text)  # the last source
    after = bot.tg.sent(USER, method="sendMessage")[len(answer):]
    assert after, "the sources that did not fit the edited message follow it"
    expanded = shown(edit) + "".join(shown(c) for c in after)
    assert "Sources" in expanded and "Long Wire" in expanded
    assert all(f"[{n}] Fastener quotas" in expanded for n in range(1, last + 1))

    [stored] = [a for a in bot.service.store.articles() if a.source == "Long Wire"]
    before = len(bot.tg.sent(USER, method="sendMessage"))
    await bot.say(f"/article {stored.id}")
    article_parts = (await bot.tg.wait_sent(USER, count=before + 2))[before:]
    assert "1. The trade minister said quota round 1" in shown(article_parts[0])
    for call in bot.tg.sent(USER):
        assert utf16_len(call.text) <= 4096
        parse_telegram_html(call.text)
    accepted_everything(bot.tg)


# ---- faults ----------------------------------------------------------------------------------------


class FloodWaits:
    """The adapter's sleep: records each wait it asked for and what the fake had seen by then."""

    def __init__(self, tg: FakeTelegram) -> None:
        self.tg = tg
        self.waits: list[tuple[float, int, int]] = []  # (seconds, 429s refused so far, messages sent)

    async def sleep(self, seconds: float) -> None:
        refused = len([c for c in self.tg.rejected if c.status == 429])
        self.waits.append((seconds, refused, len(self.tg.sent())))
        await asyncio.sleep(0)


async def test_flood_control_is_honoured(start_bot: StartBot, tg: FakeTelegram) -> None:
    flood = FloodWaits(tg)
    bot = await start_bot(sleep=flood.sleep)
    bot.tg.fail("sendMessage", status=429, retry_after=1)
    await bot.say("which sectors were agreed?")
    [reply] = await bot.tg.wait_sent(USER, timeout=10)
    [refused] = [c for c in bot.tg.rejected if c.method == "sendMessage"]
    assert refused.status == 429
    # The adapter waited the time Telegram asked for after the refusal and before the message went out.
    assert [(seconds >= 1.0, refused_by_then, sent_by_then) for seconds, refused_by_then, sent_by_then
            in flood.waits] == [(True, 1, 0)]
    assert "tractor production" in shown(reply)


async def test_network_errors_are_retried(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.tg.fail("sendMessage", status=502, times=2)
    await bot.say("which sectors were agreed?")
    [reply] = await bot.tg.wait_sent(USER, timeout=10)
    assert len([c for c in bot.tg.rejected if c.method == "sendMessage"]) == 2
    assert SEED_SECTORS_QUOTE in shown(reply)


class ExplodingAnswerer:
    """An answerer that fails the way a bug would."""

    async def answer(self, question: str, filters: object = None, *, conversation: object = None) -> object:
        raise RuntimeError("the index caught fire")


async def test_a_failing_command_apologises_and_logs_who_asked_where(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await start_bot(answerer=ExplodingAnswerer())
    with caplog.at_level(logging.ERROR):
        await bot.say("which sectors were agreed?")
        [reply] = await bot.tg.wait_sent(USER)
    assert shown(reply) == APOLOGY
    assert f"ask command from telegram user {USER} in {USER} failed: RuntimeError" in caplog.text
    assert "the index caught fire" in caplog.text  # the traceback is logged for the maintainer

    # The conversation is not stuck: the next command works.
    await bot.say("/help")
    replies = await bot.tg.wait_sent(USER, count=2)
    assert "How to ask" in shown(replies[1])


async def test_malformed_and_odd_updates_are_ignored_with_a_log_line(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await start_bot()
    with caplog.at_level(logging.INFO):
        # A message with no sender (an anonymous channel post relayed into a chat).
        no_sender = make_message_update("which sectors were agreed?")
        del no_sender["message"]["from"]
        no_sender_id = await bot.tg.push_update(no_sender)
        # A sticker in a private chat, an edited message, a huge message.
        await bot.say(None, extra={"sticker": {"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1,
                                                 "is_animated": False, "is_video": False, "type": "regular"}})
        await bot.tg.push_update({"edited_message": make_message_update("hi")["message"] | {"edit_date": 1}})
        await bot.say("tariff " * 585)
        replies = await bot.tg.wait_sent(USER, count=2)
    texts = sorted(shown(r) for r in replies)
    assert texts[0].startswith("I can only read text")
    assert "characters long" in texts[1]
    assert f"ignored telegram update {no_sender_id} without a user" in caplog.text
    assert "ignored a non-text message" in caplog.text
    accepted_everything(bot.tg)


# ---- browsing ----------------------------------------------------------------------------------------


async def test_help_sources_article_and_facts(start_bot: StartBot) -> None:
    bot = await start_bot()
    [article] = bot.service.store.articles()
    await bot.say("/start")
    [help_reply] = await bot.tg.wait_sent(USER)
    text = shown(help_reply)
    assert "1 article (2025-04-10 to 2025-04-10)" in text and SEED_SOURCE in text
    assert "/ask which sectors were agreed?" in text

    await bot.say("/sources")
    await bot.tg.wait_sent(USER, count=2)
    await bot.say(f"/article {article.id[:6]}")
    await bot.tg.wait_sent(USER, count=3)
    await bot.say(f"/facts {article.id}")
    await bot.tg.wait_sent(USER, count=4)
    await bot.say("/article nope")
    await bot.say("/frobnicate")
    replies = await bot.tg.wait_sent(USER, count=6)
    sources, article_text, facts = (shown(r) for r in replies[1:4])
    assert article.id in sources
    assert SEED_SECTORS_QUOTE in article_text and "1. " in article_text
    assert "Belarus" in facts and "Parties" in facts
    rest = {shown(r) for r in replies[4:]}
    assert any("No article with id 'nope'" in t for t in rest)
    assert any("I don't know /frobnicate" in t for t in rest)


# ---- webhook mode ----------------------------------------------------------------------------------


@pytest.fixture
async def http_server() -> AsyncIterator[Callable[[list[web.RouteDef]], Awaitable[None]]]:
    """Serve routes the way the runner's shared server does, on a port known in advance."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    runners: list[web.AppRunner] = []

    async def serve(routes: list[web.RouteDef]) -> None:
        app = web.Application()
        app.add_routes(routes)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        runners.append(runner)

    serve.port = sock.getsockname()[1]  # type: ignore[attr-defined]
    yield serve
    for runner in runners:
        await runner.cleanup()
    sock.close()


async def test_webhook_mode_checks_the_secret_on_every_update(
    start_bot: StartBot, http_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"http://127.0.0.1:{http_server.port}/telegram/webhook"
    bot = await start_bot(telegram_webhook_url=url, telegram_webhook_secret="s3cret-value_1")
    await http_server(bot.adapter.routes())
    assert bot.tg.webhook == {"url": url, "secret_token": "s3cret-value_1"}

    assert await bot.tg.post_to_webhook(make_message_update("/ask which sectors were agreed?")) == 200
    [reply] = await bot.tg.wait_sent(USER)
    assert SEED_SECTORS_QUOTE in shown(reply)

    with caplog.at_level(logging.WARNING):
        assert await bot.tg.post_to_webhook(make_message_update("/help"), secret="wrong") == 403
        assert await bot.tg.post_to_webhook(make_message_update("/help"), secret="") == 401
        async with ClientSession() as session:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-value_1"}
            async with session.post(url, data=b"{not json", headers=headers) as response:
                assert response.status == 400
    assert "wrong secret" in caplog.text and "without the secret header" in caplog.text
    assert "s3cret-value_1" not in caplog.text
    assert len(bot.tg.sent(USER)) == 1  # nothing got through
    assert not bot.tg.of("getUpdates")  # no polling in webhook mode


async def test_webhook_without_a_secret_generates_one(
    start_bot: StartBot, http_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"http://127.0.0.1:{http_server.port}/hooks/tg"
    with caplog.at_level(logging.INFO):
        bot = await start_bot(telegram_webhook_url=url)
    await http_server(bot.adapter.routes())
    secret = bot.tg.webhook["secret_token"]
    assert len(secret) >= 32
    assert "generated a random webhook secret" in caplog.text and secret not in caplog.text
    assert await bot.tg.post_to_webhook(make_message_update("/help")) == 200
    await bot.tg.wait_sent(USER)
    assert await bot.tg.post_to_webhook(make_message_update("/help"), secret="guess") == 403


# ---- digests --------------------------------------------------------------------------------------


def _digest(items: int, *, quote: str = "Both sides identified several key areas for cooperation.") -> Digest:
    citation = Citation(1, "a:1", "a", quote, "Pakistan & Belarus <ties>", "UrduPoint", "https://example.org/a?x=1&y=2",
                        "2025-04-10")
    item = DigestItem(
        headline="Pakistan & Belarus to <strengthen> ties", article_id="a", url="https://example.org/a?x=1&y=2",
        source="UrduPoint", published="2025-04-10", key_facts="Parties: Pakistan, Belarus [1]; Sectors: bus production [1]",
        summary="Both sides named bus, truck and tractor production [1].", citations=(citation,),
        also_reported_by=("Dawn",),
    )
    return Digest("telegram:5001", "Trade briefing for Friday 28 November 2025", "2025-11-27T08:00:00+00:00",
                  tuple(item for _ in range(items)), more=3)


async def test_deliver_sends_a_digest_split_under_the_limit(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.adapter.deliver(str(USER), _digest(2))
    [message] = await bot.tg.wait_sent(USER)
    text = shown(message)
    assert text.startswith("Trade briefing for Friday 28 November 2025")
    assert "Pakistan & Belarus to <strengthen> ties" in text and "also reported by Dawn" in text
    assert "… and 3 more stories." in text
    assert 'href="https://example.org/a?x=1&amp;y=2"' in message.text

    long_quote = "Exporters said " + "quotas and tariffs, " * 150 + "they added."
    await bot.adapter.deliver(str(USER), _digest(10, quote=long_quote))
    calls = await bot.tg.wait_sent(USER, count=3)
    assert all(utf16_len(c.text) <= 4096 for c in calls)
    accepted_everything(bot.tg)


async def test_every_send_goes_through_the_flood_limiter(start_bot: StartBot) -> None:
    """python-telegram-bot's AIORateLimiter sits under every Bot API call (digest fan-out included)
    at Telegram's limits; it reads PTB's limiter settings, as no send may be timed in a test."""
    from telegram.ext import AIORateLimiter

    bot = await start_bot()
    limiter = bot.adapter.application.bot.rate_limiter
    assert isinstance(limiter, AIORateLimiter)
    assert (limiter._base_limiter.max_rate, limiter._base_limiter.time_period) == (30, 1)  # overall, per second
    assert (limiter._group_max_rate, limiter._group_time_period) == (20, 60)  # per group, per minute
    assert limiter._max_retries == 0  # flood-control answers are retried by Sender alone
    group = -100777
    await bot.adapter.deliver(str(group), _digest(1))
    [message] = await bot.tg.wait_sent(group)
    assert shown(message).startswith("Trade briefing")


async def test_deliver_reports_blocked_and_missing_chats_as_permanent(
    start_bot: StartBot, tg: FakeTelegram
) -> None:
    flood = FloodWaits(tg)
    bot = await start_bot(sleep=flood.sleep)
    bot.tg.block(9001)
    with pytest.raises(DeliveryFailed) as blocked:
        await bot.adapter.deliver("9001", _digest(1))
    assert blocked.value.permanent and "blocked" in str(blocked.value)

    bot.tg.forget_chat(9002)
    with pytest.raises(DeliveryFailed) as missing:
        await bot.adapter.deliver("9002", _digest(1))
    assert missing.value.permanent and "chat not found" in str(missing.value).lower()

    bot.tg.fail("sendMessage", chat_id=9003, status=500, times=-1)
    with pytest.raises(DeliveryFailed) as down:
        await bot.adapter.deliver("9003", _digest(1))
    assert not down.value.permanent
    assert len([c for c in bot.tg.rejected if c.chat_id == 9003]) == 3  # retried, within bounds

    flood.waits.clear()
    bot.tg.fail("sendMessage", chat_id=9004, status=429, retry_after=1)
    await bot.adapter.deliver("9004", _digest(1))
    assert bot.tg.sent(9004)
    assert [(seconds >= 1.0, sent_by_then) for seconds, _refused, sent_by_then in flood.waits] == [(True, 0)]


async def test_subscribe_digest_and_unsubscribe_commands(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.say("/subscribe 07:30 Europe/Berlin Pakistan")
    [subscribed] = await bot.tg.wait_sent(USER)
    assert "07:30 Europe/Berlin" in shown(subscribed) and "countries: Pakistan" in shown(subscribed)
    await bot.say("/digest")
    digest = (await bot.tg.wait_sent(USER, count=2, timeout=10))[1]
    assert "Pakistan" in shown(digest) and SEED_SECTORS_QUOTE in shown(digest)
    await bot.say("/unsubscribe")
    replies = await bot.tg.wait_sent(USER, count=3)
    assert "Unsubscribed" in shown(replies[2])
    await bot.say("/subscribe 25:99")
    replies = await bot.tg.wait_sent(USER, count=4)
    assert "\n" not in shown(replies[3])
    accepted_everything(bot.tg)


async def test_the_bot_identity_comes_from_get_me(start_bot: StartBot) -> None:
    bot = await start_bot()
    assert bot.adapter.application.bot.id == BOT_ID
    assert bot.adapter.application.bot.username == BOT_USERNAME



async def test_the_runner_builds_and_runs_the_adapter_from_settings(
    tmp_path: Path, tg: FakeTelegram, seeded_store: Path, stores: Stores
) -> None:
    from adapters.compose import chat_adapters
    from adapters.runner import Runner

    settings = stores.settings(tmp_path / "store.json", telegram_token=TOKEN, telegram_base_url=tg.base_url,
                             load_samples=False)
    stores.seed(settings.db, seeded_store)
    service = Tradebrief(settings, open_store(settings.store_location))
    [adapter] = chat_adapters(settings, service)
    assert isinstance(adapter, TelegramAdapter) and adapter.routes() == []  # polling: no HTTP routes
    runner = Runner(settings, service, [adapter])
    await runner.start()
    try:
        await tg.push_update(make_message_update("which sectors were agreed?"))
        [reply] = await tg.wait_sent(USER, timeout=15)
        assert SEED_SECTORS_QUOTE in shown(reply)
    finally:
        await runner.stop()
    assert not adapter.running
    with pytest.raises(DeliveryFailed):
        await adapter.deliver(str(USER), _digest(1))


async def test_a_refused_token_is_one_config_line(tmp_path: Path, tg: FakeTelegram, stores: Stores) -> None:
    from bot.errors import ConfigError

    settings = stores.settings(tmp_path / "store.json", telegram_token="999:not-the-fakes-token",
                             telegram_base_url=tg.base_url, load_samples=False)
    store = open_store(settings.store_location)
    service = Tradebrief(settings, store)
    adapter = TelegramAdapter(service, settings, request_timeout=5)
    try:
        with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN: Telegram refused this token") as refused:
            await adapter.start()
        assert "not-the-fakes-token" not in str(refused.value)
    finally:
        await adapter.stop()
        await service.aclose()
        store.close()
