"""The Slack adapter end to end: real Bolt verification, our HTTP server, a local fake Slack.

Each test starts the adapter in HTTP mode through the runner (the same shared aiohttp server that
serves `/healthz`), posts requests signed with the signing secret to `/slack/events`, and reads what
the bot sent to the fake Slack Web API and response URLs (`tests/fakes/slack_api.py`). Answers come
from the real core over a store holding the seed article. The property tests at the end check the
Block Kit renderer on its own.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from adapters.runner import Runner
from adapters.slack import SlackAdapter, render
from adapters.slack.adapter import ACK_TEXT, APOLOGY
from bot.answers import Answerer
from bot.errors import DeliveryFailed
from bot.models import Answer, Citation, Digest, DigestItem, Filters
from bot.retrieval import Retriever
from bot.storage_port import open_store
from bot.service import DENIED_MESSAGE, Tradebrief
from bot.store import Store
from tests.conftest import SEED_SECTORS, SEED_SECTORS_QUOTE, SEED_TITLE
from tests.fakes.web import local_site, page
from tests.fakes.slack_api import (
    APP_TOKEN,
    BOT_TOKEN,
    SIGNING_SECRET,
    Call,
    FakeSlack,
    app_mention,
    block_problems,
    direct_message,
    sign,
    slash_command,
    slash_command_fields,
    text_objects,
)
from tests.stores import Stores

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# An article written for these tests: Slack's three control characters, a channel ping and a URL
# with a query string, all of which must reach Slack escaped.
HOSTILE_ARTICLE = """Steel <quota> & "safeguard" talks go > expected
Source: Ledger & <Partners>
URL: https://news.example.org/steel?id=7&lang=en
date 2025-05-02

Negotiators in Ankara said the quota for hot-rolled coil <HRC> & rebar would rise by more than 10% \
> last year under the steel safeguard review.

<!channel> The steel safeguard review in Ankara ends in June, negotiators said.
"""


def _free_port() -> int:
    """A port for our own HTTP server (the runner takes a fixed TRADEBRIEF_HTTP_PORT)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def all_text(blocks: Any) -> str:
    return "\n".join(obj["text"] for obj in text_objects(blocks))


class BrokenAnswerer:
    """An answerer whose index has gone: every question fails after the ack."""

    async def answer(self, question: str, filters: Filters, *, conversation: str | None = None) -> Answer:
        raise RuntimeError("retrieval index unavailable")


@dataclass
class Bot:
    """A running adapter behind the runner's HTTP server, and the fake Slack it talks to."""

    base: str
    fake: FakeSlack
    adapter: SlackAdapter
    service: Tradebrief
    http: aiohttp.ClientSession

    async def post(
        self, body: str, content_type: str, *, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        """POST to /slack/events, signed unless `headers` says otherwise; status and body."""
        async with self.http.post(
            f"{self.base}/slack/events",
            data=body.encode(),
            headers={"Content-Type": content_type, **(headers if headers is not None else sign(body))},
        ) as response:
            return response.status, await response.text()

    async def command(self, text: str, **fields: Any) -> tuple[int, dict[str, Any] | str, str]:
        """Run a slash command; returns status, parsed ack body and the response URL."""
        response_url = fields.pop("response_url", None) or self.fake.response_url()
        status, body = await self.post(slash_command(text, response_url=response_url, **fields), FORM)
        parsed: dict[str, Any] | str = json.loads(body) if body.startswith("{") else body
        return status, parsed, response_url

    async def reply_to(self, response_url: str, count: int = 1) -> Call:
        path = response_url.removeprefix(self.fake.url)
        calls = await self.fake.wait_for("response", count=count, where=lambda c: c.path == path)
        return calls[-1]


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = await FakeSlack().start()
    yield slack
    await slack.close()


StartBot = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def start_bot(tmp_path: Path, fake: FakeSlack, seeded_store: Path, stores: Stores) -> AsyncIterator[StartBot]:
    """Start the adapter (HTTP mode) through the runner; settings overrides by field name."""
    running: list[tuple[Runner, aiohttp.ClientSession]] = []

    async def start(
        *, articles: Sequence[Path] = (), answerer: Callable[[Store], Any] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None, **overrides: Any,
    ) -> Bot:
        port = _free_port()
        options: dict[str, Any] = {
            "db": tmp_path / f"store{len(running)}.json",
            "load_samples": False,
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_base_url": fake.api_url,
            "http_host": "127.0.0.1",
            "http_port": port,
            **overrides,
        }
        settings = stores.settings(options.pop("db"), **options)
        stores.seed(settings.db, seeded_store)
        store = open_store(settings.store_location)
        service = Tradebrief(settings, store, **({"answerer": answerer(store)} if answerer else {}))
        if articles:
            report = await service.ingestor().ingest([str(a) for a in articles])
            assert not report.failed, report
        service.retriever.refresh()
        adapter = SlackAdapter(service, settings, **({"sleep": sleep} if sleep is not None else {}))
        runner = Runner(settings, service, [adapter])
        await runner.start()
        http = aiohttp.ClientSession()
        running.append((runner, http))
        return Bot(f"http://127.0.0.1:{port}", fake, adapter, service, http)

    yield start
    for runner, http in reversed(running):
        await http.close()
        await runner.stop()


@pytest.fixture
async def bot(start_bot: StartBot) -> Bot:
    return await start_bot()


@pytest.fixture
def hostile_article(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return path


# ---- request verification and the shared server ------------------------------------------------
async def test_bad_signature_and_stale_timestamp_are_rejected(bot: Bot) -> None:
    body = slash_command("which sectors were agreed?", response_url=bot.fake.response_url())
    forged = sign(body, secret="not-the-signing-secret")
    stale = sign(body, timestamp=int(time.time()) - 6 * 60)
    unsigned: dict[str, str] = {}
    for headers in (forged, stale, unsigned):
        status, _ = await bot.post(body, FORM, headers=headers)
        assert status == 401
    status, _ = await bot.post(body, FORM)  # the same body, correctly signed, gets through
    assert status == 200
    await bot.fake.wait_for("response")
    assert len(bot.fake.calls_to("response")) == 1


async def test_url_verification_challenge_is_answered(bot: Bot) -> None:
    body = json.dumps({"token": "legacy", "challenge": "c0ffee-42", "type": "url_verification"})
    status, text = await bot.post(body, JSON)
    assert status == 200 and json.loads(text) == {"challenge": "c0ffee-42"}


async def test_malformed_request_is_refused_with_a_log_line(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="adapters.slack"):
        status, _ = await bot.post('{"type": "event_callback", "event": ', JSON)
    assert status == 400
    assert any("malformed" in r.getMessage() for r in caplog.records)


async def test_healthz_answers_on_the_shared_server(bot: Bot) -> None:
    async with bot.http.get(f"{bot.base}/healthz") as response:
        assert response.status == 200
        assert (await response.json()) == {"ok": True}  # liveness only: nothing about the store


async def test_start_checks_the_token_and_logs_one_line_when_refused(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="adapters.slack"):
        bot = await start_bot(slack_bot_token="xoxb-9999-revoked-token")
    assert bot.fake.calls_to("auth.test")[0].answer == {"ok": False, "error": "invalid_auth"}
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("adapters.slack")]
    assert len(lines) == 1 and "invalid_auth" in lines[0] and "SLACK_BOT_TOKEN" in lines[0]
    assert "xoxb-9999" not in lines[0]


# ---- slash command ------------------------------------------------------------------------------
async def test_slash_command_is_acked_at_once_then_answered_with_citations(bot: Bot) -> None:
    status, ack, response_url = await bot.command("which sectors were agreed?")
    assert status == 200 and isinstance(ack, dict) and ack["text"] == ACK_TEXT  # the ack is not the answer

    reply = await bot.reply_to(response_url)
    assert reply.body["response_type"] == "ephemeral" and reply.body["replace_original"] is True
    text = all_text(reply.body["blocks"])
    for sector in SEED_SECTORS:
        assert sector in text.lower()
    assert SEED_SECTORS_QUOTE in text  # the citation quotes the stored sentence verbatim
    assert SEED_TITLE.replace("&", "&amp;") in text  # title, escaped
    assert "2025-04-10" in text
    assert "[1]" in reply.body["text"]  # the plain fallback carries the answer too
    assert not block_problems(reply.body["blocks"])


async def test_slash_command_ack_does_not_wait_for_a_slow_answer(start_bot: StartBot, tmp_path: Path) -> None:
    class HeldAnswerer:
        """The real answerer, held until the test lets it go, as a slow LLM would hold it."""

        def __init__(self, store: Store) -> None:
            self.real = Answerer(Retriever(store, index_dir=tmp_path / "slow.index"))
            self.asked = asyncio.Event()
            self.release = asyncio.Event()

        async def answer(self, question: str, filters: Filters, *, conversation: str | None = None) -> Answer:
            self.asked.set()
            await self.release.wait()
            return await self.real.answer(question, filters)

    held: list[HeldAnswerer] = []

    def make(store: Store) -> HeldAnswerer:
        held.append(HeldAnswerer(store))
        return held[-1]

    bot = await start_bot(answerer=make)
    # The ack must come back while the answer is still held; an ack that waited would never come
    # (the bound only turns that hang into a failure).
    status, ack, response_url = await asyncio.wait_for(bot.command("which sectors were agreed?"), timeout=30)
    assert status == 200 and isinstance(ack, dict) and ack["text"] == ACK_TEXT
    [answerer] = held
    await asyncio.wait_for(answerer.asked.wait(), timeout=30)
    assert not bot.fake.calls_to("response")  # nothing answered yet: the answer is still held
    answerer.release.set()
    reply = await bot.reply_to(response_url)
    assert "manned dumpers" in all_text(reply.body["blocks"])


async def test_share_posts_in_channel(bot: Bot) -> None:
    status, ack, response_url = await bot.command("share which sectors were agreed?")
    assert status == 200 and ack == ""  # a silent ack: the answer itself appears in the channel
    reply = await bot.reply_to(response_url)
    assert reply.body["response_type"] == "in_channel"
    assert reply.body["replace_original"] is False
    text = all_text(reply.body["blocks"])
    assert "asked by <@U0ASKER>" in text and "manned dumpers" in text


async def test_share_by_default_setting_and_private_keyword(start_bot: StartBot) -> None:
    bot = await start_bot(slack_share_by_default=True)
    _, _, shared_url = await bot.command("which sectors were agreed?")
    _, _, private_url = await bot.command("private which sectors were agreed?")
    assert (await bot.reply_to(shared_url)).body["response_type"] == "in_channel"
    assert (await bot.reply_to(private_url)).body["response_type"] == "ephemeral"


async def test_help_sources_and_empty_input(bot: Bot) -> None:
    _, help_ack, _ = await bot.command("help")
    assert isinstance(help_ack, dict)
    assert "/trade sources" in all_text(help_ack["blocks"]) and "I know 1 article (" in all_text(
        help_ack["blocks"]
    )

    _, sources_ack, _ = await bot.command("sources")
    assert isinstance(sources_ack, dict)
    assert "Trade &amp; Industry Agenda" in all_text(sources_ack["blocks"])

    _, empty_ack, _ = await bot.command("   ")
    assert isinstance(empty_ack, dict) and "Type a question after /trade" in empty_ack["text"]
    assert not bot.fake.calls_to("response")  # all three answered in the ack itself


async def test_overlong_question_gets_a_one_line_hint(bot: Bot) -> None:
    _, _, response_url = await bot.command("tariffs " * 100)
    reply = await bot.reply_to(response_url)
    assert len(reply.body["blocks"]) == 1
    assert "please keep it under 500" in reply.body["text"]


async def test_rate_limit_is_one_polite_line(start_bot: StartBot) -> None:
    bot = await start_bot(rate_limit_per_minute=1)
    _, _, first = await bot.command("which sectors were agreed?")
    _, _, second = await bot.command("which sectors were agreed?")
    assert "manned dumpers" in all_text((await bot.reply_to(first)).body["blocks"])
    assert "faster than 1 question a minute" in (await bot.reply_to(second)).body["text"]


async def test_disallowed_channel_gets_the_polite_line(start_bot: StartBot) -> None:
    bot = await start_bot(slack_allowed_channels="C0ALLOWED")
    _, ack, _ = await bot.command("which sectors were agreed?", channel="C0ELSEWHERE")
    assert isinstance(ack, dict) and ack["text"] == DENIED_MESSAGE

    status, _ = await bot.post(app_mention("which sectors were agreed?", channel="C0ELSEWHERE"), JSON)
    assert status == 200
    [ephemeral] = await bot.fake.wait_for("chat.postEphemeral")
    assert ephemeral.body["text"] == DENIED_MESSAGE and ephemeral.body["user"] == "U0ASKER"

    # The listed channel is answered, and nothing was ever posted where the bot is not allowed.
    _, _, response_url = await bot.command("which sectors were agreed?", channel="C0ALLOWED")
    assert "manned dumpers" in all_text((await bot.reply_to(response_url)).body["blocks"])
    assert not bot.fake.calls_to("chat.postMessage")


async def test_disallowed_workspace_gets_the_polite_line(start_bot: StartBot) -> None:
    bot = await start_bot(slack_allowed_teams="T0OTHER")
    _, ack, _ = await bot.command("help")
    assert isinstance(ack, dict) and ack["text"] == DENIED_MESSAGE


async def test_failure_after_the_ack_becomes_an_apology_and_a_log_line(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await start_bot(answerer=lambda _store: BrokenAnswerer())
    with caplog.at_level(logging.ERROR, logger="bot.commands"):
        _, ack, response_url = await bot.command("which sectors were agreed?")
        reply = await bot.reply_to(response_url)
    assert isinstance(ack, dict) and ack["text"] == ACK_TEXT
    assert reply.body["text"] == APOLOGY and reply.body["replace_original"] is True
    assert "RuntimeError" not in json.dumps(reply.body)  # no traceback in the chat
    assert any("ask command from slack user" in r.getMessage() and r.getMessage().endswith("RuntimeError")
               for r in caplog.records)


GRAIN_PAGE = """<html><head><title>Lake ports agree a grain corridor</title></head><body><article>
<h1>Lake ports agree a grain corridor</h1>
<p>Three lake ports agreed on Friday to run a shared grain corridor for barley and sorghum shipments.</p>
<p>Port fees for grain barges fall by 12% from June under the corridor agreement, the harbour board said.</p>
</article></body></html>"""


async def test_add_article_and_facts_through_the_slash_command(start_bot: StartBot) -> None:
    bot = await start_bot(slack_admin_ids="U0ADMIN", allow_private_urls=True)
    article = bot.service.store.articles()[0]

    _, shown, _ = await bot.command(f"article {article.id[:8]}")
    assert isinstance(shown, dict) and "1. " in all_text(shown["blocks"])
    assert "Trade &amp; Industry Agenda" in all_text(shown["blocks"])
    _, facts, _ = await bot.command(f"facts {article.id[:8]}")
    assert isinstance(facts, dict) and "*party*: Pakistan" in all_text(facts["blocks"])

    async with local_site({"/grain.html": page(GRAIN_PAGE)}) as base:
        _, ack, url = await bot.command(f"add {base}/grain.html")  # not an administrator
        assert isinstance(ack, dict) and ack["text"] == "Adding that address…"
        refusal = await bot.reply_to(url)
        assert refusal.body["text"] == "Only administrators can add articles."
        _, _, url = await bot.command(f"add {base}/grain.html", user="U0ADMIN")
        added = await bot.reply_to(url)
    assert "Stored *Lake ports agree a grain corridor*" in all_text(added.body["blocks"])
    assert len(bot.service.store) == 2


# ---- mentions and direct messages -------------------------------------------------------------
async def test_mention_is_answered_in_its_thread(bot: Bot) -> None:
    await bot.post(app_mention("which sectors were agreed?", ts="1712750000.000200"), JSON)
    await bot.post(
        app_mention("which sectors were agreed?", ts="1712750099.000900", thread_ts="1712740000.000100"), JSON
    )
    first, second = await bot.fake.wait_for("chat.postMessage", count=2)
    by_thread = {c.body["thread_ts"]: c for c in (first, second)}
    assert set(by_thread) == {"1712750000.000200", "1712740000.000100"}  # own ts, or the parent's
    for call in by_thread.values():
        assert call.body["channel"] == "C0GENERAL" and call.answer["ok"] is True
        assert SEED_SECTORS_QUOTE in all_text(call.body["blocks"])


async def test_direct_message_is_answered_and_bot_or_edited_messages_are_not(bot: Bot) -> None:
    await bot.post(direct_message("which sectors were agreed?", bot_id="B0OTHER"), JSON)
    await bot.post(direct_message("which sectors were agreed?", subtype="message_changed"), JSON)
    await bot.post(direct_message("which sectors were agreed?", event_id="Ev0DM1"), JSON)
    await bot.post(direct_message("which sectors were agreed?", event_id="Ev0DM1"), JSON)  # redelivery
    await bot.post(direct_message("help", event_id="Ev0DM2"), JSON)
    answer, help_reply = await bot.fake.wait_for("chat.postMessage", count=2)
    assert answer.body["channel"] == "D0DIRECT" and "thread_ts" not in answer.body
    assert "manned dumpers" in all_text(answer.body["blocks"])
    assert "/trade sources" in all_text(help_reply.body["blocks"])
    assert len(bot.fake.calls_to("chat.postMessage")) == 2


# ---- escaping and limits ----------------------------------------------------------------------
async def test_article_with_control_characters_renders_escaped(
    start_bot: StartBot, hostile_article: Path
) -> None:
    bot = await start_bot(articles=[hostile_article])
    _, _, response_url = await bot.command(
        "share what did negotiators say about the steel <quota> & rebar?"
    )
    reply = await bot.reply_to(response_url)
    assert reply.status == 200, reply.answer
    text = all_text(reply.body["blocks"]) + "\n" + reply.body["text"]
    assert "hot-rolled coil &lt;HRC&gt; &amp; rebar" in text and "10% &gt; last year" in text
    assert "<HRC>" not in text and "<!channel>" not in text and "&amp;lt;" not in text
    assert "*Q:* what did negotiators say about the steel &lt;quota&gt; &amp; rebar?" in text
    assert (
        "<https://news.example.org/steel?id=7&amp;lang=en|"
        'Steel &lt;quota&gt; &amp; "safeguard" talks go &gt; expected>'
    ) in text
    # Only our own markup is left once links and the asker's mention are taken out.
    rest = re.sub(r"<https://[^<>|\s]+\|[^<>]*>|<@U0ASKER>", "", text)
    assert "<" not in rest and ">" not in rest


async def test_long_answer_respects_the_text_limit(start_bot: StartBot, tmp_path: Path) -> None:
    goods = ", ".join(f"grade {i} tungsten filament wire" for i in range(1, 160))
    article = tmp_path / "long.txt"
    article.write_text(
        "Tungsten wire duties removed\nSource: Customs Bulletin\ndate 2025-03-01\n\n"
        "The customs union removed import duties on tungsten filament wire covering "
        f"{goods} with immediate effect.\n",
        encoding="utf-8",
    )
    bot = await start_bot(articles=[article])
    _, _, response_url = await bot.command("which tungsten filament wire duties were removed?")
    reply = await bot.reply_to(response_url)
    assert reply.status == 200, reply.answer  # the fake rejects anything Slack would reject
    texts = [obj["text"] for obj in text_objects(reply.body["blocks"])]
    assert max(len(t) for t in texts) <= render.TEXT_LIMIT
    assert any("The customs union removed import duties on tungsten filament wire" in t for t in texts)
    assert len(reply.body["blocks"]) <= render.MAX_BLOCKS


# ---- Slack's rate limits ----------------------------------------------------------------------
class RetryWaits:
    """The adapter's sleep: records each wait and the calls to `method` the fake had answered by then."""

    def __init__(self, fake: FakeSlack, method: str) -> None:
        self.fake, self.method = fake, method
        self.waits: list[tuple[float, list[int]]] = []

    async def sleep(self, seconds: float) -> None:
        self.waits.append((seconds, [c.status for c in self.fake.calls_to(self.method)]))
        await asyncio.sleep(0)


async def test_429_retry_after_is_honoured_for_web_api_calls(start_bot: StartBot, fake: FakeSlack) -> None:
    waits = RetryWaits(fake, "chat.postMessage")
    bot = await start_bot(sleep=waits.sleep)
    bot.fake.rate_limit("chat.postMessage", retry_after=2)
    await bot.post(app_mention("which sectors were agreed?"), JSON)
    refused, delivered = await bot.fake.wait_for("chat.postMessage", count=2, timeout=8)
    assert refused.status == 429 and delivered.status == 200 and delivered.answer["ok"] is True
    # One wait, as long as Retry-After said, between the refusal and the second try.
    assert [(2.0 <= seconds < 3.0, statuses) for seconds, statuses in waits.waits] == [(True, [429])]
    assert delivered.body["blocks"] == refused.body["blocks"]  # the same message, not lost


async def test_429_retry_after_is_honoured_for_response_urls(start_bot: StartBot, fake: FakeSlack) -> None:
    waits = RetryWaits(fake, "response")
    bot = await start_bot(sleep=waits.sleep)
    bot.fake.rate_limit("response", retry_after=2)
    _, _, response_url = await bot.command("which sectors were agreed?")
    await bot.reply_to(response_url, count=2)
    refused, delivered = bot.fake.calls_to("response")
    assert refused.status == 429 and delivered.status == 200
    assert [(2.0 <= seconds < 3.0, statuses) for seconds, statuses in waits.waits] == [(True, [429])]


# ---- Socket Mode ------------------------------------------------------------------------------
async def test_socket_mode_acks_over_the_websocket_and_answers(
    tmp_path: Path, fake: FakeSlack, seed_path: Path, stores: Stores
) -> None:
    settings = stores.settings(
        tmp_path / "store.json",
        load_samples=False,
        slack_bot_token=BOT_TOKEN,
        slack_app_token=APP_TOKEN,
        slack_base_url=fake.api_url,
    )
    assert settings.slack_mode == "socket"
    service = Tradebrief(settings, open_store(settings.store_location))
    await service.ingestor().ingest([str(seed_path)])
    service.retriever.refresh()
    adapter = SlackAdapter(service, settings)
    assert adapter.routes() == []
    runner = Runner(settings, service, [adapter])
    await runner.start()
    try:
        await fake.wait_for("socket.connect")
        response_url = fake.response_url()
        fields = slash_command_fields("which sectors were agreed?", response_url=response_url)
        envelope = await fake.send_envelope("slash_commands", fields)
        [ack] = await fake.wait_for("socket.ack")
        assert ack.body["envelope_id"] == envelope and ack.body["payload"]["text"] == ACK_TEXT
        [reply] = await fake.wait_for("response")
        assert SEED_SECTORS_QUOTE in all_text(reply.body["blocks"])
    finally:
        await runner.stop()


# ---- digests ----------------------------------------------------------------------------------
def _digest(items: int = 2, more: int = 0) -> Digest:
    cite = Citation(
        n=1,
        sentence_id="a1:3",
        article_id="a1",
        quote="Both sides named bus <and> truck production & agriculture.",
        title="Pakistan & Belarus",
        source="UrduPoint",
        url="https://example.org/pk-by?x=1&y=2",
        published="2025-04-10",
    )
    item = DigestItem(
        headline="Pakistan & Belarus <deepen> ties",
        article_id="a1",
        url="https://example.org/pk-by?x=1&y=2",
        source="UrduPoint",
        published="2025-04-10",
        key_facts="Parties: Pakistan, Belarus [1]; Sectors: bus production [1]",
        summary="Both sides named bus <and> truck production & agriculture [1].",
        citations=(cite,),
        also_reported_by=("Daily Ledger",),
    )
    return Digest(
        subscription_id="slack:C0DIGEST",
        title="Trade briefing for Thursday 10 April 2025",
        since="2025-04-09T08:00:00+00:00",
        items=(item,) * items,
        more=more,
    )


async def test_deliver_posts_the_digest_blocks(bot: Bot) -> None:
    await bot.adapter.deliver("C0DIGEST", _digest(items=2, more=3))
    [call] = bot.fake.calls_to("chat.postMessage")
    assert call.answer["ok"] is True and call.body["channel"] == "C0DIGEST"
    blocks = call.body["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Trade briefing for Thursday 10 April 2025", "emoji": False},
    }
    text = all_text(blocks)
    assert "*<https://example.org/pk-by?x=1&amp;y=2|Pakistan &amp; Belarus &lt;deepen&gt; ties>*" in text
    assert "Parties: Pakistan, Belarus [1]" in text and "Also reported by Daily Ledger" in text
    assert "“Both sides named bus &lt;and&gt; truck production &amp; agriculture.”" in text
    assert "and 3 more stories" in text
    assert "Trade briefing" in call.body["text"]


@pytest.mark.parametrize("error", ["channel_not_found", "is_archived", "not_in_channel", "account_inactive"])
async def test_deliver_to_a_gone_channel_is_a_permanent_failure(bot: Bot, error: str) -> None:
    bot.fake.fail_channel("C0GONE", error)
    with pytest.raises(DeliveryFailed) as failure:
        await bot.adapter.deliver("C0GONE", _digest())
    assert failure.value.permanent is True and error in str(failure.value)


async def test_deliver_with_a_revoked_token_is_permanent(start_bot: StartBot) -> None:
    bot = await start_bot(slack_bot_token="xoxb-0000-revoked")
    with pytest.raises(DeliveryFailed) as failure:
        await bot.adapter.deliver("C0DIGEST", _digest())
    assert failure.value.permanent is True and "invalid_auth" in str(failure.value)


async def test_deliver_transient_errors_retry_then_fail_softly(bot: Bot) -> None:
    bot.fake.server_error("chat.postMessage", times=1)
    await bot.adapter.deliver("C0DIGEST", _digest())  # one 500, retried, delivered
    assert [c.status for c in bot.fake.calls_to("chat.postMessage")] == [500, 200]

    bot.fake.fail_channel("C0BUSY", "internal_error")
    with pytest.raises(DeliveryFailed) as failure:
        await bot.adapter.deliver("C0BUSY", _digest())
    assert failure.value.permanent is False


async def test_subscribe_digest_and_unsubscribe_commands(bot: Bot) -> None:
    _, ack, _ = await bot.command("subscribe 07:30 Europe/Berlin", channel="C0DIGEST")
    assert isinstance(ack, dict) and "daily at 07:30 Europe/Berlin" in ack["text"]

    _, ack, response_url = await bot.command("digest", channel="C0DIGEST")
    reply = await bot.reply_to(response_url)
    assert reply.status == 200 and reply.body["blocks"][0]["type"] == "header"
    # The core's digest covers up to the second it is built in, so the seed (ingested within that
    # second) may or may not be in it; either way the message is a valid digest for this channel.
    assert reply.body["text"].startswith("Trade briefing for")

    _, ack, _ = await bot.command("unsubscribe", channel="C0DIGEST")
    assert isinstance(ack, dict) and ack["text"].startswith("Unsubscribed")
    _, ack, _ = await bot.command("unsubscribe", channel="C0DIGEST")
    assert isinstance(ack, dict) and "no digest subscription" in ack["text"]


async def test_subscribe_with_a_bad_spec_gets_the_usage_line(bot: Bot) -> None:
    _, ack, _ = await bot.command("subscribe 07:30 Mars/Olympus_Mons")
    assert isinstance(ack, dict) and "Mars/Olympus" in ack["text"] and "Subscribed" not in ack["text"]


# ---- the renderer on its own ------------------------------------------------------------------
def test_manifest_matches_the_adapter() -> None:
    manifest = json.loads((Path(render.__file__).parent / "manifest.json").read_text(encoding="utf-8"))
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/trade"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "app_mentions:read", "im:history", "im:read", "im:write"} <= scopes
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert manifest["settings"]["socket_mode_enabled"] is True


def test_the_http_mode_manifest_differs_only_in_its_request_urls() -> None:
    folder = Path(render.__file__).parent
    socket_mode = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    http = json.loads((folder / "manifest.http.json").read_text(encoding="utf-8"))
    placeholder = "https://YOUR-HOST.example/slack/events"
    assert http["features"]["slash_commands"][0].pop("url") == placeholder
    assert http["settings"]["event_subscriptions"].pop("request_url") == placeholder
    assert http["settings"]["interactivity"].pop("request_url") == placeholder
    assert http["settings"].pop("socket_mode_enabled") is False
    socket_mode["settings"].pop("socket_mode_enabled")
    assert http == socket_mode


def test_bolt_does_not_warn_about_the_token_it_reads_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, stores: Stores
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)  # as a deployment's .env or environment has it
    settings = stores.settings(tmp_path / "s.json", slack_bot_token=BOT_TOKEN,
                             slack_signing_secret=SIGNING_SECRET)
    with caplog.at_level(logging.INFO):
        adapter = SlackAdapter(Tradebrief(settings, open_store(settings.store_location)), settings)
        adapter.app.logger.warning("another Bolt warning")
    messages = [r.getMessage() for r in caplog.records]
    assert "another Bolt warning" in messages and not [m for m in messages if "will be unused" in m]
    adapter.service.store.close()


def test_a_long_answer_is_split_between_words_without_losing_text() -> None:
    words = [f"clause{i} & <annex>" for i in range(900)]  # about 20,000 characters once escaped
    answer = Answer(question="q", text=" ".join(words), citations=(), mode="extractive", abstained=False)
    message = render.answer_message(answer)
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert len(sections) > 5 and all(len(s) <= render.TEXT_LIMIT for s in sections)
    assert " ".join(sections) == render.escape(answer.text)
    assert not block_problems(message["blocks"])


def test_incoming_slack_markup_becomes_plain_words() -> None:
    typed = (
        "<@U0BOT> tariffs on <https://ex.org/a?b=1|ex.org> &amp; steel &lt;HRC&gt; in <#C0GEN|gen> <!here>"
    )
    assert render.plain_from_slack(typed, bot_user_id="U0BOT") == "tariffs on ex.org & steel <HRC> in #gen"


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=4000)
_url = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.builds(lambda s: "https://example.org/" + s, st.text(max_size=200)),
)


def _assert_safe(blocks: list[dict[str, Any]], fallback: str) -> None:
    assert len(blocks) <= render.MAX_BLOCKS and not block_problems(blocks)
    for text in [obj["text"] for obj in text_objects(blocks) if obj["type"] == "mrkdwn"] + [fallback]:
        assert len(text) <= render.TEXT_LIMIT
        # Our markup: links to web addresses and the asker's mention. Nothing else may open or close one.
        rest = re.sub(r"<https?://[^<>|\s]+\|[^<>]*>|<@U0ASKER>", "", text)
        assert "<" not in rest and ">" not in rest
        assert re.fullmatch(r"([^&]|&amp;|&lt;|&gt;)*", rest, re.DOTALL)


@given(
    question=_text,
    answer_text=_text,
    quotes=st.lists(st.tuples(_text, st.text(max_size=400), st.text(max_size=200), _url), max_size=6),
    note=st.text(max_size=300),
)
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_article_text_renders_to_safe_mrkdwn_within_limits(
    question: str, answer_text: str, quotes: list[tuple[str, str, str, str | None]], note: str
) -> None:
    citations = tuple(
        Citation(
            n=i + 1,
            sentence_id=f"a:{i}",
            article_id="a",
            quote=quote,
            title=title,
            source=source,
            url=url,
            published="2025-04-10",
        )
        for i, (quote, title, source, url) in enumerate(quotes)
    )
    answer = Answer(
        question=question,
        text=answer_text,
        citations=citations,
        mode="extractive",
        abstained=False,
        note=note,
    )
    message = render.answer_message(answer, asked_by="U0ASKER")
    _assert_safe(message["blocks"], message["text"])
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    if answer_text.strip():  # split between words, nothing lost (whitespace aside)
        assert "".join("".join(sections).split()) == "".join(render.escape(answer_text).split())


@given(headline=_text, summary=_text, quote=_text, url=_url, items=st.integers(0, 12))
@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_digest_renders_to_safe_mrkdwn_within_limits(
    headline: str, summary: str, quote: str, url: str | None, items: int
) -> None:
    cite = Citation(1, "a:1", "a", quote, headline, "Src <x>", url, None)
    item = DigestItem(headline, "a", url, "Src", None, summary, summary, (cite,) * 3, ("A & B",))
    digest = Digest("slack:C1", headline or "Digest", "2025-04-10T08:00:00", (item,) * items, more=items)
    message = render.digest_message(digest)
    _assert_safe(message["blocks"], message["text"])
